import Plotting

extension FigureFormat {
    /// Parses `png,svg,pdf`; throws a usage error naming the unknown format.
    public static func parseList(_ text: String) throws -> [FigureFormat] {
        var formats: [FigureFormat] = []
        for part in text.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces).lowercased() }) where !part.isEmpty {
            guard let format = FigureFormat(rawValue: part) else {
                throw ReportError.usage("unknown format '\(part)'; choose from png, svg, pdf")
            }
            if !formats.contains(format) { formats.append(format) }
        }
        guard !formats.isEmpty else { throw ReportError.usage("name at least one of png, svg, pdf") }
        return formats.sorted()
    }
}
