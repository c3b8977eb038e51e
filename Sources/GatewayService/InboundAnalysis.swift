import CanonicalModel
import EDIFormat
import EDIXML
import Foundation
import GatewayMapping
import GatewayStore
import GatewayTransport

/// Why a file was quarantined: a stable code, a sentence, and the findings behind it (codes and
/// locations, never payload values).
public struct QuarantineReason: Error, Sendable, Hashable {
    public var code: String
    public var message: String
    public var findings: [Finding]

    public init(code: String, message: String, findings: [Finding] = []) {
        self.code = code
        self.message = message
        self.findings = findings
    }

    /// The closed list of reason codes (docs/spool.md).
    public enum Code {
        /// gzip or zip that cannot be read (corrupt, truncated, over the size cap, unsafe member names).
        public static let decodeFailed = "decode_failed"
        /// Neither X12, EDIFACT nor XML.
        public static let unrecognizedFormat = "unrecognized_format"
        /// The envelope's sender is no configured partner.
        public static let unknownPartner = "unknown_partner"
        /// The envelope routes to another partner than the directory it was dropped in, or the file mixes partners.
        public static let partnerMismatch = "partner_mismatch"
        /// An interchange, group or set failed validation (the partner got the negative acknowledgement).
        public static let rejected = "rejected"
        /// The interchange key was seen before with different content (primer §6).
        public static let duplicateInterchange = "duplicate_interchange"
        /// A document type the partner's `documents.accepted` does not list.
        public static let documentNotAccepted = "document_not_accepted"
        /// A document type with no mapper, or an XML document that could not be mapped.
        public static let unmapped = "unmapped"
        /// An XML document that does not satisfy the partner's XSD (`mapping.xsd`).
        public static let schemaInvalid = "schema_invalid"
        /// Outgoing: not a canonical document (JSON, type, required fields).
        public static let invalidDocument = "invalid_document"
        /// Outgoing: the document cannot be rendered in the partner's standard (a missing field, an
        /// unsupported type, a value the element cannot carry).
        public static let renderFailed = "render_failed"
    }
}

/// One document payload of a file after decoding (a zip holds several).
public struct InboundPayload: Sendable {
    public var name: String
    public var bytes: [UInt8]
}

/// One interchange of a file, with what the gateway makes of it.
public struct InboundInterchange: Sendable {
    public var report: InterchangeReport
    /// Where its header starts in its payload.
    public var byteOffset: Int
    /// The duplicate key of primer §6.
    public var key: EnvelopeKey
    /// sha256 of the interchange's own bytes (header to trailer).
    public var sha256: String
    /// Group and set keys of the groups and sets that passed validation.
    public var groupKeys: [EnvelopeKey]
    public var setKeys: [EnvelopeKey]
    /// The events of its accepted sets.
    public var events: [CloudEvent]
    public var issues: [MappingIssue]
    /// Set types (ST01 / UNH 0065) that are not acknowledgements.
    public var documentTypes: [String]
    /// What its TA1 / 997 / 999 / CONTRL say about what we sent (empty for business documents).
    public var acknowledgements: [ReceivedAcknowledgement] = []
}

/// A file decoded, parsed, routed and mapped, before anything is recorded: the pure part of the pipeline.
/// Reads no clock and no files; the caller passes the time and the registry.
public struct InboundAnalysis: Sendable {
    public var payloads: [InboundPayload] = []
    /// The partner the content routes to.
    public var partner: PartnerConfiguration?
    /// Set when the file cannot go further than `parsed` (nothing recorded, no acknowledgement possible).
    public var quarantine: QuarantineReason?
    public var interchanges: [InboundInterchange] = []
    /// XML documents: their events, issues, and duplicate keys (cXML payloadID, UBL document ID).
    public var xmlEvents: [CloudEvent] = []
    public var xmlIssues: [MappingIssue] = []
    public var xmlKeys: [EnvelopeKey: String] = [:]
    public var xmlDocumentTypes: [String] = []

    /// The most a compressed drop may inflate to, by default (`run --max-inflated-mb`).
    public static let defaultInflateLimit = 1 << 30

    /// Decodes `bytes` (gzip, zip or plain), parses each payload, routes it and maps it.
    /// `dropPartner` is the partner whose directory the file was dropped in (nil: the shared `inbound/`).
    public static func analyze(
        _ bytes: [UInt8], name: String, dropPartner: String?, registry: PartnerRegistry, time: String,
        xmlMaps: (PartnerConfiguration) -> [XMLMap] = { _ in [] }, inflateLimit: Int = defaultInflateLimit,
        xsd: (PartnerConfiguration) -> XMLSchema? = { _ in nil }
    ) -> InboundAnalysis {
        var analysis = InboundAnalysis()
        switch decode(bytes, name: name, limit: inflateLimit) {
        case .failure(let reason):
            analysis.quarantine = reason
            return analysis
        case .success(let payloads):
            analysis.payloads = payloads
        }
        let fileSHA = SHA256.hex(bytes)
        var partners: [String: PartnerConfiguration] = [:]
        var parsedPayloads: [(InboundPayload, ParsedInput?)] = []
        for payload in analysis.payloads {
            if Translator.looksLikeXML(payload.bytes) {
                guard
                    let root = try? XMLDocument(parsing: payload.bytes, options: .init(allowsExternalDoctype: true))
                        .root,
                    let sender = PartnerDryRun.xmlSender(root)
                else {
                    let issues = Translator.translateXML(
                        payload.bytes, context: MappingContext(partner: "", time: time)
                    ).issues
                    let message = issues.first?.message ?? "the XML document names no sender (cXML From, UBL party ID)"
                    analysis.quarantine = QuarantineReason(
                        code: issues.isEmpty
                            ? QuarantineReason.Code.unknownPartner : QuarantineReason.Code.unrecognizedFormat,
                        message: "\(payload.name): \(message)")
                    return analysis
                }
                guard let partner = registry.partner(forXML: sender) else {
                    analysis.quarantine = QuarantineReason(
                        code: QuarantineReason.Code.unknownPartner,
                        message: "\(payload.name): sender \(sender) matches no partner in Partners/")
                    return analysis
                }
                partners[partner.id] = partner
                if let schema = xsd(partner) {
                    let violations: [XMLValidationError]
                    do {
                        violations = try schema.validate(payload.bytes, options: .init(allowsExternalDoctype: true))
                    } catch {
                        violations = [XMLValidationError(line: 0, message: "\(error)", code: 0)]
                    }
                    if !violations.isEmpty {
                        analysis.partner = partner
                        analysis.quarantine = QuarantineReason(
                            code: QuarantineReason.Code.schemaInvalid,
                            message:
                                "\(payload.name): \(violations.count) violation(s) of \(partner.id)'s XSD: "
                                + violations.prefix(10).map { "line \($0.line): \(Self.withoutValues($0.message))" }
                                .joined(separator: "; "))
                        return analysis
                    }
                }
                parsedPayloads.append((payload, nil))
                continue
            }
            let parsed = EDIParser.parse(payload.bytes)
            guard parsed.isEDI else {
                analysis.quarantine = QuarantineReason(
                    code: QuarantineReason.Code.unrecognizedFormat,
                    message: "\(payload.name): not an X12, EDIFACT or XML document", findings: parsed.findings)
                return analysis
            }
            for interchange in parsed.interchanges {
                let envelope = interchange.report.envelope
                guard let partner = registry.partner(for: envelope, standard: interchange.standard) else {
                    analysis.quarantine = QuarantineReason(
                        code: QuarantineReason.Code.unknownPartner,
                        message:
                            "\(payload.name): interchange \(envelope.controlNumber) from \(PartnerDryRun.sender(envelope, standard: interchange.standard)) matches no partner in Partners/"
                    )
                    return analysis
                }
                partners[partner.id] = partner
            }
            parsedPayloads.append((payload, parsed))
        }
        guard partners.count == 1, let partner = partners.first?.value else {
            analysis.quarantine = QuarantineReason(
                code: QuarantineReason.Code.partnerMismatch,
                message:
                    "the file holds documents of several partners: \(partners.keys.sorted().joined(separator: ", "))")
            return analysis
        }
        if let dropPartner, dropPartner != partner.id {
            analysis.quarantine = QuarantineReason(
                code: QuarantineReason.Code.partnerMismatch,
                message: "dropped in \(dropPartner)'s directory, but the envelope routes to \(partner.id)")
            return analysis
        }
        analysis.partner = partner
        let context = MappingContext(partner: partner.id, time: time, fileSHA256: fileSHA)
        for (payload, parsed) in parsedPayloads {
            if let parsed {
                analysis.interchanges += interchanges(parsed, bytes: payload.bytes, context: context)
            } else {
                analysis.mapXML(payload, partner: partner, context: context, maps: xmlMaps(partner))
            }
        }
        return analysis
    }

    /// libxml2's validity messages quote the offending value (`'ten' is not a valid value ...`): the value is
    /// left out, as everywhere else (no payload values in errors).
    static func withoutValues(_ message: String) -> String {
        message.replacingOccurrences(
            of: #"'[^']*' is not a valid value"#, with: "the value is not a valid value", options: .regularExpression
        ).replacingOccurrences(of: #"The value '[^']*'"#, with: "The value", options: .regularExpression)
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// gzip and zip by content (magic bytes), never by name.
    static func decode(_ bytes: [UInt8], name: String, limit: Int) -> Result<[InboundPayload], QuarantineReason> {
        if Gzip.isGzip(bytes) {
            do {
                let inner = name.hasSuffix(".gz") ? String(name.dropLast(3)) : name
                return .success([InboundPayload(name: inner, bytes: try Gzip.decompress(bytes, limit: limit))])
            } catch {
                return .failure(
                    QuarantineReason(
                        code: QuarantineReason.Code.decodeFailed, message: "\(name): cannot decompress gzip: \(error)"))
            }
        }
        if Zip.isZip(bytes) {
            do {
                let members = try Zip.extract(bytes, limit: limit)
                guard !members.isEmpty else {
                    return .failure(
                        QuarantineReason(
                            code: QuarantineReason.Code.decodeFailed, message: "\(name): empty zip archive"))
                }
                return .success(members.map { InboundPayload(name: "\(name)!\($0.name)", bytes: $0.bytes) })
            } catch {
                return .failure(
                    QuarantineReason(code: QuarantineReason.Code.decodeFailed, message: "\(name): \(error)"))
            }
        }
        return .success([InboundPayload(name: name, bytes: bytes)])
    }

    static func interchanges(_ parsed: ParsedInput, bytes: [UInt8], context: MappingContext) -> [InboundInterchange] {
        var result: [InboundInterchange] = []
        for (index, interchange) in parsed.interchanges.enumerated() {
            let report = interchange.report
            let start = interchange.header.offset
            let end = index + 1 < parsed.interchanges.count ? parsed.interchanges[index + 1].header.offset : bytes.count
            let key = interchangeKey(report)
            var groupKeys: [EnvelopeKey] = []
            var setKeys: [EnvelopeKey] = []
            for group in report.groups where !group.hasErrors && !report.isRejected {
                let groupKey = EnvelopeKey(
                    key.components.dropLast()
                        + [group.applicationSender, group.applicationReceiver, group.controlNumber])
                groupKeys.append(groupKey)
                for set in group.sets where !set.isRejected {
                    setKeys.append(EnvelopeKey(groupKey.components + [set.controlNumber]))
                }
            }
            // Translated on its own, so that two interchanges of one file never mix their events.
            var single = parsed
            single.interchanges = [interchange]
            single.findings = []
            let translation = Translator.translate(single, context: context)
            result.append(
                InboundInterchange(
                    report: report, byteOffset: start, key: key,
                    sha256: SHA256.hex(Array(bytes[start..<max(start, end)])),
                    groupKeys: groupKeys, setKeys: setKeys, events: translation.events, issues: translation.issues,
                    documentTypes: report.groups.flatMap(\.sets).filter { !$0.isAcknowledgement }.map(\.type),
                    acknowledgements: report.isAcknowledgement ? ReceivedAcknowledgement.read(interchange) : []))
        }
        return result
    }

    /// Primer §6: X12 (ISA05, trim(ISA06), ISA07, trim(ISA08), ISA13); EDIFACT (sender, recipient, 0020).
    static func interchangeKey(_ report: InterchangeReport) -> EnvelopeKey {
        let envelope = report.envelope
        let trim = { (text: String) in text.trimmingCharacters(in: .whitespaces) }
        return EnvelopeKey(
            report.standard.rawValue, trim(envelope.senderQualifier), trim(envelope.senderID),
            trim(envelope.receiverQualifier), trim(envelope.receiverID), envelope.controlNumber)
    }

    mutating func mapXML(
        _ payload: InboundPayload, partner: PartnerConfiguration, context: MappingContext, maps: [XMLMap]
    ) {
        let translation =
            XMLMap.select(maps, for: payload.bytes)?.translate(payload.bytes, context: context)
            ?? Translator.translateXML(payload.bytes, context: context)
        xmlEvents += translation.events
        xmlIssues += translation.issues
        guard let root = try? XMLDocument(parsing: payload.bytes, options: .init(allowsExternalDoctype: true)).root
        else { return }
        let type = PartnerDryRun.xmlDocumentType(root)
        xmlDocumentTypes.append(type)
        // cXML: From identity + payloadID (primer §6); UBL: the sender and the document's own ID and issue date.
        let sender = PartnerDryRun.xmlSender(root)?.description ?? ""
        let identity =
            root.name == "cXML"
            ? root.attribute("payloadID") ?? ""
            : [root.child("ID")?.value ?? "", root.child("IssueDate")?.value ?? ""].joined(separator: " ")
        if !identity.trimmingCharacters(in: .whitespaces).isEmpty {
            xmlKeys[EnvelopeKey("XML", type, sender, identity)] = SHA256.hex(payload.bytes)
        }
    }
}
