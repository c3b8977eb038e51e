import Foundation
import Testing

@testable import EDIFormat

/// Every input the fuzzers found a bug with (`Fixtures/fuzz/`), held to the invariants the fuzz targets
/// check: chunking changes nothing, every acknowledgement built parses back clean, a written interchange
/// parses back with the same elements.
@Suite struct FuzzRegressionTests {
    static let inputs: [String] = ["fuzz/x12", "fuzz/edifact"].flatMap { folder in
        let path = FixtureFiles.bundleRoot.appendingPathComponent(folder).path
        let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
        return names.filter { !$0.hasPrefix(".") && !$0.hasSuffix(".md") }.sorted().map { "\(folder)/\($0)" }
    }

    @Test func thereAreRegressionInputs() {
        #expect(!Self.inputs.isEmpty)
    }

    @Test(arguments: inputs) func invariantsHold(_ file: String) throws {
        let bytes = try FixtureFiles.bytes(file)
        let whole = SegmentTokenizer.tokenize(bytes).map(TokenSignature.init)
        for size in [1, 3, 7] {
            var tokenizer = SegmentTokenizer()
            var chunked: [TokenSignature] = []
            var index = 0
            while index < bytes.count {
                let end = min(bytes.count, index + size)
                chunked += tokenizer.feed(Array(bytes[index..<end])).map(TokenSignature.init)
                index = end
            }
            chunked += tokenizer.finish().map(TokenSignature.init)
            #expect(chunked == whole, "chunks of \(size)")
        }
        let parsed = EDIParser.parse(bytes)
        let settings = AcknowledgementSettings(
            interchangeControlNumber: 7, groupControlNumber: 7, date: "20240310", time: "0916")
        for interchange in parsed.interchanges {
            let report = interchange.report
            let acks: [[UInt8]?] =
                report.standard == .x12
                ? [
                    X12Acknowledgement.ta1(for: report, settings: settings),
                    X12Acknowledgement.functional(.fa997, for: report, settings: settings),
                    X12Acknowledgement.functional(.fa999, for: report, settings: settings),
                ]
                : [CONTRLAcknowledgement.build(for: report, settings: settings)]
            for case let ack? in acks {
                let reread = EDIParser.parse(ack)
                let errors = reread.allFindings.filter {
                    $0.isError && $0.code.level != .element && $0.code.level != .segment
                }
                #expect(
                    reread.interchanges.count == 1 && errors.isEmpty,
                    "the acknowledgement parses: \(errors.map(\.code))")
            }
            let written = EDIParser.parse(EDIWriter.write(interchange))
            #expect(written.interchanges.count == 1)
            let before = interchange.transactionSets.flatMap(\.segments).map { $0.elements.map(\.bytes) }
            let after = (written.interchanges.first?.transactionSets ?? []).flatMap(\.segments).map { segment in
                Array(segment.elements.map(\.bytes).prefix(segment.lastNonEmptyPosition))
            }
            let trimmedBefore = interchange.transactionSets.flatMap(\.segments).map { segment in
                Array(segment.elements.map(\.bytes).prefix(segment.lastNonEmptyPosition))
            }
            #expect(after == trimmedBefore || before.isEmpty, "written elements read back the same")
        }
    }
}
