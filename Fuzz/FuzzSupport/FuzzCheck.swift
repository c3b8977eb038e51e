// The checks of the libFuzzer targets FuzzX12 and FuzzEDIFACT (see docs/fuzzing.md): one library, so the
// two targets differ only in their input bias and their driver symbol.
import EDIFormat
import Foundation

/// Which fuzz target runs: its name in messages and how it biases inputs towards its standard.
public enum FuzzTarget: Sendable {
    case x12
    case edifact

    var name: String { self == .x12 ? "FuzzX12" : "FuzzEDIFACT" }

    /// A valid fixed-width ISA (106 bytes, `*` `:` `~`, repetition `^`), or a UNA and a syntax 3 UNB.
    var header: [UInt8] {
        switch self {
        case .x12:
            return Array(
                "ISA*00*          *00*          *ZZ*ReceiverID     *ZZ*Sender         *050812*1953*^*00501*508121953*0*P*:~"
                    .utf8)
        case .edifact:
            return Array("UNA:+.? 'UNB+UNOC:3+A+B+240101:1200+1'".utf8)
        }
    }

    /// Anything that does not start like the target's standard gets the header in front.
    func bias(_ input: [UInt8]) -> [UInt8] {
        switch self {
        case .x12: return input.starts(with: Array("ISA".utf8)) ? input : header + input
        case .edifact:
            return input.starts(with: Array("UNA".utf8)) || input.starts(with: Array("UNB".utf8))
                ? input : header + input
        }
    }
}

extension FuzzCheck {
    /// Set once by the executable before any input runs.
    nonisolated(unsafe) public static var target = FuzzTarget.x12
    static var name: String { target.name }
    static func bias(_ input: [UInt8]) -> [UInt8] { target.bias(input) }
}

// MARK: - The checks both fuzz targets run

/// The properties every input must keep. A violation is a bug in EDIFormat and traps with a message
/// naming the check. `EDIGATE_FUZZ_IGNORE=check1,check2:code` turns named checks (or one check only for
/// one finding code, e.g. `ack-structure:interchange.header.shape`) into no-ops, to fuzz past a known
/// bug until it is fixed.
public enum FuzzCheck {
    /// Checks that can be switched off through `EDIGATE_FUZZ_IGNORE`.
    enum Check: String, CaseIterable {
        /// Whole-input and chunked tokenization give the same tokens.
        case chunking
        /// `chunking`, when the first difference is a segment-suffix token.
        case chunkingSuffix = "chunking-suffix"
        /// Whole-input parse and chunked streaming parse give the same findings and interchanges.
        case stream
        /// ... and learn the same segment suffix (bytes between segments) for each interchange.
        case streamSuffix = "stream-suffix"
        /// An acknowledgement parses as exactly one interchange without file-level or structural errors.
        case ackStructure = "ack-structure"
        /// An acknowledgement of an interchange without errors has no error findings at all.
        case ackClean = "ack-clean"
        /// `ack-structure` or `ack-clean`, when the interchange has a value the X12 acknowledgement
        /// copies but cannot carry as is (see `echoHazard`).
        case ackEcho = "ack-echo"
        /// A written-back interchange whose header was read normally parses as one interchange with the
        /// same groups and sets.
        case rewriteStructure = "rewrite-structure"
        /// A written-back interchange without errors stays without errors and writes back identically.
        case rewriteClean = "rewrite-clean"
        /// An interchange without errors written with other delimiters reads back with the same values.
        case rewriteConvert = "rewrite-convert"
    }

    static let ignored: Set<String> = {
        let value = ProcessInfo.processInfo.environment["EDIGATE_FUZZ_IGNORE"] ?? ""
        return Set(value.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) })
    }()

    static func fail(_ check: Check, code: FindingCode? = nil, _ message: @autoclosure () -> String) {
        guard !ignored.contains(check.rawValue) else { return }
        if let code, ignored.contains("\(check.rawValue):\(code.rawValue)") { return }
        fatalError("\(name): check \(check.rawValue) failed: \(message())")
    }

    /// Error codes an acknowledgement can only have when its builder wrote a malformed envelope: they
    /// never depend on echoed values being valid.
    static let structuralCodes: Set<FindingCode> = [
        .notEDI, .strayData, .prematureEnd, .unsupportedEncoding, .interchangeHeaderShape, .delimiterInvalid,
        .interchangeTrailerMissing, .interchangeTrailerReference, .interchangeTrailerCount, .interchangeContentInvalid,
        .groupsAndMessagesMixed, .groupTrailerMissing, .groupTrailerReference, .groupTrailerCount,
        .groupControlNumberDuplicate, .setTrailerMissing, .setTrailerReference, .setTrailerCount,
        .setControlNumberDuplicate,
        .setNotInGroup, .segmentTagInvalid, .segmentUnexpected,
    ]

    /// One fuzz input.
    public static func run(_ input: [UInt8]) {
        let bytes = bias(input)
        checkChunking(bytes, control: input)
        let parsed = EDIParser.parse(bytes)
        checkStream(bytes, parsed: parsed, control: input)
        let settings = settings(control: input)
        for interchange in parsed.interchanges {
            checkAcknowledgements(interchange, settings: settings)
            checkRewrite(interchange)
            checkConvert(interchange, control: input)
        }
    }

    // MARK: Tokenizer

    /// A token reduced to what must not depend on the chunking.
    enum Shape: Equatable, CustomStringConvertible {
        case segment(
            offset: Int, raw: [UInt8], elements: [[UInt8]], delimiters: Delimiters, encoding: TextEncoding,
            unterminated: Bool)
        case una([UInt8], Int)
        case suffix([UInt8])
        case issue(TokenIssue)

        init(_ token: Token) {
            switch token {
            case .segment(let segment):
                self = .segment(
                    offset: segment.offset, raw: Array(segment.rawBytes),
                    elements: segment.elements.map { Array($0.rawBytes) },
                    delimiters: segment.delimiters, encoding: segment.encoding, unterminated: segment.isUnterminated)
            case .serviceStringAdvice(let bytes, let offset):
                self = .una(bytes, offset)
            case .segmentSuffix(let bytes):
                self = .suffix(bytes)
            case .issue(let issue):
                self = .issue(issue)
            }
        }

        var isSuffix: Bool {
            if case .suffix = self { return true }
            return false
        }

        var description: String {
            switch self {
            case .segment(let offset, let raw, let elements, let delimiters, let encoding, let unterminated):
                return
                    "segment@\(offset) \(quote(raw)) elements=\(elements.count) \(delimiters) \(encoding)\(unterminated ? " unterminated" : "")"
            case .una(let bytes, let offset): return "una@\(offset) \(quote(bytes))"
            case .suffix(let bytes): return "suffix \(quote(bytes))"
            case .issue(let issue): return "issue \(issue)"
            }
        }
    }

    /// Tokenizes whole, in fixed chunks of `1 + control[0] % 13` bytes and in irregular chunks, and
    /// requires the same tokens from all three.
    static func checkChunking(_ bytes: [UInt8], control: [UInt8]) {
        let whole = SegmentTokenizer.tokenize(bytes).map(Shape.init)

        let size = 1 + Int(control.first ?? 0) % 13
        var fixed = SegmentTokenizer()
        var fixedTokens: [Token] = []
        var start = 0
        while start < bytes.count {
            let end = min(bytes.count, start + size)
            fixedTokens += fixed.feed(Array(bytes[start..<end]))
            start = end
        }
        fixedTokens += fixed.finish()
        compare(whole, fixedTokens.map(Shape.init), bytes, "chunks of \(size)")

        // Irregular chunk sizes taken from the input itself, fed through the raw-buffer entry point,
        // with an empty chunk now and then.
        var irregular = SegmentTokenizer()
        var irregularTokens: [Token] = []
        var sizes: [Int] = []
        start = 0
        var step = 0
        while start < bytes.count {
            let chunk = Int(bytes[(step * 7) % bytes.count]) % 29
            let end = min(bytes.count, start + chunk)
            sizes.append(end - start)
            bytes[start..<end].withUnsafeBytes { irregularTokens += irregular.feed($0) }
            start = end
            step += 1
        }
        irregularTokens += irregular.finish()
        compare(whole, irregularTokens.map(Shape.init), bytes, "irregular chunks \(sizes.prefix(40))")
    }

    static func compare(_ whole: [Shape], _ chunked: [Shape], _ bytes: [UInt8], _ how: String) {
        guard whole != chunked else { return }
        let index =
            zip(whole, chunked).enumerated().first { $0.element.0 != $0.element.1 }?.offset
            ?? min(whole.count, chunked.count)
        let a = index < whole.count ? whole[index].description : "(none)"
        let b = index < chunked.count ? chunked[index].description : "(none)"
        let suffixFirst = [whole, chunked].contains { index < $0.count && $0[index].isSuffix }
        fail(
            suffixFirst ? .chunkingSuffix : .chunking,
            "tokens differ when fed in \(how) (\(bytes.count) bytes), token \(index): whole \(a) / chunked \(b)")
    }

    // MARK: Streaming parse

    /// Feeds the input to `EDIStreamReader` in chunks and requires the same findings and interchanges as `EDIParser.parse`.
    static func checkStream(_ bytes: [UInt8], parsed: ParsedInput, control: [UInt8]) {
        let size = 1 + Int(control.last ?? 0) % 17
        var reader = EDIStreamReader(retainTransactionSets: true)
        var interchanges: [Interchange] = []
        var fileFindings: [Finding] = []
        let collect: (EnvelopeEvent) -> Void = { event in
            switch event {
            case .interchange(let interchange): interchanges.append(interchange)
            case .fileFinding(let finding): fileFindings.append(finding)
            case .transactionSet: break
            }
        }
        var start = 0
        while start < bytes.count {
            let end = min(bytes.count, start + size)
            reader.feed(Array(bytes[start..<end]), emit: collect)
            start = end
        }
        reader.finish(emit: collect)
        if interchanges.count != parsed.interchanges.count {
            fail(
                .stream,
                "chunks of \(size): \(interchanges.count) interchanges, whole input \(parsed.interchanges.count)")
        }
        let streamedFindings = (fileFindings + interchanges.flatMap(\.report.allFindings)).sorted {
            $0.location.byteOffset < $1.location.byteOffset
        }
        let a = parsed.allFindings.map(describe), b = streamedFindings.map(describe)
        if a != b {
            let index = zip(a, b).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(a.count, b.count)
            fail(
                .stream,
                "chunks of \(size): findings differ at \(index): whole \(index < a.count ? a[index] : "(none)") / streamed \(index < b.count ? b[index] : "(none)")"
            )
        }
        for (x, y) in zip(parsed.interchanges, interchanges) where x.segmentSuffix != y.segmentSuffix {
            fail(
                .streamSuffix,
                "chunks of \(size): segment suffix \(quote(x.segmentSuffix)) whole, \(quote(y.segmentSuffix)) streamed")
        }
    }

    // MARK: Acknowledgements

    /// Acknowledgement settings varied by the input's last byte: suffix and our delimiters.
    static func settings(control: [UInt8]) -> AcknowledgementSettings {
        let byte = Int(control.last ?? 0)
        let suffixes: [[UInt8]] = [[0x0A], [], [0x0D, 0x0A]]
        let x12: [Delimiters] = [
            .x12(), Delimiters(element: UInt8(ascii: "|"), component: UInt8(ascii: "^"), segment: UInt8(ascii: "~")),
            Delimiters(element: UInt8(ascii: "*"), component: UInt8(ascii: ":"), segment: 0x0A),
        ]
        let edifact: [Delimiters] = [
            .edifactDefault(), .edifactDefault(syntaxVersion: 4),
            Delimiters(
                element: UInt8(ascii: "*"), component: UInt8(ascii: "^"), segment: UInt8(ascii: "~"),
                release: UInt8(ascii: "!")),
        ]
        var settings = AcknowledgementSettings(
            interchangeControlNumber: 1 + byte * 7919, groupControlNumber: 1 + byte,
            firstSetControlNumber: 1 + byte % 5,
            date: "20240229", time: "2359", segmentSuffix: suffixes[byte % 3])
        settings.x12Delimiters = x12[(byte / 3) % 3]
        settings.edifactDelimiters = edifact[(byte / 9) % 3]
        // A newline terminator with a newline suffix would read as empty segments: keep them apart.
        if settings.x12Delimiters.segment == 0x0A { settings.segmentSuffix = [] }
        return settings
    }

    static func checkAcknowledgements(_ interchange: Interchange, settings: AcknowledgementSettings) {
        let report = interchange.report
        let clean = !report.allFindings.contains(where: \.isError)
        switch interchange.standard {
        case .x12:
            let hazard = echoHazard(report, settings: settings)
            if let ta1 = X12Acknowledgement.ta1(for: report, settings: settings) {
                verifyAcknowledgement(ta1, kind: "TA1", standard: .x12, sourceClean: clean, hazard: hazard)
            }
            for kind in [AcknowledgementKind.fa997, .fa999] {
                if let ack = X12Acknowledgement.functional(kind, for: report, settings: settings) {
                    verifyAcknowledgement(ack, kind: kind.rawValue, standard: .x12, sourceClean: clean, hazard: hazard)
                }
            }
        case .edifact:
            if let contrl = CONTRLAcknowledgement.build(for: report, settings: settings) {
                verifyAcknowledgement(contrl, kind: "CONTRL", standard: .edifact, sourceClean: clean, hazard: nil)
            }
        }
    }

    /// The first received value an X12 acknowledgement copies that it cannot carry as is: one holding a
    /// delimiter of the acknowledgement (or `^`, its repetition separator from 00402), or, for the
    /// values copied into the fixed-width ISA, a byte outside printable ASCII or a usage (ISA15) longer
    /// than one character.
    static func echoHazard(_ report: InterchangeReport, settings: AcknowledgementSettings) -> String? {
        var forbidden = Set(settings.x12Delimiters.all)
        forbidden.insert(UInt8(ascii: "^"))
        let envelope = report.envelope
        let isaValues = [
            envelope.senderQualifier, envelope.senderID, envelope.receiverQualifier, envelope.receiverID,
            envelope.version, envelope.usage,
        ]
        if let value = isaValues.first(where: { $0.utf8.contains { $0 < 0x20 || $0 > 0x7E || forbidden.contains($0) } })
        {
            return "ISA value \(quote(Array(value.utf8)))"
        }
        if envelope.usage.utf8.count > 1 {
            return "ISA15 \(quote(Array(envelope.usage.utf8))), longer than its 1 character"
        }
        var values = [envelope.controlNumber, envelope.date, envelope.time, envelope.standardsIdentifier]
        var findings = report.findings
        for group in report.groups {
            values += [
                group.functionalIdentifier, group.controlNumber, group.applicationSender, group.applicationReceiver,
                group.version,
            ]
            values.append(group.declaredSetCount ?? "")
            findings += group.findings
            for set in group.sets {
                values += [set.type, set.controlNumber, set.implementationReference]
                findings += set.findings
            }
        }
        for finding in findings {
            values += [finding.location.segmentTag ?? "", finding.location.elementReference ?? ""]
        }
        if let value = values.first(where: { $0.utf8.contains(where: forbidden.contains) }) {
            return "value \(quote(Array(value.utf8)))"
        }
        return nil
    }

    static func verifyAcknowledgement(
        _ bytes: [UInt8], kind: String, standard: Standard, sourceClean: Bool, hazard: String?
    ) {
        let parsed = EDIParser.parse(bytes)
        let structureCheck: Check = hazard == nil ? .ackStructure : .ackEcho
        let because = hazard.map { " (copied \($0))" } ?? ""
        guard parsed.interchanges.count == 1, parsed.findings.isEmpty, parsed.interchanges[0].standard == standard
        else {
            fail(
                structureCheck,
                "\(kind)\(because) parses as \(parsed.interchanges.count) interchanges with file findings \(parsed.findings.map(describe)): \(quote(bytes))"
            )
            return
        }
        let errors = parsed.allFindings.filter(\.isError)
        if let structural = errors.first(where: { structuralCodes.contains($0.code) }) {
            fail(
                structureCheck, code: structural.code, "\(kind)\(because) has \(describe(structural)): \(quote(bytes))")
        }
        if sourceClean, let error = errors.first {
            fail(
                hazard == nil ? .ackClean : .ackEcho, code: error.code,
                "\(kind)\(because) of an interchange without errors has \(describe(error)): \(quote(bytes))")
        }
    }

    // MARK: Writer

    /// Codes telling that the header's delimiters were guessed (not a fixed-width ISA) or unusable. The
    /// writer copies such a header as it is, and the guess may come out differently once the segments
    /// after it are rewritten, so the structure check does not apply.
    static let guessedHeaderCodes: Set<FindingCode> = [.interchangeHeaderShape, .delimiterInvalid]

    static func checkRewrite(_ interchange: Interchange) {
        let written = EDIWriter.write(interchange)
        if interchange.report.findings.contains(where: { guessedHeaderCodes.contains($0.code) }) {
            _ = EDIParser.parse(written)
            return
        }
        let parsed = EDIParser.parse(written)
        guard parsed.interchanges.count == 1, parsed.interchanges[0].standard == interchange.standard else {
            fail(
                .rewriteStructure,
                "written back, the interchange parses as \(parsed.interchanges.count) interchanges: \(quote(written))")
            return
        }
        let again = parsed.interchanges[0]
        let before = interchange.groups.map(\.transactionSets.count), after = again.groups.map(\.transactionSets.count)
        if before != after {
            fail(.rewriteStructure, "written back, sets per group \(before) became \(after): \(quote(written))")
        }
        guard !interchange.report.allFindings.contains(where: \.isError) else { return }
        if let error = parsed.allFindings.first(where: \.isError) {
            fail(
                .rewriteClean, code: error.code,
                "an interchange without errors has \(describe(error)) once written back: \(quote(written))")
        }
        let twice = EDIWriter.write(again)
        if twice != written {
            fail(.rewriteClean, "writing back is not stable: \(quote(written)) then \(quote(twice))")
        }
    }

    /// Writes an interchange without errors with other delimiters (same decimal mark, a repetition
    /// separator when it had one) and requires the same segments and values back. X12 has no release
    /// character, so an X12 interchange holding a byte that is one of the new delimiters is skipped.
    static func checkConvert(_ interchange: Interchange, control: [UInt8]) {
        guard !interchange.report.allFindings.contains(where: \.isError) else { return }
        let source = interchange.delimiters
        let choice = Int(control.first ?? 0) / 13
        var target: Delimiters
        if interchange.standard == .x12 {
            let sets: [Delimiters] = [
                .x12(),
                Delimiters(element: UInt8(ascii: "|"), component: UInt8(ascii: "\\"), segment: UInt8(ascii: "~")),
                Delimiters(element: UInt8(ascii: "!"), component: UInt8(ascii: ":"), segment: 0x0A),
            ]
            target = sets[choice % sets.count]
            if source.repetition != nil { target.repetition = UInt8(ascii: "^") }
        } else {
            let sets: [Delimiters] = [
                .edifactDefault(),
                Delimiters(
                    element: UInt8(ascii: "*"), component: UInt8(ascii: "^"), segment: UInt8(ascii: "~"),
                    release: UInt8(ascii: "!")),
                Delimiters(
                    element: UInt8(ascii: "+"), component: UInt8(ascii: ":"), segment: UInt8(ascii: "'"),
                    release: UInt8(ascii: "?")),
            ]
            target = sets[choice % sets.count]
            if source.repetition != nil { target.repetition = UInt8(ascii: "#") }
        }
        target.decimalMark = source.decimalMark
        let segments = allSegments(interchange)
        if interchange.standard == .x12 {
            let forbidden = Set(target.all)
            if segments.contains(where: { $0.rawBytes.contains(where: forbidden.contains) }) { return }
        }
        // A newline terminator followed by the received CR LF would read as empty segments.
        let suffix = target.segment == 0x0A ? [] : interchange.segmentSuffix
        let written = EDIWriter.write(interchange, delimiters: target, suffix: suffix)
        let parsed = EDIParser.parse(written)
        guard parsed.interchanges.count == 1, parsed.findings.isEmpty else {
            fail(
                .rewriteConvert,
                "written with \(target), the interchange parses as \(parsed.interchanges.count) interchanges: \(quote(written))"
            )
            return
        }
        if let error = parsed.allFindings.first(where: \.isError) {
            fail(
                .rewriteConvert, code: error.code,
                "written with \(target), an interchange without errors has \(describe(error)): \(quote(written))")
        }
        let again = allSegments(parsed.interchanges[0])
        guard again.count == segments.count else {
            fail(
                .rewriteConvert,
                "written with \(target), \(segments.count) segments became \(again.count): \(quote(written))")
            return
        }
        for (a, b) in zip(segments, again) where values(a) != values(b) {
            fail(
                .rewriteConvert,
                "written with \(target), segment \(quote(a.rawBytes)) came back as \(quote(b.rawBytes)) in \(quote(written))"
            )
            return
        }
    }

    /// Header, interchange-level segments, group headers, set headers and bodies (trailers are computed by the writer).
    static func allSegments(_ interchange: Interchange) -> [Segment] {
        var result = [interchange.header] + interchange.interchangeSegments
        for group in interchange.groups {
            if let header = group.header { result.append(header) }
            for set in group.transactionSets { result += [set.header] + set.segments }
        }
        return result
    }

    /// A segment's tag and values: per element, per repetition, the components' unescaped bytes, without
    /// the trailing empty elements, repetitions and components the writer leaves out. ISA11 and ISA16
    /// carry delimiters and are left out; ISA elements are kept as they are (fixed width).
    static func values(_ segment: Segment) -> [[[[UInt8]]]] {
        let tag: [[[UInt8]]] = [[Array(segment.tagBytes)]]
        if segment.tag == .ISA {
            return [tag]
                + segment.elements.enumerated().map { index, element in
                    index == 10 || index == 15 ? [] : [[Array(element.rawBytes)]]
                }
        }
        var elements: [[[[UInt8]]]] = segment.elements.map { element in
            var repetitions: [[[UInt8]]] = element.repetitions.map { repetition in
                var components = repetition.components.map(\.bytes)
                while components.count > 1, components.last!.isEmpty { components.removeLast() }
                return components
            }
            while repetitions.count > 1, repetitions.last!.allSatisfy(\.isEmpty) { repetitions.removeLast() }
            return repetitions
        }
        while let last = elements.last, last.allSatisfy({ $0.allSatisfy(\.isEmpty) }) { elements.removeLast() }
        return [tag] + elements
    }

    // MARK: Helpers

    static func describe(_ finding: Finding) -> String {
        "\(finding.code.rawValue)/\(finding.severity.rawValue)@\(finding.location.byteOffset) \(finding.location.segmentTag ?? "-")\(finding.location.element.map { "\($0)" } ?? "") \"\(finding.message)\""
    }

    static func quote<C: Collection>(_ bytes: C) -> String where C.Element == UInt8 {
        var text = ""
        for byte in bytes.prefix(600) {
            switch byte {
            case 0x20...0x7E where byte != 0x5C: text.unicodeScalars.append(Unicode.Scalar(byte))
            case 0x0A: text += "\\n"
            case 0x0D: text += "\\r"
            default: text += "\\x" + (byte < 16 ? "0" : "") + String(byte, radix: 16)
            }
        }
        return "\"" + text + (bytes.count > 600 ? "…(\(bytes.count) bytes)" : "") + "\""
    }

    /// Regression mode: runs the checks over every file given, directories recursively, then exits.
    public static func regressionMain(_ arguments: [String]) {
        exit(regressionStatus(arguments))
    }

    static func regressionStatus(_ arguments: [String]) -> Int32 {
        if arguments.isEmpty || arguments.contains("-h") || arguments.contains("--help") {
            print(
                "usage: \(name) FILE|DIR...  (runs the fuzz checks over saved inputs; the fuzzing build is made by scripts/fuzz.sh)"
            )
            return 0
        }
        var files: [String] = []
        for argument in arguments {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: argument, isDirectory: &isDirectory) else {
                print("\(name): no such file: \(argument)")
                return 2
            }
            if isDirectory.boolValue {
                let enumerator = FileManager.default.enumerator(atPath: argument)
                while let path = enumerator?.nextObject() as? String {
                    let full = argument + "/" + path
                    var sub: ObjCBool = false
                    if FileManager.default.fileExists(atPath: full, isDirectory: &sub), !sub.boolValue,
                        !path.hasSuffix(".md")
                    {
                        files.append(full)
                    }
                }
            } else {
                files.append(argument)
            }
        }
        for file in files.sorted() {
            guard let data = FileManager.default.contents(atPath: file) else {
                print("\(name): cannot read \(file)")
                return 2
            }
            FileHandle.standardError.write(Data("\(name): \(file) (\(data.count) bytes)\n".utf8))
            run([UInt8](data))
        }
        print("\(name): \(files.count) inputs passed")
        return 0
    }
}
