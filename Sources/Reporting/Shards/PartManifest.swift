import Foundation
import Inputs
import Plotting

/// What a sharded run (`run --config C --shard I/N`) leaves beside its figures, data and pages: which shard
/// of which work it is, and the records of its inputs. `merge` checks the parts against each other with it and
/// builds the report from the records alone. Written last, inside the atomically committed part directory, so
/// a part without it is half-written (or not a part at all).
struct PartManifest: Codable, Sendable, Equatable {
    static let fileName = "part.json"

    var tool: String
    var version: String
    /// FNV-1a 64 of the config file's bytes ("built-in demo" without a config): parts of the same work agree.
    var configDigest: String
    var seed: UInt64
    var quick: Bool
    var formats: [FigureFormat]
    var selfContained: Bool
    /// The figure style the parts drew at; merge draws the summary map the same way.
    var figureStyle: FigureStyle
    var shardIndex: Int
    var shardCount: Int
    /// Inputs of the whole config (all shards).
    var totalInputs: Int
    var records: [InputRecord]

    static func write(records: [InputRecord], request: ReportRequest, shard: Shard, total: Int,
                      to output: OutputDirectory) throws {
        let manifest = PartManifest(
            tool: ToolInfo.name, version: ToolInfo.version, configDigest: try digest(of: request.configFile),
            seed: request.seed, quick: request.quick, formats: request.formats, selfContained: request.selfContained,
            figureStyle: request.figureStyle,
            shardIndex: shard.index, shardCount: shard.count, totalInputs: total,
            records: records.sorted { $0.position < $1.position })
        try output.write(try JSONOutput.encode(manifest), to: fileName)
    }

    /// Reads a part directory's manifest; a missing or unreadable one names the directory and says why.
    static func read(_ directory: URL) throws -> PartManifest {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw ReportError.input("\(directory.path): no such part directory")
        }
        let url = directory.appendingPathComponent(fileName)
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw ReportError.input("\(directory.path): not a finished shard (no \(fileName)): the shard's run did not complete, or this is not the output of `run --shard`")
        }
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        do {
            return try decoder.decode(PartManifest.self, from: data)
        } catch {
            throw ReportError.input("\(url.path): unreadable part manifest (\(error)); the part is damaged — run its shard again")
        }
    }

    static func digest(of config: URL?) throws -> String {
        guard let config else { return "built-in demo" }
        guard let data = FileManager.default.contents(atPath: config.path) else {
            throw ReportError.input("\(config.path): cannot read the config file")
        }
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in data { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01B3 }
        return String(format: "fnv1a64:%016llx", h)
    }
}
