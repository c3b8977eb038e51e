/// What the envelope parser hands on as it goes.
public enum EnvelopeEvent: Sendable {
    /// A transaction set or message is complete (with its own report).
    case transactionSet(TransactionSet, SetReport)
    /// An interchange is complete: its tree (sets included when retained) and its report.
    case interchange(Interchange)
    /// A problem outside any interchange (stray bytes, not EDI at all).
    case fileFinding(Finding)
}

/// Options of the one validation pass.
public struct ValidationOptions: Sendable, Hashable {
    /// Lower case (and other excluded printable ASCII) under UNOA is an error instead of a warning.
    public var strictCharacterSet = false
    /// Check elements against the segment dictionary (types, lengths, mandatory elements).
    public var checkElements = true

    public init(strictCharacterSet: Bool = false, checkElements: Bool = true) {
        self.strictCharacterSet = strictCharacterSet
        self.checkElements = checkElements
    }
}

/// Builds the envelope tree from tokens and validates it in the same single pass.
///
/// Streaming: memory holds one transaction set at a time unless `retainTransactionSets` is set, so a
/// file of any size is validated in bounded memory.
public struct EnvelopeParser {
    public let options: ValidationOptions
    public let retainTransactionSets: Bool

    var interchange: Interchange?
    var group: FunctionalGroup?
    var groupReport: GroupReport?
    var set: TransactionSet?
    var setReport: SetReport?
    var pendingUNA: (bytes: [UInt8], offset: Int)?
    var segmentOrdinal = 0
    /// Control numbers seen, for uniqueness checks.
    var groupNumbers: Set<String> = []
    var setNumbers: Set<String> = []
    /// EDIFACT: messages seen outside any UNG, and groups seen.
    var looseMessageCount = 0
    var setsInGroup = 0
    /// The offset just after the previous segment, to learn the segment suffix.
    var headerDetached = false
    /// An ISA that is not fixed-width, reported by the tokenizer just before it.
    var pendingHeaderShape: (offset: Int, element: Int?)?
    /// An ISA whose segment terminator is a multi-byte character.
    var pendingTerminatorIssue: Int?
    var charset = CharacterSetCheck(encoding: .utf8, standard: .x12)
    var levelWarned = false
    /// The compiled dictionaries, held here so the per-segment path does not go through a lazy global.
    let x12Table = SegmentDictionary.x12Table
    let edifactTable = SegmentDictionary.edifactTable
    /// Whether the open set's version is one the dictionary describes (set when it opens).
    var setChecksElements = false
    /// EDIFACT accepts a decimal comma as well as the point in syntax 4 or without UNA (primer §5.2).
    var lenientDecimalMark = false

    public init(retainTransactionSets: Bool = true, options: ValidationOptions = ValidationOptions()) {
        self.retainTransactionSets = retainTransactionSets
        self.options = options
    }

    /// Consumes one token, calling `emit` for everything it completes.
    public mutating func consume(_ token: Token, emit: (EnvelopeEvent) -> Void) {
        switch token {
        case .serviceStringAdvice(let bytes, let offset):
            closeInterchange(emit: emit)
            pendingUNA = (bytes, offset)
        case .issue(let issue):
            handle(issue, emit: emit)
        case .segmentSuffix(let bytes):
            if bytes.count <= 2 { interchange?.segmentSuffix = bytes }
        case .segment(let segment):
            segmentOrdinal += 1
            handle(segment, emit: emit)
        }
    }

    /// Ends the input: whatever is open is closed with its trailer reported missing.
    public mutating func finish(emit: (EnvelopeEvent) -> Void) {
        closeInterchange(emit: emit)
    }

    // MARK: - Dispatch

    mutating func handle(_ segment: Segment, emit: (EnvelopeEvent) -> Void) {
        let tag = segment.tag
        switch tag {
        case .ISA:
            closeInterchange(emit: emit)
            openX12Interchange(segment)
        case .UNB:
            closeInterchange(emit: emit)
            openEDIFACTInterchange(segment)
        default:
            guard interchange != nil else {
                emit(
                    .fileFinding(
                        Finding(
                            .strayData, at: location(segment), "segment \(segment.tagString) outside any interchange")))
                return
            }
            detachHeader()
            if segment.isUnterminated {
                let newline = segment.delimiters.segment == 0x0A || segment.delimiters.segment == 0x0D
                if tag == .IEA || tag == .UNZ {
                    // A file whose lines are its segments often lacks the last line break; that is not worth a word.
                    if !newline {
                        report(
                            Finding(
                                .prematureEnd, .warning, at: location(segment), "the last segment has no terminator"))
                    }
                } else {
                    report(
                        Finding(
                            .prematureEnd, at: location(segment), "the input ends inside segment \(segment.tagString)"))
                }
            }
            switch tag {
            case .GS, .UNG: openGroup(segment)
            case .GE, .UNE: closeGroup(trailer: segment, emit: emit)
            case .ST, .UNH: openSet(segment, emit: emit)
            case .SE, .UNT: closeSet(trailer: segment, emit: emit)
            case .IEA, .UNZ:
                interchange?.trailer = retainTransactionSets ? segment : segment.detached()
                closeInterchange(emit: emit)
            default:
                body(segment)
            }
        }
    }

    /// A segment that is not an envelope segment.
    mutating func body(_ segment: Segment) {
        if set != nil {
            checkBody(segment)
            set!.segments.append(segment)
            setReport!.segmentCount += 1
            return
        }
        guard let current = interchange else { return }
        if current.standard == .x12 && group == nil && current.groups.isEmpty
            && (segment.tag == .TA1 || segment.tag == .ISB || segment.tag == .ISE)
        {
            interchange!.interchangeSegments.append(segment)
            if segment.tag == .TA1 { interchange!.report.ta1Count += 1 }
            checkEnvelopeElements(segment, as: nil)
            return
        }
        let code: FindingCode = isWellFormedTag(segment) ? .interchangeContentInvalid : .segmentTagInvalid
        report(Finding(code, at: location(segment), "segment \(segment.tagString) outside any transaction set"))
    }

    // MARK: - Reporting

    /// Adds a finding to the innermost open level.
    mutating func report(_ finding: Finding) {
        if setReport != nil {
            setReport!.findings.append(finding)
        } else if groupReport != nil {
            groupReport!.findings.append(finding)
        } else {
            interchange?.report.findings.append(finding)
        }
    }

    mutating func reportInterchange(_ finding: Finding) {
        interchange?.report.findings.append(finding)
    }

    /// The location of a segment, with the envelope control numbers in force.
    func location(_ segment: Segment, element: Int? = nil, component: Int? = nil) -> Location {
        var location = Location(byteOffset: segment.offset)
        location.interchange = interchange?.report.envelope.controlNumber
        if let groupReport, groupReport.isExplicit { location.group = groupReport.controlNumber }
        location.transactionSet = setReport?.controlNumber
        location.segmentOrdinal = segmentOrdinal
        if let setReport { location.segmentPosition = setReport.segmentCount + 1 }
        location.segmentTag = String(segment.tagString.prefix(8))
        location.element = element
        location.component = component
        return location
    }

    /// Two or three upper-case letters or digits, the first a letter (read from the packed tag).
    func isWellFormedTag(_ segment: Segment) -> Bool {
        let raw = segment.tag.rawValue
        guard raw != UInt32.max, raw >= 0x100 else { return false }
        var shift: UInt32 = raw >= 0x10000 ? 16 : 8
        var first = true
        while true {
            let byte = (raw >> shift) & 0xFF
            let letter = byte >= 0x41 && byte <= 0x5A
            guard letter || (!first && byte >= 0x30 && byte <= 0x39) else { return false }
            if shift == 0 { return true }
            first = false
            shift -= 8
        }
    }

    /// Streaming: the interchange header need not keep its input chunk alive once the interchange is open.
    mutating func detachHeader() {
        guard !headerDetached, !retainTransactionSets, let header = interchange?.header else { return }
        headerDetached = true
        interchange!.header = header.detached()
    }

    mutating func handle(_ issue: TokenIssue, emit: (EnvelopeEvent) -> Void) {
        var location = Location(byteOffset: issue.offset)
        location.interchange = interchange?.report.envelope.controlNumber
        switch issue.kind {
        case .notEDI:
            emit(
                .fileFinding(
                    Finding(.notEDI, at: location, "no ISA, UNA or UNB: the input is not an X12 or EDIFACT interchange")
                ))
        case .strayData(let length):
            closeInterchange(emit: emit)
            emit(
                .fileFinding(
                    Finding(.strayData, at: location, "\(length) bytes that start no interchange were skipped")))
        case .ebcdic:
            closeInterchange(emit: emit)
            emit(
                .fileFinding(
                    Finding(
                        .unsupportedEncoding, at: location, "the interchange is EBCDIC-encoded; convert it to ASCII")))
        case .delimiters:
            closeInterchange(emit: emit)
            emit(
                .fileFinding(
                    Finding(
                        .delimiterInvalid, at: location,
                        "no usable delimiters in the interchange header; the interchange was skipped")))
        case .headerShape(let element):
            pendingHeaderShape = (issue.offset, element)
        case .multiByteTerminator:
            pendingTerminatorIssue = issue.offset
        }
    }
}
