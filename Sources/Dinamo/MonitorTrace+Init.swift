/// A public memberwise initialiser (runs = the number of scores), so that another monitor of the DINAMO family (DINAMO-ML, module `DinamoML`)
/// hands its pass over in the same shape and everything downstream reads it unchanged.
extension MonitorTrace {
    public init(bins: Int, chi2: [Double], score: [Double], flagged: [Bool], empty: [Bool],
                updated: [Bool], warmUp: [Bool], integral: [Double], pulls: [Double], referenceMu: [Double],
                referenceSigma: [Double], finalMu: [Double], finalSigma: [Double], threshold: Double,
                alpha: Double) {
        self.runs = score.count
        self.bins = bins
        self.chi2 = chi2
        self.score = score
        self.flagged = flagged
        self.empty = empty
        self.updated = updated
        self.warmUp = warmUp
        self.integral = integral
        self.pulls = pulls
        self.referenceMu = referenceMu
        self.referenceSigma = referenceSigma
        self.finalMu = finalMu
        self.finalSigma = finalSigma
        self.threshold = threshold
        self.alpha = alpha
    }
}
