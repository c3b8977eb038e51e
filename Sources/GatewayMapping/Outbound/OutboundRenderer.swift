import CanonicalModel
import EDIFormat

/// Everything an outbound interchange needs that is not in the canonical documents: who sends it to whom,
/// the control numbers, the date and time, the version, and the service characters. The renderers read no
/// clock and keep no counters: the caller passes all of it.
///
/// X12 uses `senderQualifier`/`senderID` as ISA05/ISA06, `receiverQualifier`/`receiverID` as ISA07/ISA08,
/// `applicationSender`/`applicationReceiver` as GS02/GS03 (the interchange ids when nil), `x12Version` as ISA12
/// (and GS08), `isTest` as ISA15 (`T`/`P`), `interchangeControlNumber` as ISA13 (1 to 9 digits, zero-padded),
/// `groupControlNumber` as GS06, `firstSetControlNumber` as the first ST02 (zero-padded to 4 digits).
///
/// EDIFACT uses the same ids as UNB S002/S003 (id and 0007 qualifier), `syntaxIdentifier`:`syntaxVersion` as
/// S001, `interchangeControlNumber` as 0020 (up to 14 characters), `firstSetControlNumber` as the first UNH 0062,
/// `directory` in S009, `isTest` as 0035 = 1. A UNA is always written; its decimal mark is the one numbers use.
public struct RenderEnvelope: Sendable, Hashable {
    public enum X12Version: String, Sendable, Hashable {
        case v4010 = "00401"
        case v5010 = "00501"

        /// GS08.
        public var groupVersion: String { self == .v4010 ? "004010" : "005010" }
    }

    public enum Directory: String, Sendable, Hashable {
        case d96A = "96A"
        case d01B = "01B"
    }

    public var senderID: String
    public var senderQualifier: String
    public var receiverID: String
    public var receiverQualifier: String
    /// GS02 (X12 only); the sender id when nil.
    public var applicationSender: String?
    /// GS03 (X12 only); the receiver id when nil.
    public var applicationReceiver: String?
    /// `CCYYMMDD`.
    public var date: String
    /// `HHMM`.
    public var time: String
    public var interchangeControlNumber: String
    /// GS06 (X12 only).
    public var groupControlNumber: Int
    /// The first ST02 / UNH 0062; the following sets count up from it.
    public var firstSetControlNumber: Int
    public var isTest: Bool
    public var x12Version: X12Version
    public var syntaxIdentifier: String
    public var syntaxVersion: Int
    public var directory: Directory
    /// The service characters; nil: `* > ~` (and `^` from 00501) for X12, `:+.? '` (and `*` in syntax 4) for EDIFACT.
    public var delimiters: Delimiters?
    /// X12 has no release character. When a value holds one of the delimiters: true picks other delimiters,
    /// false throws `RenderError.Code.delimiterInData`.
    public var chooseX12Delimiters: Bool
    /// Bytes written after each segment terminator (`""`, `"\n"`, `"\r\n"`).
    public var segmentSuffix: [UInt8]

    public init(
        senderID: String, senderQualifier: String, receiverID: String, receiverQualifier: String,
        date: String, time: String, interchangeControlNumber: String, groupControlNumber: Int = 1,
        firstSetControlNumber: Int = 1, isTest: Bool = false, x12Version: X12Version = .v4010,
        syntaxIdentifier: String = "UNOC", syntaxVersion: Int = 3, directory: Directory = .d96A,
        delimiters: Delimiters? = nil, chooseX12Delimiters: Bool = true, segmentSuffix: [UInt8] = [],
        applicationSender: String? = nil, applicationReceiver: String? = nil
    ) {
        self.senderID = senderID
        self.senderQualifier = senderQualifier
        self.receiverID = receiverID
        self.receiverQualifier = receiverQualifier
        self.date = date
        self.time = time
        self.interchangeControlNumber = interchangeControlNumber
        self.groupControlNumber = groupControlNumber
        self.firstSetControlNumber = firstSetControlNumber
        self.isTest = isTest
        self.x12Version = x12Version
        self.syntaxIdentifier = syntaxIdentifier
        self.syntaxVersion = syntaxVersion
        self.directory = directory
        self.delimiters = delimiters
        self.chooseX12Delimiters = chooseX12Delimiters
        self.segmentSuffix = segmentSuffix
        self.applicationSender = applicationSender
        self.applicationReceiver = applicationReceiver
    }
}

/// Why a document could not be rendered. Nothing is written when one is thrown.
public struct RenderError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Code: String, Sendable, Hashable {
        /// No documents were given.
        case noDocuments = "render.no_documents"
        /// The documents are not all of one type (one group holds one type).
        case mixedTypes = "render.mixed_types"
        /// The standard has no outbound renderer for this document type.
        case unsupportedType = "render.unsupported_type"
        /// A field the segment requires is missing (e.g. the invoice number, BIG02).
        case missingField = "render.missing_field"
        /// A value the target element cannot carry (e.g. three decimals in an X12 implied-decimal amount).
        case unrepresentable = "render.unrepresentable"
        /// An X12 value holds a delimiter and `chooseX12Delimiters` is false (or no free delimiter is left).
        case delimiterInData = "render.delimiter_in_data"
        /// The envelope settings are not valid (control number, date, ids, syntax identifier).
        case invalidEnvelope = "render.invalid_envelope"
        /// The rendered interchange does not pass the gateway's own validation (a value too long for its
        /// element, decimals in a whole-number element ...): the message names the first error finding.
        case invalidOutput = "render.invalid_output"
    }

    public var code: Code
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "\(code.rawValue): \(message)" }

    static func missing(_ field: String, in document: String) -> RenderError {
        RenderError(.missingField, "\(document): \(field) is required")
    }
}

/// Canonical documents to outbound X12 and EDIFACT interchanges: the inverse of the inbound mappers.
/// Pure: no I/O and no clock; docs/outbound.md lists which segment carries which field.
public enum OutboundRenderer {
    /// One interchange with one group holding one set per document (all of one type). Throws `RenderError`
    /// (a missing mandatory field such as the invoice number, a delimiter in the data ...) and never returns a
    /// partial interchange.
    public static func x12(_ documents: [CanonicalDocument], envelope: RenderEnvelope) throws -> [UInt8] {
        let type = try commonType(documents)
        guard let (setType, functional) = x12Types[type] else {
            throw RenderError(.unsupportedType, "no X12 renderer for \(type)")
        }
        try checkX12Envelope(envelope)
        let bodies = try documents.map(X12Bodies.body(for:))
        var values = Set<UInt8>()
        for body in bodies {
            for segment in body.segments {
                for element in segment.elements { for text in element { values.formUnion(text.utf8) } }
            }
        }
        let envelopeValues = [
            envelope.senderID, envelope.senderQualifier, envelope.receiverID, envelope.receiverQualifier,
            envelope.applicationSender ?? envelope.senderID, envelope.applicationReceiver ?? envelope.receiverID,
        ]
        for value in envelopeValues { values.formUnion(value.utf8) }
        let delimiters = try x12Delimiters(envelope, avoiding: values)

        var writer = SegmentWriter(delimiters: delimiters, encoding: .utf8, suffix: envelope.segmentSuffix)
        let isa11 = envelope.x12Version == .v4010 ? "U" : String(UnicodeScalar(delimiters.repetition ?? 0x55))
        writer.write(
            "ISA", "00", pad("", 10), "00", pad("", 10), pad(envelope.senderQualifier, 2), pad(envelope.senderID, 15),
            pad(envelope.receiverQualifier, 2), pad(envelope.receiverID, 15), String(envelope.date.suffix(6)),
            envelope.time, isa11, envelope.x12Version.rawValue, zeroPadded(envelope.interchangeControlNumber, 9), "0",
            envelope.isTest ? "T" : "P", String(UnicodeScalar(delimiters.component)))
        writer.write(
            "GS", functional, envelope.applicationSender ?? envelope.senderID,
            envelope.applicationReceiver ?? envelope.receiverID, envelope.date, envelope.time,
            String(envelope.groupControlNumber), "X", envelope.x12Version.groupVersion)
        for (index, body) in bodies.enumerated() {
            let control = zeroPadded(String(envelope.firstSetControlNumber + index), 4)
            writer.resetCount()
            writer.write("ST", setType, control)
            for segment in body.segments { writer.write(segment.tag, segment.elements) }
            writer.write("SE", String(writer.count + 1), control)
        }
        writer.write("GE", String(bodies.count), String(envelope.groupControlNumber))
        writer.write("IEA", "1", zeroPadded(envelope.interchangeControlNumber, 9))
        return try selfChecked(writer.bytes)
    }

    /// One EDIFACT interchange (UNA, UNB, one UNH…UNT per document, UNZ) without UNG groups.
    public static func edifact(_ documents: [CanonicalDocument], envelope: RenderEnvelope) throws -> [UInt8] {
        let type = try commonType(documents)
        guard let messageType = edifactTypes[type] else {
            throw RenderError(.unsupportedType, "no EDIFACT renderer for \(type)")
        }
        guard let encoding = TextEncoding(syntaxIdentifier: envelope.syntaxIdentifier) else {
            throw RenderError(.invalidEnvelope, "unknown syntax identifier \(envelope.syntaxIdentifier)")
        }
        guard [3, 4].contains(envelope.syntaxVersion) else {
            throw RenderError(.invalidEnvelope, "syntax version \(envelope.syntaxVersion) is not 3 or 4")
        }
        let delimiters = envelope.delimiters ?? Delimiters.edifactDefault(syntaxVersion: envelope.syntaxVersion)
        guard delimiters.release != nil, delimiters.isUsable,
            [UInt8(ascii: "."), UInt8(ascii: ",")].contains(delimiters.decimalMark)
        else {
            throw RenderError(
                .invalidEnvelope,
                "EDIFACT delimiters need a release character, distinct non-alphanumeric "
                    + "service characters and a decimal mark of . or ,")
        }
        let reference = envelope.interchangeControlNumber
        guard !reference.isEmpty, reference.utf8.count <= 14 else {
            throw RenderError(.invalidEnvelope, "interchange control reference must be 1 to 14 characters")
        }
        try checkDateTime(envelope)
        let bodies = try documents.map { try EDIFACTBodies.body(for: $0, decimalMark: delimiters.decimalMark) }

        var writer = SegmentWriter(delimiters: delimiters, encoding: encoding, suffix: envelope.segmentSuffix)
        writer.writeRaw(
            Array("UNA".utf8) + [
                delimiters.component, delimiters.element, delimiters.decimalMark, delimiters.release ?? 0x20,
                delimiters.repetition ?? 0x20, delimiters.segment,
            ])
        writer.writeRaw(envelope.segmentSuffix)
        let date = envelope.syntaxVersion >= 4 ? envelope.date : String(envelope.date.suffix(6))
        var unb: [[String]] = [
            [envelope.syntaxIdentifier, String(envelope.syntaxVersion)], [envelope.senderID, envelope.senderQualifier],
            [envelope.receiverID, envelope.receiverQualifier], [date, envelope.time], [reference],
        ]
        if envelope.isTest { unb += [[], [], [], [], [], ["1"]] }
        writer.write("UNB", unb)
        for (index, body) in bodies.enumerated() {
            let control = String(envelope.firstSetControlNumber + index)
            writer.resetCount()
            writer.write("UNH", [[control], [messageType, "D", envelope.directory.rawValue, "UN"]])
            for segment in body.segments { writer.write(segment.tag, segment.elements) }
            writer.write("UNT", String(writer.count + 1), control)
        }
        writer.write("UNZ", String(bodies.count), reference)
        return try selfChecked(writer.bytes)
    }

    // MARK: - Shared

    /// The bytes, once the inbound parser finds no error in them; what a partner would reject is never returned.
    static func selfChecked(_ bytes: [UInt8]) throws -> [UInt8] {
        if let finding = EDIParser.parse(bytes).allFindings.first(where: \.isError) {
            let place = [finding.location.segmentTag, finding.location.element.map { String($0) }].compactMap { $0 }
                .filter { !$0.isEmpty }.joined(separator: " element ")
            throw RenderError(
                .invalidOutput, "\(finding.code.rawValue)\(place.isEmpty ? "" : " at \(place)"): \(finding.message)")
        }
        return bytes
    }

    static let x12Types: [String: (String, String)] = [
        "orderAck": ("855", "PR"), "shipNotice": ("856", "SH"), "invoice": ("810", "IN"), "remittance": ("820", "RA"),
        "warehouseShippingOrder": ("940", "OW"), "warehouseShipmentAdvice": ("945", "SW"),
    ]

    static let edifactTypes = [
        "orderAck": "ORDRSP", "shipNotice": "DESADV", "invoice": "INVOIC", "remittance": "REMADV",
    ]

    static func typeName(_ document: CanonicalDocument) -> String {
        switch document {
        case .order: return "order"
        case .orderAck: return "orderAck"
        case .shipNotice: return "shipNotice"
        case .invoice: return "invoice"
        case .inventoryReport: return "inventoryReport"
        case .remittance: return "remittance"
        case .warehouseShippingOrder: return "warehouseShippingOrder"
        case .warehouseShipmentAdvice: return "warehouseShipmentAdvice"
        }
    }

    static func commonType(_ documents: [CanonicalDocument]) throws -> String {
        guard let first = documents.first else { throw RenderError(.noDocuments, "nothing to render") }
        let type = typeName(first)
        if let other = documents.first(where: { typeName($0) != type }) {
            throw RenderError(.mixedTypes, "one group holds one type: \(type) and \(typeName(other))")
        }
        return type
    }

    static func checkDateTime(_ envelope: RenderEnvelope) throws {
        guard envelope.date.utf8.count == 8, envelope.date.allSatisfy(\.isOutboundDigit),
            envelope.time.utf8.count == 4, envelope.time.allSatisfy(\.isOutboundDigit)
        else { throw RenderError(.invalidEnvelope, "date must be CCYYMMDD and time HHMM") }
    }

    static func checkX12Envelope(_ envelope: RenderEnvelope) throws {
        try checkDateTime(envelope)
        let number = envelope.interchangeControlNumber
        guard (1...9).contains(number.utf8.count), number.allSatisfy(\.isOutboundDigit) else {
            throw RenderError(.invalidEnvelope, "ISA13 must be 1 to 9 digits, got \(number)")
        }
        guard (0...999_999_999).contains(envelope.groupControlNumber), envelope.firstSetControlNumber >= 0 else {
            throw RenderError(.invalidEnvelope, "GS06 and ST02 must be non-negative numbers of up to 9 digits")
        }
        for (value, width) in [
            (envelope.senderID, 15), (envelope.receiverID, 15), (envelope.senderQualifier, 2),
            (envelope.receiverQualifier, 2),
        ] where value.isEmpty || value.utf8.count > width {
            throw RenderError(.invalidEnvelope, "ISA id or qualifier '\(value)' must be 1 to \(width) characters")
        }
    }

    /// The X12 delimiters: the envelope's (or the defaults), with others picked for those the data holds.
    static func x12Delimiters(_ envelope: RenderEnvelope, avoiding used: Set<UInt8>) throws -> Delimiters {
        var preferred =
            envelope.delimiters
            ?? Delimiters.x12(repetition: envelope.x12Version == .v5010 ? UInt8(ascii: "^") : nil)
        preferred.release = nil
        if envelope.x12Version == .v4010 { preferred.repetition = nil }
        guard preferred.isUsable else { throw RenderError(.invalidEnvelope, "X12 delimiters must be distinct") }
        let wanted =
            [preferred.element, preferred.segment, preferred.component] + (preferred.repetition.map { [$0] } ?? [])
        let clashes = wanted.filter(used.contains)
        if clashes.isEmpty { return preferred }
        let shown = clashes.map { String(UnicodeScalar($0)) }.joined(separator: " ")
        guard envelope.chooseX12Delimiters else {
            throw RenderError(.delimiterInData, "a value holds the X12 delimiter(s) \(shown); X12 cannot escape them")
        }
        let pool = Array("*~>^|!+:@#$%&;=".utf8) + [0x1C, 0x1D, 0x1E, 0x1F]
        var taken = Set<UInt8>()
        func pick(_ byte: UInt8) throws -> UInt8 {
            if !used.contains(byte) && !taken.contains(byte) {
                taken.insert(byte)
                return byte
            }
            guard let choice = pool.first(where: { !used.contains($0) && !taken.contains($0) && !wanted.contains($0) })
            else { throw RenderError(.delimiterInData, "no free X12 delimiter for \(shown)") }
            taken.insert(choice)
            return choice
        }
        var result = preferred
        result.element = try pick(preferred.element)
        result.segment = try pick(preferred.segment)
        result.component = try pick(preferred.component)
        if let repetition = preferred.repetition { result.repetition = try pick(repetition) }
        return result
    }

    static func pad(_ value: String, _ width: Int) -> String {
        value + String(repeating: " ", count: max(0, width - value.utf8.count))
    }

    static func zeroPadded(_ value: String, _ width: Int) -> String {
        String(repeating: "0", count: max(0, width - value.utf8.count)) + value
    }
}

/// The segments of one transaction set body (between ST and SE, or UNH and UNT), before writing.
struct RenderedBody {
    struct Segment {
        var tag: String
        var elements: [[String]]
    }

    var segments: [Segment] = []

    /// A segment of simple elements; nil is an empty element.
    mutating func add(_ tag: String, _ elements: String?...) {
        segments.append(Segment(tag: tag, elements: elements.map { [$0 ?? ""] }))
    }

    /// A segment of composite elements; nil is an empty component.
    mutating func add(_ tag: String, composite elements: [[String?]]) {
        segments.append(Segment(tag: tag, elements: elements.map { $0.map { $0 ?? "" } }))
    }
}

/// Value formatting shared by the renderers.
enum RenderFormat {
    /// `YYYY-MM-DD` (or a date-time) to `CCYYMMDD`.
    static func date(_ iso: String?) -> String? {
        guard let iso else { return nil }
        let day = String(iso.prefix(10)).outboundWithoutDashes
        return day.isEmpty ? nil : day
    }

    /// The `HHMM[SS]` of a `YYYY-MM-DDTHH:MM[:SS]`, nil without a time.
    static func time(_ dateTime: String?) -> String? {
        guard let dateTime, let split = dateTime.firstIndex(of: "T") else { return nil }
        return String(dateTime[dateTime.index(after: split)...].filter { $0 != ":" })
    }

    /// An EDIFACT C507 value and format: 203/204 with a time, else 102.
    static func edifactDate(_ date: String?, dateTime: String? = nil) -> (String, String)? {
        if let dateTime, let day = self.date(dateTime), let clock = time(dateTime) {
            return (day + clock, clock.count == 6 ? "204" : "203")
        }
        return self.date(date).map { ($0, "102") }
    }

    static func number(_ value: ExactDecimal?) -> String? { value?.description }

    static func number(_ value: ExactDecimal?, decimalMark: UInt8) -> String? {
        guard let text = value?.description else { return nil }
        return decimalMark == UInt8(ascii: ".") ? text : text.outboundReplacing(".", with: ",")
    }

    /// X12 N2: the amount times 100 as a whole number; more than two decimals cannot be carried.
    static func implied2(_ value: ExactDecimal?, field: String) throws -> String? {
        guard let value else { return nil }
        guard value.scale <= 2 else {
            throw RenderError(.unrepresentable, "\(field) \(value) has more than two decimals (implied-decimal N2)")
        }
        var significand = value.significand
        for _ in value.scale..<2 {
            let (product, overflow) = significand.multipliedReportingOverflow(by: 10)
            guard !overflow else { throw RenderError(.unrepresentable, "\(field) \(value) is too large") }
            significand = product
        }
        return String(significand)
    }

    /// Text in pieces of at most `width` characters, split at spaces so that joining with one space restores it.
    static func chunks(_ text: String?, width: Int, limit: Int) -> [String] {
        guard let text, !text.isEmpty else { return [] }
        var pieces: [String] = []
        var current = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: false) {
            let candidate = current.isEmpty ? String(word) : current + " " + word
            if candidate.count > width && !current.isEmpty {
                pieces.append(current)
                current = String(word)
            } else {
                current = candidate
            }
        }
        pieces.append(current)
        return pieces.count <= limit ? pieces : [text]
    }
}

extension Character {
    var isOutboundDigit: Bool { isASCII && isNumber }
}

extension String {
    var outboundWithoutDashes: String { filter { $0 != "-" } }

    func outboundReplacing(_ target: Character, with replacement: Character) -> String {
        String(map { $0 == target ? replacement : $0 })
    }
}
