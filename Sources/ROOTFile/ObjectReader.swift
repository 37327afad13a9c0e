import Foundation

/// A member value read by the streamer-driven interpreter (internal: never leaves the module).
indirect enum MemberValue {
    case number(Double)
    case text(String)
    case numbers([Double])
    case object(StreamedObject)
    case absent
}

/// An object read from its streamer record: its members, with the members of its bases merged in.
struct StreamedObject {
    var className: String
    var version: Int
    var members: [String: MemberValue] = [:]

    func number(_ name: String) -> Double? { if case .number(let v)? = members[name] { return v }; return nil }
    func text(_ name: String) -> String? { if case .text(let v)? = members[name] { return v }; return nil }
    func numbers(_ name: String) -> [Double]? { if case .numbers(let v)? = members[name] { return v }; return nil }
    func object(_ name: String) -> StreamedObject? { if case .object(let v)? = members[name] { return v }; return nil }
}

/// Deserialises an object by following the file's streamer records: for each member, its type code
/// says how many bytes to read and how. Classes with hand-written streamers in ROOT (TObject, TString,
/// the TArray family, collections) are read by their own rules.
struct ObjectReader {
    let catalogue: StreamerCatalogue
    let refs = ReferenceTable()
    private var depth = 0

    init(catalogue: StreamerCatalogue) { self.catalogue = catalogue }

    /// Reads a whole object of `className` that starts with its byte count and version.
    mutating func read(_ className: String, _ c: inout ByteCursor) throws -> StreamedObject {
        var object = StreamedObject(className: className, version: 0)
        try readClass(className, into: &object.members, version: &object.version, &c)
        return object
    }

    private static let arrayTypes: Set<String> = ["TArrayC", "TArrayS", "TArrayI", "TArrayL", "TArrayL64", "TArrayF", "TArrayD"]

    /// A TArray's own streamer: fN (i32) then fN values, no version header.
    private func readArray(_ className: String, _ c: inout ByteCursor) throws -> [Double] {
        let n = Int(try c.i32())
        guard n >= 0 else { throw ParseFailure("bad \(className) length \(n)") }
        switch className {
        case "TArrayC": return try c.doubles(n, as: Int8.self)
        case "TArrayS": return try c.doubles(n, as: Int16.self)
        case "TArrayI": return try c.doubles(n, as: Int32.self)
        case "TArrayL", "TArrayL64": return try c.doubles(n, as: Int64.self)
        case "TArrayF": return try c.floats(n)
        default: return try c.float64s(n)
        }
    }

    private mutating func readClass(_ className: String, into members: inout [String: MemberValue], version: inout Int, _ c: inout ByteCursor) throws {
        if Self.arrayTypes.contains(className) {
            let values = try readArray(className, &c)
            members["fN"] = .number(Double(values.count))
            members["fArray"] = .numbers(values)
            return
        }
        switch className {
        case "TObject": try TObjectFields.skip(&c); return
        case "TString": members["fString"] = .text(try c.string()); return
        default: break
        }
        depth += 1
        defer { depth -= 1 }
        guard depth < 64 else { throw ParseFailure("objects nested more than 64 deep") }
        let header = try ObjectHeader.read(&c)
        version = header.version
        if ["TList", "THashList", "TObjArray", "TMap"].contains(className) {
            guard header.byteCount != nil else { throw ParseFailure("a \(className) without byte count", kind: .unsupported) }
            try header.finish(&c)
            return
        }
        guard let info = catalogue.info(className, version: header.version) else {
            if header.byteCount != nil, !Self.needed.contains(className) { try header.finish(&c); return }
            throw ParseFailure("the file has no streamer record for \(className) version \(header.version)", kind: .unsupported)
        }
        for e in info.elements { try readElement(e, owner: className, into: &members, &c) }
        try header.finish(&c)
    }

    /// Classes whose members the histogram model needs: these cannot be skipped for want of a streamer.
    private static let needed: Set<String> = Set(["TH1", "TH2", "TAxis", "TNamed"] + ["C", "S", "I", "F", "D"].flatMap { ["TH1" + $0, "TH2" + $0] })

    private mutating func readElement(_ e: StreamerElement, owner: String, into members: inout [String: MemberValue], _ c: inout ByteCursor) throws {
        if e.kind == "TStreamerBase" {
            var v = 0
            try readClass(e.name, into: &members, version: &v, &c)
            return
        }
        if [9, 19].contains(e.type % 20), e.type < 60, e.title.trimmingCharacters(in: .whitespaces).hasPrefix("[") {
            throw ParseFailure("\(owner).\(e.name) is a \(e.typeName) packed with a range (\(e.title)), which this reader does not implement", kind: .unsupported)
        }
        switch e.type {
        case 1...19:
            let read = try basic(e.type, &c)
            if e.keep { members[e.name] = .number(read) }
        case 21...39:
            let n = max(0, e.arrayLength)
            if e.type == 21 || e.type == 31 {      // char arrays: text
                try c.need(n)
                if e.keep { members[e.name] = .text(String(decoding: c.bytes[c.position..<(c.position + n)].prefix { $0 != 0 }, as: UTF8.self)) }
                c.position += n
            } else {
                var values: [Double] = []
                values.reserveCapacity(n)
                for _ in 0..<n { values.append(try basic(e.type - 20, &c)) }
                if e.keep { members[e.name] = .numbers(values) }
            }
        case 41...59:
            guard let count = numberMember(members, e.countName) else {
                throw ParseFailure("\(owner).\(e.name): its counter \(e.countName) was not read before it")
            }
            let n = Int(count)
            guard n >= 0, n <= c.remaining else { throw ParseFailure("\(owner).\(e.name): bad length \(n)") }
            let isArray = try c.u8()
            var values: [Double] = []
            if isArray != 0 { for _ in 0..<n { values.append(try basic(e.type - 40, &c)) } }
            if e.keep { members[e.name] = .numbers(values) }
        case 65:
            let read = try c.string()
            if e.keep { members[e.name] = .text(read) }
        case 66:
            try TObjectFields.skip(&c)
        case 61, 62, 67:
            if Self.arrayTypes.contains(e.typeName) {
                let read = try readArray(e.typeName, &c)
                if e.keep { members[e.name] = .numbers(read) }
            } else if e.typeName == "TString" {
                let read = try c.string()
                if e.keep { members[e.name] = .text(read) }
            } else {
                var nested = StreamedObject(className: e.typeName, version: 0)
                try readClass(e.typeName, into: &nested.members, version: &nested.version, &c)
                if e.keep { members[e.name] = .object(nested) }
            }
        case 63, 68:
            // `//->` pointers are streamed in place, like an embedded object (byte count and version first).
            var nested = StreamedObject(className: e.typeName, version: 0)
            let className = e.typeName.hasSuffix("*") ? String(e.typeName.dropLast()) : e.typeName
            try readClass(className, into: &nested.members, version: &nested.version, &c)
            if e.keep { members[e.name] = .object(nested) }
        case 64, 69:
            // Ordinary pointers carry a class tag (or a null / back reference); the pointee is skipped.
            try refs.readObject(&c) { _, _ in false }
            if e.keep { members[e.name] = .absent }
        case 300..<600:
            let header = try ObjectHeader.read(&c)
            guard header.byteCount != nil else { throw ParseFailure("\(owner).\(e.name): an STL member without byte count", kind: .unsupported) }
            try header.finish(&c)
        default:
            throw ParseFailure("\(owner).\(e.name) has member type \(e.type) (\(e.typeName)), which this reader does not implement", kind: .unsupported)
        }
    }

    private func numberMember(_ members: [String: MemberValue], _ name: String) -> Double? {
        if case .number(let v)? = members[name] { return v }
        return nil
    }

    /// One basic value of ROOT type code `type` (1 char … 19 Float16), as a Double.
    private func basic(_ type: Int, _ c: inout ByteCursor) throws -> Double {
        switch type {
        case 1: return Double(try c.i8())
        case 2: return Double(try c.i16())
        case 3, 6: return Double(try c.i32())
        case 4, 16: return Double(try c.i64())
        case 5, 9, 19: return Double(try c.f32())
        case 8: return try c.f64()
        case 11, 18: return Double(try c.u8())
        case 12: return Double(try c.u16())
        case 13, 15: return Double(try c.u32())
        case 14, 17: return Double(try c.u64())
        default: throw ParseFailure("basic member type \(type) is not implemented", kind: .unsupported)
        }
    }
}
