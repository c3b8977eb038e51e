import Foundation
import Testing

@testable import EDIFormat

// The test vectors TV1-TV22 of the primer (docs/edi-primer.md §7), with the golden acknowledgements of §2.7
// and §3.5. The input documents are composed from the §4.1 850 and ORDERS examples as each vector describes.
//
// This file also holds the support shared by GoldenAckTests and PropertyTests: the primer documents, the
// fixture loader, the fixed acknowledgement settings and compact views of segments and findings.

// MARK: - Primer documents

/// The example documents of primer §4, exactly as printed there (one segment per line).
enum PrimerDocuments {
    /// §4.1 X12 850 (004010): ISA13 000000101, GS06 101, ST02 0001, SE01 20.
    static let x12Order850 = """
        ISA*00*          *00*          *ZZ*BUYERCO        *ZZ*SELLERCO       *240310*0915*U*00401*000000101*0*P*>~
        GS*PO*BUYERCO*SELLERCO*20240310*0915*101*X*004010~
        ST*850*0001~
        BEG*00*SA*PO4500012345**20240310~
        CUR*BY*USD~
        REF*DP*042~
        PER*BD*Jane Roe*TE*5555550100~
        DTM*002*20240320~
        N1*BT*Buyer Co HQ*92*BT01~
        N3*100 Main St~
        N4*Springfield*IL*62701*US~
        N1*ST*Acme Store 12*92*0012~
        N3*12 Market Ave~
        N4*Springfield*IL*62702*US~
        PO1*1*10*EA*12.5*PE*UP*012345678905*VN*WID-100~
        PID*F****Blue widget, large~
        PO4*6~
        PO1*2*4*CA*30**VN*WID-200~
        PID*F****Widget refill case~
        CTT*2*14~
        AMT*TT*245~
        SE*20*0001~
        GE*1*101~
        IEA*1*000000101~

        """

    /// §4.1 EDIFACT ORDERS D96A: 0020 ICR0001, UNH 0062 1, UNT 22.
    static let edifactOrders = """
        UNA:+.? '
        UNB+UNOC:3+5412345000037:14+5412345000013:14+240310:0915+ICR0001'
        UNH+1+ORDERS:D:96A:UN'
        BGM+220+PO4500012345+9'
        DTM+137:20240310:102'
        DTM+2:20240320:102'
        FTX+AAI+++Leave at dock 3?+ rear entrance'
        RFF+CT:CON-2024-7'
        NAD+BY+5412345000037::9'
        NAD+SU+5412345000013::9'
        NAD+DP+5412345000044::9'
        CUX+2:EUR:9'
        LIN+1++4001234000015:EN'
        PIA+1+WID-100:SA'
        IMD+F++:::Blue widget, large'
        QTY+21:10'
        PRI+AAA:12.5'
        LIN+2++4001234000022:EN'
        PIA+1+WID-200:SA'
        QTY+21:4'
        PRI+AAA:30'
        UNS+S'
        CNT+2:2'
        UNT+22+1'
        UNZ+1+ICR0001'

        """

    /// §4.4 X12 810 (004010).
    static let x12Invoice810 = """
        ISA*00*          *00*          *ZZ*SELLERCO       *ZZ*BUYERCO        *240315*0800*U*00401*000005003*0*P*>~
        GS*IN*SELLERCO*BUYERCO*20240315*0800*5003*X*004010~
        ST*810*0001~
        BIG*20240315*INV-88001*20240310*PO4500012345~
        REF*IA*VEND-778~
        N1*RI*Widget Works*92*RI01~
        N1*BT*Buyer Co HQ*92*BT01~
        N1*ST*Acme Store 12*92*0012~
        ITD*08*3*2**10**30~
        DTM*011*20240314~
        IT1*1*10*EA*12.5**UP*012345678905*VN*WID-100~
        PID*F****Blue widget, large~
        IT1*2*2*CA*30**VN*WID-200~
        TDS*19500~
        SAC*C*D240***1500~
        SAC*A*C310***500~
        CTT*2*12~
        SE*16*0001~
        GE*1*5003~
        IEA*1*000005003~

        """

    /// §2.7: the positive 997 for the §4.1 850 (settings 5000 / 5000 / 20240310 / 0916).
    static let ack997For850 = """
        ISA*00*          *00*          *ZZ*SELLERCO       *ZZ*BUYERCO        *240310*0916*U*00401*000005000*0*P*>~
        GS*FA*SELLERCO*BUYERCO*20240310*0916*5000*X*004010~
        ST*997*0001~
        AK1*PO*101~
        AK2*850*0001~
        AK5*A~
        AK9*A*1*1*1~
        SE*6*0001~
        GE*1*5000~
        IEA*1*000005000~

        """

    /// §2.7: the 999 for a 005010 850 whose segment 6 is `DTM*002*20240231` (TV16).
    static let ack999ForBadDate = """
        ISA*00*          *00*          *ZZ*SELLERCO       *ZZ*BUYERCO        *240310*0916*^*00501*000005000*0*P*>~
        GS*FA*SELLERCO*BUYERCO*20240310*0916*5000*X*005010X231A1~
        ST*999*0001*005010X231A1~
        AK1*PO*101*005010~
        AK2*850*0001~
        IK3*DTM*6**8~
        IK4*2*373*8*20240231~
        IK5*R*5~
        AK9*R*1*1*0~
        SE*8*0001~
        GE*1*5000~
        IEA*1*000005000~

        """

    /// §2.7: the TA1-only interchange rejecting interchange 000000101 because IEA01 is wrong (TV7), ISA13 5010.
    static let ta1ForWrongIEA01 = """
        ISA*00*          *00*          *ZZ*SELLERCO       *ZZ*BUYERCO        *240310*0916*U*00401*000005010*0*P*>~
        TA1*000000101*240310*0915*R*021~
        IEA*0*000005010~

        """

    /// §3.5: the CONTRL for the ORDERS whose UNT says 21 instead of 22 (TV11).
    static let contrlForWrongUNT = """
        UNA:+.? '
        UNB+UNOC:3+5412345000013:14+5412345000037:14+240310:0920+CTL0001'
        UNH+1+CONTRL:D:3:UN'
        UCI+ICR0001+5412345000037:14+5412345000013:14+7'
        UCM+1+ORDERS:D:96A:UN+4+29+UNT'
        UNT+4+1'
        UNZ+1+CTL0001'

        """

    /// The §4.1 850 turned into 005010: ISA11 `^`, ISA12 00501, GS08 005010.
    static var x12Order850v5010: String {
        edit(x12Order850, ("*U*00401*", "*^*00501*"), ("*X*004010~", "*X*005010~"))
    }

    /// Replaces each `old` (which must occur) by `new`, first occurrence only.
    static func edit(_ document: String, _ replacements: (String, String)...) -> String {
        var result = document
        for (old, new) in replacements {
            guard let range = result.range(of: old) else { preconditionFailure("the primer document has no \(old)") }
            result.replaceSubrange(range, with: new)
        }
        return result
    }
}

// MARK: - Shared support

/// The acknowledgement settings every test uses, so that outputs are stable (primer §2.7 values).
enum AckTestSettings {
    static let standard = AcknowledgementSettings(
        interchangeControlNumber: 5000, groupControlNumber: 5000, date: "20240310", time: "0916",
        segmentSuffix: Array("\n".utf8))

    static func with(interchange: Int = 5000, group: Int = 5000, firstSet: Int = 1, time: String = "0916")
        -> AcknowledgementSettings
    {
        var settings = standard
        settings.interchangeControlNumber = interchange
        settings.groupControlNumber = group
        settings.firstSetControlNumber = firstSet
        settings.time = time
        return settings
    }

    /// Builds one kind of acknowledgement for a report; nil when the builder declines.
    static func build(
        _ kind: AcknowledgementKind, for report: InterchangeReport, settings: AcknowledgementSettings = standard
    ) -> [UInt8]? {
        switch kind {
        case .ta1: return X12Acknowledgement.ta1(for: report, settings: settings)
        case .fa997, .fa999: return X12Acknowledgement.functional(kind, for: report, settings: settings)
        case .contrl: return CONTRLAcknowledgement.build(for: report, settings: settings)
        }
    }

    static func text(
        _ kind: AcknowledgementKind, for report: InterchangeReport, settings: AcknowledgementSettings = standard
    ) -> String? {
        build(kind, for: report, settings: settings).map { String(decoding: $0, as: UTF8.self) }
    }
}

/// Test inputs under `Fixtures/` (loaded from the bundle; goldens are rewritten in the source tree).
enum FixtureFiles {
    static let ackSuffixes = AcknowledgementKind.allCases.map { ".\($0.rawValue).edi" }

    static var bundleRoot: URL {
        guard let url = Bundle.module.url(forResource: "Fixtures", withExtension: nil) else {
            preconditionFailure("the Fixtures resource is missing from the test bundle")
        }
        return url
    }

    static var sourceRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
    }

    static func url(_ relative: String) -> URL { bundleRoot.appendingPathComponent(relative) }

    static func bytes(_ relative: String) throws -> [UInt8] { [UInt8](try Data(contentsOf: url(relative))) }

    static func exists(_ relative: String) -> Bool { FileManager.default.fileExists(atPath: url(relative).path) }

    /// Every `.edi` file of a fixture folder, as `folder/name.edi`, sorted.
    static func files(in folder: String) -> [String] {
        let names =
            (try? FileManager.default.contentsOfDirectory(atPath: bundleRoot.appendingPathComponent(folder).path)) ?? []
        return names.filter { $0.hasSuffix(".edi") }.sorted().map { "\(folder)/\($0)" }
    }

    static func isGoldenAck(_ relative: String) -> Bool { ackSuffixes.contains { relative.hasSuffix($0) } }

    /// Every fixture: inputs and the golden acknowledgements (which are EDI too).
    static var all: [String] { files(in: "good") + files(in: "bad") }

    /// The inputs only.
    static var inputs: [String] { all.filter { !isGoldenAck($0) } }
}

/// The shipped examples under `Samples/` (read from the source tree).
enum SampleFiles {
    static var root: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
            .appendingPathComponent("Samples")
    }

    static func bytes(_ relative: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: root.appendingPathComponent(relative)))
    }

    static let all = [
        "x12/850-order.edi", "x12/855-po-ack.edi", "x12/810-invoice-bad-date.edi", "x12/810-invoice.edi",
        "edifact/orders-d96a.edi", "edifact/ordrsp-d96a.edi", "edifact/orders-bad-unt.edi", "edifact/invoic-d96a.edi",
        "x12/856-ship-notice.edi", "edifact/desadv-d96a.edi", "x12/846-inventory.edi", "x12/820-remittance.edi",
        "x12/940-warehouse-order.edi", "x12/945-warehouse-advice.edi", "edifact/invrpt-d96a.edi",
        "edifact/remadv-d96a.edi",
    ]
}

/// A finding reduced to what a test vector states: code, severity, segment, element and component.
struct FindingSummary: Hashable, CustomStringConvertible {
    var code: FindingCode
    var severity: Finding.Severity
    var tag: String?
    var position: Int?
    var element: Int?
    var component: Int?

    init(
        _ code: FindingCode, _ severity: Finding.Severity = .error, tag: String?, position: Int? = nil,
        element: Int? = nil, component: Int? = nil
    ) {
        self.code = code
        self.severity = severity
        self.tag = tag
        self.position = position
        self.element = element
        self.component = component
    }

    init(_ finding: Finding) {
        self.init(
            finding.code, finding.severity, tag: finding.location.segmentTag,
            position: finding.location.segmentPosition,
            element: finding.location.element, component: finding.location.component)
    }

    var description: String {
        "\(code.rawValue)/\(severity.rawValue) \(tag ?? "-")@\(position.map(String.init) ?? "-") \(element.map(String.init) ?? "-"):\(component.map(String.init) ?? "-")"
    }
}

/// The element values of one segment: element → repetitions → components, release characters removed.
struct SegmentValues: Hashable, CustomStringConvertible {
    var tag: String
    var elements: [[[[UInt8]]]]

    init(_ segment: Segment) {
        tag = segment.tagString
        elements = segment.elements.map { element in element.repetitions.map { $0.components.map(\.bytes) } }
    }

    /// The text of element `position` (1-based), components joined by `:`, repetitions by `^`.
    func text(_ position: Int) -> String {
        guard position >= 1 && position <= elements.count else { return "" }
        return elements[position - 1].map { $0.map { String(decoding: $0, as: UTF8.self) }.joined(separator: ":") }
            .joined(separator: "^")
    }

    var description: String { ([tag] + (1...max(1, elements.count)).map(text)).joined(separator: "|") }
}

enum EDITest {
    static func parse(_ text: String, options: ValidationOptions = ValidationOptions()) -> ParsedInput {
        EDIParser.parse(Array(text.utf8), options: options)
    }

    static func summaries(_ parsed: ParsedInput) -> [FindingSummary] { parsed.allFindings.map(FindingSummary.init) }

    /// Every segment of an interchange in file order (the UNA is not a segment).
    static func segments(_ interchange: Interchange) -> [Segment] {
        var result = [interchange.header] + interchange.interchangeSegments
        for group in interchange.groups {
            if let header = group.header { result.append(header) }
            for set in group.transactionSets {
                result.append(set.header)
                result += set.segments
                if let trailer = set.trailer { result.append(trailer) }
            }
            if let trailer = group.trailer { result.append(trailer) }
        }
        if let trailer = interchange.trailer { result.append(trailer) }
        return result
    }

    static func values(_ parsed: ParsedInput) -> [SegmentValues] {
        parsed.interchanges.flatMap { segments($0).map(SegmentValues.init) }
    }

    /// The first segment with a tag in the first interchange's sets.
    static func firstSegment(_ parsed: ParsedInput, tag: String) -> Segment? {
        parsed.interchanges.first.flatMap { segments($0).first { $0.tagString == tag } }
    }

    /// The segments of an acknowledgement text (terminator and line break removed).
    static func lines(_ ack: String?) -> [String] {
        guard let ack else { return [] }
        return ack.split(separator: "\n").map { line in
            var text = String(line)
            if text.hasSuffix("~") || (text.hasSuffix("'") && !text.hasPrefix("UNA")) { text.removeLast() }
            return text
        }
    }

    /// The AK/IK body lines of a 997/999 (AK1 … AK9).
    static func functionalLines(_ ack: String?) -> [String] {
        lines(ack).filter { $0.hasPrefix("AK") || $0.hasPrefix("IK") }
    }

    /// A primer line list such as `AK1*PO*101~AK2*850*0001~` split on its terminator.
    static func split(_ text: String, on terminator: Character = "~") -> [String] {
        text.split(separator: terminator).map(String.init)
    }
}

// MARK: - TV1 to TV4: delimiters, terminators, whitespace, release characters

@Suite("Primer §7 test vectors")
struct TestVectorTests {
    let x850 = PrimerDocuments.x12Order850
    let orders = PrimerDocuments.edifactOrders

    @Test("TV1: | element separator, ^ repetition separator, 00501")
    func tv1PipeSeparator() throws {
        let parsed = EDIParser.parse(try FixtureFiles.bytes("good/x12-tv1-pipe-00501.edi"))
        let interchange = try #require(parsed.interchanges.first)
        #expect(parsed.interchanges.count == 1)
        #expect(interchange.delimiters.element == UInt8(ascii: "|"))
        #expect(interchange.delimiters.repetition == UInt8(ascii: "^"))
        #expect(interchange.delimiters.component == UInt8(ascii: ":"))
        #expect(interchange.delimiters.segment == UInt8(ascii: "~"))
        #expect(interchange.report.envelope.usage == "T")
        let ref = try #require(EDITest.firstSegment(parsed, tag: "REF"))
        #expect(ref.string(2) == "NOTE*WITH*STARS")
        #expect(ref.count == 2)
        #expect(EDITest.summaries(parsed).isEmpty)
        let ack = AckTestSettings.text(.fa997, for: interchange.report)
        #expect(EDITest.functionalLines(ack) == ["AK1*PO*501", "AK2*850*0001", "AK5*A", "AK9*A*1*1*1"])
    }

    @Test("TV2: LF as the segment terminator")
    func tv2LineFeedTerminator() throws {
        let parsed = EDIParser.parse(try FixtureFiles.bytes("good/x12-tv2-lf-terminator.edi"))
        let interchange = try #require(parsed.interchanges.first)
        #expect(interchange.delimiters.segment == 0x0A)
        #expect(interchange.delimiters.element == UInt8(ascii: "*"))
        #expect(interchange.delimiters.component == UInt8(ascii: ":"))
        #expect(EDITest.summaries(parsed).isEmpty)
        #expect(EDITest.firstSegment(parsed, tag: "REF")?.string(2) == "NOTE WITH STARS")
        // Same content as TV1 apart from the REF02 change.
        let tv1 = EDIParser.parse(try FixtureFiles.bytes("good/x12-tv1-pipe-00501.edi"))
        var expected = EDITest.values(tv1)
        let refIndex = try #require(expected.firstIndex { $0.tag == "REF" })
        expected[refIndex].elements[1] = [[Array("NOTE WITH STARS".utf8)]]
        #expect(EDITest.values(parsed) == expected)
        #expect(parsed.interchanges.first?.transactionSets.count == 1)
    }

    @Test("TV2b: CRLF line endings make CR the terminator and LF whitespace")
    func tv2bCarriageReturnTerminator() throws {
        let parsed = EDIParser.parse(try FixtureFiles.bytes("good/x12-tv2b-crlf.edi"))
        let interchange = try #require(parsed.interchanges.first)
        #expect(interchange.delimiters.segment == 0x0D)
        #expect(EDITest.summaries(parsed).isEmpty)
        let values = EDITest.values(parsed)
        #expect(values.count == 10)
        for segment in values {
            for element in segment.elements.joined().joined() {
                #expect(!element.contains(0x0D) && !element.contains(0x0A), "no value may contain CR or LF: \(segment)")
            }
        }
        #expect(values == EDITest.values(EDIParser.parse(try FixtureFiles.bytes("good/x12-tv2-lf-terminator.edi"))))
    }

    @Test("TV3: ~ followed by CRLF and a BOM before ISA read like the clean file")
    func tv3ByteOrderMarkAndCRLF() throws {
        let bytes = try FixtureFiles.bytes("good/x12-tv3-bom-crlf.edi")
        #expect(bytes.starts(with: [0xEF, 0xBB, 0xBF]))
        let parsed = EDIParser.parse(bytes)
        let clean = EDITest.parse(x850)
        let interchange = try #require(parsed.interchanges.first)
        #expect(EDITest.values(parsed) == EDITest.values(clean))
        #expect(EDITest.summaries(parsed) == EDITest.summaries(clean))
        #expect(EDITest.summaries(parsed).isEmpty)
        // The ISA is measured from the I: 105 bytes before its terminator, starting after the BOM.
        #expect(interchange.header.offset == 3)
        #expect(interchange.header.rawBytes.count == 105)
        #expect(interchange.delimiters.segment == UInt8(ascii: "~"))
        #expect(AckTestSettings.text(.fa997, for: interchange.report) == PrimerDocuments.ack997For850)
    }

    @Test("TV4: release characters inside EDIFACT free text")
    func tv4ReleaseCharacters() throws {
        let parsed = EDIParser.parse(try FixtureFiles.bytes("good/edifact-tv4-release.edi"))
        let ftx = try #require(EDITest.firstSegment(parsed, tag: "FTX"))
        #expect(ftx.count == 4)
        #expect(ftx[4][component: 1].string == "O'Brien+Sons dock:3 ?urgent")
        #expect(ftx[4].components.count == 1)
        // The segment did not end at ?': the message still has its 22 segments and UNT+22 is right.
        #expect(parsed.interchanges.first?.report.groups.first?.sets.first?.segmentCount == 22)
        #expect(EDITest.summaries(parsed).isEmpty)
        let contrl = AckTestSettings.text(.contrl, for: try #require(parsed.interchanges.first).report)
        #expect(EDITest.lines(contrl).contains("UCM+1+ORDERS:D:96A:UN+7"))
    }

    @Test("TV4: released characters do not count towards the length", arguments: [70, 71])
    func tv4ReleaseNotCounted(length: Int) throws {
        // FTX C108 4440 is an..70. The value holds 3 characters that must be released.
        let value = "O'Brien+Sons:" + String(repeating: "X", count: length - 13)
        let escaped = value.replacingOccurrences(of: "'", with: "?'").replacingOccurrences(of: "+", with: "?+")
            .replacingOccurrences(of: ":", with: "?:")
        let document = PrimerDocuments.edit(
            orders, ("FTX+AAI+++Leave at dock 3?+ rear entrance'", "FTX+AAI+++\(escaped)'"))
        let parsed = EDITest.parse(document)
        #expect(EDITest.firstSegment(parsed, tag: "FTX")?[4][component: 1].string == value)
        let expected =
            length > 70 ? [FindingSummary(.elementTooLong, tag: "FTX", position: 5, element: 4, component: 1)] : []
        #expect(EDITest.summaries(parsed) == expected)
    }

    // MARK: - TV5 to TV9: control numbers and counts

    @Test("TV5: SE01 wrong")
    func tv5WrongSE01() throws {
        let parsed = EDITest.parse(PrimerDocuments.edit(x850, ("SE*20*0001~", "SE*21*0001~")))
        #expect(EDITest.summaries(parsed) == [FindingSummary(.setTrailerCount, tag: "SE", position: 20, element: 1)])
        let report = try #require(parsed.interchanges.first).report
        #expect(
            EDITest.functionalLines(AckTestSettings.text(.fa997, for: report))
                == EDITest.split("AK1*PO*101~AK2*850*0001~AK5*R*4~AK9*R*1*1*0~"))
        let ik = EDITest.functionalLines(AckTestSettings.text(.fa999, for: report))
        #expect(ik.contains("IK5*R*4"))
        #expect(ik.last == "AK9*R*1*1*0")
    }

    @Test("TV6: ST02 and SE02 differ")
    func tv6ControlNumberMismatch() throws {
        let parsed = EDITest.parse(PrimerDocuments.edit(x850, ("SE*20*0001~", "SE*20*0002~")))
        #expect(
            EDITest.summaries(parsed) == [FindingSummary(.setTrailerReference, tag: "SE", position: 20, element: 2)])
        let report = try #require(parsed.interchanges.first).report
        #expect(
            EDITest.functionalLines(AckTestSettings.text(.fa997, for: report))
                == EDITest.split("AK1*PO*101~AK2*850*0001~AK5*R*3~AK9*R*1*1*0~"))
    }

    @Test("TV7: IEA01 wrong rejects the interchange with TA1 021 (primer §2.7 TA1)")
    func tv7WrongIEA01() throws {
        let parsed = EDITest.parse(PrimerDocuments.edit(x850, ("IEA*1*000000101~", "IEA*2*000000101~")))
        #expect(EDITest.summaries(parsed) == [FindingSummary(.interchangeTrailerCount, tag: "IEA", element: 1)])
        let report = try #require(parsed.interchanges.first).report
        #expect(report.isRejected)
        #expect(
            AckTestSettings.text(.ta1, for: report, settings: AckTestSettings.with(interchange: 5010))
                == PrimerDocuments.ta1ForWrongIEA01)
        #expect(AckTestSettings.build(.fa997, for: report) == nil)
        #expect(AckTestSettings.build(.fa999, for: report) == nil)
    }

    @Test("TV8: IEA02 differs from ISA13: TA1 001 carrying the header's ISA13")
    func tv8WrongIEA02() throws {
        let parsed = EDITest.parse(PrimerDocuments.edit(x850, ("IEA*1*000000101~", "IEA*1*000000199~")))
        #expect(EDITest.summaries(parsed) == [FindingSummary(.interchangeTrailerReference, tag: "IEA", element: 2)])
        let report = try #require(parsed.interchanges.first).report
        let lines = EDITest.lines(AckTestSettings.text(.ta1, for: report))
        #expect(lines.count == 3)
        #expect(lines.dropFirst().first == "TA1*000000101*240310*0915*R*001")
        #expect(lines.last == "IEA*0*000005000")
        #expect(AckTestSettings.build(.fa997, for: report) == nil)
    }

    @Test("TV8: IEA02 equal to ISA13 only as an integer is a warning")
    func tv8NumericMatch() throws {
        let parsed = EDITest.parse(PrimerDocuments.edit(x850, ("IEA*1*000000101~", "IEA*1*101~")))
        #expect(
            EDITest.summaries(parsed) == [FindingSummary(.controlNumberNumericMatch, .warning, tag: "IEA", element: 2)])
        let report = try #require(parsed.interchanges.first).report
        #expect(!report.isRejected)
        #expect(EDITest.lines(AckTestSettings.text(.ta1, for: report)).contains("TA1*000000101*240310*0915*A*000"))
    }

    @Test("TV9: GE01 wrong (pyx12-compatible AK9), and GE02 ≠ GS06 adds code 4")
    func tv9WrongGE01() throws {
        let parsed = EDITest.parse(PrimerDocuments.edit(x850, ("GE*1*101~", "GE*2*101~")))
        #expect(EDITest.summaries(parsed) == [FindingSummary(.groupTrailerCount, tag: "GE", element: 1)])
        let report = try #require(parsed.interchanges.first).report
        #expect(
            EDITest.functionalLines(AckTestSettings.text(.fa997, for: report)) == ["AK1*PO*101"]
                + EDITest.split("AK2*850*0001~AK5*A~AK9*R*2*1*1*5~"))

        let both = EDITest.parse(PrimerDocuments.edit(x850, ("GE*1*101~", "GE*2*102~")))
        #expect(
            EDITest.summaries(both) == [
                FindingSummary(.groupTrailerCount, tag: "GE", element: 1),
                FindingSummary(.groupTrailerReference, tag: "GE", element: 2),
            ])
        let lines = EDITest.functionalLines(
            AckTestSettings.text(.fa997, for: try #require(both.interchanges.first).report))
        #expect(lines.last == "AK9*R*2*1*1*5*4")
    }

    // MARK: - TV10 and TV11: EDIFACT character sets and CONTRL

    @Test("TV10: no UNA, UNOC: default separators and ISO 8859-1")
    func tv10Latin1() throws {
        let bytes = try FixtureFiles.bytes("good/edifact-tv10-unoc-no-una.edi")
        #expect(bytes.contains(0xFC))
        let parsed = EDIParser.parse(bytes)
        let interchange = try #require(parsed.interchanges.first)
        #expect(interchange.delimiters == Delimiters.edifactDefault(syntaxVersion: 3))
        #expect(interchange.serviceStringAdvice == nil)
        #expect(interchange.encoding == .latin1)
        #expect(EDITest.firstSegment(parsed, tag: "NAD")?[4][component: 1].string == "Müller GmbH")
        #expect(EDITest.summaries(parsed).isEmpty)
        #expect(
            EDITest.lines(AckTestSettings.text(.contrl, for: interchange.report)).contains("UCM+1+ORDERS:D:96A:UN+7"))
    }

    @Test("TV10: the same byte under UNOA rejects the interchange with UCI 4 21")
    func tv10NonASCIIUnderUNOA() throws {
        let bytes = try FixtureFiles.bytes("bad/edifact-unoa-non-ascii.edi")
        let parsed = EDIParser.parse(bytes)
        #expect(EDITest.summaries(parsed).map(\.code) == [.characterSetViolation])
        #expect(parsed.allFindings.first?.location.byteOffset == bytes.firstIndex(of: 0xFC))
        let report = try #require(parsed.interchanges.first).report
        let lines = EDITest.lines(AckTestSettings.text(.contrl, for: report))
        #expect(lines.contains { $0.hasPrefix("UCI+ICR0003+5412345000037:14+5412345000013:14+4+21") })
        #expect(!lines.contains { $0.hasPrefix("UCM") })
        #expect(report.isRejected)
    }

    @Test("TV10: UTF-8 is not Latin-1: 0xFC under UNOW is an invalid character")
    func tv10InvalidUTF8() throws {
        var bytes = try FixtureFiles.bytes("good/edifact-tv10-unoc-no-una.edi")
        let text = String(decoding: bytes, as: UTF8.self)
        let header = "UNB+UNOC:3+5412345000037:14+5412345000013:14+240310:0915+ICR0003'"
        #expect(text.hasPrefix(header))
        bytes.replaceSubrange(
            0..<header.utf8.count,
            with: Array("UNB+UNOW:4+5412345000037:14+5412345000013:14+20240310:0915+ICR0003'".utf8))
        let parsed = EDIParser.parse(bytes)
        #expect(
            EDITest.summaries(parsed) == [FindingSummary(.characterSetViolation, tag: "NAD", position: 3, element: 4)])
    }

    @Test("TV10: lower case under UNOA is a warning, an error with charset: strict")
    func tv10LowerCaseUnderUNOA() throws {
        let document = PrimerDocuments.edit(orders, ("UNOC:3", "UNOA:3"))
        let parsed = EDITest.parse(document)
        // The first lower-case letter is in the FTX (segment 5), element 4.
        #expect(
            EDITest.summaries(parsed) == [
                FindingSummary(.characterSetLevel, .warning, tag: "FTX", position: 5, element: 4)
            ])
        let report = try #require(parsed.interchanges.first).report
        #expect(EDITest.lines(AckTestSettings.text(.contrl, for: report)).contains("UCM+1+ORDERS:D:96A:UN+7"))

        let strict = EDITest.parse(document, options: ValidationOptions(strictCharacterSet: true))
        let errors = EDITest.summaries(strict)
        #expect(errors.first == FindingSummary(.characterSetLevel, .error, tag: "FTX", position: 5, element: 4))
        #expect(errors.allSatisfy { $0.code == .characterSetLevel && $0.severity == .error })
        let strictLines = EDITest.lines(
            AckTestSettings.text(.contrl, for: try #require(strict.interchanges.first).report))
        // Under charset: strict the excluded characters reject the interchange, as a non-ASCII byte does.
        #expect(strictLines.contains("UCI+ICR0001+5412345000037:14+5412345000013:14+4+21"))
        #expect(!strictLines.contains { $0.hasPrefix("UCM") })
    }

    @Test("TV11: UNT count wrong gives exactly the §3.5 CONTRL")
    func tv11WrongUNTCount() throws {
        let parsed = EDITest.parse(PrimerDocuments.edit(orders, ("UNT+22+1'", "UNT+21+1'")))
        #expect(EDITest.summaries(parsed) == [FindingSummary(.setTrailerCount, tag: "UNT", position: 22, element: 1)])
        let report = try #require(parsed.interchanges.first).report
        // Our interchange reference is numeric (settings), so §3.5's CTL0001 is 5000 here; all else is as printed.
        let expected = PrimerDocuments.contrlForWrongUNT.replacingOccurrences(of: "CTL0001", with: "5000")
        #expect(AckTestSettings.text(.contrl, for: report, settings: AckTestSettings.with(time: "0920")) == expected)
    }

    @Test("TV11: UNT reference wrong gives 28")
    func tv11WrongUNTReference() throws {
        let parsed = EDITest.parse(PrimerDocuments.edit(orders, ("UNT+22+1'", "UNT+22+2'")))
        #expect(
            EDITest.summaries(parsed) == [FindingSummary(.setTrailerReference, tag: "UNT", position: 22, element: 2)])
        let lines = EDITest.lines(AckTestSettings.text(.contrl, for: try #require(parsed.interchanges.first).report))
        #expect(lines.contains("UCM+1+ORDERS:D:96A:UN+4+28+UNT"))
    }

    @Test("TV11: UNZ count wrong gives UCI 4 29 UNZ and no UCM")
    func tv11WrongUNZCount() throws {
        let parsed = EDITest.parse(PrimerDocuments.edit(orders, ("UNZ+1+ICR0001'", "UNZ+2+ICR0001'")))
        #expect(EDITest.summaries(parsed) == [FindingSummary(.interchangeTrailerCount, tag: "UNZ", element: 1)])
        let lines = EDITest.lines(AckTestSettings.text(.contrl, for: try #require(parsed.interchanges.first).report))
        #expect(lines.contains("UCI+ICR0001+5412345000037:14+5412345000013:14+4+29+UNZ"))
        #expect(!lines.contains { $0.hasPrefix("UCM") })
    }

    // MARK: - TV12 to TV14: empty elements, components, composites

    @Test("TV12: empty elements inside a segment are valid; trailing ones are a warning")
    func tv12EmptyElementsX12() throws {
        let document = PrimerDocuments.edit(
            x850, ("REF*DP*042~", "REF*DP*042**~"), ("N1*ST*Acme Store 12*92*0012~", "N1*ST**92*0012~"))
        let parsed = EDITest.parse(document)
        let n1 = try #require(EDITest.values(parsed).last { $0.tag == "N1" })
        #expect(n1.text(1) == "ST" && n1.text(2) == "" && n1.text(3) == "92" && n1.text(4) == "0012")
        #expect(
            EDITest.summaries(parsed) == [
                FindingSummary(.trailingSeparator, .warning, tag: "REF", position: 4, element: 3)
            ])
        let report = try #require(parsed.interchanges.first).report
        #expect(
            EDITest.functionalLines(AckTestSettings.text(.fa997, for: report)) == [
                "AK1*PO*101", "AK2*850*0001", "AK5*A", "AK9*A*1*1*1",
            ])
    }

    @Test("TV12: a trailing EDIFACT separator is a warning; no UCS")
    func tv12EmptyElementsEDIFACT() throws {
        let parsed = EDITest.parse(
            PrimerDocuments.edit(orders, ("NAD+BY+5412345000037::9'", "NAD+BY+5412345000037::9++'")))
        #expect(
            EDITest.summaries(parsed) == [
                FindingSummary(.trailingSeparator, .warning, tag: "NAD", position: 7, element: 3)
            ])
        let lines = EDITest.lines(AckTestSettings.text(.contrl, for: try #require(parsed.interchanges.first).report))
        #expect(lines.contains("UCM+1+ORDERS:D:96A:UN+7"))
        #expect(!lines.contains { $0.hasPrefix("UCS") })
    }

    @Test("TV12: outbound output never contains trailing separators")
    func tv12NoTrailingSeparatorsOutbound() throws {
        // Acknowledgement segments: the writer drops trailing empty elements and components.
        var writer = SegmentWriter(delimiters: .x12(), suffix: [])
        writer.write("REF", "DP", "042", "", "")
        writer.write("N1", [["ST"], [""], ["92"], ["0012", "", ""]])
        #expect(String(decoding: writer.bytes, as: UTF8.self) == "REF*DP*042~N1*ST**92*0012~")

        // Interchanges written back by EDIWriter.
        let x12 = EDITest.parse(PrimerDocuments.edit(x850, ("REF*DP*042~", "REF*DP*042**~")))
        let edifact = EDITest.parse(
            PrimerDocuments.edit(orders, ("NAD+BY+5412345000037::9'", "NAD+BY+5412345000037::9++'")))
        let outputs = [
            (EDIWriter.write(try #require(x12.interchanges.first)), "REF*DP*042~"),
            (
                EDIWriter.write(
                    try #require(x12.interchanges.first),
                    delimiters: Delimiters(element: UInt8(ascii: "|"), component: UInt8(ascii: ":"), segment: 0x0A),
                    suffix: []), "REF|DP|042\n"
            ),
            (EDIWriter.write(try #require(edifact.interchanges.first)), "NAD+BY+5412345000037::9'"),
        ]
        for (bytes, expected) in outputs {
            let text = String(decoding: bytes, as: UTF8.self)
            #expect(text.contains(expected))
        }
    }

    @Test("TV13: a component separator inside a simple element (004010)")
    func tv13ComponentInSimpleElement004010() throws {
        let parsed = EDIParser.parse(try FixtureFiles.bytes("bad/x12-component-in-simple-004010.edi"))
        #expect(
            EDITest.summaries(parsed) == [
                FindingSummary(.elementTooManyComponents, tag: "PO1", position: 13, element: 7)
            ])
        let lines = EDITest.functionalLines(
            AckTestSettings.text(.fa997, for: try #require(parsed.interchanges.first).report))
        // AK404 is left out: the value contains a delimiter.
        #expect(lines.contains("AK4*7*234*6"))
        #expect(lines.contains("AK5*R*5"))
        #expect(Array(lines.dropFirst(2).prefix(3)) == EDITest.split("AK3*PO1*13*PO1*8~AK4*7*234*6~AK5*R*5~"))
    }

    @Test("TV13: a component separator inside a simple element (005010, 999)")
    func tv13ComponentInSimpleElement005010() throws {
        let parsed = EDIParser.parse(try FixtureFiles.bytes("bad/x12-component-in-simple-005010.edi"))
        #expect(
            EDITest.summaries(parsed) == [
                FindingSummary(.elementTooManyComponents, tag: "PO1", position: 13, element: 7)
            ])
        let lines = EDITest.functionalLines(
            AckTestSettings.text(.fa999, for: try #require(parsed.interchanges.first).report))
        #expect(lines.contains("IK4*7*234*13"))
        #expect(lines.contains("IK5*R*5"))
        #expect(Array(lines.dropFirst(2).prefix(3)) == EDITest.split("IK3*PO1*13*PO1*8~IK4*7*234*13~IK5*R*5~"))
    }

    @Test("TV14: a real composite (REF04, C040)")
    func tv14Composite() throws {
        let parsed = EDITest.parse(PrimerDocuments.edit(x850, ("REF*DP*042~", "REF*DP*042**PO>PO4500012345~")))
        let ref = try #require(EDITest.firstSegment(parsed, tag: "REF"))
        #expect(ref[4].components.map(\.string) == ["PO", "PO4500012345"])
        #expect(ref[4][component: 1].string == "PO")
        #expect(ref[4][component: 2].string == "PO4500012345")
        #expect(ref[3].isEmpty)
        #expect(EDITest.summaries(parsed).isEmpty)

        // An error in the second component is pointed at as element 4, component 2.
        let long = String(repeating: "9", count: 31)
        let bad = EDITest.parse(PrimerDocuments.edit(x850, ("REF*DP*042~", "REF*DP*042**PO>\(long)~")))
        #expect(
            EDITest.summaries(bad) == [
                FindingSummary(.elementTooLong, tag: "REF", position: 4, element: 4, component: 2)
            ])
        // With `:` as our component separator the pointer reads exactly as the primer prints it.
        var settings = AckTestSettings.standard
        settings.x12Delimiters = Delimiters(
            element: UInt8(ascii: "*"), component: UInt8(ascii: ":"), segment: UInt8(ascii: "~"))
        let lines = EDITest.functionalLines(
            AckTestSettings.text(.fa997, for: try #require(bad.interchanges.first).report, settings: settings))
        #expect(lines.contains("AK4*4:2*127*5*\(long)"))
        let defaultLines = EDITest.functionalLines(
            AckTestSettings.text(.fa997, for: try #require(bad.interchanges.first).report))
        #expect(defaultLines.contains("AK4*4>2*127*5*\(long)"))
    }

    // MARK: - TV15 to TV17: several groups, 999, duplicates

    static let tv15Document = """
        ISA*00*          *00*          *ZZ*BUYERCO        *ZZ*SELLERCO       *240310*0915*U*00401*000000101*0*P*>~
        GS*PO*BUYERCO*SELLERCO*20240310*0915*301*X*004010~
        ST*850*0001~
        BEG*00*SA*PO4500012345**20240310~
        PO1*1*10*EA*12.5**VN*WID-100~
        CTT*1*10~
        SE*5*0001~
        GE*1*301~
        GS*IN*BUYERCO*SELLERCO*20240315*0800*302*X*004010~
        ST*810*0001~
        BIG*20240315*INV-88001*20240310*PO4500012345~
        IT1*1*10*EA*12.5**VN*WID-100~
        TDS*12500~
        SE*5*0001~
        ST*810*0002~
        BIG*20240230*INV-88002*20240310*PO4500012345~
        IT1*1*2*CA*30**VN*WID-200~
        TDS*6000~
        SE*5*0002~
        GE*2*302~
        IEA*2*000000101~

        """

    @Test("TV15: two GS groups in one ISA: one GS*FA with two 997s, AK9 P")
    func tv15TwoGroups() throws {
        let parsed = EDITest.parse(Self.tv15Document)
        #expect(EDITest.summaries(parsed) == [FindingSummary(.elementInvalidDate, tag: "BIG", position: 2, element: 1)])
        #expect(parsed.allFindings.first?.location.transactionSet == "0002")
        let ack = AckTestSettings.text(.fa997, for: try #require(parsed.interchanges.first).report)
        let expected = """
            ISA*00*          *00*          *ZZ*SELLERCO       *ZZ*BUYERCO        *240310*0916*U*00401*000005000*0*P*>~
            GS*FA*SELLERCO*BUYERCO*20240310*0916*5000*X*004010~
            ST*997*0001~
            AK1*PO*301~
            AK2*850*0001~
            AK5*A~
            AK9*A*1*1*1~
            SE*6*0001~
            ST*997*0002~
            AK1*IN*302~
            AK2*810*0001~
            AK5*A~
            AK2*810*0002~
            AK3*BIG*2**8~
            AK4*1*373*8*20240230~
            AK5*R*5~
            AK9*P*2*2*1~
            SE*10*0002~
            GE*2*5000~
            IEA*1*000005000~

            """
        #expect(ack == expected)
    }

    @Test("TV16: 999 with IK3/IK4 is exactly the §2.7 999")
    func tv16ImplementationAck() throws {
        let document = PrimerDocuments.edit(
            PrimerDocuments.x12Order850v5010, ("DTM*002*20240320~", "DTM*002*20240231~"))
        let parsed = EDITest.parse(document)
        #expect(EDITest.summaries(parsed) == [FindingSummary(.elementInvalidDate, tag: "DTM", position: 6, element: 2)])
        #expect(parsed.allFindings.first?.value == "20240231")
        #expect(parsed.allFindings.first?.location.elementReference == "373")
        let report = try #require(parsed.interchanges.first).report
        #expect(AckTestSettings.text(.fa999, for: report) == PrimerDocuments.ack999ForBadDate)
    }

    @Test("TV17: a byte-identical resend gives the same 997 content under new control numbers")
    func tv17DuplicateResend() throws {
        let first = try #require(EDITest.parse(x850).interchanges.first).report
        let again = try #require(EDITest.parse(x850).interchanges.first).report
        #expect(first == again)
        let original = try #require(AckTestSettings.text(.fa997, for: first))
        let resent = try #require(
            AckTestSettings.text(
                .fa997, for: again, settings: AckTestSettings.with(interchange: 5001, group: 5001, firstSet: 2)))
        #expect(original == PrimerDocuments.ack997For850)
        #expect(EDITest.functionalLines(resent) == EDITest.functionalLines(original))
        let lines = EDITest.lines(resent)
        #expect(lines[0].contains("*000005001*0*P*>"))
        #expect(lines[1].hasSuffix("*5001*X*004010"))
        #expect(lines[2] == "ST*997*0002")
        #expect(lines.suffix(3) == ["SE*6*0002", "GE*1*5001", "IEA*1*000005001"])
    }

    @Test("TV17: the same ISA13 with different content: TA1 025, CONTRL UCI 4 26 UNB")
    func tv17DuplicateKey() throws {
        // The store (not the parser) adds interchange.duplicate to the report; the builders render it.
        var x12 = try #require(EDITest.parse(x850).interchanges.first).report
        x12.findings.append(
            Finding(.interchangeDuplicate, at: Location(byteOffset: 0), "the interchange key was received before"))
        #expect(EDITest.lines(AckTestSettings.text(.ta1, for: x12)).contains("TA1*000000101*240310*0915*R*025"))
        #expect(AckTestSettings.build(.fa997, for: x12) == nil)

        var edifact = try #require(EDITest.parse(orders).interchanges.first).report
        edifact.findings.append(
            Finding(.interchangeDuplicate, at: Location(byteOffset: 0), "the interchange key was received before"))
        let lines = EDITest.lines(AckTestSettings.text(.contrl, for: edifact))
        #expect(lines.contains("UCI+ICR0001+5412345000037:14+5412345000013:14+4+26+UNB"))
        #expect(!lines.contains { $0.hasPrefix("UCM") })
    }

    // MARK: - TV18 to TV22

    @Test("TV18: UNA declares the decimal comma")
    func tv18DeclaredDecimalComma() throws {
        let parsed = EDIParser.parse(try FixtureFiles.bytes("good/edifact-tv18-decimal-comma.edi"))
        let interchange = try #require(parsed.interchanges.first)
        #expect(interchange.delimiters.decimalMark == UInt8(ascii: ","))
        #expect(EDITest.summaries(parsed).isEmpty)
        let values = EDITest.values(parsed)
        #expect(values.contains { $0.tag == "QTY" && $0.text(1) == "21:2,5" })
        #expect(values.contains { $0.tag == "MOA" && $0.text(1) == "203:1250,00" })
    }

    @Test("TV18: with the default UNA (syntax 3) a decimal comma is error 19")
    func tv18UndeclaredDecimalComma() throws {
        let document = PrimerDocuments.edit(orders, ("CNT+2:2'", "CNT+2:2'\nMOA+203:12,5'"), ("UNT+22+1'", "UNT+23+1'"))
        let parsed = EDITest.parse(document)
        #expect(
            EDITest.summaries(parsed) == [
                FindingSummary(.elementInvalidDecimalMark, tag: "MOA", position: 22, element: 1, component: 2)
            ])
        let lines = EDITest.lines(AckTestSettings.text(.contrl, for: try #require(parsed.interchanges.first).report))
        #expect(
            Array(lines.drop { !$0.hasPrefix("UCM") }.prefix(3)) == ["UCM+1+ORDERS:D:96A:UN+4", "UCS+22", "UCD+19+1:2"])
    }

    @Test("TV18 / §5.2: a decimal comma is accepted without UNA and in syntax 4")
    func tv18LenientDecimalComma() throws {
        let noUNA = PrimerDocuments.edit(orders, ("UNA:+.? '\n", ""), ("PRI+AAA:12.5'", "PRI+AAA:12,5'"))
        #expect(EDITest.summaries(EDITest.parse(noUNA)).isEmpty)
        let syntax4 = PrimerDocuments.edit(
            orders, ("UNOC:3", "UNOC:4"), ("+240310:0915+", "+20240310:0915+"), ("PRI+AAA:12.5'", "PRI+AAA:12,5'"))
        #expect(EDITest.summaries(EDITest.parse(syntax4)).isEmpty)
    }

    @Test("§5.2: a digit must come before the decimal mark (CONTRL 38)")
    func missingDigitBeforeDecimalMark() throws {
        let parsed = EDITest.parse(PrimerDocuments.edit(orders, ("PRI+AAA:12.5'", "PRI+AAA:.5'")))
        let summaries = EDITest.summaries(parsed)
        #expect(summaries.count == 1)
        #expect(
            summaries.first.map { ($0.tag, $0.position, $0.element, $0.component) } ?? (nil, nil, nil, nil) == (
                "PRI", 15, 1, 2
            ))
        let lines = EDITest.lines(AckTestSettings.text(.contrl, for: try #require(parsed.interchanges.first).report))
        #expect(lines.contains("UCM+1+ORDERS:D:96A:UN+4"))
        #expect(lines.contains("UCS+15"))
        #expect(lines.contains("UCD+38+1:2"))
    }

    @Test("TV19: implied decimals (N2) and R values are valid as sent")
    func tv19Numbers() throws {
        let document = PrimerDocuments.edit(
            PrimerDocuments.x12Invoice810, ("TDS*19500~", "TDS*-1250~"), ("SAC*A*C310***500~", "SAC*A*C310***5~"),
            ("IT1*2*2*CA*30**VN*WID-200~", "IT1*2*3*EA*.5**VN*WID-200~"), ("CTT*2*12~", "CTT*2*13~\nAMT*TT*245~"),
            ("SE*16*0001~", "SE*17*0001~"))
        let parsed = EDITest.parse(document)
        #expect(EDITest.summaries(parsed).isEmpty)
        let values = EDITest.values(parsed)
        #expect(values.first { $0.tag == "TDS" }?.text(1) == "-1250")
        #expect(values.last { $0.tag == "SAC" }?.text(5) == "5")
        #expect(values.first { $0.tag == "SAC" }?.text(5) == "1500")
        #expect(values.last { $0.tag == "IT1" }?.text(4) == ".5")
        #expect(values.first { $0.tag == "AMT" }?.text(2) == "245")
        // A decimal point in an implied-decimal (N2) element is not a number.
        let pointed = EDITest.parse(PrimerDocuments.edit(PrimerDocuments.x12Invoice810, ("TDS*19500~", "TDS*195.00~")))
        #expect(EDITest.summaries(pointed).map(\.code) == [.elementInvalidNumber])
    }

    @Test("TV20: U in ISA11 with ISA12 00501: no repetition separator, a warning, processed normally")
    func tv20LetterInISA11() throws {
        let parsed = EDIParser.parse(try FixtureFiles.bytes("good/x12-tv20-isa11-u-00501.edi"))
        let interchange = try #require(parsed.interchanges.first)
        #expect(interchange.delimiters.repetition == nil)
        #expect(
            EDITest.summaries(parsed) == [
                FindingSummary(.repetitionSeparatorIgnored, .warning, tag: "ISA", element: 11)
            ])
        let n1 = try #require(EDITest.values(parsed).last { $0.tag == "N1" })
        #expect(n1.text(2) == "CUSTOMER U")
        #expect(n1.elements[1].count == 1)
        let lines = EDITest.lines(AckTestSettings.text(.fa997, for: interchange.report))
        #expect(lines.contains("AK5*A"))
        #expect(lines.contains("AK9*A*1*1*1"))
    }

    @Test("TV21: an unpadded ISA that still splits into 16 elements: TA1 006")
    func tv21UnpaddedISA() throws {
        let parsed = EDIParser.parse(try FixtureFiles.bytes("bad/x12-unpadded-isa.edi"))
        #expect(EDITest.summaries(parsed) == [FindingSummary(.interchangeHeaderShape, tag: "ISA", element: 6)])
        let report = try #require(parsed.interchanges.first).report
        #expect(report.isRejected)
        #expect(EDITest.lines(AckTestSettings.text(.ta1, for: report)).contains("TA1*000000101*240310*0915*R*006"))
        #expect(AckTestSettings.build(.fa997, for: report) == nil)
    }

    @Test("TV21: an ISA that does not split: dropped, no guessed delimiters")
    func tv21UnreadableISA() throws {
        let document = PrimerDocuments.edit(x850, ("*ZZ*BUYERCO        *ZZ*", "*ZZ*BUYERCO        ZZ*"))
        let parsed = EDITest.parse(document)
        #expect(parsed.interchanges.isEmpty)
        #expect(parsed.findings.first?.code == .delimiterInvalid)
        #expect(parsed.hasErrors)
    }

    @Test("TV22: acknowledgements are never acknowledged")
    func tv22NoAckForAck() throws {
        let ack997 = try #require(EDITest.parse(PrimerDocuments.ack997For850).interchanges.first).report
        #expect(ack997.isAcknowledgement)
        #expect(AckTestSettings.build(.fa997, for: ack997) == nil)
        #expect(AckTestSettings.build(.fa999, for: ack997) == nil)

        let ack999 = try #require(EDITest.parse(PrimerDocuments.ack999ForBadDate).interchanges.first).report
        #expect(AckTestSettings.build(.fa997, for: ack999) == nil)
        #expect(AckTestSettings.build(.fa999, for: ack999) == nil)

        let ta1 = try #require(EDITest.parse(PrimerDocuments.ta1ForWrongIEA01).interchanges.first).report
        #expect(ta1.ta1Count == 1)
        #expect(AckTestSettings.build(.ta1, for: ta1) == nil)
        #expect(AckTestSettings.build(.fa997, for: ta1) == nil)

        let contrl = try #require(EDITest.parse(PrimerDocuments.contrlForWrongUNT).interchanges.first).report
        #expect(AckTestSettings.build(.contrl, for: contrl) == nil)
    }

    @Test("Primer §2.7: the positive 997 for the §4.1 850, exactly")
    func positive997() throws {
        let parsed = EDITest.parse(x850)
        #expect(EDITest.summaries(parsed).isEmpty)
        let report = try #require(parsed.interchanges.first).report
        #expect(AckTestSettings.text(.fa997, for: report) == PrimerDocuments.ack997For850)
        #expect(EDITest.lines(AckTestSettings.text(.ta1, for: report)).contains("TA1*000000101*240310*0915*A*000"))
    }

    @Test(
        "The primer's own acknowledgements parse without findings",
        arguments: [
            PrimerDocuments.ack997For850, PrimerDocuments.ack999ForBadDate, PrimerDocuments.ta1ForWrongIEA01,
            PrimerDocuments.contrlForWrongUNT,
        ])
    func primerAcksAreValid(ack: String) {
        let parsed = EDITest.parse(ack)
        #expect(parsed.interchanges.count == 1)
        #expect(EDITest.summaries(parsed).isEmpty)
    }
}
