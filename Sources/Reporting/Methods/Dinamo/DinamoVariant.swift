/// Which DINAMO monitors an input (`--variant`, config key `variant`): DINAMO-S (the EWMA reference, the
/// default), DINAMO-ML (the transformer reference, module `DinamoML`; docs/methods/dinamo-ml.md), or both on the
/// same input — then the input is planned twice, once per variant, each with its own page and `summary.json`
/// entry (`variant` "s" or "ml"), and the DINAMO-ML member's page shows the two side by side.
public enum DinamoVariant: String, Sendable, Equatable, CaseIterable, Codable {
    case s, ml, both

    /// The name tables and pages show.
    var title: String {
        switch self {
        case .s: return "DINAMO-S"
        case .ml: return "DINAMO-ML"
        case .both: return "DINAMO-S and DINAMO-ML"
        }
    }

    /// The name of an input's DINAMO-ML member under `both`: "pt · DINAMO-ML".
    static func twinName(_ name: String) -> String { name + " · " + DinamoVariant.ml.title }

    /// The variants an input of this setting is run with, in report order.
    var members: [DinamoVariant] { self == .both ? [.s, .ml] : [self] }
}
