import CanonicalModel
import EDIFormat
import Foundation
import GatewayMapping
import GatewayStore
import Logging

/// What one file's commit will store: keys, events, acknowledgements, and the quarantine reason if the file
/// ends there. Built interchange by interchange under the duplicate policy of primer §6.
struct CommitPlan {
    var keys = CommitKeys()
    var events: [CloudEvent] = []
    var acks: [OutboundAck] = []
    var reason: QuarantineReason?
    /// Verdicts on what we sent, from received acknowledgements, and their `edigate.ack.received.v1` events.
    var audit = AuditUpdate()
    var auditEvents: [OutboxEvent] = []

    /// Records a reason; the first one names the file's quarantine, the findings of all are kept.
    mutating func flag(_ code: String, _ message: String, findings: [Finding] = []) {
        if reason == nil {
            reason = QuarantineReason(code: code, message: message, findings: findings)
        } else {
            reason?.findings += findings
        }
    }

    mutating func add(
        _ unit: InboundInterchange, partner: PartnerConfiguration, pipeline: InboundPipeline, record: FileRecord,
        now: Date
    ) async throws {
        var report = unit.report
        let metrics = pipeline.metrics
        for set in report.groups.flatMap(\.sets) {
            metrics.transactionSet(standard: report.standard.rawValue, type: set.type)
        }
        for finding in report.allFindings {
            metrics.finding(code: finding.code.rawValue)
        }
        var owed = AcknowledgementPlanner.kinds(for: report, policy: partner.acknowledgements)
        let control = report.envelope.controlNumber
        if report.isAcknowledgement && !report.isRejected {
            try await judge(unit, partner: partner, pipeline: pipeline, record: record, now: now)
        }
        if report.isRejected || report.isAcknowledgement {
            // Never recorded as seen: a corrected resend under the same control number must get through.
            if report.isRejected {
                flag(
                    QuarantineReason.Code.rejected, "interchange \(control) is rejected at the envelope",
                    findings: report.allFindings.filter(\.isError))
            }
        } else {
            switch try await pipeline.store.checkInterchange(unit.key, sha256: unit.sha256) {
            case .new:
                keys.interchanges[unit.key] = unit.sha256
                keys.groups += unit.groupKeys
                keys.sets += unit.setKeys
                events += unit.events
                let errors = report.allFindings.filter(\.isError)
                if !errors.isEmpty {
                    flag(
                        QuarantineReason.Code.rejected,
                        "interchange \(control): \(errors.count) error(s); rejected sets got a negative acknowledgement",
                        findings: errors)
                }
                let unmapped = unit.issues.filter { $0.code == .unsupportedType }
                if !unmapped.isEmpty {
                    flag(QuarantineReason.Code.unmapped, unmapped.map(\.message).joined(separator: "; "))
                }
                let refused = Set(unit.documentTypes).subtracting(partner.documents.accepted)
                if !refused.isEmpty {
                    flag(
                        QuarantineReason.Code.documentNotAccepted,
                        "\(refused.sorted().joined(separator: ", ")) not in \(partner.id)'s documents.accepted")
                    let refusedSets = Set(
                        report.groups.flatMap(\.sets).filter { refused.contains($0.type) }.map(\.controlNumber))
                    events.removeAll { $0.ediinterchange == control && refusedSets.contains($0.ediset) }
                }
            case .duplicateSameContent(let original):
                // A comms-level resend: no new events; the original acknowledgement again, new control numbers.
                metrics.duplicate(kind: "interchange_same_content")
                pipeline.logger.notice(
                    "interchange \(control) was received before (file \(original)) with the same content: no new events, acknowledged again",
                    metadata: pipeline.metadata(record))
            case .duplicateDifferentContent(let original):
                metrics.duplicate(kind: "interchange_different_content")
                report = AcknowledgementPlanner.markedDuplicate(report, byteOffset: unit.byteOffset)
                owed = AcknowledgementPlanner.kindsForDuplicate(report, policy: partner.acknowledgements)
                flag(
                    QuarantineReason.Code.duplicateInterchange,
                    "interchange \(control) was received before (file \(original)) with different content",
                    findings: report.findings.filter { $0.code == .interchangeDuplicate })
                if owed.isEmpty {
                    pipeline.logger.error(
                        "ALERT: interchange \(control) reuses a control number with different content and \(partner.id) takes no TA1; call the partner",
                        metadata: pipeline.metadata(record))
                }
            }
        }
        for kind in owed {
            let interchangeNumber = try await pipeline.store.nextControlNumbers(
                partner: partner.id, kind: AcknowledgementPlanner.interchangeCounter(for: kind), count: 1)[0]
            let groupNumber =
                kind == .fa997 || kind == .fa999
                ? try await pipeline.store.nextControlNumbers(partner: partner.id, kind: .gs06, count: 1)[0].value : 0
            let date = Self.ackDate(now)
            guard
                let bytes = AcknowledgementPlanner.build(
                    kind, for: report, interchangeNumber: interchangeNumber.value, groupNumber: groupNumber,
                    date: date.date, time: date.time)
            else { continue }
            acks.append(
                OutboundAck(
                    partner: partner.id, kind: AcknowledgementPlanner.label(kind), bytes: Data(bytes), answers: control)
            )
        }
    }

    /// The acknowledgement audit: verdicts on what we sent; references to nothing we sent are flagged.
    mutating func judge(
        _ unit: InboundInterchange, partner: PartnerConfiguration, pipeline: InboundPipeline, record: FileRecord,
        now: Date
    ) async throws {
        let (update, judgements) = try await AckAuditor(store: pipeline.store).judge(
            unit.acknowledgements, partner: partner.id)
        audit.verdicts += update.verdicts
        audit.unmatched += update.unmatched
        for unmatched in update.unmatched {
            pipeline.logger.warning(
                "\(unmatched.kind) \(unmatched.reference) matches nothing we sent \(partner.id); flagged",
                metadata: pipeline.metadata(record))
        }
        for judgement in judgements {
            pipeline.logger.info(
                "\(judgement.kind) for our interchange \(judgement.interchangeControl): \(judgement.summary)",
                metadata: pipeline.metadata(record))
            auditEvents.append(
                try AckReceived.event(
                    judgement, partner: partner.id, fileSHA256: record.sha256, now: now,
                    time: InboundPipeline.rfc3339(now)
                ).outbox())
        }
    }

    mutating func addXML(_ analysis: InboundAnalysis, partner: PartnerConfiguration, pipeline: InboundPipeline)
        async throws
    {
        if analysis.xmlDocumentTypes.isEmpty && analysis.xmlIssues.isEmpty { return }
        var duplicate = false
        for (key, sha) in analysis.xmlKeys.sorted(by: { $0.key.text < $1.key.text }) {
            switch try await pipeline.store.checkInterchange(key, sha256: sha) {
            case .new: keys.interchanges[key] = sha
            case .duplicateSameContent:
                pipeline.metrics.duplicate(kind: "interchange_same_content")
                duplicate = true
            case .duplicateDifferentContent(let original):
                pipeline.metrics.duplicate(kind: "interchange_different_content")
                duplicate = true
                flag(
                    QuarantineReason.Code.duplicateInterchange,
                    "\(key.components[1]) \(key.components[3]) was received before (file \(original)) with different content"
                )
            }
        }
        if !duplicate { events += analysis.xmlEvents }
        if !analysis.xmlIssues.isEmpty {
            flag(
                QuarantineReason.Code.unmapped, analysis.xmlIssues.map(\.message).joined(separator: "; "))
        }
        let refused = Set(analysis.xmlDocumentTypes).subtracting(partner.documents.accepted)
        if !refused.isEmpty {
            events.removeAll { _ in true }
            flag(
                QuarantineReason.Code.documentNotAccepted,
                "\(refused.sorted().joined(separator: ", ")) not in \(partner.id)'s documents.accepted")
        }
    }

    /// Primer §6: a business document seen before under another envelope is held, not emitted again.
    mutating func holdBusinessDuplicates(partner: PartnerConfiguration, pipeline: InboundPipeline, record: FileRecord)
        async throws
    {
        var kept: [CloudEvent] = []
        let keyed = events.map { event in
            (
                event,
                BusinessDocumentKey(
                    partner: partner.id, type: event.type, number: event.subject,
                    purpose: event.data.purpose?.code ?? "")
            )
        }
        // One read for all of a file's documents (a large file carries tens of thousands).
        let seen = try await pipeline.store.checkBusinessDocuments(keyed.map(\.1))
        for (event, key) in keyed {
            if let first = seen[key] ?? keys.documents[key], first != event.id {
                pipeline.metrics.duplicate(kind: "business_document")
                pipeline.logger.warning(
                    "\(event.type) \(event.subject) was received before (event \(first)): held as a suspected duplicate, not emitted",
                    metadata: pipeline.metadata(record))
                continue
            }
            keys.documents[key] = event.id
            kept.append(event)
        }
        events = kept
    }

    /// `CCYYMMDD` and `HHMM` in UTC.
    static func ackDate(_ now: Date) -> (date: String, time: String) {
        let parts = Calendar.utc.dateComponents([.year, .month, .day, .hour, .minute], from: now)
        return (
            String(format: "%04d%02d%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0),
            String(format: "%02d%02d", parts.hour ?? 0, parts.minute ?? 0)
        )
    }
}
