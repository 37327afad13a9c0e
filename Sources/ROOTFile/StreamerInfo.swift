/// One member of a class as the file's streamer record describes it.
struct StreamerElement: Sendable {
    /// The TStreamerElement subclass (`TStreamerBase`, `TStreamerBasicType`, `TStreamerObject`, …).
    var kind: String
    var name: String
    /// ROOT's type code: 1–19 basic types, +20 fixed array, +40 pointer to an array with a counter,
    /// 61/62 embedded object, 63/64/68/69 object pointer, 65 TString, 66 TObject, 67 TNamed, 300+ STL
    /// (ROOT writes an STL member's as 500); -1 an element kind this reader does not know.
    var type: Int
    var typeName: String
    var arrayLength: Int
    /// The member's comment; for Double32_t/Float16_t a `[min,max,bits]` range changes the encoding.
    var title: String = ""
    /// For `TStreamerBase`: the base class version; for basic pointers: the counter member's name.
    var baseVersion: Int = 0
    var countName: String = ""
    /// Whether the histogram model needs this member's value (or it counts a later array); other
    /// members are read past without being stored.
    var keep = true
}

/// A class layout at one version: the members in streaming order.
struct StreamerInfo: Sendable {
    var className: String
    var version: Int
    var checksum: UInt32
    var elements: [StreamerElement]
}

/// Every class layout a file declares, by class name and version.
struct StreamerCatalogue: Sendable {
    var infos: [String: [Int: StreamerInfo]] = [:]

    /// The members `ROOTHistogram.make` reads.
    static let modelMembers: Set<String> = ["fName", "fTitle", "fEntries", "fXaxis", "fYaxis", "fNbins", "fXmin", "fXmax", "fXbins", "fArray", "fN"]

    func info(_ className: String, version: Int) -> StreamerInfo? {
        guard let versions = infos[className] else { return nil }
        if let exact = versions[version] { return exact }
        return versions.count == 1 ? versions.first!.value : nil
    }

    /// Reads the streamer list: a TList of TStreamerInfo records (other entries, such as schema rules, are skipped).
    static func read(_ c: inout ByteCursor) throws -> StreamerCatalogue {
        var catalogue = StreamerCatalogue()
        let refs = ReferenceTable()
        let list = try ObjectHeader.read(&c)
        try TObjectFields.skip(&c)
        _ = try c.string()
        let n = Int(try c.i32())
        guard n >= 0, n <= c.remaining else { throw ParseFailure("bad streamer list: \(n) entries") }
        for _ in 0..<n {
            try refs.readObject(&c) { className, c in
                if className == "TStreamerInfo" {
                    let info = try readInfo(&c, refs: refs)
                    catalogue.infos[info.className, default: [:]][info.version] = info
                    return true
                }
                return false
            }
            let optionLength = Int(try c.u8())
            try c.skip(optionLength)
        }
        _ = list
        return catalogue
    }

    private static func readInfo(_ c: inout ByteCursor, refs: ReferenceTable) throws -> StreamerInfo {
        let header = try ObjectHeader.read(&c)
        let named = try ObjectHeader.read(&c)
        try TObjectFields.skip(&c)
        let name = try c.string()
        _ = try c.string()
        try named.finish(&c)
        let checksum = try c.u32()
        let version = Int(try c.i32())
        var elements: [StreamerElement] = []
        try refs.readObject(&c) { className, c in
            guard className == "TObjArray" else { return false }
            let array = try ObjectHeader.read(&c)
            try TObjectFields.skip(&c)
            _ = try c.string()
            let n = Int(try c.i32())
            _ = try c.i32()
            guard n >= 0, n <= c.remaining else { throw ParseFailure("bad streamer record for \(name): \(n) members") }
            for _ in 0..<n {
                try refs.readObject(&c) { kind, c in
                    guard kind.hasPrefix("TStreamer") else { return false }
                    elements.append(try readElement(kind, &c))
                    return true
                }
            }
            try array.finish(&c)
            return true
        }
        try header.finish(&c)
        let counters = Set(elements.map(\.countName))
        for i in elements.indices { elements[i].keep = elements[i].kind == "TStreamerBase" || StreamerCatalogue.modelMembers.contains(elements[i].name) || counters.contains(elements[i].name) }
        return StreamerInfo(className: name, version: version, checksum: checksum, elements: elements)
    }

    /// The TStreamerElement subclasses whose base is another subclass, not TStreamerElement itself.
    static let elementParents: [String: String] = ["TStreamerSTLstring": "TStreamerSTL"]

    /// The subclasses derived from TStreamerElement directly; their own members follow its part.
    static let elementKinds: Set<String> = ["TStreamerBase", "TStreamerBasicType", "TStreamerBasicPointer", "TStreamerLoop",
                                            "TStreamerObject", "TStreamerObjectAny", "TStreamerObjectPointer",
                                            "TStreamerObjectAnyPointer", "TStreamerString", "TStreamerSTL", "TStreamerArtificial"]

    /// One element of a streamer record (docs/root-inputs.md, "What is read": objects are decoded from these).
    ///
    /// Every class of the element's lineage is streamed as its own byte count and version, around its base's part
    /// and then its own members. For most kinds the base is TStreamerElement: a TNamed (name, title), fType, fSize,
    /// fArrayLength, fArrayDim, fMaxIndex (5 i32s, or a counted array in version 1), fTypeName. Own members follow:
    /// `TStreamerBase` its base's version (from its version 3); `TStreamerBasicPointer` and `TStreamerLoop` the
    /// counter's version, name and class; `TStreamerSTL` fSTLtype and fCtype. A `TStreamerSTLstring` (a
    /// `std::string` member, as in `pair<string,double>`) derives from `TStreamerSTL`, so it is one layer deeper:
    /// its header, then a whole `TStreamerSTL`. (Read as one layer, its fields came from the wrong offsets and the
    /// whole streamer list failed to parse, so no histogram of such a file read.) An element kind this reader does not
    /// know is skipped by its byte count and kept as a member of unknown type (-1): a class holding it cannot be
    /// read, but the rest of the list still is.
    private static func readElement(_ kind: String, _ c: inout ByteCursor) throws -> StreamerElement {
        let own = try ObjectHeader.read(&c)
        var e: StreamerElement
        if let parent = elementParents[kind] {
            e = try readElement(parent, &c)
            e.kind = kind
        } else if elementKinds.contains(kind) {
            e = try readElementBase(kind, &c)
        } else {
            try own.finish(&c)
            guard own.byteCount != nil else { throw ParseFailure("a \(kind) streamer element without byte count", kind: .unsupported) }
            return StreamerElement(kind: kind, name: "(a \(kind))", type: -1, typeName: kind, arrayLength: 0)
        }
        switch kind {
        case "TStreamerBase" where own.version > 2:
            e.baseVersion = Int(try c.i32())
        case "TStreamerBasicPointer", "TStreamerLoop":
            _ = try c.i32()
            e.countName = try c.string()
        default:
            break
        }
        try own.finish(&c)
        return e
    }

    /// The TStreamerElement part of an element: its own byte count and version, then its members.
    private static func readElementBase(_ kind: String, _ c: inout ByteCursor) throws -> StreamerElement {
        let base = try ObjectHeader.read(&c)
        let named = try ObjectHeader.read(&c)
        try TObjectFields.skip(&c)
        let name = try c.string()
        let title = try c.string()
        try named.finish(&c)
        var type = Int(try c.i32())
        _ = try c.i32()
        let arrayLength = Int(try c.i32())
        _ = try c.i32()
        if base.version == 1 { let n = Int(try c.i32()); try c.skip(4 * max(0, n)) } else { try c.skip(20) }
        let typeName = try c.string()
        if type == 11, typeName == "Bool_t" || typeName == "bool" { type = 18 }
        try base.finish(&c)
        return StreamerElement(kind: kind, name: name, type: type, typeName: typeName, arrayLength: arrayLength, title: title)
    }
}

/// The byte count and version that open every streamed object: a u32 whose bit 0x40000000 marks a
/// byte count (the rest is the length that follows), then an i16 class version. Without the flag the
/// first two bytes are the version itself.
struct ObjectHeader {
    var start: Int
    var byteCount: Int?
    var version: Int

    static func read(_ c: inout ByteCursor) throws -> ObjectHeader {
        let start = c.position
        let word = try c.u32()
        if word & 0x4000_0000 != 0 {
            let count = Int(word & ~0x4000_0000)
            guard count >= 2, count <= c.remaining else { throw ParseFailure("bad byte count \(count) at offset \(start) (\(c.remaining) bytes left)") }
            let version = Int(try c.i16())
            return ObjectHeader(start: start, byteCount: count, version: version)
        }
        c.position = start
        return ObjectHeader(start: start, byteCount: nil, version: Int(try c.i16()))
    }

    var end: Int? { byteCount.map { start + 4 + $0 } }

    /// Moves to the end the byte count announces (members added by newer versions are skipped);
    /// reading past it is corruption.
    func finish(_ c: inout ByteCursor) throws {
        guard let end else { return }
        guard c.position <= end else { throw ParseFailure("an object read \(c.position - end) bytes past its byte count at offset \(start)") }
        c.position = end
    }
}

/// TObject's own streamer: version (i16), fUniqueID (u32), fBits (u32), plus a u16 process id when
/// the object is referenced (bit 0x10 of fBits).
enum TObjectFields {
    static func skip(_ c: inout ByteCursor) throws {
        let version = try c.i16()
        if version <= 0 { throw ParseFailure("bad TObject version \(version)") }
        _ = try c.u32()
        let bits = try c.u32()
        if bits & 0x10 != 0 { try c.skip(2) }
    }

    static func write(_ s: inout ByteSink) {
        s.append(Int16(1)); s.append(UInt32(0)); s.append(UInt32(0x0300_0000))
    }
}

/// Class and object references met while reading one payload. A pointer member is written as a byte
/// count, then a tag: 0 (null), a reference to an earlier object, `kNewClassTag` (0xFFFFFFFF) followed
/// by the class name, or 0x80000000 | the offset where that class name was first met. Offsets count from
/// the key start plus `kMapOffset` (2).
final class ReferenceTable {
    private var classes: [Int: String] = [:]
    static let mapOffset = 2

    /// Reads one pointed-to object. `body` reads it when it knows the class (returning true); otherwise,
    /// or for a null or back reference, the object is skipped by its byte count.
    func readObject(_ c: inout ByteCursor, _ body: (String, inout ByteCursor) throws -> Bool) throws {
        let begin = c.position
        let first = try c.u32()
        var tag = first
        var end: Int? = nil
        if first & 0x4000_0000 != 0 && first != 0xFFFF_FFFF {
            let count = Int(first & ~0x4000_0000)
            guard count >= 4, count <= c.remaining else { throw ParseFailure("bad byte count \(count) of a pointed-to object at offset \(begin)") }
            end = begin + 4 + count
            tag = try c.u32()
        }
        if tag & 0x8000_0000 == 0 {            // null or reference to an object already read
            if let end { c.position = end }
            return
        }
        let className: String
        if tag == 0xFFFF_FFFF {
            let at = c.displacement - 4 + ReferenceTable.mapOffset
            className = try c.cString()
            classes[at] = className
        } else {
            guard let known = classes[Int(tag & ~0x8000_0000)] else {
                guard let end else { throw ParseFailure("unknown class reference \(tag & ~0x8000_0000) at offset \(begin)") }
                c.position = end
                return
            }
            className = known
        }
        let handled = try body(className, &c)
        if let end {
            guard !handled || c.position <= end else { throw ParseFailure("a \(className) read past its byte count at offset \(begin)") }
            c.position = end
        } else if !handled {
            throw ParseFailure("a \(className) without byte count cannot be skipped (offset \(begin))", kind: .unsupported)
        }
    }
}
