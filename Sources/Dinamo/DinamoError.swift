/// Everything that can go wrong in DINAMO-S, as values with a message for the user. No traps on bad input.
public enum DinamoError: Error, Sendable, Equatable, CustomStringConvertible {
    case alphaOutOfRange(Double)
    case invalidInitCounts(Double)
    case noBins
    case noRuns
    case countsShape(expected: Int, got: Int)
    case invalidCount(run: Int, bin: Int, value: Double)
    case labelsLength(expected: Int, got: Int)
    case invalidLabel(run: Int, value: Int)
    case runIDsLength(expected: Int, got: Int)
    case binEdgesLength(expected: Int, got: Int)
    case historicalOutOfRange(Int, runs: Int)
    case negativeDebias(Int)
    case invalidToyParameters(String)

    public var description: String {
        switch self {
        case .alphaOutOfRange(let a):
            return "alpha must lie strictly between 0 and 1 (the weight of the past), got \(a)"
        case .invalidInitCounts(let k):
            return "init counts must be a positive finite number of pseudo-events per bin, got \(k)"
        case .noBins:
            return "histograms need at least one bin"
        case .noRuns:
            return "no runs: a histogram file needs at least one run"
        case .countsShape(let e, let g):
            return "expected runs × bins = \(e) counts, got \(g)"
        case .invalidCount(let r, let b, let v):
            return "run \(r), bin \(b): count \(v) is not a non-negative finite number"
        case .labelsLength(let e, let g):
            return "expected \(e) labels (one per run), got \(g)"
        case .invalidLabel(let r, let v):
            return "run \(r): label \(v) is neither 0 (good) nor 1 (bad)"
        case .runIDsLength(let e, let g):
            return "expected \(e) run identifiers, got \(g)"
        case .binEdgesLength(let e, let g):
            return "expected \(e) bin edges (bins + 1), got \(g)"
        case .historicalOutOfRange(let n, let runs):
            return "historical run count must lie in 1...\(runs), got \(n)"
        case .negativeDebias(let n):
            return "debias resamples must be ≥ 0, got \(n)"
        case .invalidToyParameters(let why):
            return "invalid toy-generator parameters: \(why)"
        }
    }
}
