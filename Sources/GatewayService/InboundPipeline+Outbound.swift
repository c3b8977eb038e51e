import CanonicalModel
import EDIFormat
import Foundation
import GatewayMapping
import GatewayStore

/// The outbound direction on the same ladder: a canonical JSON document dropped into `outgoing/<partner>/`
/// (or given to `edigate send`) is checked, rendered in the partner's standard, numbers and delimiters,
/// enveloped with control numbers from the store (persisted before use), committed together with the
/// acknowledgement expectations of what it sends, written to the partner's outbound channel (temporary name,
/// then rename), and archived. Bad input is quarantined with its `.error.json`; nothing is ever half-sent.
extension InboundPipeline {
    func isOutgoing(_ record: FileRecord) -> Bool {
        record.sourcePath.hasPrefix(layout.outgoing + "/")
    }

    func processOutgoing(_ record: FileRecord, bytes: [UInt8], work: String) async throws -> FileOutcome {
        var record = record
        let now = clock()
        let name = Self.baseName(record.sourcePath)
        // `outgoing/<partner>/` names the partner; a file in `outgoing/` itself names it in its `edipartner`
        // (or its `source`, `edigate:<partner>`).
        let partnerID = record.partner.isEmpty ? Self.partnerNamed(in: bytes) : record.partner
        guard let partnerID, let partner = registry.partner(id: partnerID) else {
            return try await finishQuarantine(
                record,
                QuarantineReason(
                    code: QuarantineReason.Code.unknownPartner,
                    message: record.partner.isEmpty
                        ? "\(name): its edipartner (or source) names no partner in Partners/"
                        : "\(name): outgoing/\(record.partner)/ names no partner in Partners/"), work: work)
        }
        if record.routedPartner != partner.id {
            try await store.assignPartner(record.id, partner: partner.id)
            record.routedPartner = partner.id
        }
        let document: OutboundDocument
        do {
            document = try OutboundDocument.parse(bytes, schemas: schemas)
        } catch {
            return try await finishQuarantine(
                record, QuarantineReason(code: QuarantineReason.Code.invalidDocument, message: "\(name): \(error)"),
                work: work)
        }
        let standard: Standard = partner.identities.x12 != nil ? .x12 : .edifact
        if let type = Self.setType(document.type, standard: standard), !partner.documents.sent.contains(type) {
            return try await finishQuarantine(
                record,
                QuarantineReason(
                    code: QuarantineReason.Code.documentNotAccepted,
                    message: "\(name): \(type) is not in \(partner.id)'s documents.sent; nothing was sent"),
                work: work)
        }
        if record.state == .claimed {
            record = try await store.advance(record.id, to: .parsed, reason: nil, at: now)
        }
        let rendered: [UInt8]
        do {
            rendered = try await render(document, for: partner, standard: standard, now: now)
        } catch let error as RenderError {
            return try await finishQuarantine(
                record, QuarantineReason(code: QuarantineReason.Code.renderFailed, message: "\(name): \(error)"),
                work: work)
        }
        // Read back what we made: it must validate, and it says what to expect acknowledgements for.
        let parsed = EDIParser.parse(rendered)
        let errors = parsed.allFindings.filter(\.isError)
        guard let interchange = parsed.interchanges.first, errors.isEmpty else {
            return try await finishQuarantine(
                record,
                QuarantineReason(
                    code: QuarantineReason.Code.renderFailed,
                    message: "\(name): the rendered interchange does not validate; nothing was sent", findings: errors),
                work: work)
        }
        let report = interchange.report
        let expected = Self.expectedAcknowledgement(partner.acknowledgements, standard: standard)
        let expectations =
            expected.map { kind in
                report.groups.flatMap { group in
                    group.sets.map { set in
                        AckExpectation(
                            partner: partner.id, standard: standard.rawValue,
                            interchangeControl: report.envelope.controlNumber,
                            groupIdentifier: group.isExplicit ? group.functionalIdentifier : "",
                            groupControl: group.isExplicit ? group.controlNumber : "", setType: set.type,
                            setControl: set.controlNumber, documentNumber: document.document.documentNumber,
                            expectedKind: kind, outboundFile: name, sentAt: now,
                            deadline: now.addingTimeInterval(Double(partner.acknowledgements.slaHours) * 3600))
                    }
                }
            } ?? []
        let setType = report.groups.first?.sets.first?.type ?? document.type
        try await store.commit(
            fileID: record.id, contentSHA256: record.sha256, keys: CommitKeys(), events: [],
            acks: [OutboundAck(partner: partner.id, kind: setType, bytes: Data(rendered))], reason: nil,
            audit: AuditUpdate(expectations: expectations), at: now)
        record.state = .committed
        logger.info(
            "rendered \(name) as \(standard.rawValue) \(setType), interchange \(report.envelope.controlNumber); awaiting \(expected ?? "no acknowledgement")",
            metadata: metadata(record))
        return try await finishCommitted(record, work: work)
    }

    /// The partner an event's JSON names: `edipartner`, else `source` (`edigate:<partner>`).
    static func partnerNamed(in bytes: [UInt8]) -> String? {
        guard let object = try? JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any] else { return nil }
        if let partner = object["edipartner"] as? String, !partner.isEmpty { return partner }
        if let source = object["source"] as? String, source.hasPrefix("edigate:") {
            return String(source.dropFirst("edigate:".count))
        }
        return nil
    }

    /// Renders with control numbers taken from the store (persisted before they are used: a crash leaves a
    /// gap, never a repeat).
    func render(_ document: OutboundDocument, for partner: PartnerConfiguration, standard: Standard, now: Date)
        async throws -> [UInt8]
    {
        let date = CommitPlan.ackDate(now)
        let envelope = partner.envelope
        switch standard {
        case .x12:
            guard let them = partner.identities.x12 else { throw RenderError(.invalidEnvelope, "no X12 identity") }
            let isa13 = try await store.nextControlNumbers(partner: partner.id, kind: .isa13, count: 1)[0]
            let gs06 = try await store.nextControlNumbers(partner: partner.id, kind: .gs06, count: 1)[0]
            var settings = RenderEnvelope(
                senderID: envelope.senderID, senderQualifier: envelope.senderQualifier, receiverID: them.id,
                receiverQualifier: them.qualifier, date: date.date, time: date.time,
                interchangeControlNumber: isa13.text, groupControlNumber: Int(gs06.value), firstSetControlNumber: 1,
                isTest: envelope.usage == "T", x12Version: envelope.version.hasPrefix("005") ? .v5010 : .v4010,
                segmentSuffix: [0x0A], applicationReceiver: them.applicationCodes.first)
            let byte = { (character: Character) in UInt8(truncatingIfNeeded: character.unicodeScalars.first!.value) }
            settings.delimiters = Delimiters(
                element: byte(envelope.delimiters.element), component: byte(envelope.delimiters.component),
                // ISA11 is a repetition separator from 00402 on; before, it is the standards identifier `U`.
                repetition: settings.x12Version == .v5010 ? envelope.delimiters.repetition.map(byte) : nil,
                segment: byte(envelope.delimiters.segment))
            return try OutboundRenderer.x12([document.document], envelope: settings)
        case .edifact:
            guard let them = partner.identities.edifact else {
                throw RenderError(.invalidEnvelope, "no EDIFACT identity")
            }
            let reference = try await store.nextControlNumbers(partner: partner.id, kind: .unb0020, count: 1)[0]
            let settings = RenderEnvelope(
                senderID: envelope.senderID, senderQualifier: envelope.senderQualifier, receiverID: them.id,
                receiverQualifier: them.qualifier, date: date.date, time: date.time,
                interchangeControlNumber: reference.text, firstSetControlNumber: 1, isTest: envelope.usage == "T",
                syntaxVersion: envelope.version == "4" ? 4 : 3, segmentSuffix: [0x0A])
            return try OutboundRenderer.edifact([document.document], envelope: settings)
        }
    }

    /// The X12 set or EDIFACT message an event type goes out as.
    static func setType(_ eventType: String, standard: Standard) -> String? {
        let types: [String: (String, String)] = [
            "edigate.order.v1": ("850", "ORDERS"), "edigate.order-ack.v1": ("855", "ORDRSP"),
            "edigate.ship-notice.v1": ("856", "DESADV"), "edigate.invoice.v1": ("810", "INVOIC"),
            "edigate.inventory.v1": ("846", "INVRPT"), "edigate.remittance.v1": ("820", "REMADV"),
            "edigate.warehouse-shipping-order.v1": ("940", "940"),
            "edigate.warehouse-shipment-advice.v1": ("945", "945"),
        ]
        return types[eventType].map { standard == .x12 ? $0.0 : $0.1 }
    }

    /// What the partner's policy makes us await: `997`/`999`/`TA1` for X12, `CONTRL` for EDIFACT; nil for none.
    static func expectedAcknowledgement(
        _ policy: PartnerConfiguration.AcknowledgementPolicy, standard: Standard
    ) -> String? {
        switch standard {
        case .x12:
            switch policy.x12 {
            case .fa997: return "997"
            case .fa999: return "999"
            case .ta1: return "TA1"
            case .none: return nil
            }
        case .edifact: return policy.edifact == .contrl ? "CONTRL" : nil
        }
    }
}
