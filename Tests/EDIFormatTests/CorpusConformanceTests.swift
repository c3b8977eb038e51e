import Foundation
import Testing

@testable import EDIFormat

/// What a person expects of a corpus file.
struct CorpusExpectation: Sendable, CustomTestStringConvertible {
    enum Verdict: Sendable { case accepted, acceptedWithWarnings, rejected, notEDI }

    let file: String
    let verdict: Verdict
    let interchanges: Int
    let groups: Int
    let sets: Int
    let codes: Set<String>
    let note: String

    init(
        _ file: String, _ verdict: Verdict, interchanges: Int, groups: Int, sets: Int, codes: Set<String>, note: String
    ) {
        self.file = file
        self.verdict = verdict
        self.interchanges = interchanges
        self.groups = groups
        self.sets = sets
        self.codes = codes
        self.note = note
    }

    var testDescription: String { file }
}

/// Files where the person's expectation needs checks edigate does not make yet, and why.
let corpusKnownGaps: [String: String] = [
    "edifact/phpedifact_example_order_ok.edi":
        "element checks use the D96A directory only; this D01B ORDERS has a 4-character QTY 6411",
    "edifact/smooks_recadv.txt":
        "element checks use the D96A directory only; this D01B RECADV has a too-long NAD 3036 and trailing separators",
]

/// Every X12 and EDIFACT file of `../shared/corpus` gets the verdict recorded in `corpusExpectations`,
/// with located findings where it is broken, and never a crash or a hang.
@Suite struct CorpusConformanceTests {
    /// `../shared/corpus` beside the checkout, when it exists.
    static let corpus: URL? = {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let url = root.deletingLastPathComponent().appendingPathComponent("shared/corpus")
        return FileManager.default.fileExists(atPath: url.path) ? url : nil
    }()

    static func load(_ file: String) -> [UInt8]? {
        guard let corpus else { return nil }
        return FileManager.default.contents(atPath: corpus.appendingPathComponent(file).path).map { [UInt8]($0) }
    }

    @Test func everyCorpusFileHasAnExpectation() throws {
        guard let corpus = Self.corpus else {
            print("notice: ../shared/corpus is absent; the corpus conformance tests are skipped")
            return
        }
        let listed = Set(corpusExpectations.map(\.file))
        for folder in ["x12", "edifact"] {
            let names = try FileManager.default.contentsOfDirectory(atPath: corpus.appendingPathComponent(folder).path)
            for name in names where !name.hasPrefix(".") {
                #expect(listed.contains("\(folder)/\(name)"), "no expectation recorded for \(folder)/\(name)")
            }
        }
    }

    @Test(arguments: corpusExpectations) func verdict(_ expectation: CorpusExpectation) throws {
        guard let bytes = Self.load(expectation.file) else {
            print("notice: ../shared/corpus/\(expectation.file) is absent; skipped")
            return
        }
        let parsed = EDIParser.parse(bytes)
        let findings = parsed.allFindings
        let codes = Set(findings.map(\.code.rawValue))
        let errors = findings.filter(\.isError)
        let verdict: CorpusExpectation.Verdict =
            codes.contains(FindingCode.notEDI.rawValue)
            ? .notEDI : !errors.isEmpty ? .rejected : findings.isEmpty ? .accepted : .acceptedWithWarnings
        let summary = findings.map { "\($0.code.rawValue)@\($0.location.segmentOrdinal ?? -1)" }.joined(separator: ", ")
        if let gap = corpusKnownGaps[expectation.file] {
            withKnownIssue(Comment(rawValue: gap)) {
                #expect(verdict == expectation.verdict && expectation.codes.isSubset(of: codes))
            }
            return
        }
        #expect(verdict == expectation.verdict, "\(expectation.file): \(expectation.note); findings: \(summary)")
        #expect(parsed.interchanges.count == expectation.interchanges, "interchanges")
        let groups = parsed.interchanges.reduce(0) { $0 + $1.report.groups.filter(\.isExplicit).count }
        #expect(groups == expectation.groups, "groups")
        let sets = parsed.interchanges.reduce(0) { $0 + $1.report.groups.reduce(0) { $0 + $1.sets.count } }
        #expect(sets == expectation.sets, "transaction sets")
        #expect(
            expectation.codes.isSubset(of: codes), "expected codes \(expectation.codes.sorted()) in \(codes.sorted())")
        for finding in findings {
            #expect(
                finding.location.byteOffset >= 0 && finding.location.byteOffset <= bytes.count,
                "finding located in the file")
            if finding.code.level == .segment || finding.code.level == .element {
                #expect(
                    finding.location.segmentOrdinal != nil && finding.location.segmentTag != nil,
                    "segment findings name their segment")
            }
        }
        // The same verdict whatever the chunking.
        var reader = EDIStreamReader(retainTransactionSets: false)
        var chunkedFindings: [Finding] = []
        let collect: (EnvelopeEvent) -> Void = { event in
            switch event {
            case .interchange(let interchange): chunkedFindings += interchange.report.allFindings
            case .fileFinding(let finding): chunkedFindings.append(finding)
            case .transactionSet: break
            }
        }
        var index = 0
        while index < bytes.count {
            let end = min(bytes.count, index + 7)
            reader.feed(Array(bytes[index..<end]), emit: collect)
            index = end
        }
        reader.finish(emit: collect)
        #expect(
            chunkedFindings.sorted { $0.location.byteOffset < $1.location.byteOffset }.map(\.code)
                == findings.map(\.code))
    }
}
