import CanonicalModel
import EDIFormat
import EDIXML
import Foundation
import GatewayMapping

/// `edigate partners check`'s dry run: each file of `<partner>/samples/` through parse, route, map and
/// acknowledge, reporting what the gateway would emit. Reads files; writes nothing (no spool, no store).
public struct PartnerDryRun: Sendable {
    public struct Line: Sendable, Hashable, CustomStringConvertible {
        public var text: String
        /// True when the sample would not go through cleanly (not EDI, unroutable, rejected, unmapped).
        public var isProblem: Bool
        public var description: String { text }
    }

    public var registry: PartnerRegistry
    /// RFC 3339 time stamped on the would-be events; `CCYYMMDD` and `HHMM` for the would-be acks.
    public var time: String
    public var date: String
    public var clock: String

    public init(registry: PartnerRegistry, time: String, date: String, clock: String) {
        self.registry = registry
        self.time = time
        self.date = date
        self.clock = clock
    }

    /// Every sample of `partner`, in name order.
    public func run(_ partner: PartnerConfiguration) -> [Line] {
        let samples = "\(partner.directory)/samples"
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: samples) else {
            return [Line(text: "\(partner.id): no samples/ directory; nothing to dry-run", isProblem: false)]
        }
        var lines: [Line] = []
        for name in names.sorted() where !name.hasPrefix(".") {
            let path = "\(samples)/\(name)"
            let prefix = "\(partner.id): samples/\(name)"
            guard let data = FileManager.default.contents(atPath: path) else {
                lines.append(Line(text: "\(prefix): cannot read the file", isProblem: true))
                continue
            }
            let bytes = [UInt8](data)
            let body =
                Translator.looksLikeXML(bytes) ? xml(bytes, partner: partner) : edi(bytes, name: name, partner: partner)
            lines += body.map { Line(text: "\(prefix): \($0.text)", isProblem: $0.isProblem) }
        }
        return lines
    }

    // MARK: - EDI

    func edi(_ bytes: [UInt8], name: String, partner: PartnerConfiguration) -> [Line] {
        let parsed = EDIParser.parse(bytes)
        guard parsed.isEDI else { return [Line(text: "not an X12, EDIFACT or XML file", isProblem: true)] }
        var lines: [Line] = []
        let context = MappingContext(partner: partner.id, time: time, fileSHA256: SHA256.hex(bytes))
        let translation = Translator.translate(parsed, context: context)
        for interchange in parsed.interchanges {
            let report = interchange.report
            let envelope = report.envelope
            let errors = report.allFindings.filter(\.isError).count
            let sets = report.groups.flatMap(\.sets)
            lines.append(
                Line(
                    text:
                        "parse: \(report.standard.rawValue) interchange \(envelope.controlNumber), \(sets.count) set(s) \(sets.map(\.type).joined(separator: " ")), \(errors) error(s)",
                    isProblem: errors > 0))
            lines.append(
                route(
                    registry.partner(for: envelope, standard: report.standard),
                    sender: Self.sender(envelope, standard: report.standard), partner: partner))
            for set in sets where !set.isAcknowledgement && !partner.documents.accepted.contains(set.type) {
                lines.append(
                    Line(text: "documents: \(set.type) is not in documents.accepted", isProblem: true))
            }
            lines += events(
                translation.events.filter { $0.ediinterchange == envelope.controlNumber },
                issues: translation.issues.filter {
                    $0.location.interchange == envelope.controlNumber || $0.location.interchange == nil
                })
            lines += acknowledgements(report, partner: partner)
        }
        return lines
    }

    func acknowledgements(_ report: InterchangeReport, partner: PartnerConfiguration) -> [Line] {
        let settings = AcknowledgementSettings(date: date, time: clock)
        let policy = partner.acknowledgements
        var lines: [Line] = []
        switch report.standard {
        case .x12:
            if policy.x12 == .none {
                return [Line(text: "ack: none (acknowledgements.x12 is none)", isProblem: false)]
            }
            if policy.x12 == .ta1 || report.isRejected {
                lines.append(ta1(report, settings: settings))
            } else {
                let kind: AcknowledgementKind = policy.x12 == .fa999 ? .fa999 : .fa997
                if X12Acknowledgement.functional(kind, for: report, settings: settings) == nil {
                    lines.append(Line(text: "ack: none (acknowledgements are never acknowledged)", isProblem: false))
                } else {
                    for group in report.groups where group.functionalIdentifier != "FA" {
                        let accepted = group.sets.filter { !$0.isRejected }.count
                        let verdict =
                            group.hasErrors || accepted == 0 && !group.sets.isEmpty
                            ? "R" : accepted == group.sets.count ? "A" : "P"
                        lines.append(
                            Line(
                                text:
                                    "ack: \(kind.rawValue) for group \(group.functionalIdentifier) \(group.controlNumber): \(verdict) (\(accepted) of \(group.sets.count) set(s) accepted)",
                                isProblem: verdict != "A"))
                    }
                }
                if policy.ta1OnRequest && report.envelope.acknowledgementRequested {
                    lines.append(ta1(report, settings: settings))
                }
            }
        case .edifact:
            if policy.edifact == .none {
                return [Line(text: "ack: none (acknowledgements.edifact is none)", isProblem: false)]
            }
            guard CONTRLAcknowledgement.build(for: report, settings: settings) != nil else {
                return [Line(text: "ack: none (acknowledgements are never acknowledged)", isProblem: false)]
            }
            let messages = report.groups.flatMap(\.sets)
            let accepted = messages.filter { !$0.isRejected }.count
            let verdict = report.isRejected || accepted < messages.count ? "4" : "7"
            lines.append(
                Line(
                    text:
                        "ack: CONTRL UCI \(verdict) (\(verdict == "7" ? "accepted" : "rejected")), \(accepted) of \(messages.count) message(s) accepted",
                    isProblem: verdict != "7"))
        }
        return lines
    }

    func ta1(_ report: InterchangeReport, settings: AcknowledgementSettings) -> Line {
        guard X12Acknowledgement.ta1(for: report, settings: settings) != nil else {
            return Line(text: "ack: none (the envelope cannot be answered)", isProblem: true)
        }
        // TA104 and TA105, as the builder chooses them.
        let error = report.findings.first { $0.isError && $0.code.ta1NoteCode(element: $0.location.element) != nil }
        let note = error.flatMap { $0.code.ta1NoteCode(element: $0.location.element) } ?? "000"
        let verdict = error == nil ? "A" : "R"
        return Line(text: "ack: TA1 \(verdict) (note \(note))", isProblem: verdict != "A")
    }

    // MARK: - XML

    func xml(_ bytes: [UInt8], partner: PartnerConfiguration) -> [Line] {
        guard let root = try? XMLDocument(parsing: bytes, options: .init(allowsExternalDoctype: true)).root else {
            let translation = Translator.translateXML(bytes, context: MappingContext(partner: partner.id, time: time))
            return [Line(text: "parse: XML refused", isProblem: true)] + events(translation)
        }
        let sender = Self.xmlSender(root)
        let type = Self.xmlDocumentType(root)
        var lines = [Line(text: "parse: XML \(type)", isProblem: false)]
        if let sender {
            lines.append(route(registry.partner(forXML: sender), sender: sender.description, partner: partner))
        } else {
            lines.append(Line(text: "route: the document names no sender", isProblem: true))
        }
        if !partner.documents.accepted.contains(type) {
            lines.append(Line(text: "documents: \(type) is not in documents.accepted", isProblem: true))
        }
        let context = MappingContext(partner: partner.id, time: time, fileSHA256: SHA256.hex(bytes))
        let maps = partner.mapping.xmlMaps.compactMap { map -> XMLMap? in
            let file = map.hasPrefix("/") ? map : "\(partner.directory)/\(map)"
            guard let data = FileManager.default.contents(atPath: file) else { return nil }
            return try? XMLMap(yaml: String(decoding: data, as: UTF8.self), source: file)
        }
        let translation =
            XMLMap.select(maps, for: bytes)?.translate(bytes, context: context)
            ?? Translator.translateXML(bytes, context: context)
        lines += events(translation)
        lines.append(Line(text: "ack: none (XML documents get no EDI acknowledgement)", isProblem: false))
        return lines
    }

    /// The type an XML document goes by in `documents.accepted`: `cXML:<Request>` (`cXML:OrderRequest`),
    /// `UBL:<root>` (`UBL:Order`), or the root's name for other dialects.
    public static func xmlDocumentType(_ root: XMLElement) -> String {
        if root.name == "cXML" {
            return "cXML:\(root.child("Request")?.children.first?.name ?? root.children.first?.name ?? "cXML")"
        }
        return root.namespace?.contains(":ubl:") == true ? "UBL:\(root.name)" : root.name
    }

    /// The cXML `From` credential, or the UBL sending party's identification (the party `Translator.xmlSender` names).
    public static func xmlSender(_ root: XMLElement) -> XMLSender? {
        if root.name == "cXML" {
            guard let credential = root.first("Header", "From", "Credential"),
                let identity = credential.value("Identity")?.trimmingCharacters(in: .whitespacesAndNewlines)
            else { return nil }
            return .cxml(domain: credential.attribute("domain") ?? "", identity: identity)
        }
        let roles = [
            "OrderResponse": "SellerSupplierParty", "DespatchAdvice": "DespatchSupplierParty",
            "Invoice": "AccountingSupplierParty", "RemittanceAdvice": "AccountingCustomerParty",
        ]
        guard let id = root.first(roles[root.name] ?? "BuyerCustomerParty", "Party", "PartyIdentification", "ID"),
            let endpoint = id.value?.trimmingCharacters(in: .whitespacesAndNewlines)
        else { return nil }
        return .ubl(scheme: id.attribute("schemeID"), endpoint: endpoint)
    }

    // MARK: - Shared

    /// `ZZ/ACMERETAIL` for X12, `7310000000040:14` for EDIFACT (as UNB writes it).
    static func sender(_ envelope: EnvelopeHeader, standard: Standard) -> String {
        let id = envelope.senderID.trimmingCharacters(in: .whitespaces)
        let qualifier = envelope.senderQualifier.trimmingCharacters(in: .whitespaces)
        switch standard {
        case .x12: return "\(qualifier)/\(id)"
        case .edifact: return qualifier.isEmpty ? id : "\(id):\(qualifier)"
        }
    }

    func route(_ found: PartnerConfiguration?, sender: String, partner: PartnerConfiguration) -> Line {
        guard let found else {
            return Line(text: "route: sender \(sender) matches no partner", isProblem: true)
        }
        guard found.id == partner.id else {
            return Line(text: "route: sender \(sender) routes to \(found.id), not \(partner.id)", isProblem: true)
        }
        return Line(text: "route: sender \(sender) -> \(partner.id)", isProblem: false)
    }

    func events(_ translation: Translation) -> [Line] {
        events(translation.events, issues: translation.issues)
    }

    func events(_ events: [CloudEvent], issues: [MappingIssue]) -> [Line] {
        events.map { Line(text: "event: \($0.type) \($0.subject)", isProblem: false) }
            + issues.map { Line(text: "issue: \($0.code.rawValue) \($0.message)", isProblem: true) }
    }
}
