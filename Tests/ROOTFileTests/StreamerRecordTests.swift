import Foundation
import XCTest
@testable import ROOTFile

/// Streamer lists that carry records for classes no histogram uses, as other frameworks' files do: every
/// element kind must be parsed by its own layout, or the records after it (TH1D's among them) are misread.
final class StreamerRecordTests: XCTestCase {
    /// A TH1D and a TH2F in a file whose streamer list starts with ROOT's record for `pair<string,double>`.
    func pairFile() throws -> [UInt8] {
        var w = ROOTFileWriter()
        w.extraStreamers = [.pairStringDouble]
        for h in WriterTests.sample() { try w.add(h) }
        return w.bytes(fileName: "pair.root")
    }

    func testHistogramsReadInAFileDeclaringPairOfStringAndDouble() throws {
        let file = try ROOTFile(path: "pair.root", bytes: try pairFile())
        for want in WriterTests.sample() { XCTAssertEqual(try file.histogram(at: want.path), want) }
    }

    func testTheSTLstringElementIsParsedAsROOTDescribesIt() throws {
        let file = try ROOTFile(path: "pair.root", bytes: try pairFile())
        let pair = try XCTUnwrap(file.streamers().info("pair<string,double>", version: 1))
        XCTAssertEqual(pair.elements.map(\.kind), ["TStreamerSTLstring", "TStreamerBasicType"])
        XCTAssertEqual(pair.elements.map(\.name), ["first", "second"])
        XCTAssertEqual(pair.elements.map(\.typeName), ["string", "double"])
        XCTAssertEqual(pair.elements.map(\.type), [500, 8])
        XCTAssertNotNil(try file.streamers().info("TH1D", version: 3), "the records after the pair's still read")
    }
}

/// Element kinds the reader does not know, and faults inside the streamer list.
final class StreamerRecordFaultTests: XCTestCase {
    func testAnUnknownElementKindIsSkippedAndOnlyItsClassIsUnreadable() throws {
        var w = ROOTFileWriter()
        w.extraStreamers = [.init(name: "Future", version: 1, checksum: 0, elements: [("TStreamerFuture", "x", 8, "double", 0, "")]),
                            .pairStringDouble]
        for h in WriterTests.sample() { try w.add(h) }
        let file = try ROOTFile(path: "future.root", bytes: w.bytes(fileName: "future.root"))
        for want in WriterTests.sample() { XCTAssertEqual(try file.histogram(at: want.path), want) }
        XCTAssertEqual(try file.streamers().info("Future", version: 1)?.elements.map(\.type), [-1])
        XCTAssertEqual(try file.streamers().info("pair<string,double>", version: 1)?.elements.map(\.name), ["first", "second"])
    }

    func testAFaultInTheStreamerRecordsSaysSoAndNamesTheFileAndTheObject() throws {
        var w = ROOTFileWriter(compression: .none)
        w.extraStreamers = [.pairStringDouble]
        for h in WriterTests.sample() { try w.add(h) }
        var bytes = w.bytes(fileName: "bad.root")
        let tag = Array("TStreamerSTLstring".utf8) + [0]
        let at = try XCTUnwrap((0...(bytes.count - tag.count)).first { Array(bytes[$0..<($0 + tag.count)]) == tag })
        // After the class name: the element's own byte count and version, then its TStreamerSTL's byte count.
        bytes.replaceSubrange((at + tag.count + 6)..<(at + tag.count + 10), with: [0x7F, 0xFF, 0xFF, 0xFF])
        let file = try ROOTFile(path: "bad.root", bytes: bytes)
        XCTAssertThrowsError(try file.histogram(at: "summary")) { error in
            let text = String(describing: error)
            for part in ["bad.root", "summary", "streamer records"] { XCTAssertTrue(text.contains(part), text) }
        }
    }
}
