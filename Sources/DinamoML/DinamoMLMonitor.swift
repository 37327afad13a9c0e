import Core
import Dinamo

/// DINAMO-ML's monitor (ArseniiGav/DINAMO `DinamoML`): a transformer predicts the reference histogram μ and its
/// per-bin uncertainty σ_μ from the last good runs; every good run then retrains it on the last K good runs.
///
/// **Scoring run i** (histogram c, integral I, x = c/I): the context of the M good runs before i
/// (`GoodRunMemory`) gives μ and σ_μ (evaluation mode, no dropout); with σ_x = √(x/I − x²/I) per bin
/// (1/I in an empty bin, as published),
///
///     σ² = σ_x² + σ_μ²,   pull_b = (x_b − μ_b)/σ_b,   χ² = Σ_b pull_b²,   score = ln(χ²/ν), ν = bins.
///
/// **Learning from a good run**: it joins the memory; then training steps on the last K good runs, each the
/// target of its own context (Gaussian NLL of x under N(μ, σ_μ²), AdamW), until the loss has not fallen below
/// its best for `patience` steps in a row, or `maxSteps` steps. The loss compared is the step's loss before
/// its update, as published.
///
/// An empty run (I = 0) is scored with x = 0 and σ_x = 0 and never learned from.
public final class DinamoMLMonitor {
    public let settings: DinamoMLSettings
    public let network: Transformer
    private let optimizer: SharedAdamW
    private var memory: GoodRunMemory
    /// Training targets, K × bins.
    private let targets: UnsafeMutablePointer<Float>
    /// Steps taken by every `learn` so far.
    public private(set) var totalSteps = 0

    public init(settings: DinamoMLSettings) {
        self.settings = settings
        let layout = ParameterLayout(shape: settings.shape)
        var generator = SeededGenerator.stream(seed: settings.seed, 0)
        let parameters = initialParameters(layout, generator: &generator)
        // Weights from stream 0 of the seed, dropout masks from stream 1.
        var dropoutStream = SeededGenerator.stream(seed: settings.seed, 1)
        network = Transformer(layout: layout, parameters: parameters, maxSequences: settings.trainingRuns,
                              dropoutSeed: dropoutStream.next())
        optimizer = SharedAdamW(AdamW(count: layout.count, learningRate: settings.learningRate,
                                      weightDecay: settings.weightDecay))
        memory = GoodRunMemory(bins: settings.shape.bins, context: settings.shape.context,
                               trainingRuns: settings.trainingRuns)
        targets = .allocate(capacity: settings.trainingRuns * settings.shape.bins)
    }

    deinit { targets.deallocate() }

    /// Good runs learned from so far.
    public var goodRuns: Int { memory.count }

    /// Scores the run at `time` with `counts` against the prediction from the good runs before it.
    public func score<C: Collection>(counts: C, time: Int) -> MLRunScore where C.Element == Double {
        let bins = settings.shape.bins
        precondition(counts.count == bins, "run has \(counts.count) bins, the network \(bins)")
        predict(before: time)
        let mu = network.predictedMean(0), sigmaMu = network.predictedSpread(0)
        let integral = counts.reduce(0, +)
        var result = MLRunScore(chi2: 0, score: 0, pulls: [Double](repeating: 0, count: bins),
                                mean: (0..<bins).map { Double(mu[$0]) },
                                spread: (0..<bins).map { Double(sigmaMu[$0]) }, integral: integral,
                                empty: !(integral > 0))
        var chi2 = 0.0
        for (b, c) in counts.enumerated() {
            var x = 0.0, varianceX = 0.0
            if integral > 0 {
                x = c / integral
                varianceX = c == 0 ? 1 / (integral * integral) : max(x / integral - x * x / integral, 0)
            }
            let s = Double(sigmaMu[b])
            let pull = (x - Double(mu[b])) / (varianceX + s * s).squareRoot()
            result.pulls[b] = pull
            chi2 += pull * pull
        }
        result.chi2 = chi2
        result.score = DinamoMonitor.score(chi2: chi2, bins: bins)
        return result
    }

    /// μ and σ_μ for a run at `time` (evaluation mode), in the network's first output row.
    func predict(before time: Int) {
        memory.writeContext(before: time, x: network.histogramSlot(sequence: 0, position: 0), t: network.work.t)
        network.forward(sequences: 1, training: false)
    }

    /// The prediction for a run at `time`: μ and σ_μ.
    public func prediction(before time: Int) -> (mean: [Double], spread: [Double]) {
        predict(before: time)
        let bins = settings.shape.bins, mu = network.predictedMean(0), sigmaMu = network.predictedSpread(0)
        return ((0..<bins).map { Double(mu[$0]) }, (0..<bins).map { Double(sigmaMu[$0]) })
    }

    /// Adds a good run (`counts` at `time`, later than every run learned so far) and trains; returns the steps taken
    /// and the last step's loss, or nil for an empty run (not learned from).
    @discardableResult
    public func learn<C: Collection>(counts: C, time: Int) -> (steps: Int, loss: Float)? where C.Element == Double {
        guard remember(counts: counts, time: time) else { return nil }
        var best = Float.infinity, sinceBest = 0, steps = 0, last = Float.nan
        // The K contexts and targets are the same for every step of this learn: written once.
        let k = writeTrainingInputs()
        while steps < settings.maxSteps {
            last = step(sequences: k, inputsUnchanged: steps > 0)
            steps += 1
            if last < best { best = last; sinceBest = 0 } else { sinceBest += 1 }
            if sinceBest >= settings.patience { break }
        }
        totalSteps += steps
        return (steps, last)
    }

    /// Adds a non-empty run to the good-run memory, normalised to unity, without training; false for an empty run.
    func remember<C: Collection>(counts: C, time: Int) -> Bool where C.Element == Double {
        let integral = counts.reduce(0, +)
        guard integral > 0 else { return false }
        memory.append(counts.map { Float($0 / integral) }, time: time)
        return true
    }

    /// One step on the last K good runs (fewer at first), newest first as published: each run is the target of its
    /// own context. Returns the loss before the update.
    public func trainingStep() -> Float {
        step(sequences: writeTrainingInputs(), inputsUnchanged: false)
    }

    /// Writes the contexts and targets of the last K good runs (fewer at first) into the network's inputs; returns
    /// how many.
    private func writeTrainingInputs() -> Int {
        let k = min(settings.trainingRuns, memory.count), bins = settings.shape.bins
        precondition(k > 0)
        for q in 0..<k {
            let run = memory.runs[memory.count - 1 - q]
            memory.writeContext(before: run.time, x: network.histogramSlot(sequence: q, position: 0),
                                t: network.work.t + q * settings.shape.context)
            run.x.withUnsafeBufferPointer { (targets + q * bins).update(from: $0.baseAddress!, count: bins) }
        }
        return k
    }

    /// A training step on the `k` sequences written by `writeTrainingInputs`; `inputsUnchanged` when no other pass
    /// has run since the last step on them.
    private func step(sequences k: Int, inputsUnchanged: Bool) -> Float {
        network.forward(sequences: k, training: true, inputsUnchanged: inputsUnchanged)
        return network.lossBackwardAndStep(target: targets, optimizer: optimizer)
    }
}

/// One run's DINAMO-ML score: χ², ln(χ²/ν), pulls, the prediction μ and σ_μ it was scored against, its integral.
public struct MLRunScore: Sendable, Equatable {
    public var chi2: Double
    public var score: Double
    public var pulls: [Double]
    public var mean: [Double]
    public var spread: [Double]
    public var integral: Double
    public var empty: Bool
}
