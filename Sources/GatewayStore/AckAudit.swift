import Foundation

/// Where an outbound set stands in the acknowledgement audit (primer §6).
public enum AckStatus: String, Sendable, Hashable, Codable, CaseIterable {
    /// Sent; no acknowledgement yet; the deadline has not passed.
    case pending
    case accepted
    /// Accepted, with errors noted (AK5/IK5 `E`, AK9 `E`).
    case acceptedWithErrors = "accepted_with_errors"
    case rejected
    /// The deadline passed with no acknowledgement. A late acknowledgement still records its verdict.
    case overdue
}

/// One set we sent, and what the partner said about it.
public struct AckExpectation: Sendable, Hashable {
    /// The store's id (0 before it is recorded).
    public var id: Int64 = 0
    public var partner: String
    /// `X12` or `EDIFACT`.
    public var standard: String
    /// ISA13 / UNB 0020 of ours.
    public var interchangeControl: String
    /// GS01 / GS06 of ours (empty for EDIFACT without UNG).
    public var groupIdentifier: String
    public var groupControl: String
    /// ST01 / UNH 0065, ST02 / UNH 0062.
    public var setType: String
    public var setControl: String
    /// The business document's number (invoice, ship notice ...), for people.
    public var documentNumber: String
    /// The acknowledgement awaited: `997`, `999`, `CONTRL` (or `TA1`).
    public var expectedKind: String
    /// The outbound file it went out in.
    public var outboundFile: String
    public var sentAt: Date
    public var deadline: Date
    public var status: AckStatus = .pending
    /// AK501 / IK501 / CONTRL 0083 / TA104 that decided the status.
    public var verdictCode: String? = nil
    public var errorCodes: [String] = []
    /// The acknowledgement that decided it (`997`, `TA1` ...), its ledger file and when it came.
    public var ackKind: String? = nil
    public var ackFileID: Int64? = nil
    public var acknowledgedAt: Date? = nil
    /// When the sweep found it overdue (kept when a late acknowledgement arrives).
    public var overdueAt: Date? = nil

    public init(
        partner: String, standard: String, interchangeControl: String, groupIdentifier: String, groupControl: String,
        setType: String, setControl: String, documentNumber: String, expectedKind: String, outboundFile: String,
        sentAt: Date, deadline: Date
    ) {
        self.partner = partner
        self.standard = standard
        self.interchangeControl = interchangeControl
        self.groupIdentifier = groupIdentifier
        self.groupControl = groupControl
        self.setType = setType
        self.setControl = setControl
        self.documentNumber = documentNumber
        self.expectedKind = expectedKind
        self.outboundFile = outboundFile
        self.sentAt = sentAt
        self.deadline = deadline
    }
}

/// A verdict to record on an expectation.
public struct AckVerdict: Sendable, Hashable {
    public var expectationID: Int64
    public var status: AckStatus
    public var code: String
    public var errorCodes: [String]
    public var ackKind: String

    public init(expectationID: Int64, status: AckStatus, code: String, errorCodes: [String], ackKind: String) {
        self.expectationID = expectationID
        self.status = status
        self.code = code
        self.errorCodes = errorCodes
        self.ackKind = ackKind
    }
}

/// An acknowledgement (or part of one) that matches nothing we sent.
public struct UnmatchedAck: Sendable, Hashable {
    public var partner: String
    public var kind: String
    /// What it refers to, e.g. `AK1 IN 1234 / AK2 810 0001` or `UCI 42`.
    public var reference: String
    public var fileID: Int64? = nil
    public var receivedAt: Date? = nil

    public init(partner: String, kind: String, reference: String) {
        self.partner = partner
        self.kind = kind
        self.reference = reference
    }
}

/// What an inbound acknowledgement file changes in the audit; stored by the file's commit, atomically.
/// Or, for an outbound document, the expectations of what it sends.
public struct AuditUpdate: Sendable, Hashable {
    public var verdicts: [AckVerdict] = []
    public var unmatched: [UnmatchedAck] = []
    public var expectations: [AckExpectation] = []
    public init(verdicts: [AckVerdict] = [], unmatched: [UnmatchedAck] = [], expectations: [AckExpectation] = []) {
        self.verdicts = verdicts
        self.unmatched = unmatched
        self.expectations = expectations
    }
    public var isEmpty: Bool { verdicts.isEmpty && unmatched.isEmpty && expectations.isEmpty }
}

/// Which expectations `edigate acks` lists.
public struct AckFilter: Sendable, Hashable {
    public var partner: String?
    public var status: AckStatus?
    public var sentSince: Date?
    public init(partner: String? = nil, status: AckStatus? = nil, sentSince: Date? = nil) {
        self.partner = partner
        self.status = status
        self.sentSince = sentSince
    }
}

/// The inbound side of the audit: an acknowledgement we sent for an interchange we received.
public struct SentAcknowledgement: Sendable, Hashable {
    public var partner: String
    /// TA1, 997, 999 or CONTRL.
    public var kind: String
    /// The received interchange it answers (ISA13 / UNB 0020).
    public var answers: String
    /// The received file (its ledger id and name).
    public var fileID: Int64
    public var file: String
    public var receivedAt: Date
    public var createdAt: Date
    /// When it was written to the partner's outbound channel (nil: not yet).
    public var writtenAt: Date?
    /// The acknowledgement as sent (the audit reads its verdict from it).
    public var bytes: Data
}
