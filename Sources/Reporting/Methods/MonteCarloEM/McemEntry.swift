/// An MC-EM series' entry in `summary.json` (docs/output.md): its length, whether it has ground truth, and per
/// approach the metrics, the flagged points (by index), the training's final loss and effort.
public struct McemEntry: SummaryEntry, Equatable {
    public var name: String
    public var length: Int
    public var labelled: Bool
    public var approaches: [String: Approach]

    public struct Approach: Codable, Sendable, Equatable {
        /// Range-based volume under the PR / ROC surface (TSB-AD "opt", 250 thresholds) and its window.
        public var vusPr: Double?
        public var vusRoc: Double?
        public var vusWindow: Int?
        public var rocAuc: Double?
        public var averagePrecision: Double?
        public var precision: Double?
        public var recall: Double?
        public var f1: Double?
        public var pointAdjustedF1: Double?
        public var bestF1: Double?
        public var eventRecall: Double?
        public var nominalMae: Double?
        public var nominalNll: Double?
        public var flagged: [Int]
        public var finalLoss: Double?
        public var epochs: Int
        public var seconds: Double?
        /// hmm only: the 2×2 transition matrix after each epoch, rows = from (normal, anomalous).
        public var transitions: [[[Double]]]?
    }

}
