import Foundation

/// A file's life in the gateway (architecture §1). Each state is recorded before the next step begins.
public enum FileState: String, Sendable, Hashable, Codable, CaseIterable {
    case discovered, claimed, parsed, committed, acknowledged, published, archived, quarantined

    /// `archived` and `quarantined` are final: nothing moves a file out of them.
    public var isTerminal: Bool { self == .archived || self == .quarantined }

    /// The states this one may move to. Forward only; `acknowledged` and `published` may be skipped
    /// (no ack owed, no events); `archived` only after `committed`; `quarantined` from any non-final state.
    public var successors: Set<FileState> {
        switch self {
        case .discovered: return [.claimed, .quarantined]
        case .claimed: return [.parsed, .quarantined]
        case .parsed: return [.committed, .quarantined]
        case .committed: return [.acknowledged, .published, .archived, .quarantined]
        case .acknowledged: return [.published, .archived, .quarantined]
        case .published: return [.archived, .quarantined]
        case .archived, .quarantined: return []
        }
    }

    public func canAdvance(to next: FileState) -> Bool { successors.contains(next) }
}

/// The store's identifier of one received file.
public struct FileID: Hashable, Sendable, Comparable, Codable, CustomStringConvertible {
    public var rawValue: Int64
    public init(_ rawValue: Int64) { self.rawValue = rawValue }
    public static func < (lhs: FileID, rhs: FileID) -> Bool { lhs.rawValue < rhs.rawValue }
    public var description: String { String(rawValue) }
}

/// One row of the file ledger.
public struct FileRecord: Sendable, Hashable {
    public var id: FileID
    public var partner: String
    public var sourcePath: String
    public var sha256: String
    public var size: Int64
    public var state: FileState
    /// Why the file was quarantined (or the reason given with its last transition).
    public var reasonCode: String?
    public var discoveredAt: Date
    public var updatedAt: Date
    /// How many times the file was claimed for processing.
    public var attempts: Int
    /// The partner the file's envelope routed to (`nil` until routed; `partner` is where it was dropped).
    public var routedPartner: String? = nil
}

/// One step of a file's ladder, as audited in `state_transitions`.
public struct StateTransition: Sendable, Hashable {
    public var fileID: FileID
    /// `nil` for the first record (`discovered`).
    public var from: FileState?
    public var to: FileState
    public var reasonCode: String?
    public var at: Date
}

/// A duplicate-detection key (interchange, group or set), built by the caller from primer §6
/// (e.g. ISA05, trim(ISA06), ISA07, trim(ISA08), ISA13). The store only compares them: it knows no EDI.
public struct EnvelopeKey: Hashable, Sendable, Codable, CustomStringConvertible {
    public var components: [String]
    public init(_ components: [String]) { self.components = components }
    public init(_ components: String...) { self.components = components }
    /// The stored form: components joined by the unit separator (U+001F), which EDI data never carries.
    public var text: String { components.joined(separator: "\u{1F}") }
    public var description: String { components.joined(separator: "|") }
}

/// A business-document identity (primer §6): (partner, document type, number, purpose or function code).
public struct BusinessDocumentKey: Hashable, Sendable, Codable {
    public var partner: String
    public var type: String
    public var number: String
    public var purpose: String
    public init(partner: String, type: String, number: String, purpose: String) {
        self.partner = partner
        self.type = type
        self.number = number
        self.purpose = purpose
    }
}

/// What `checkInterchange` found.
public enum InterchangeCheck: Sendable, Hashable {
    case new
    /// Seen before with the same content hash: do not process again; re-send the original acknowledgement.
    case duplicateSameContent(originalFileID: FileID)
    /// Seen before with different content: reject.
    case duplicateDifferentContent(originalFileID: FileID)
}

/// An event for the transactional outbox. The payload is the serialized event (CloudEvents JSON);
/// the id is the event's deterministic id, stored once whatever the number of commits carrying it.
public struct OutboxEvent: Sendable, Hashable {
    public var id: String
    public var topic: String
    public var payload: Data
    public init(id: String, topic: String, payload: Data) {
        self.id = id
        self.topic = topic
        self.payload = payload
    }
}

/// An acknowledgement (TA1, 997, 999, CONTRL ...) to write to the partner's outbound channel.
public struct OutboundAck: Sendable, Hashable {
    public var partner: String
    /// `TA1`, `997`, `999`, `CONTRL` ...
    public var kind: String
    public var bytes: Data
    /// The received interchange it answers (ISA13 / UNB 0020): the inbound side of the audit.
    public var answers: String?
    public init(partner: String, kind: String, bytes: Data, answers: String? = nil) {
        self.partner = partner
        self.kind = kind
        self.bytes = bytes
        self.answers = answers
    }
}

/// An acknowledgement stored by a commit and not yet written out.
public struct PendingAck: Sendable, Hashable {
    public var id: Int64
    public var fileID: FileID
    public var ack: OutboundAck
    public var createdAt: Date
}

/// The keys a commit records for the duplicate policy.
public struct CommitKeys: Sendable, Hashable {
    /// The accepted interchanges of the file, each with the sha256 of its own bytes. A duplicate (whose key
    /// already belongs to the original) or a rejected interchange is left out.
    public var interchanges: [EnvelopeKey: String]
    public var groups: [EnvelopeKey]
    public var sets: [EnvelopeKey]
    /// Business documents with the event id that carries each.
    public var documents: [BusinessDocumentKey: String]
    public init(
        interchanges: [EnvelopeKey: String] = [:], groups: [EnvelopeKey] = [], sets: [EnvelopeKey] = [],
        documents: [BusinessDocumentKey: String] = [:]
    ) {
        self.interchanges = interchanges
        self.groups = groups
        self.sets = sets
        self.documents = documents
    }
}

/// What a commit found while recording its keys.
public struct CommitResult: Sendable, Hashable {
    /// Group keys already recorded by another file (the value is that file).
    public var duplicateGroups: [EnvelopeKey: FileID] = [:]
    /// Set keys already recorded by another file.
    public var duplicateSets: [EnvelopeKey: FileID] = [:]
    /// Business documents seen before: suspected duplicates, with the first event id that carried each.
    public var suspectedDuplicates: [BusinessDocumentKey: String] = [:]
    /// Events whose id was already in the outbox (not stored again).
    public var repeatedEventIDs: [String] = []
    public init() {}
}

/// A control-number counter kind: its range and whether it wraps (primer §6).
public struct CounterKind: Hashable, Sendable, CustomStringConvertible {
    public var name: String
    public var maximum: Int64
    /// Zero-padding width of `ControlNumber.text` (0: no padding).
    public var width: Int
    /// Wraps from `maximum` to 1; otherwise running past `maximum` is an error.
    public var wraps: Bool
    public init(name: String, maximum: Int64, width: Int, wraps: Bool) {
        self.name = name
        self.maximum = maximum
        self.width = width
        self.wraps = wraps
    }
    public var description: String { name }

    /// ISA13: 9 digits, zero-padded, 999999999 → 000000001.
    public static let isa13 = CounterKind(name: "isa13", maximum: 999_999_999, width: 9, wraps: true)
    /// GS06: at most 9 digits, unique across everything sent to the partner (so no wrap).
    public static let gs06 = CounterKind(name: "gs06", maximum: 999_999_999, width: 0, wraps: false)
    /// ST02: 4 digits, zero-padded, unique within its group: use the group's GS06 as the scope.
    public static let st02 = CounterKind(name: "st02", maximum: 9_999, width: 4, wraps: false)
    /// EDIFACT UNB 0020: at most 14 characters, unique per partner (so no wrap).
    public static let unb0020 = CounterKind(
        name: "unb0020", maximum: 99_999_999_999_999, width: 0, wraps: false)
}

/// One allocated control number.
public struct ControlNumber: Hashable, Sendable, CustomStringConvertible {
    public var value: Int64
    /// Zero-padded to the kind's width.
    public var text: String
    public var description: String { text }
}

public enum GatewayStoreError: Error, Sendable, Hashable, CustomStringConvertible {
    case unknownFile(FileID)
    case illegalTransition(FileID, from: FileState, to: FileState)
    case reasonRequired(FileID)
    /// A commit's interchange key already belongs to another file (a race lost, or a duplicate not checked).
    case duplicateInterchange(EnvelopeKey, originalFileID: FileID, sameContent: Bool)
    case counterExhausted(partner: String, kind: String, scope: String)
    case invalidCount(Int)

    public var description: String {
        switch self {
        case .unknownFile(let id): return "file \(id) is not in the ledger."
        case .illegalTransition(let id, let from, let to):
            return "file \(id) cannot move from \(from.rawValue) to \(to.rawValue); it stays \(from.rawValue)."
        case .reasonRequired(let id): return "file \(id): quarantine needs a reason code."
        case .duplicateInterchange(let key, let original, let same):
            return "interchange \(key) already recorded for file \(original) (\(same ? "same" : "different") content)."
        case .counterExhausted(let partner, let kind, let scope):
            return "\(partner): \(kind) counter\(scope.isEmpty ? "" : " for \(scope)") is exhausted; nothing allocated."
        case .invalidCount(let count): return "cannot allocate \(count) control numbers."
        }
    }
}

/// The gateway's durable state: ledger, duplicate keys, counters, outbox and outbound acks.
/// One protocol; `SQLiteStore` is the embedded implementation.
public protocol GatewayStore: Sendable {
    /// Records a newly found file. The same (partner, path, sha256) still in flight returns the existing record.
    func recordDiscovered(partner: String, sourcePath: String, sha256: String, size: Int64, at: Date) async throws
        -> FileRecord
    /// Moves a file one legal step up its ladder, auditing the step. Quarantine needs a reason code.
    @discardableResult
    func advance(_ fileID: FileID, to state: FileState, reason: String?, at: Date) async throws -> FileRecord
    /// Several steps in one transaction (each audited), for steps whose work is already done and idempotent:
    /// fewer fsyncs per file. `routedPartner`, when given, is recorded in the same transaction.
    @discardableResult
    func advance(_ fileID: FileID, through states: [FileState], routedPartner: String?, at: Date) async throws
        -> FileRecord
    /// `recordDiscovered` and the move to `claimed` in one transaction (an in-flight record is returned as it is).
    func recordClaimed(partner: String, sourcePath: String, sha256: String, size: Int64, at: Date) async throws
        -> (record: FileRecord, isNew: Bool)
    func file(_ fileID: FileID) async throws -> FileRecord?
    /// Records the partner the file's envelope routed to.
    func assignPartner(_ fileID: FileID, partner: String) async throws
    func transitions(of fileID: FileID) async throws -> [StateTransition]
    /// Files not yet archived or quarantined, oldest first: what a restart resumes.
    func unfinishedFiles(limit: Int) async throws -> [FileRecord]

    func checkInterchange(_ key: EnvelopeKey, sha256: String) async throws -> InterchangeCheck
    /// Records a key outside a commit (first wins), e.g. a remote file picked up over SFTP, so that a second
    /// pickup of the same remote file (a crash before the remote delete) is recognised.
    func recordKey(_ key: EnvelopeKey, sha256: String, fileID: FileID, at: Date) async throws
    /// The first event id recorded for a business document, if any.
    func checkBusinessDocument(_ key: BusinessDocumentKey) async throws -> String?
    /// The same for many keys in one read (a large file's documents): the keys seen before, with their first ids.
    func checkBusinessDocuments(_ keys: [BusinessDocumentKey]) async throws -> [BusinessDocumentKey: String]

    /// Allocates `count` consecutive numbers, committed to disk before they are returned.
    func nextControlNumbers(partner: String, kind: CounterKind, scope: String, count: Int) async throws
        -> [ControlNumber]
    /// Sets a counter's last used value (e.g. carried over from a previous system).
    func setCounter(partner: String, kind: CounterKind, scope: String, lastUsed: Int64) async throws

    /// One transaction: the file moves from `parsed` to `committed`, its keys, events and acks are stored.
    /// `contentSHA256` is the file's; each interchange key carries its own.
    /// Nothing of it is visible if any part fails.
    /// `reason` (a quarantine reason code) marks a file that ends in quarantine once its acks and events
    /// are out (a rejected set, a duplicate); it is kept in the ledger so a restart finishes the same way.
    /// `audit` carries the verdicts an inbound acknowledgement file records (same transaction).
    @discardableResult
    func commit(
        fileID: FileID, contentSHA256: String, keys: CommitKeys, events: [OutboxEvent], acks: [OutboundAck],
        reason: String?, audit: AuditUpdate, at: Date
    ) async throws -> CommitResult

    /// How many acknowledgements and events a file's commit stored (written/published or not).
    func outputs(of fileID: FileID) async throws -> (acks: Int, events: Int)
    /// The acknowledgements a file's commit stored, oldest first, with whether each was written.
    func acknowledgements(of fileID: FileID) async throws -> [(ack: PendingAck, writtenAt: Date?)]

    /// Stores events outside a commit (an id already there is kept as it is), e.g. `edigate.file.quarantined.v1`.
    func enqueue(_ events: [OutboxEvent], fileID: FileID?, at: Date) async throws
    func pendingOutbox(limit: Int) async throws -> [OutboxEvent]
    /// Idempotent: marking an event published again keeps its first time.
    func markPublished(eventIDs: [String], at: Date) async throws
    func pendingAcks(limit: Int) async throws -> [PendingAck]
    func markAcksWritten(ids: [Int64], at: Date) async throws

    // MARK: Acknowledgement audit

    /// Records what we sent and which acknowledgement we await, by when. The same set recorded again is ignored.
    func recordExpectations(_ expectations: [AckExpectation]) async throws
    /// The expectations of one of our interchanges, or of one of our groups (to match an acknowledgement against).
    func expectations(partner: String, standard: String, interchangeControl: String?, groupControl: String?)
        async throws -> [AckExpectation]
    /// The expectations that pass `filter`, oldest first (the audit report).
    func expectations(_ filter: AckFilter) async throws -> [AckExpectation]
    /// Marks every pending expectation past its deadline overdue, storing `event(expectation)` in the outbox in
    /// the same transaction. Returns those it marked.
    func markOverdue(now: Date, event: @escaping @Sendable (AckExpectation) -> OutboxEvent) async throws
        -> [AckExpectation]
    /// Acknowledgements that matched nothing we sent.
    func unmatchedAcks() async throws -> [UnmatchedAck]
    /// The acknowledgements we sent for what we received, oldest first.
    func sentAcknowledgements(partner: String?, since: Date?) async throws -> [SentAcknowledgement]

    /// Number of files in each state (states with none are absent).
    func counts() async throws -> [FileState: Int]
    /// The oldest file not yet archived or quarantined.
    func oldestPending() async throws -> FileRecord?
}

extension GatewayStore {
    /// A commit that leads to the archive.
    @discardableResult
    public func commit(
        fileID: FileID, contentSHA256: String, keys: CommitKeys, events: [OutboxEvent], acks: [OutboundAck], at: Date
    ) async throws -> CommitResult {
        try await commit(
            fileID: fileID, contentSHA256: contentSHA256, keys: keys, events: events, acks: acks, reason: nil,
            audit: AuditUpdate(), at: at)
    }

    /// A commit without audit changes.
    @discardableResult
    public func commit(
        fileID: FileID, contentSHA256: String, keys: CommitKeys, events: [OutboxEvent], acks: [OutboundAck],
        reason: String?, at: Date
    ) async throws -> CommitResult {
        try await commit(
            fileID: fileID, contentSHA256: contentSHA256, keys: keys, events: events, acks: acks, reason: reason,
            audit: AuditUpdate(), at: at)
    }

    /// Counters whose scope is the partner itself (ISA13, GS06, UNB 0020).
    public func nextControlNumbers(partner: String, kind: CounterKind, count: Int) async throws -> [ControlNumber] {
        try await nextControlNumbers(partner: partner, kind: kind, scope: "", count: count)
    }
}
