extension ByteSink {
    /// Writes a byte count (patched afterwards, with bit 0x40000000 set) and a class version around `body`.
    mutating func versioned(_ version: Int16, _ body: (inout ByteSink) -> Void) {
        let at = count
        append(UInt32(0)); append(version)
        body(&self)
        patch(UInt32(count - at - 4) | 0x4000_0000, at: at)
    }
}

/// Serialises a histogram exactly as its streamer records (below) describe: TH1 version 8, TAxis 10.
enum HistogramStreamer {
    static func payload(_ h: ROOTHistogram) -> [UInt8] {
        var s = ByteSink()
        let isDouble: Bool = { if case .th1("D") = h.kind { return true }; if case .th2("D") = h.kind { return true }; return false }()
        let (ownVersion, _) = StreamerRecords.versions[h.className] ?? (3, 0)
        s.versioned(Int16(ownVersion)) { s in
            if h.dimension == 2 {
                s.versioned(4) { s in
                    th1(h, &s)
                    let (sy, syy, sxy) = moments2(h)
                    s.f64(1); s.f64(sy); s.f64(syy); s.f64(sxy)
                }
            } else {
                th1(h, &s)
            }
            let cells = h.rootCells()
            s.append(Int32(cells.count))
            for v in cells { if isDouble { s.f64(v) } else { s.f32(Float(v)) } }
        }
        return s.bytes
    }

    private static func centers(_ e: [Double]) -> [Double] { zip(e, e.dropFirst()).map { ($0 + $1) / 2 } }

    private static func moments2(_ h: ROOTHistogram) -> (Double, Double, Double) {
        let cx = centers(h.xEdges), cy = centers(h.yEdges)
        var sy = 0.0, syy = 0.0, sxy = 0.0
        for i in 0..<h.xBins { for j in 0..<h.yBins { let w = h.contents[i * h.yBins + j]; sy += w * cy[j]; syy += w * cy[j] * cy[j]; sxy += w * cx[i] * cy[j] } }
        return (sy, syy, sxy)
    }

    private static func th1(_ h: ROOTHistogram, _ s: inout ByteSink) {
        let cx = centers(h.xEdges)
        var sw = 0.0, sw2 = 0.0, sx = 0.0, sxx = 0.0
        for i in 0..<h.xBins { for j in 0..<h.yBins { let w = h.contents[i * h.yBins + j]; sw += w; sw2 += w * w; sx += w * cx[i]; sxx += w * cx[i] * cx[i] } }
        s.versioned(8) { s in
            s.versioned(1) { s in TObjectFields.write(&s); s.string(h.name); s.string(h.title) }
            s.versioned(2) { s in s.append(Int16(602)); s.append(Int16(1)); s.append(Int16(1)) }
            s.versioned(2) { s in s.append(Int16(0)); s.append(Int16(1001)) }
            s.versioned(2) { s in s.append(Int16(1)); s.append(Int16(1)); s.f32(1) }
            s.append(Int32(h.dimension == 2 ? (h.xBins + 2) * (h.yBins + 2) : h.xBins + 2))
            axis("xaxis", h.xEdges, &s)
            axis("yaxis", h.dimension == 2 ? h.yEdges : [0, 1], &s)
            axis("zaxis", [0, 1], &s)
            s.append(Int16(0)); s.append(Int16(1000))
            for v in [h.entries, sw, sw2, sx, sxx, -1111, -1111, 0] { s.f64(v) }
            s.append(Int32(0))                       // fContour: empty TArrayD
            s.append(Int32(0))                       // fSumw2: empty TArrayD
            s.string("")                             // fOption
            s.versioned(5) { s in TObjectFields.write(&s); s.string(""); s.append(Int32(0)) }   // fFunctions: empty TList
            s.append(Int32(0))                       // fBufferSize
            s.append(UInt8(0))                       // fBuffer: no array
            s.append(Int32(0))                       // fBinStatErrOpt: kNormal
            s.append(Int32(2))                       // fStatOverflows: kNeutral
        }
    }

    /// A TAxis; fixed binning when numpy.linspace's rule reproduces the edges bit for bit, else variable.
    private static func axis(_ name: String, _ edges: [Double], _ s: inout ByteSink) {
        let n = edges.count - 1, lo = edges[0], hi = edges[n]
        let step = (hi - lo) / Double(n)
        let fixed = (0..<n).allSatisfy { edges[$0] == lo + Double($0) * step }
        s.versioned(10) { s in
            s.versioned(1) { s in TObjectFields.write(&s); s.string(name); s.string("") }
            s.versioned(4) { s in
                s.append(Int32(510)); s.append(Int16(1)); s.append(Int16(1)); s.append(Int16(42))
                s.f32(0.005); s.f32(0.035); s.f32(0.03); s.f32(1); s.f32(0.035); s.append(Int16(1)); s.append(Int16(42))
            }
            s.append(Int32(n)); s.f64(lo); s.f64(hi)
            if fixed { s.append(Int32(0)) } else { s.append(Int32(edges.count)); for e in edges { s.f64(e) } }
            s.append(Int32(0)); s.append(Int32(0)); s.append(UInt16(0)); s.append(UInt8(0)); s.string("")
            s.append(UInt32(0)); s.append(UInt32(0))   // fLabels, fModLabs: null pointers
        }
    }
}

/// The streamer records the writer puts in every file: one per class it writes, in ROOT 6's layouts.
/// Checksums are ROOT's own for these class versions (read from files ROOT 6.14/6.26 wrote), except
/// TH2D, which no fixture carries (0: ROOT then trusts the version).
enum StreamerRecords {
    /// One member: for `TStreamerBase` `extra` is the base's version; for `TStreamerBasicPointer` the counter's
    /// version, with `count` the counter's name. `TStreamerSTLstring` (a `std::string` member) needs neither.
    typealias Element = (kind: String, name: String, type: Int, typeName: String, extra: Int, count: String)

    /// A class record the writer adds beside its own, as other frameworks' files carry records for classes
    /// that hold no histogram (tests write them to check the reader parses every element kind).
    struct Extra: Sendable {
        var name: String
        var version: Int
        var checksum: UInt32
        var elements: [Element]

        /// `pair<string,double>` as ROOT 6 declares it: `first` a `std::string` (a `TStreamerSTLstring`), `second`
        /// a double. The checksum is a made-up value: no reader here checks it.
        static let pairStringDouble = Extra(name: "pair<string,double>", version: 1, checksum: 0x5041_4952, elements: [
            ("TStreamerSTLstring", "first", 500, "string", 0, ""), StreamerRecords.basic("second", 8, "double"),
        ])
    }

    static let versions: [String: (Int, UInt32)] = [
        "TH1D": (3, 4_189_148_831), "TH1F": (2, 3_801_323_076), "TH2D": (3, 0), "TH2F": (3, 1_755_103_893),
        "TH1": (8, 473_383_108), "TH2": (4, 25_310_335), "TNamed": (1, 3_753_331_260), "TObject": (1, 2_417_737_773),
        "TAttLine": (2, 2_483_504_457), "TAttFill": (2, 4_292_422_290), "TAttMarker": (2, 689_802_220),
        "TAxis": (10, 1_514_761_840), "TAttAxis": (4, 1_550_843_710), "TArrayD": (1, 1_899_622_196), "TArray": (1, 7_348_658),
    ]

    static func base(_ n: String, _ v: Int) -> Element { ("TStreamerBase", n, n == "TObject" ? 66 : n == "TNamed" ? 67 : 0, "BASE", v, "") }
    static func basic(_ n: String, _ t: Int, _ tn: String) -> Element { ("TStreamerBasicType", n, t, tn, 0, "") }

    static let classes: [(String, [Element])] = [
        ("TObject", [basic("fUniqueID", 13, "unsigned int"), basic("fBits", 15, "unsigned int")]),
        ("TNamed", [base("TObject", 1), ("TStreamerString", "fName", 65, "TString", 0, ""), ("TStreamerString", "fTitle", 65, "TString", 0, "")]),
        ("TAttLine", [basic("fLineColor", 2, "short"), basic("fLineStyle", 2, "short"), basic("fLineWidth", 2, "short")]),
        ("TAttFill", [basic("fFillColor", 2, "short"), basic("fFillStyle", 2, "short")]),
        ("TAttMarker", [basic("fMarkerColor", 2, "short"), basic("fMarkerStyle", 2, "short"), basic("fMarkerSize", 5, "float")]),
        ("TAttAxis", [basic("fNdivisions", 3, "int"), basic("fAxisColor", 2, "short"), basic("fLabelColor", 2, "short"), basic("fLabelFont", 2, "short"),
                      basic("fLabelOffset", 5, "float"), basic("fLabelSize", 5, "float"), basic("fTickLength", 5, "float"),
                      basic("fTitleOffset", 5, "float"), basic("fTitleSize", 5, "float"), basic("fTitleColor", 2, "short"), basic("fTitleFont", 2, "short")]),
        ("TAxis", [base("TNamed", 1), base("TAttAxis", 4), basic("fNbins", 3, "int"), basic("fXmin", 8, "double"), basic("fXmax", 8, "double"),
                   ("TStreamerObjectAny", "fXbins", 62, "TArrayD", 0, ""), basic("fFirst", 3, "int"), basic("fLast", 3, "int"),
                   basic("fBits2", 12, "unsigned short"), basic("fTimeDisplay", 18, "bool"), ("TStreamerString", "fTimeFormat", 65, "TString", 0, ""),
                   ("TStreamerObjectPointer", "fLabels", 64, "THashList*", 0, ""), ("TStreamerObjectPointer", "fModLabs", 64, "TList*", 0, "")]),
        ("TH1", [base("TNamed", 1), base("TAttLine", 2), base("TAttFill", 2), base("TAttMarker", 2), basic("fNcells", 3, "int"),
                 ("TStreamerObject", "fXaxis", 61, "TAxis", 0, ""), ("TStreamerObject", "fYaxis", 61, "TAxis", 0, ""), ("TStreamerObject", "fZaxis", 61, "TAxis", 0, ""),
                 basic("fBarOffset", 2, "short"), basic("fBarWidth", 2, "short"), basic("fEntries", 8, "double"), basic("fTsumw", 8, "double"),
                 basic("fTsumw2", 8, "double"), basic("fTsumwx", 8, "double"), basic("fTsumwx2", 8, "double"), basic("fMaximum", 8, "double"),
                 basic("fMinimum", 8, "double"), basic("fNormFactor", 8, "double"), ("TStreamerObjectAny", "fContour", 62, "TArrayD", 0, ""),
                 ("TStreamerObjectAny", "fSumw2", 62, "TArrayD", 0, ""), ("TStreamerString", "fOption", 65, "TString", 0, ""),
                 ("TStreamerObjectPointer", "fFunctions", 63, "TList*", 0, ""), basic("fBufferSize", 6, "int"),
                 ("TStreamerBasicPointer", "fBuffer", 48, "double*", 8, "fBufferSize"), basic("fBinStatErrOpt", 3, "TH1::EBinErrorOpt"),
                 basic("fStatOverflows", 3, "TH1::EStatOverflows")]),
        ("TH2", [base("TH1", 8), basic("fScalefactor", 8, "double"), basic("fTsumwy", 8, "double"), basic("fTsumwy2", 8, "double"), basic("fTsumwxy", 8, "double")]),
        ("TArray", [basic("fN", 3, "int")]),
        ("TArrayD", [base("TArray", 1), ("TStreamerBasicPointer", "fArray", 48, "double*", 1, "fN")]),
        ("TArrayF", [base("TArray", 1), ("TStreamerBasicPointer", "fArray", 45, "float*", 1, "fN")]),
        ("TH1D", [base("TH1", 8), base("TArrayD", 1)]),
        ("TH1F", [base("TH1", 8), base("TArrayF", 1)]),
        ("TH2D", [base("TH2", 4), base("TArrayD", 1)]),
        ("TH2F", [base("TH2", 4), base("TArrayF", 1)]),
    ]

    /// The streamer TList payload; class tags count from the key start, so the key length is needed. `extra`
    /// records come first, as a framework's own classes often do.
    static func list(keyLength: Int, extra: [Extra] = []) -> [UInt8] {
        var s = ByteSink()
        var tags: [String: UInt32] = [:]
        func objectAny(_ className: String, _ s: inout ByteSink, _ body: (inout ByteSink) -> Void) {
            let at = s.count
            s.append(UInt32(0))
            if let tag = tags[className] {
                s.append(tag | 0x8000_0000)
            } else {
                tags[className] = UInt32(keyLength + s.count + ReferenceTable.mapOffset)
                s.append(UInt32(0xFFFF_FFFF)); s.cString(className)
            }
            body(&s)
            s.patch(UInt32(s.count - at - 4) | 0x4000_0000, at: at)
        }
        let records = extra.map { ($0.name, $0.version, $0.checksum, $0.elements) }
            + classes.map { name, elements in (name, versions[name]?.0 ?? 1, versions[name]?.1 ?? 0, elements) }
        s.versioned(5) { s in
            TObjectFields.write(&s); s.string(""); s.append(Int32(records.count))
            for (name, version, checksum, elements) in records {
                objectAny("TStreamerInfo", &s) { s in
                    s.versioned(9) { s in
                        s.versioned(1) { s in TObjectFields.write(&s); s.string(name); s.string("") }
                        s.append(checksum); s.append(Int32(version))
                        objectAny("TObjArray", &s) { s in
                            s.versioned(3) { s in
                                TObjectFields.write(&s); s.string(""); s.append(Int32(elements.count)); s.append(Int32(0))
                                for e in elements { element(e, &s, objectAny) }
                            }
                        }
                    }
                }
                s.append(UInt8(0))
            }
        }
        return s.bytes
    }

    /// One element, streamed as ROOT does: each class of the element's lineage is a byte count and version around
    /// its base's part and then its own members. Most kinds derive from TStreamerElement directly (version 4: the
    /// TNamed, fType, fSize, fArrayLength, fArrayDim, fMaxIndex[5], fTypeName). A `TStreamerSTLstring` (version 2)
    /// holds a whole `TStreamerSTL` (version 3: the TStreamerElement part, then fSTLtype and fCtype, both 365 for
    /// `std::string`); ROOT writes an STL element's fType as 500 (kStreamer) for older readers.
    private static func element(_ e: Element, _ s: inout ByteSink, _ objectAny: (String, inout ByteSink, (inout ByteSink) -> Void) -> Void) {
        let size: Int32 = { switch e.type { case 2: return 2; case 3, 5, 6, 13, 15: return 4; case 8: return 8; case 12: return 2; case 18: return 1
            case 65: return 24; case 61, 62: return 64; case 500: return 32; default: return 8 } }()
        func elementPart(_ s: inout ByteSink) {
            s.versioned(4) { s in
                s.versioned(1) { s in TObjectFields.write(&s); s.string(e.name); s.string("") }
                s.append(Int32(e.type)); s.append(size); s.append(Int32(0)); s.append(Int32(0))
                for _ in 0..<5 { s.append(Int32(0)) }
                s.string(e.typeName)
            }
        }
        objectAny(e.kind, &s) { s in
            if e.kind == "TStreamerSTLstring" {
                s.versioned(2) { s in s.versioned(3) { s in elementPart(&s); s.append(Int32(365)); s.append(Int32(365)) } }
                return
            }
            s.versioned(e.kind == "TStreamerBase" ? 3 : 2) { s in
                elementPart(&s)
                if e.kind == "TStreamerBase" { s.append(Int32(e.extra)) }
                if e.kind == "TStreamerBasicPointer" { s.append(Int32(e.extra)); s.string(e.count); s.string(e.count == "fN" ? "TArray" : "TH1") }
            }
        }
    }
}
