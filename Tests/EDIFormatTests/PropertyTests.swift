import Foundation
import Testing

@testable import EDIFormat

// Properties over every fixture, every sample, the primer's documents and a few generated documents:
// (a) parse → EDIWriter.write → parse is the identity, and byte-exact for well-formed inputs;
// (b) re-delimiting round-trips, and written counts are always right;
// (c) any chunking gives the same segments and findings as the whole input;
// (d) acknowledgements are never acknowledged.

// MARK: - Inputs

/// A document made up by a seeded generator, so the properties see more than the hand-written files.
struct GeneratedDocument: Sendable, CustomTestStringConvertible {
    let name: String
    let bytes: [UInt8]
    var testDescription: String { name }
}

/// Deterministic random numbers (SplitMix64).
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func digits(_ count: Int) -> String {
        String((0..<count).map { _ in Character(String(Int.random(in: 0...9, using: &self))) })
    }
    mutating func pick(_ words: [String]) -> String { words[Int.random(in: 0..<words.count, using: &self)] }
}

enum DocumentGenerator {
    static let words = [
        "Blue", "widget", "large", "refill", "case", "red", "small", "spare", "part", "bolt", "M8", "steel",
    ]
    static let prices = ["12.5", "30", "0.75", "1250", "9.99", "-2.5", "100.125"]

    /// An X12 850 (004010) with `lines` PO1/PID pairs, written with SegmentWriter and counted by hand.
    static func x12Order(seed: UInt64, lines: Int, suffix: String) -> [UInt8] {
        var random = SplitMix(seed: seed)
        var writer = SegmentWriter(delimiters: .x12(), suffix: Array(suffix.utf8))
        let control = String(format: "%09d", Int(seed % 1_000_000_000))
        let sender = "BUYER\(seed % 1000)"
        writer.write(
            "ISA", "00", pad("", 10), "00", pad("", 10), "ZZ", pad(sender, 15), "ZZ", pad("SELLERCO", 15), "240310",
            "0915", "U",
            "00401", control, "0", "P", ">")
        writer.write("GS", "PO", sender, "SELLERCO", "20240310", "0915", "\(seed % 100_000 + 1)", "X", "004010")
        writer.resetCount()
        writer.write("ST", "850", "0001")
        writer.write("BEG", "00", "SA", "PO\(random.digits(8))", "", "20240310")
        writer.write("REF", [["DP"], [random.digits(3)], [""], ["PO", "PO\(random.digits(10))"]])
        for line in 1...lines {
            writer.write(
                "PO1", "\(line)", "\(Int.random(in: 1...500, using: &random))", random.pick(["EA", "CA", "DZ"]),
                random.pick(prices), "PE",
                "VN", "WID-\(random.digits(4))")
            writer.write("PID", "F", "", "", "", (0..<3).map { _ in random.pick(words) }.joined(separator: " "))
        }
        writer.write("CTT", "\(lines)")
        writer.write("SE", "\(writer.count + 1)", "0001")
        writer.write("GE", "1", "\(seed % 100_000 + 1)")
        writer.write("IEA", "1", control)
        return writer.bytes
    }

    /// An EDIFACT ORDERS D96A (UNOC) whose free text needs release characters and Latin-1.
    static func edifactOrder(seed: UInt64, lines: Int, suffix: String) -> [UInt8] {
        var random = SplitMix(seed: seed)
        let suffixBytes = Array(suffix.utf8)
        var writer = SegmentWriter(delimiters: .edifactDefault(), encoding: .latin1, suffix: suffixBytes)
        writer.writeRaw(Array("UNA:+.? '".utf8))
        writer.writeRaw(suffixBytes)
        let reference = "ICR\(seed % 100_000)"
        writer.write(
            "UNB",
            [["UNOC", "3"], ["5412345000037", "14"], ["5412345000013", "14"], ["240310", "0915"], [reference]])
        writer.resetCount()
        writer.write("UNH", [["1"], ["ORDERS", "D", "96A", "UN"]])
        writer.write("BGM", "220", "PO\(random.digits(10))", "9")
        writer.write("DTM", [["137", "20240310", "102"]])
        writer.write("FTX", [["AAI"], [""], [""], ["Dock \(random.digits(1))+rear: O'Brien? café"]])
        writer.write("NAD", [["BY"], ["5412345000037", "", "9"]])
        for line in 1...lines {
            writer.write("LIN", [["\(line)"], [""], ["400\(random.digits(10))", "EN"]])
            writer.write(
                "IMD", [["F"], [""], ["", "", "", (0..<2).map { _ in random.pick(words) }.joined(separator: "+")]])
            writer.write("QTY", [["21", "\(Int.random(in: 1...99, using: &random))"]])
            writer.write("PRI", [["AAA", random.pick(prices)]])
        }
        writer.write("UNS", "S")
        writer.write("CNT", [["2", "\(lines)"]])
        writer.write("UNT", "\(writer.count + 1)", "1")
        writer.write("UNZ", "1", reference)
        return writer.bytes
    }

    static func pad(_ value: String, _ width: Int) -> String {
        value + String(repeating: " ", count: max(0, width - value.count))
    }

    static let documents: [GeneratedDocument] = [
        GeneratedDocument(name: "x12 850, 1 line", bytes: x12Order(seed: 1, lines: 1, suffix: "\n")),
        GeneratedDocument(name: "x12 850, 7 lines, no suffix", bytes: x12Order(seed: 7, lines: 7, suffix: "")),
        GeneratedDocument(name: "x12 850, 40 lines, CRLF", bytes: x12Order(seed: 40, lines: 40, suffix: "\r\n")),
        GeneratedDocument(name: "edifact ORDERS, 1 line", bytes: edifactOrder(seed: 2, lines: 1, suffix: "\n")),
        GeneratedDocument(
            name: "edifact ORDERS, 9 lines, no suffix", bytes: edifactOrder(seed: 9, lines: 9, suffix: "")),
        GeneratedDocument(
            name: "edifact ORDERS, 33 lines, CRLF", bytes: edifactOrder(seed: 33, lines: 33, suffix: "\r\n")),
    ]
}

/// Every input the properties run over, by name: fixtures (`good/…`, `bad/…`), samples (`samples/…`),
/// the primer's documents (`primer/…`) and generated documents (`generated/…`).
enum PropertyInputs {
    static let primer: [String: String] = [
        "primer/850": PrimerDocuments.x12Order850,
        "primer/850-005010": PrimerDocuments.x12Order850v5010,
        "primer/810": PrimerDocuments.x12Invoice810,
        "primer/orders": PrimerDocuments.edifactOrders,
        "primer/997": PrimerDocuments.ack997For850,
        "primer/999": PrimerDocuments.ack999ForBadDate,
        "primer/ta1": PrimerDocuments.ta1ForWrongIEA01,
        "primer/contrl": PrimerDocuments.contrlForWrongUNT,
        "primer/tv15": TestVectorTests.tv15Document,
        "primer/tv4-release": PrimerDocuments.edit(
            PrimerDocuments.edifactOrders,
            ("FTX+AAI+++Leave at dock 3?+ rear entrance'", "FTX+AAI+++O?'Brien?+Sons dock?:3 ??urgent'")),
        // Hard-wrapped at a fixed width, with the release character kept away from the line ends.
        "primer/850-wrapped-64": wrap(
            PrimerDocuments.x12Order850.replacingOccurrences(of: "~\n", with: "~"), width: 64, lineEnd: "\r\n"),
        "primer/orders-wrapped-50": wrap(
            PrimerDocuments.edifactOrders.replacingOccurrences(of: "'\n", with: "'"), width: 50, lineEnd: "\n"),
    ]

    static var names: [String] {
        FixtureFiles.all + SampleFiles.all.map { "samples/\($0)" } + primer.keys.sorted()
            + DocumentGenerator.documents.map { "generated/\($0.name)" }
    }

    static func bytes(_ name: String) throws -> [UInt8] {
        if name.hasPrefix("samples/") { return try SampleFiles.bytes(String(name.dropFirst("samples/".count))) }
        if let text = primer[name] { return Array(text.utf8) }
        if name.hasPrefix("generated/") {
            let generated = DocumentGenerator.documents.first { "generated/\($0.name)" == name }
            guard let generated else { preconditionFailure("no generated document \(name)") }
            return generated.bytes
        }
        return try FixtureFiles.bytes(name)
    }

    /// Inputs that are not written back byte for byte, and why.
    static let notByteExact: Set<String> = [
        // Line breaks inside segments and a byte-order mark are not kept.
        "good/x12-850-wrapped-80.edi", "good/edifact-orders-wrapped-70.edi", "good/x12-tv3-bom-crlf.edi",
        "primer/850-wrapped-64", "primer/orders-wrapped-50",
        // Wrong or missing trailers are written right.
        "bad/x12-wrong-se01.edi", "bad/x12-se02-mismatch.edi", "bad/x12-wrong-ge01.edi", "bad/x12-missing-ge.edi",
        "bad/x12-wrong-iea01.edi", "bad/x12-wrong-iea02.edi", "bad/edifact-wrong-unt-count.edi",
        "bad/edifact-wrong-unt-ref.edi",
        "bad/edifact-wrong-unz-count.edi", "bad/edifact-wrong-unz-ref.edi", "bad/edifact-wrong-une-count.edi",
        "samples/edifact/orders-bad-unt.edi",
    ]

    static func wrap(_ text: String, width: Int, lineEnd: String) -> String {
        let bytes = Array(text.utf8)
        var result: [UInt8] = []
        var index = 0
        while index < bytes.count {
            result += bytes[index..<min(index + width, bytes.count)]
            result += Array(lineEnd.utf8)
            index += width
        }
        return String(decoding: result, as: UTF8.self)
    }
}

/// Codes a writer that computes trailers itself must never leave behind.
let trailerCodes: Set<FindingCode> = [
    .setTrailerCount, .setTrailerReference, .setTrailerMissing, .groupTrailerCount, .groupTrailerReference,
    .groupTrailerMissing,
    .interchangeTrailerCount, .interchangeTrailerReference, .interchangeTrailerMissing, .controlNumberNumericMatch,
]

let trailerTags: Set<String> = ["SE", "GE", "IEA", "UNT", "UNE", "UNZ"]

extension EDITest {
    /// Segment values without the trailers (whose counts and references the writer computes).
    static func bodyValues(_ parsed: ParsedInput, masking isaElements: Set<Int> = []) -> [SegmentValues] {
        values(parsed).filter { !trailerTags.contains($0.tag) }.map { segment in
            guard segment.tag == "ISA" else { return segment }
            var masked = segment
            for position in isaElements where position <= masked.elements.count { masked.elements[position - 1] = [] }
            return masked
        }
    }

    static func writeAll(_ parsed: ParsedInput) -> [UInt8] { parsed.interchanges.flatMap { EDIWriter.write($0) } }
}

// MARK: - (a) parse → write → parse

@Suite("Properties: parse, write, parse")
struct RoundTripProperties {
    @Test(
        "parse → write → parse is the identity; well-formed inputs are written back byte for byte",
        arguments: PropertyInputs.names)
    func roundTrip(_ name: String) throws {
        let bytes = try PropertyInputs.bytes(name)
        let first = EDIParser.parse(bytes)
        let written = EDITest.writeAll(first)
        let second = EDIParser.parse(written)
        #expect(second.interchanges.count == first.interchanges.count)
        #expect(EDITest.bodyValues(second) == EDITest.bodyValues(first))
        #expect(EDITest.summaries(second) == EDITest.summaries(first).filter { !trailerCodes.contains($0.code) })
        #expect(
            second.interchanges.map { $0.transactionSets.map(\.controlNumber) }
                == first.interchanges.map { $0.transactionSets.map(\.controlNumber) })
        if !PropertyInputs.notByteExact.contains(name) {
            #expect(TextEncoding.latin1.decode(written) == TextEncoding.latin1.decode(bytes))
        }
        // Writing the written input again changes nothing, findings and offsets included.
        let again = EDITest.writeAll(second)
        #expect(again == written)
        #expect(EDIParser.parse(again).allFindings == second.allFindings)
    }

    @Test("Generated documents are clean and written back byte for byte", arguments: DocumentGenerator.documents)
    func generated(_ document: GeneratedDocument) throws {
        let parsed = EDIParser.parse(document.bytes)
        #expect(parsed.interchanges.count == 1)
        #expect(EDITest.summaries(parsed).isEmpty)
        #expect(EDITest.writeAll(parsed) == document.bytes)
    }

    @Test("Written counts are right after the tree is changed")
    func countsAfterEditing() throws {
        var interchange = try #require(EDITest.parse(PrimerDocuments.x12Order850).interchanges.first)
        // Drop the second line (PO1, PID) from the set, then send the set twice and the group twice.
        interchange.groups[0].transactionSets[0].segments.removeSubrange(14...15)
        interchange.groups[0].transactionSets.append(interchange.groups[0].transactionSets[0])
        interchange.groups.append(interchange.groups[0])
        let reparsed = EDIParser.parse(EDIWriter.write(interchange))
        let lines = EDITest.lines(String(decoding: EDIWriter.write(interchange), as: UTF8.self))
        #expect(lines.filter { $0.hasPrefix("SE*") } == Array(repeating: "SE*18*0001", count: 4))
        #expect(lines.filter { $0.hasPrefix("GE*") } == ["GE*2*101", "GE*2*101"])
        #expect(lines.last == "IEA*2*000000101")
        #expect(!EDITest.summaries(reparsed).contains { trailerCodes.contains($0.code) })
        // The repeated numbers are reported as such, and nothing else.
        #expect(
            Set(EDITest.summaries(reparsed).map(\.code)) == [.setControlNumberDuplicate, .groupControlNumberDuplicate])

        var orders = try #require(EDITest.parse(PrimerDocuments.edifactOrders).interchanges.first)
        orders.groups[0].transactionSets[0].segments.removeLast(2)  // UNS, CNT
        orders.groups[0].transactionSets.append(orders.groups[0].transactionSets[0])
        let edifactLines = EDITest.lines(String(decoding: EDIWriter.write(orders), as: UTF8.self))
        #expect(edifactLines.filter { $0.hasPrefix("UNT+") } == ["UNT+20+1", "UNT+20+1"])
        #expect(edifactLines.last == "UNZ+2+ICR0001")
        let reparsedOrders = EDIParser.parse(EDIWriter.write(orders))
        #expect(EDITest.summaries(reparsedOrders).map(\.code) == [.setControlNumberDuplicate])
    }
}

// MARK: - (b) re-delimiting

/// A delimiter set to write with.
struct DelimiterTarget: Sendable, CustomTestStringConvertible {
    let name: String
    let delimiters: Delimiters
    let suffix: [UInt8]
    var testDescription: String { name }
}

@Suite("Properties: re-delimiting")
struct RedelimitingProperties {
    static func byte(_ character: Unicode.Scalar) -> UInt8 { UInt8(character.value) }

    static let x12Targets = [
        DelimiterTarget(
            name: "X12 | : ^ newline",
            delimiters: Delimiters(element: byte("|"), component: byte(":"), repetition: byte("^"), segment: 0x0A),
            suffix: []),
        DelimiterTarget(
            name: "X12 * > ^ ~ CRLF",
            delimiters: Delimiters(element: byte("*"), component: byte(">"), repetition: byte("^"), segment: byte("~")),
            suffix: Array("\r\n".utf8)),
        DelimiterTarget(
            name: "X12 ^ \\ ! ~",
            delimiters: Delimiters(
                element: byte("^"), component: byte("\\"), repetition: byte("!"), segment: byte("~")),
            suffix: Array("\n".utf8)),
    ]

    static let edifactTargets = [
        DelimiterTarget(
            name: "EDIFACT UNA =*.? ~",
            delimiters: Delimiters(element: byte("*"), component: byte("="), segment: byte("~"), release: byte("?")),
            suffix: Array("\n".utf8)),
        DelimiterTarget(
            name: "EDIFACT defaults, CRLF", delimiters: .edifactDefault(syntaxVersion: 3), suffix: Array("\r\n".utf8)),
        DelimiterTarget(
            name: "EDIFACT | ^ \\ newline",
            delimiters: Delimiters(element: byte("|"), component: byte("^"), segment: 0x0A, release: byte("\\")),
            suffix: []),
    ]

    /// Findings that come from the element validator (not from the character set check).
    static let validatorCodes = Set(FindingCode.allCases.filter { $0.level == .element }).subtracting([
        .characterSetViolation, .characterSetLevel,
    ])

    /// The X12 element values that would collide with a target's delimiters (X12 has no release character).
    static func collides(_ interchange: Interchange, with target: Delimiters) -> Bool {
        let forbidden = Set(target.all)
        for segment in EDITest.segments(interchange) {
            for (index, element) in SegmentValues(segment).elements.enumerated() {
                if segment.tag == .ISA && (index == 10 || index == 15) { continue }
                if element.joined().joined().contains(where: forbidden.contains) { return true }
            }
        }
        return false
    }

    @Test(
        "Re-delimited interchanges read back to the same values, with right counts", arguments: PropertyInputs.names,
        [0, 1, 2])
    func redelimit(_ name: String, _ targetIndex: Int) throws {
        let parsed = EDIParser.parse(try PropertyInputs.bytes(name))
        for interchange in parsed.interchanges {
            let target = interchange.standard == .x12 ? Self.x12Targets[targetIndex] : Self.edifactTargets[targetIndex]
            var delimiters = target.delimiters
            if interchange.standard == .x12 {
                // Keep a repetition separator only where the interchange has one (ISA11 carries it from 00402).
                if interchange.delimiters.repetition == nil { delimiters.repetition = nil }
                if Self.collides(interchange, with: delimiters) { continue }  // X12 cannot release a delimiter in data
            } else {
                delimiters.decimalMark = interchange.delimiters.decimalMark
            }
            let written = EDIWriter.write(interchange, delimiters: delimiters, suffix: target.suffix)
            let reparsed = EDIParser.parse(written)
            #expect(reparsed.interchanges.count == 1, "\(target.name)")
            let read = try #require(reparsed.interchanges.first)
            #expect(read.delimiters.element == delimiters.element)
            #expect(read.delimiters.component == delimiters.component)
            #expect(read.delimiters.segment == delimiters.segment)
            #expect(read.delimiters.repetition == delimiters.repetition)
            #expect(read.delimiters.release == delimiters.release)
            let original = ParsedInput(interchanges: [interchange], findings: [])
            #expect(
                EDITest.bodyValues(reparsed, masking: [11, 16]) == EDITest.bodyValues(original, masking: [11, 16]))
            // Written counts are always right, and nothing else changes.
            #expect(!EDITest.summaries(reparsed).contains { trailerCodes.contains($0.code) })
            let expected = EDITest.summaries(original).filter { !trailerCodes.contains($0.code) }
            #expect(EDITest.summaries(reparsed) == expected)
            // And back to the original delimiters.
            let back = EDIWriter.write(read, delimiters: interchange.delimiters, suffix: interchange.segmentSuffix)
            #expect(
                EDITest.bodyValues(EDIParser.parse(back), masking: [11, 16])
                    == EDITest.bodyValues(original, masking: [11, 16]))
        }
    }

    @Test("Generated EDIFACT needs release characters under every target", arguments: [0, 1, 2])
    func releaseCharactersAreWritten(_ targetIndex: Int) throws {
        let target = Self.edifactTargets[targetIndex]
        let interchange = try #require(
            EDIParser.parse(DocumentGenerator.edifactOrder(seed: 5, lines: 3, suffix: "")).interchanges.first)
        let written = EDIWriter.write(interchange, delimiters: target.delimiters, suffix: target.suffix)
        let reparsed = try #require(EDIParser.parse(written).interchanges.first)
        let ftx = try #require(EDITest.segments(reparsed).first { $0.tagString == "FTX" })
        #expect(ftx[4][component: 1].string.hasPrefix("Dock "))
        #expect(ftx[4][component: 1].string.hasSuffix("+rear: O'Brien? café"))
        #expect(EDITest.summaries(EDIParser.parse(written)).isEmpty)
    }

    @Test("A 00401 interchange written with a repetition separator keeps ISA11 U")
    func repetitionSeparatorBefore00402() throws {
        let interchange = try #require(EDITest.parse(PrimerDocuments.x12Order850).interchanges.first)
        let target = Self.x12Targets[0].delimiters
        let written = EDIWriter.write(interchange, delimiters: target, suffix: [])
        let reparsed = EDIParser.parse(written)
        #expect(EDITest.summaries(reparsed).isEmpty)
        #expect(reparsed.interchanges.first?.header.string(11) == "U")
    }

    @Test("EDIFACT with a component separator other than : is still checked element by element")
    func edifactComponentSeparator() throws {
        // BGM 1004 is an..35: 36 characters is an error whatever the delimiters.
        let document = PrimerDocuments.edit(
            PrimerDocuments.edifactOrders,
            ("BGM+220+PO4500012345+9'", "BGM+220+PO4500012345-DEPARTMENT-042-FLOOR-3A+9'"))
        let interchange = try #require(EDITest.parse(document).interchanges.first)
        let target = Self.edifactTargets[0]
        let reparsed = EDIParser.parse(
            EDIWriter.write(interchange, delimiters: target.delimiters, suffix: target.suffix))
        let report = try #require(reparsed.interchanges.first).report
        #expect(EDITest.summaries(reparsed) == [FindingSummary(.elementTooLong, tag: "BGM", position: 2, element: 2)])
        #expect(EDITest.lines(AckTestSettings.text(.contrl, for: report)).contains("UCM+1+ORDERS:D:96A:UN+4"))
    }
}

// MARK: - (c) chunking

/// What the tokenizer hands out, compared exactly (bytes, offsets, delimiters, issues).
enum TokenSignature: Hashable, CustomStringConvertible {
    case segment(
        offset: Int, raw: [UInt8], elements: Int, unterminated: Bool, delimiters: Delimiters, encoding: TextEncoding)
    case serviceStringAdvice(bytes: [UInt8], offset: Int)
    case segmentSuffix([UInt8])
    case issue(TokenIssue)

    init(_ token: Token) {
        switch token {
        case .segment(let segment):
            self = .segment(
                offset: segment.offset, raw: Array(segment.rawBytes), elements: segment.count,
                unterminated: segment.isUnterminated,
                delimiters: segment.delimiters, encoding: segment.encoding)
        case .serviceStringAdvice(let bytes, let offset): self = .serviceStringAdvice(bytes: bytes, offset: offset)
        case .segmentSuffix(let bytes): self = .segmentSuffix(bytes)
        case .issue(let issue): self = .issue(issue)
        }
    }

    var description: String {
        switch self {
        case .segment(let offset, let raw, let elements, _, _, _):
            return "@\(offset) \(TextEncoding.latin1.decode(raw)) (\(elements))"
        case .serviceStringAdvice(let bytes, let offset): return "@\(offset) \(TextEncoding.latin1.decode(bytes))"
        case .segmentSuffix(let bytes): return "suffix \(bytes)"
        case .issue(let issue): return "issue \(issue)"
        }
    }
}

@Suite("Properties: chunking")
struct ChunkingProperties {
    static let sizes = [1, 2, 3, 7, 64, Int.max]

    static func chunks(_ bytes: [UInt8], size: Int) -> [[UInt8]] {
        guard size < bytes.count else { return [bytes] }
        return stride(from: 0, to: bytes.count, by: size).map { Array(bytes[$0..<min($0 + size, bytes.count)]) }
    }

    @Test(
        "Any chunking gives the same segments (bytes and offsets) and the same findings",
        arguments: PropertyInputs.names, sizes)
    func chunking(_ name: String, _ size: Int) throws {
        let bytes = try PropertyInputs.bytes(name)
        let whole = SegmentTokenizer.tokenize(bytes).map(TokenSignature.init)
        var tokenizer = SegmentTokenizer()
        var tokens: [Token] = []
        for chunk in Self.chunks(bytes, size: size) { tokens += tokenizer.feed(chunk) }
        tokens += tokenizer.finish()
        #expect(tokens.map(TokenSignature.init) == whole)

        // The streaming reader fed the same chunks finds what the one-call parser finds.
        let expected = EDIParser.parse(bytes)
        var reader = EDIStreamReader(retainTransactionSets: true)
        var streamed = ParsedInput()
        var sets = 0
        let collect: (EnvelopeEvent) -> Void = { event in
            switch event {
            case .interchange(let interchange): streamed.interchanges.append(interchange)
            case .fileFinding(let finding): streamed.findings.append(finding)
            case .transactionSet: sets += 1
            }
        }
        for chunk in Self.chunks(bytes, size: size) { reader.feed(chunk, emit: collect) }
        reader.finish(emit: collect)
        #expect(streamed.allFindings == expected.allFindings)
        #expect(streamed.interchanges.map(\.report) == expected.interchanges.map(\.report))
        #expect(sets == expected.interchanges.reduce(0) { $0 + $1.transactionSets.count })
        let streamedSegments = streamed.interchanges.flatMap {
            EDITest.segments($0).map { [$0.offset] + $0.rawBytes.map(Int.init) }
        }
        let expectedSegments = expected.interchanges.flatMap {
            EDITest.segments($0).map { [$0.offset] + $0.rawBytes.map(Int.init) }
        }
        #expect(streamedSegments == expectedSegments)
    }

    /// Whether a line break of the wrapped text comes right after a release character that releases it.
    static func breakFollowsRelease(_ text: [UInt8], width: Int, release: UInt8?) -> Bool {
        guard let release else { return false }
        var released = false
        for (index, byte) in text.enumerated() {
            let releasing = byte == release && !released
            if (index + 1) % width == 0 && releasing { return true }
            released = releasing
        }
        return false
    }

    @Test("A file hard-wrapped at any width reads like the unwrapped file", arguments: Array(9...130))
    func wrapping(_ width: Int) throws {
        let documents: [(String, String, UInt8?)] = [
            (PrimerDocuments.x12Order850, "~\n", nil),
            (PrimerDocuments.edifactOrders, "'\n", UInt8(ascii: "?")),
            (
                PrimerDocuments.edit(
                    PrimerDocuments.edifactOrders,
                    ("FTX+AAI+++Leave at dock 3?+ rear entrance'", "FTX+AAI+++O?'Brien?+Sons dock?:3 ??urgent'")),
                "'\n", UInt8(ascii: "?")
            ),
        ]
        for (document, lineEnd, release) in documents {
            // A break right after the 105th byte of an X12 file is a newline terminator (TV2), not a wrap.
            if release == nil && 105 % width == 0 { continue }
            let flat = document.replacingOccurrences(of: lineEnd, with: String(lineEnd.first!))
            let reference = EDITest.parse(flat)
            for ending in ["\n", "\r\n"] {
                let wrapped = PropertyInputs.wrap(flat, width: width, lineEnd: ending)
                let parsed = EDITest.parse(wrapped)
                #expect(EDITest.values(parsed) == EDITest.values(reference), "width \(width)")
                #expect(EDITest.summaries(parsed) == EDITest.summaries(reference), "width \(width)")
            }
        }
    }
}

// MARK: - (d) acknowledgements of acknowledgements

@Suite("Properties: acknowledgements are never acknowledged")
struct NoAckForAckProperties {
    /// Asserts that no builder answers an acknowledgement interchange.
    static func expectNoAcknowledgement(
        _ report: InterchangeReport, isTA1Only: Bool, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        if report.standard == .x12 {
            #expect(AckTestSettings.build(.fa997, for: report) == nil, sourceLocation: sourceLocation)
            #expect(AckTestSettings.build(.fa999, for: report) == nil, sourceLocation: sourceLocation)
            if isTA1Only { #expect(AckTestSettings.build(.ta1, for: report) == nil, sourceLocation: sourceLocation) }
        } else {
            #expect(AckTestSettings.build(.contrl, for: report) == nil, sourceLocation: sourceLocation)
        }
    }

    @Test("No acknowledgement answers the acknowledgements built for an input", arguments: PropertyInputs.names)
    func acknowledgementsOfInputs(_ name: String) throws {
        for interchange in EDIParser.parse(try PropertyInputs.bytes(name)).interchanges {
            for kind in AcknowledgementKind.allCases {
                guard let ack = AckTestSettings.build(kind, for: interchange.report) else { continue }
                let parsed = EDIParser.parse(ack)
                #expect(parsed.interchanges.count == 1)
                #expect(!parsed.hasErrors, "the \(kind) built for \(name) has errors: \(EDITest.summaries(parsed))")
                let report = try #require(parsed.interchanges.first).report
                if report.standard == .x12 { #expect(report.isAcknowledgement) }
                Self.expectNoAcknowledgement(report, isTA1Only: kind == .ta1)
            }
        }
    }

    @Test(
        "Received acknowledgements (997, 999, TA1-only, CONTRL) are not acknowledged",
        arguments: [
            "primer/997", "primer/999", "primer/ta1", "primer/contrl",
        ] + FixtureFiles.all.filter(FixtureFiles.isGoldenAck))
    func receivedAcknowledgements(_ name: String) throws {
        let parsed = EDIParser.parse(try PropertyInputs.bytes(name))
        let interchange = try #require(parsed.interchanges.first)
        let isTA1Only = interchange.groups.isEmpty && interchange.report.ta1Count > 0
        Self.expectNoAcknowledgement(interchange.report, isTA1Only: isTA1Only)
        if interchange.standard == .x12 { #expect(interchange.report.isAcknowledgement) }
    }

    @Test("Only the non-FA group of a mixed X12 interchange is acknowledged")
    func mixedInterchange() throws {
        let ack997 = PrimerDocuments.ack997For850.split(separator: "\n").dropFirst().dropLast()  // GS*FA … GE
        let document = PrimerDocuments.edit(
            PrimerDocuments.x12Order850, ("GE*1*101~\n", "GE*1*101~\n" + ack997.joined(separator: "\n") + "\n"),
            ("IEA*1*", "IEA*2*"))
        let parsed = EDITest.parse(document)
        #expect(EDITest.summaries(parsed).isEmpty)
        let report = try #require(parsed.interchanges.first).report
        #expect(!report.isAcknowledgement)
        let lines = EDITest.functionalLines(AckTestSettings.text(.fa997, for: report))
        #expect(lines == ["AK1*PO*101", "AK2*850*0001", "AK5*A", "AK9*A*1*1*1"])
    }
}
