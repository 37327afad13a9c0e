/// Why a ROOT file, or an object in it, could not be read. The description names the file and, where
/// there is one, the object path, then says what is wrong in words a shifter can act on.
public struct ROOTFileError: Error, CustomStringConvertible, Equatable, Sendable {
    public enum Kind: String, Sendable {
        /// The file could not be opened or read from disk.
        case unreadable
        /// The first four bytes are not `root`.
        case notROOTFile
        /// A key, directory, streamer or object is cut short or inconsistent (bad key, bad decompressed length).
        case corrupt
        /// Valid ROOT, but a feature this reader does not implement (old `CS` compression, an exotic member type).
        case unsupported
        /// The path names nothing in the file; the detail lists what the directory holds.
        case pathMissing
        /// The object exists but is not a TH1/TH2 histogram.
        case notAHistogram
    }

    public let kind: Kind
    /// The file as given by the caller.
    public let file: String
    /// The object path inside the file (`/`-separated), when the error concerns one object.
    public let object: String?
    /// What is wrong, in one sentence.
    public let detail: String

    public init(_ kind: Kind, file: String, object: String? = nil, _ detail: String) {
        self.kind = kind
        self.file = file
        self.object = object
        self.detail = detail
    }

    public var description: String {
        if let object, !object.isEmpty { return "\(file): \(object): \(detail)" }
        return "\(file): \(detail)"
    }
}

/// A parse failure below the file layer, before the file and object are known; wrapped into
/// `ROOTFileError` by the layer that knows them.
struct ParseFailure: Error {
    var kind: ROOTFileError.Kind
    var detail: String
    init(_ detail: String, kind: ROOTFileError.Kind = .corrupt) {
        self.kind = kind
        self.detail = detail
    }
}
