import Foundation
import Inputs

/// A `--fail-on` condition (docs/output.md): `flagged`, or a metric compared with a number, e.g. `auc<0.9`.
///
/// Metric names are `MetricKey`'s (`roc_auc`, `vus_pr`, `balanced_accuracy`, …) and its aliases `auc` and `ap`.
/// For DINAMO inputs the continual runs' metrics are used (the historical ones when there are no continual
/// runs); for MC-EM inputs each approach is checked. A metric that is `null` for an input (no labels)
/// cannot satisfy a condition, and the check says so instead of inventing a value.
public struct FailCondition: Sendable, Equatable, CustomStringConvertible {
    public enum Comparison: String, Sendable, CaseIterable {
        case lessOrEqual = "<=", greaterOrEqual = ">=", less = "<", greater = ">"
        func holds(_ a: Double, _ b: Double) -> Bool {
            switch self {
            case .less: return a < b
            case .lessOrEqual: return a <= b
            case .greater: return a > b
            case .greaterOrEqual: return a >= b
            }
        }
    }

    public enum Kind: Sendable, Equatable {
        case flagged
        case metric(MetricKey, comparison: Comparison, value: Double)
    }

    public var kind: Kind
    public let text: String

    /// Parses one condition; throws `ReportError.usage` with the accepted forms on anything else.
    public init(parsing raw: String) throws {
        text = raw.trimmingCharacters(in: .whitespaces)
        if text == "flagged" {
            kind = .flagged
            return
        }
        for comparison in Comparison.allCases {
            guard let range = text.range(of: comparison.rawValue) else { continue }
            let name = text[..<range.lowerBound].trimmingCharacters(in: .whitespaces).lowercased()
            let number = text[range.upperBound...].trimmingCharacters(in: .whitespaces)
            guard let key = MetricKey(userName: name) else {
                throw ReportError.usage("unknown metric '\(name)'; known: "
                    + MetricKey.userNames.joined(separator: ", "))
            }
            guard let value = Double(number), value.isFinite else {
                throw ReportError.usage("'\(number)' is not a number")
            }
            kind = .metric(key, comparison: comparison, value: value)
            return
        }
        throw ReportError.usage("expected 'flagged' or a condition such as 'auc<0.9'")
    }

    public var description: String { text }
}

extension FailCondition {
    /// `nil` when the condition does not hold for the subject, else the reason it holds.
    public func violation(for subject: CheckSubject) -> String? {
        switch kind {
        case .flagged:
            return subject.flaggedCount > 0 ? "\(subject.flaggedCount) flagged" : nil
        case let .metric(key, comparison, value):
            guard let present = subject.metrics[key], let actual = present else { return nil }
            return comparison.holds(actual, value) ? "\(key.rawValue) = \(ReportFormat.metric(actual)) \(comparison.rawValue) \(ReportFormat.plain(value))" : nil
        }
    }
}
