import CanonicalModel
import Foundation
import GatewayStore

/// `edigate.ack.received.v1` and `edigate.ack.overdue.v1`: the acknowledgement audit's CloudEvents 1.0
/// events (structured JSON mode; schemas/ holds their JSON Schemas).
public struct AuditEvent<Payload: Encodable & Sendable>: Encodable, Sendable {
    public var specversion = "1.0"
    public var id: String
    public var source: String
    public var type: String
    public var subject: String
    public var time: String
    public var datacontenttype = "application/json"
    public var dataschema: String
    public var edipartner: String
    public var data: Payload

    init(type: String, partner: String, subject: String, time: String, key: [String], data: Payload) {
        id = String(SHA256.hex(Array(([type, partner] + key).joined(separator: "\u{1F}").utf8)).prefix(32))
        source = "edigate:\(partner)"
        self.type = type
        self.subject = subject
        self.time = time
        dataschema = "https://edigate.dev/schemas/\(type).json"
        edipartner = partner
        self.data = data
    }

    /// The outbox form (sorted keys, one line).
    func outbox() throws -> OutboxEvent {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return OutboxEvent(id: id, topic: type, payload: try encoder.encode(self))
    }
}

/// One of our sets in an audit event.
public struct AuditedSet: Codable, Sendable, Hashable {
    public var standard: String
    public var interchangeControlNumber: String
    public var groupIdentifier: String
    public var groupControlNumber: String
    public var setType: String
    public var setControlNumber: String
    public var documentNumber: String
    public var outboundFile: String
    public var sentAt: Date

    init(_ expectation: AckExpectation) {
        standard = expectation.standard
        interchangeControlNumber = expectation.interchangeControl
        groupIdentifier = expectation.groupIdentifier
        groupControlNumber = expectation.groupControl
        setType = expectation.setType
        setControlNumber = expectation.setControl
        documentNumber = expectation.documentNumber
        outboundFile = expectation.outboundFile
        sentAt = expectation.sentAt
    }
}

/// `edigate.ack.received.v1` data: what one acknowledgement said about one of our interchanges.
public struct AckReceived: Codable, Sendable, Hashable {
    public struct SetVerdict: Codable, Sendable, Hashable {
        public var set: AuditedSet
        /// `accepted`, `accepted_with_errors`, `rejected`.
        public var status: String
        /// AK501 / IK501 / `AK9:<code>` / CONTRL 0083 / TA104.
        public var code: String
        public var errorCodes: [String]
        public var latencySeconds: Int
    }

    /// `TA1`, `997`, `999`, `CONTRL`.
    public var kind: String
    public var interchangeControlNumber: String
    /// `accepted`, `accepted_with_errors`, `partially_accepted`, `rejected`.
    public var summary: String
    public var sets: [SetVerdict]
    public var receivedAt: Date

    static func event(_ judgement: AckAuditor.Judgement, partner: String, fileSHA256: String, now: Date, time: String)
        -> AuditEvent<AckReceived>
    {
        let sets = judgement.verdicts.map { expectation, verdict in
            SetVerdict(
                set: AuditedSet(expectation), status: verdict.status.rawValue, code: verdict.code,
                errorCodes: verdict.errorCodes, latencySeconds: max(0, Int(now.timeIntervalSince(expectation.sentAt))))
        }
        let data = AckReceived(
            kind: judgement.kind, interchangeControlNumber: judgement.interchangeControl, summary: judgement.summary,
            sets: sets, receivedAt: now)
        return AuditEvent(
            type: "edigate.ack.received.v1", partner: partner, subject: judgement.interchangeControl, time: time,
            key: [judgement.kind, judgement.interchangeControl, fileSHA256], data: data)
    }
}

/// `edigate.ack.overdue.v1` data: a set whose acknowledgement did not come in time.
public struct AckOverdue: Codable, Sendable, Hashable {
    public var set: AuditedSet
    public var expectedKind: String
    public var deadline: Date

    static func event(_ expectation: AckExpectation, time: String) -> AuditEvent<AckOverdue> {
        AuditEvent(
            type: "edigate.ack.overdue.v1", partner: expectation.partner,
            subject: expectation.documentNumber.isEmpty ? expectation.setControl : expectation.documentNumber,
            time: time, key: [String(expectation.id)],
            data: AckOverdue(
                set: AuditedSet(expectation), expectedKind: expectation.expectedKind, deadline: expectation.deadline))
    }
}
