import Foundation
import Inputs

/// A `--fail-on` condition (SPEC §4.4): `flagged`, or a metric compared with a number, e.g. `auc<0.9`.
///
/// Metric names: `auc` (= `roc_auc`), `ap` (= `average_precision`), `f1`, `best_f1`, `point_adjusted_f1`,
/// `event_recall`, `balanced_accuracy`, `accuracy`, `sensitivity`, `specificity`, `precision`, `recall`.
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
        case metric(name: String, comparison: Comparison, value: Double)
    }

    public var kind: Kind
    public let text: String

    static let aliases = ["auc": "roc_auc", "ap": "average_precision", "roc_auc": "roc_auc",
                          "average_precision": "average_precision", "f1": "f1", "best_f1": "best_f1",
                          "point_adjusted_f1": "point_adjusted_f1", "event_recall": "event_recall",
                          "balanced_accuracy": "balanced_accuracy", "accuracy": "accuracy",
                          "sensitivity": "sensitivity", "specificity": "specificity",
                          "precision": "precision", "recall": "recall", "vus_pr": "vus_pr", "vus_roc": "vus_roc"]

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
            guard let canonical = FailCondition.aliases[name] else {
                throw ReportError.usage("--fail-on \(raw): unknown metric '\(name)'; known: "
                    + FailCondition.aliases.keys.sorted().joined(separator: ", "))
            }
            guard let value = Double(number), value.isFinite else {
                throw ReportError.usage("--fail-on \(raw): '\(number)' is not a number")
            }
            kind = .metric(name: canonical, comparison: comparison, value: value)
            return
        }
        throw ReportError.usage("--fail-on \(raw): expected 'flagged' or a condition such as 'auc<0.9'")
    }

    public var description: String { text }
}

/// What a condition is checked against: one monitored input (or one approach of one series).
public struct CheckSubject: Sendable, Codable, Equatable {
    public var input: String
    public var method: String
    public var flaggedCount: Int
    public var metrics: [String: Double?]

    public init(input: String, method: String, flaggedCount: Int, metrics: [String: Double?]) {
        self.input = input
        self.method = method
        self.flaggedCount = flaggedCount
        self.metrics = metrics
    }
}

extension FailCondition {
    /// `nil` when the condition does not hold for the subject, else the reason it holds.
    public func violation(for subject: CheckSubject) -> String? {
        switch kind {
        case .flagged:
            return subject.flaggedCount > 0 ? "\(subject.flaggedCount) flagged" : nil
        case let .metric(name, comparison, value):
            guard let present = subject.metrics[name], let actual = present else { return nil }
            return comparison.holds(actual, value) ? "\(name) = \(ReportFormat.metric(actual)) \(comparison.rawValue) \(ReportFormat.plain(value))" : nil
        }
    }
}
