import Foundation
import Testing

@testable import EDIFormat

// Golden acknowledgements: each broken file under Fixtures/bad/ sits beside the acknowledgements it must
// produce (`name.997.edi`, `name.999.edi`, `name.ta1.edi`, `name.contrl.edi`), built with the fixed settings
// of `AckTestSettings.standard`. The comparison is byte for byte.
//
// Re-record with `RECORD_GOLDENS=1 swift test --filter GoldenAckTests`: the goldens are then written into the
// source tree (next to this file), not into the test bundle. Goldens of cases with a `knownIssue` are written
// by hand from the primer and are never re-recorded: the builder's output is known to be wrong there.

/// One golden acknowledgement of one broken input.
struct GoldenCase: Sendable, CustomTestStringConvertible {
    let name: String
    let kind: AcknowledgementKind
    /// Set when EDIFormat is known to build a different (wrong) acknowledgement: the golden is hand-written.
    let knownIssue: String?

    init(_ name: String, _ kind: AcknowledgementKind, knownIssue: String? = nil) {
        self.name = name
        self.kind = kind
        self.knownIssue = knownIssue
    }

    var input: String { "bad/\(name).edi" }
    var golden: String { "bad/\(name).\(kind.rawValue).edi" }
    var testDescription: String { "\(name).\(kind.rawValue)" }
}

@Suite("Golden acknowledgements for broken files")
struct GoldenAckTests {
    static let cases: [GoldenCase] = [
        // X12: transaction set and group trailers (997 AK5/AK9), envelope (TA1).
        GoldenCase("x12-wrong-se01", .fa997),
        GoldenCase("x12-wrong-se01", .fa999),
        GoldenCase("x12-se02-mismatch", .fa997),
        GoldenCase("x12-wrong-ge01", .fa997),
        GoldenCase("x12-missing-ge", .fa997),
        GoldenCase("x12-bad-gs-date", .fa997),
        GoldenCase("x12-wrong-iea01", .ta1),
        GoldenCase("x12-wrong-iea02", .ta1),
        GoldenCase("x12-unpadded-isa", .ta1),
        // X12: segment and element errors (AK3/AK4).
        GoldenCase("x12-garbled-tag", .fa997),
        GoldenCase("x12-missing-mandatory-element", .fa997),
        GoldenCase("x12-too-long-element", .fa997),
        GoldenCase("x12-bad-dtm-date", .fa997),
        GoldenCase("x12-bad-dtm-date", .fa999),
        GoldenCase("x12-component-in-simple-004010", .fa997),
        GoldenCase("x12-component-in-simple-005010", .fa999),
        // EDIFACT: CONTRL.
        GoldenCase("edifact-wrong-unt-count", .contrl),
        GoldenCase("edifact-wrong-unt-ref", .contrl),
        GoldenCase("edifact-wrong-unz-count", .contrl),
        GoldenCase("edifact-wrong-unz-ref", .contrl),
        GoldenCase("edifact-wrong-une-count", .contrl),
        GoldenCase("edifact-missing-mandatory-element", .contrl),
        GoldenCase("edifact-too-long-element", .contrl),
        GoldenCase("edifact-bad-dtm-date", .contrl),
        GoldenCase("edifact-decimal-comma-undeclared", .contrl),
        GoldenCase("edifact-unoa-non-ascii", .contrl),
    ]

    /// Builders that must decline (return nil) for an input: envelope rejections get no 997/999.
    static let declined: [GoldenCase] = [
        GoldenCase("x12-wrong-iea01", .fa997), GoldenCase("x12-wrong-iea01", .fa999),
        GoldenCase("x12-wrong-iea02", .fa997), GoldenCase("x12-wrong-iea02", .fa999),
        GoldenCase("x12-unpadded-isa", .fa997), GoldenCase("x12-unpadded-isa", .fa999),
    ]

    static var recording: Bool { ProcessInfo.processInfo.environment["RECORD_GOLDENS"] == "1" }

    @Test("The acknowledgement equals its golden file byte for byte", arguments: cases)
    func golden(_ golden: GoldenCase) throws {
        let parsed = EDIParser.parse(try FixtureFiles.bytes(golden.input))
        #expect(parsed.interchanges.count == 1)
        let report = try #require(parsed.interchanges.first).report
        let built = try #require(
            AckTestSettings.build(golden.kind, for: report), "the builder declined to acknowledge \(golden.input)")
        if Self.recording && golden.knownIssue == nil {
            let target = FixtureFiles.sourceRoot.appendingPathComponent(golden.golden)
            try Data(built).write(to: target)
            return
        }
        let expected = try FixtureFiles.bytes(golden.golden)
        // Compared as Latin-1 text (one character per byte) for a readable difference, which is byte for byte.
        let builtText = TextEncoding.latin1.decode(built)
        let expectedText = TextEncoding.latin1.decode(expected)
        if let issue = golden.knownIssue {
            withKnownIssue(Comment(rawValue: issue)) {
                #expect(builtText == expectedText)
            }
        } else {
            #expect(
                builtText == expectedText,
                "golden \(golden.golden); re-record with RECORD_GOLDENS=1 only after checking the difference")
            #expect(built == expected)
        }
    }

    @Test("Envelope rejections get a TA1 and no 997/999", arguments: declined)
    func declinedAcknowledgement(_ declined: GoldenCase) throws {
        let report = try #require(EDIParser.parse(try FixtureFiles.bytes(declined.input)).interchanges.first).report
        #expect(report.isRejected)
        #expect(AckTestSettings.build(declined.kind, for: report) == nil)
    }

    @Test(
        "Every broken input has at least one golden acknowledgement",
        arguments: FixtureFiles.files(in: "bad").filter { !FixtureFiles.isGoldenAck($0) })
    func everyInputHasAGolden(_ input: String) {
        let name = String(input.dropFirst("bad/".count).dropLast(".edi".count))
        #expect(Self.cases.contains { $0.name == name }, "no golden case for \(input)")
        for kind in AcknowledgementKind.allCases {
            let file = "bad/\(name).\(kind.rawValue).edi"
            if FixtureFiles.exists(file) {
                #expect(
                    Self.cases.contains { $0.name == name && $0.kind == kind },
                    "\(file) is not listed in GoldenAckTests.cases")
            }
        }
    }

    @Test(
        "Every broken input is flagged with an error",
        arguments: FixtureFiles.files(in: "bad").filter { !FixtureFiles.isGoldenAck($0) })
    func everyBadInputHasAnError(_ input: String) throws {
        #expect(EDIParser.parse(try FixtureFiles.bytes(input)).hasErrors)
    }

    @Test("A builder never answers the other standard", arguments: FixtureFiles.inputs)
    func otherStandardDeclines(_ input: String) throws {
        for interchange in EDIParser.parse(try FixtureFiles.bytes(input)).interchanges {
            let kinds: [AcknowledgementKind] = interchange.standard == .x12 ? [.contrl] : [.ta1, .fa997, .fa999]
            for kind in kinds {
                #expect(AckTestSettings.build(kind, for: interchange.report) == nil, "\(kind) for \(input)")
            }
        }
    }

    @Test(
        "Every golden acknowledgement is itself clean EDI and an acknowledgement",
        arguments: FixtureFiles.files(in: "bad").filter(FixtureFiles.isGoldenAck))
    func goldenIsValid(_ golden: String) throws {
        let parsed = EDIParser.parse(try FixtureFiles.bytes(golden))
        #expect(parsed.interchanges.count == 1)
        #expect(EDITest.summaries(parsed).isEmpty)
        let interchange = try #require(parsed.interchanges.first)
        if interchange.standard == .x12 {
            #expect(interchange.report.isAcknowledgement)
            #expect(interchange.report.envelope.acknowledgementRequested == false)  // ISA14 = 0
            #expect(interchange.report.envelope.controlNumber == "000005000")
        } else {
            #expect(interchange.transactionSets.map(\.type) == ["CONTRL"])
            #expect(interchange.report.envelope.controlNumber == "5000")
        }
    }
}

// MARK: - Samples

/// What a sample's name says about it.
struct SampleVerdict: Sendable, CustomTestStringConvertible {
    let path: String
    let accepted: Bool
    let findings: [FindingSummary]
    /// The acknowledgement body lines (AK… for X12 997, UCI/UCM/UCS/UCD for CONTRL).
    let ackLines: [String]

    var testDescription: String { path }
}

@Suite("Shipped samples give the verdict their names say")
struct SampleTests {
    static let verdicts: [SampleVerdict] = [
        SampleVerdict(
            path: "x12/850-order.edi", accepted: true, findings: [],
            ackLines: ["AK1*PO*101", "AK2*850*0001", "AK5*A", "AK9*A*1*1*1"]),
        SampleVerdict(
            path: "x12/855-po-ack.edi", accepted: true, findings: [],
            ackLines: ["AK1*PR*5001", "AK2*855*0001", "AK5*A", "AK9*A*1*1*1"]),
        SampleVerdict(
            path: "x12/810-invoice-bad-date.edi", accepted: false,
            findings: [FindingSummary(.elementInvalidDate, tag: "BIG", position: 2, element: 1)],
            ackLines: ["AK1*IN*5003", "AK2*810*0001", "AK3*BIG*2**8", "AK4*1*373*8*20240231", "AK5*R*5", "AK9*R*1*1*0"]),
        SampleVerdict(
            path: "x12/810-invoice.edi", accepted: true, findings: [],
            ackLines: ["AK1*IN*5003", "AK2*810*0001", "AK5*A", "AK9*A*1*1*1"]),
        SampleVerdict(
            path: "edifact/orders-d96a.edi", accepted: true, findings: [],
            ackLines: ["UCI+ICR0001+5412345000037:14+5412345000013:14+7", "UCM+1+ORDERS:D:96A:UN+7"]),
        SampleVerdict(
            path: "edifact/ordrsp-d96a.edi", accepted: true, findings: [],
            ackLines: ["UCI+ICR5001+5412345000013:14+5412345000037:14+7", "UCM+1+ORDRSP:D:96A:UN+7"]),
        SampleVerdict(
            path: "x12/856-ship-notice.edi", accepted: true, findings: [],
            ackLines: ["AK1*SH*5002", "AK2*856*0001", "AK5*A", "AK9*A*1*1*1"]),
        SampleVerdict(
            path: "edifact/desadv-d96a.edi", accepted: true, findings: [],
            ackLines: ["UCI+ICR5002+5412345000013:14+5412345000037:14+7", "UCM+1+DESADV:D:96A:UN+7"]),
        SampleVerdict(
            path: "x12/846-inventory.edi", accepted: true, findings: [],
            ackLines: ["AK1*IB*5004", "AK2*846*0001", "AK5*A", "AK9*A*1*1*1"]),
        SampleVerdict(
            path: "x12/820-remittance.edi", accepted: true, findings: [],
            ackLines: ["AK1*RA*102", "AK2*820*0001", "AK5*A", "AK9*A*1*1*1"]),
        SampleVerdict(
            path: "x12/940-warehouse-order.edi", accepted: true, findings: [],
            ackLines: ["AK1*OW*7001", "AK2*940*0001", "AK5*A", "AK9*A*1*1*1"]),
        SampleVerdict(
            path: "x12/945-warehouse-advice.edi", accepted: true, findings: [],
            ackLines: ["AK1*SW*9001", "AK2*945*0001", "AK5*A", "AK9*A*1*1*1"]),
        SampleVerdict(
            path: "edifact/invrpt-d96a.edi", accepted: true, findings: [],
            ackLines: ["UCI+ICR5004+5412345000013:14+5412345000037:14+7", "UCM+1+INVRPT:D:96A:UN+7"]),
        SampleVerdict(
            path: "edifact/remadv-d96a.edi", accepted: true, findings: [],
            ackLines: ["UCI+ICR0102+5412345000037:14+5412345000013:14+7", "UCM+1+REMADV:D:96A:UN+7"]),
        SampleVerdict(
            path: "edifact/invoic-d96a.edi", accepted: true, findings: [],
            ackLines: ["UCI+ICR5003+5412345000013:14+5412345000037:14+7", "UCM+1+INVOIC:D:96A:UN+7"]),
        SampleVerdict(
            path: "edifact/orders-bad-unt.edi", accepted: false,
            findings: [FindingSummary(.setTrailerCount, tag: "UNT", position: 22, element: 1)],
            ackLines: ["UCI+ICR0001+5412345000037:14+5412345000013:14+7", "UCM+1+ORDERS:D:96A:UN+4+29+UNT"]),
    ]

    @Test("Sample verdict", arguments: verdicts)
    func verdict(_ sample: SampleVerdict) throws {
        let parsed = EDIParser.parse(try SampleFiles.bytes(sample.path))
        #expect(parsed.interchanges.count == 1)
        #expect(parsed.hasErrors == !sample.accepted)
        #expect(EDITest.summaries(parsed) == sample.findings)
        let interchange = try #require(parsed.interchanges.first)
        let kind: AcknowledgementKind = interchange.standard == .x12 ? .fa997 : .contrl
        let lines = EDITest.lines(AckTestSettings.text(kind, for: interchange.report))
        let body = lines.filter { $0.hasPrefix("AK") || $0.hasPrefix("UC") }
        #expect(body == sample.ackLines)
    }

    @Test("Every sample is listed")
    func everySampleListed() throws {
        let listed = Set(Self.verdicts.map(\.path))
        #expect(listed == Set(SampleFiles.all))
        for folder in ["x12", "edifact"] {
            let names = try FileManager.default.contentsOfDirectory(
                atPath: SampleFiles.root.appendingPathComponent(folder).path)
            for name in names where name.hasSuffix(".edi") {
                #expect(listed.contains("\(folder)/\(name)"), "Samples/\(folder)/\(name) has no expected verdict")
            }
        }
    }
}
