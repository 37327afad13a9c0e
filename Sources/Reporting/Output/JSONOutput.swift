import Foundation
import Inputs

/// One JSON style for every file the tool writes: sorted snake_case keys, pretty-printed, stable bytes.
enum JSONOutput {
    static func encode<T: Encodable>(_ value: T) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        do {
            var data = try encoder.encode(value)
            data.append(0x0A)
            return data
        } catch {
            throw ReportError.internal("could not encode JSON output: \(error)")
        }
    }
}
