import Foundation
import GRDB
import Testing

@testable import GatewayStore

/// A fresh state directory per test, removed afterwards.
final class TempDirectory {
    let url: URL
    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("edigate-store-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }
    deinit { try? FileManager.default.removeItem(at: url) }
    func open() throws -> SQLiteStore { try SQLiteStore(directory: url.appendingPathComponent("state")) }
}

let t0 = Date(timeIntervalSince1970: 1_790_000_000)

/// A file taken up to `parsed`.
func parsedFile(_ store: SQLiteStore, path: String = "in/a.edi", sha: String = "aa", at: Date = t0) async throws
    -> FileID
{
    let file = try await store.recordDiscovered(partner: "acme", sourcePath: path, sha256: sha, size: 10, at: at)
    try await store.advance(file.id, to: .claimed, reason: nil, at: at)
    try await store.advance(file.id, to: .parsed, reason: nil, at: at)
    return file.id
}

func event(_ id: String) -> OutboxEvent {
    OutboxEvent(id: id, topic: "edigate.order.v1", payload: Data(#"{"id":"\#(id)"}"#.utf8))
}

@Suite struct LadderTests {
    @Test func fullLadderIsAudited() async throws {
        let dir = try TempDirectory()
        let store = try dir.open()
        let id = try await parsedFile(store)
        try await store.commit(fileID: id, contentSHA256: "aa", keys: CommitKeys(), events: [], acks: [], at: t0)
        for state in [FileState.acknowledged, .published, .archived] {
            try await store.advance(id, to: state, reason: nil, at: t0)
        }
        let record = try #require(try await store.file(id))
        #expect(record.state == .archived)
        #expect(record.attempts == 1)
        let steps = try await store.transitions(of: id).map(\.to)
        #expect(steps == [.discovered, .claimed, .parsed, .committed, .acknowledged, .published, .archived])
    }

    @Test func illegalTransitionsAreRefused() async throws {
        let dir = try TempDirectory()
        let store = try dir.open()
        let file = try await store.recordDiscovered(partner: "acme", sourcePath: "a", sha256: "x", size: 1, at: t0)
        // Skipping ahead to parsed, committed (outside commit) or archived before commit.
        for target in [FileState.parsed, .committed, .archived, .discovered] {
            await #expect(throws: GatewayStoreError.illegalTransition(file.id, from: .discovered, to: target)) {
                try await store.advance(file.id, to: target, reason: nil, at: t0)
            }
        }
        try await store.advance(file.id, to: .claimed, reason: nil, at: t0)
        // Backwards.
        await #expect(throws: GatewayStoreError.illegalTransition(file.id, from: .claimed, to: .discovered)) {
            try await store.advance(file.id, to: .discovered, reason: nil, at: t0)
        }
        // Commit needs parsed.
        await #expect(throws: GatewayStoreError.illegalTransition(file.id, from: .claimed, to: .committed)) {
            try await store.commit(
                fileID: file.id, contentSHA256: "x", keys: CommitKeys(), events: [], acks: [], at: t0)
        }
        // Quarantine needs a reason, then is final.
        await #expect(throws: GatewayStoreError.reasonRequired(file.id)) {
            try await store.advance(file.id, to: .quarantined, reason: nil, at: t0)
        }
        let quarantined = try await store.advance(file.id, to: .quarantined, reason: "EDI-PARSE", at: t0)
        #expect(quarantined.reasonCode == "EDI-PARSE")
        for target in FileState.allCases {
            await #expect(throws: GatewayStoreError.illegalTransition(file.id, from: .quarantined, to: target)) {
                try await store.advance(file.id, to: target, reason: "X", at: t0)
            }
        }
        await #expect(throws: GatewayStoreError.unknownFile(FileID(999))) {
            try await store.advance(FileID(999), to: .claimed, reason: nil, at: t0)
        }
        // Refused steps leave no audit rows.
        #expect(try await store.transitions(of: file.id).map(\.to) == [.discovered, .claimed, .quarantined])
    }

    @Test func archivedIsTerminal() async throws {
        let dir = try TempDirectory()
        let store = try dir.open()
        let id = try await parsedFile(store)
        try await store.commit(fileID: id, contentSHA256: "aa", keys: CommitKeys(), events: [], acks: [], at: t0)
        try await store.advance(id, to: .archived, reason: nil, at: t0)
        await #expect(throws: GatewayStoreError.illegalTransition(id, from: .archived, to: .quarantined)) {
            try await store.advance(id, to: .quarantined, reason: "LATE", at: t0)
        }
    }

    @Test func rediscoveringAFileInFlightReturnsTheSameRecord() async throws {
        let dir = try TempDirectory()
        let store = try dir.open()
        let first = try await store.recordDiscovered(partner: "acme", sourcePath: "a", sha256: "x", size: 1, at: t0)
        let again = try await store.recordDiscovered(partner: "acme", sourcePath: "a", sha256: "x", size: 1, at: t0)
        #expect(first.id == again.id)
        try await store.advance(first.id, to: .quarantined, reason: "BAD", at: t0)
        let later = try await store.recordDiscovered(partner: "acme", sourcePath: "a", sha256: "x", size: 1, at: t0)
        #expect(later.id != first.id)
    }
}

@Suite struct DuplicateTests {
    let key = EnvelopeKey("ZZ", "SENDER1", "ZZ", "RECEIVER1", "000000501")

    @Test func interchangeKeys() async throws {
        let dir = try TempDirectory()
        let store = try dir.open()
        #expect(try await store.checkInterchange(key, sha256: "aa") == .new)
        let original = try await parsedFile(store)
        try await store.commit(
            fileID: original, contentSHA256: "aa", keys: CommitKeys(interchanges: [key: "aa"]), events: [], acks: [],
            at: t0)
        #expect(try await store.checkInterchange(key, sha256: "aa") == .duplicateSameContent(originalFileID: original))
        #expect(
            try await store.checkInterchange(key, sha256: "bb") == .duplicateDifferentContent(originalFileID: original))
        #expect(
            try await store.checkInterchange(EnvelopeKey("ZZ", "SENDER1", "ZZ", "RECEIVER1", "000000502"), sha256: "aa")
                == .new)
        // Components are compared whole: no accidental match by concatenation.
        #expect(
            try await store.checkInterchange(EnvelopeKey("ZZSENDER1", "ZZ", "RECEIVER1", "000000501"), sha256: "aa")
                == .new)

        // A second file committing the same key (a race lost) is refused.
        let second = try await parsedFile(store, path: "in/b.edi", sha: "bb")
        await #expect(throws: GatewayStoreError.duplicateInterchange(key, originalFileID: original, sameContent: false))
        {
            try await store.commit(
                fileID: second, contentSHA256: "bb", keys: CommitKeys(interchanges: [key: "bb"]), events: [], acks: [],
                at: t0)
        }
    }

    @Test func groupSetAndBusinessDuplicatesAreReported() async throws {
        let dir = try TempDirectory()
        let store = try dir.open()
        let group = EnvelopeKey("ZZ", "SENDER1", "ZZ", "RECEIVER1", "SENDER1", "RECEIVER1", "501")
        let set = EnvelopeKey(group.components + ["0001"])
        let po = BusinessDocumentKey(partner: "acme", type: "850", number: "PO4500012345", purpose: "00")
        let first = try await parsedFile(store)
        let one = try await store.commit(
            fileID: first, contentSHA256: "aa",
            keys: CommitKeys(interchanges: [key: "aa"], groups: [group], sets: [set], documents: [po: "ev1"]),
            events: [event("ev1")], acks: [], at: t0)
        #expect(one == CommitResult())
        #expect(try await store.checkBusinessDocument(po) == "ev1")

        let second = try await parsedFile(store, path: "in/b.edi", sha: "bb")
        let two = try await store.commit(
            fileID: second, contentSHA256: "bb",
            keys: CommitKeys(
                interchanges: [EnvelopeKey("ZZ", "SENDER1", "ZZ", "RECEIVER1", "000000502"): "bb"], groups: [group],
                sets: [set], documents: [po: "ev2"]),
            events: [event("ev2")], acks: [], at: t0)
        #expect(two.duplicateGroups == [group: first])
        #expect(two.duplicateSets == [set: first])
        #expect(two.suspectedDuplicates == [po: "ev1"])
        #expect(try await store.checkBusinessDocument(po) == "ev1")
    }
}

@Suite struct CounterTests {
    @Test func countersIncreaseAcrossReopening() async throws {
        let dir = try TempDirectory()
        var seen: [Int64] = []
        for _ in 0..<3 {
            let store = try dir.open()
            seen += try await store.nextControlNumbers(partner: "acme", kind: .isa13, count: 2).map(\.value)
            seen += try await store.nextControlNumbers(partner: "acme", kind: .gs06, count: 1).map(\.value)
        }
        #expect(seen == [1, 2, 1, 3, 4, 2, 5, 6, 3])
        let store = try dir.open()
        let isa = try await store.nextControlNumbers(partner: "acme", kind: .isa13, count: 1)
        #expect(isa.map(\.text) == ["000000007"])
        // Partners are independent.
        #expect(try await store.nextControlNumbers(partner: "beta", kind: .isa13, count: 1).map(\.value) == [1])
    }

    @Test func isa13WrapsToOne() async throws {
        let dir = try TempDirectory()
        let store = try dir.open()
        try await store.setCounter(partner: "acme", kind: .isa13, scope: "", lastUsed: 999_999_998)
        let numbers = try await store.nextControlNumbers(partner: "acme", kind: .isa13, count: 3)
        #expect(numbers.map(\.text) == ["999999999", "000000001", "000000002"])
        let reopened = try dir.open()
        #expect(try await reopened.nextControlNumbers(partner: "acme", kind: .isa13, count: 1).map(\.value) == [3])
    }

    @Test func st02IsFourDigitsPerGroupAndNeverWraps() async throws {
        let dir = try TempDirectory()
        let store = try dir.open()
        let first = try await store.nextControlNumbers(partner: "acme", kind: .st02, scope: "501", count: 3)
        #expect(first.map(\.text) == ["0001", "0002", "0003"])
        #expect(
            try await store.nextControlNumbers(partner: "acme", kind: .st02, scope: "502", count: 1).map(\.text)
                == ["0001"])
        try await store.setCounter(partner: "acme", kind: .st02, scope: "501", lastUsed: 9_998)
        await #expect(throws: GatewayStoreError.counterExhausted(partner: "acme", kind: "st02", scope: "501")) {
            try await store.nextControlNumbers(partner: "acme", kind: .st02, scope: "501", count: 2)
        }
        // A refused allocation allocates nothing.
        #expect(
            try await store.nextControlNumbers(partner: "acme", kind: .st02, scope: "501", count: 1).map(\.text)
                == ["9999"])
        await #expect(throws: GatewayStoreError.invalidCount(0)) {
            try await store.nextControlNumbers(partner: "acme", kind: .gs06, count: 0)
        }
    }

    @Test func unb0020FitsFourteenCharacters() async throws {
        let dir = try TempDirectory()
        let store = try dir.open()
        try await store.setCounter(
            partner: "acme", kind: .unb0020, scope: "", lastUsed: CounterKind.unb0020.maximum - 1)
        let last = try await store.nextControlNumbers(partner: "acme", kind: .unb0020, count: 1)
        #expect(last.map(\.text) == ["99999999999999"])
        await #expect(throws: GatewayStoreError.counterExhausted(partner: "acme", kind: "unb0020", scope: "")) {
            try await store.nextControlNumbers(partner: "acme", kind: .unb0020, count: 1)
        }
    }

    @Test func concurrentAllocationsNeverRepeat() async throws {
        let dir = try TempDirectory()
        let one = try dir.open()
        let two = try dir.open()  // a second connection pool on the same file, as a second process would have
        let values = try await withThrowingTaskGroup(of: [Int64].self) { group in
            for index in 0..<20 {
                let store = index.isMultiple(of: 2) ? one : two
                group.addTask {
                    try await store.nextControlNumbers(partner: "acme", kind: .gs06, count: 5).map(\.value)
                }
            }
            var all: [Int64] = []
            for try await chunk in group { all += chunk }
            return all
        }
        #expect(values.sorted() == Array(1...100))
    }
}

@Suite struct CommitTests {
    @Test func commitStoresEverythingInOneStep() async throws {
        let dir = try TempDirectory()
        let store = try dir.open()
        let id = try await parsedFile(store)
        let ack = OutboundAck(partner: "acme", kind: "997", bytes: Data("ISA*...~".utf8))
        try await store.commit(
            fileID: id, contentSHA256: "aa", keys: CommitKeys(interchanges: [EnvelopeKey("k"): "aa"]),
            events: [event("e1"), event("e2")], acks: [ack], at: t0)
        #expect(try await store.file(id)?.state == .committed)
        #expect(try await store.pendingOutbox(limit: 10).map(\.id) == ["e1", "e2"])
        #expect(try await store.pendingOutbox(limit: 10).first?.payload == Data(#"{"id":"e1"}"#.utf8))
        let acks = try await store.pendingAcks(limit: 10)
        #expect(acks.map(\.ack) == [ack])
        #expect(acks.map(\.fileID) == [id])
        try await store.markAcksWritten(ids: acks.map(\.id), at: t0)
        #expect(try await store.pendingAcks(limit: 10).isEmpty)
    }

    @Test func aFailedCommitLeavesNothingBehind() async throws {
        let dir = try TempDirectory()
        let store = try dir.open()
        let key = EnvelopeKey("ZZ", "S", "ZZ", "R", "000000001")
        let original = try await parsedFile(store)
        try await store.commit(
            fileID: original, contentSHA256: "aa", keys: CommitKeys(interchanges: [key: "aa"]), events: [event("e0")],
            acks: [],
            at: t0)
        try await store.markPublished(eventIDs: ["e0"], at: t0)

        // The second commit writes its state, events, acks, group/set/document keys, then fails on the
        // interchange key (written last): the transaction is rolled back as a whole.
        let second = try await parsedFile(store, path: "in/b.edi", sha: "bb")
        let group = EnvelopeKey("G", "1")
        let po = BusinessDocumentKey(partner: "acme", type: "850", number: "PO1", purpose: "00")
        await #expect(throws: GatewayStoreError.self) {
            try await store.commit(
                fileID: second, contentSHA256: "bb",
                keys: CommitKeys(
                    interchanges: [key: "bb"], groups: [group], sets: [EnvelopeKey("G", "1", "0001")],
                    documents: [po: "e1"]),
                events: [event("e1")], acks: [OutboundAck(partner: "acme", kind: "TA1", bytes: Data([1]))], at: t0)
        }
        #expect(try await store.file(second)?.state == .parsed)
        #expect(try await store.transitions(of: second).map(\.to) == [.discovered, .claimed, .parsed])
        #expect(try await store.pendingOutbox(limit: 10).isEmpty)
        #expect(try await store.pendingAcks(limit: 10).isEmpty)
        #expect(try await store.checkBusinessDocument(po) == nil)
        let rows = try await store.pool.read { db in
            try Int.fetchOne(db, sql: "SELECT (SELECT COUNT(*) FROM group_keys) + (SELECT COUNT(*) FROM set_keys)")
        }
        #expect(rows == 0)

        // The file can still be committed as the duplicate it is (no interchange key of its own).
        try await store.commit(fileID: second, contentSHA256: "bb", keys: CommitKeys(), events: [], acks: [], at: t0)
        #expect(try await store.file(second)?.state == .committed)
    }

    @Test func outboxIsIdempotent() async throws {
        let dir = try TempDirectory()
        let store = try dir.open()
        let first = try await parsedFile(store)
        let one = try await store.commit(
            fileID: first, contentSHA256: "aa", keys: CommitKeys(), events: [event("e1"), event("e1")], acks: [],
            at: t0)
        #expect(one.repeatedEventIDs == ["e1"])
        let second = try await parsedFile(store, path: "in/b.edi", sha: "bb")
        let two = try await store.commit(
            fileID: second, contentSHA256: "bb", keys: CommitKeys(), events: [event("e1"), event("e2")], acks: [],
            at: t0)
        #expect(two.repeatedEventIDs == ["e1"])
        #expect(try await store.pendingOutbox(limit: 10).map(\.id) == ["e1", "e2"])
        #expect(try await store.pendingOutbox(limit: 1).map(\.id) == ["e1"])

        let later = t0.addingTimeInterval(60)
        try await store.markPublished(eventIDs: ["e1"], at: t0)
        try await store.markPublished(eventIDs: ["e1", "unknown"], at: later)
        #expect(try await store.pendingOutbox(limit: 10).map(\.id) == ["e2"])
        let published = try await store.pool.read { db in
            try Date.fetchOne(db, sql: "SELECT published_at FROM outbox WHERE event_id = 'e1'")
        }
        #expect(published == t0)
        let count = try await store.pool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM outbox") }
        #expect(count == 2)
    }
}

@Suite struct MonitoringTests {
    @Test func countsAndOldestPending() async throws {
        let dir = try TempDirectory()
        let store = try dir.open()
        #expect(try await store.counts().isEmpty)
        #expect(try await store.oldestPending() == nil)
        let a = try await parsedFile(store, path: "a", sha: "1", at: t0)
        let b = try await store.recordDiscovered(
            partner: "acme", sourcePath: "b", sha256: "2", size: 1, at: t0.addingTimeInterval(10))
        let c = try await store.recordDiscovered(
            partner: "beta", sourcePath: "c", sha256: "3", size: 1, at: t0.addingTimeInterval(20))
        #expect(try await store.counts() == [.parsed: 1, .discovered: 2])
        #expect(try await store.oldestPending()?.id == a)

        try await store.advance(a, to: .quarantined, reason: "X", at: t0)
        #expect(try await store.oldestPending()?.id == b.id)
        #expect(try await store.unfinishedFiles(limit: 10).map(\.id) == [b.id, c.id])
        #expect(try await store.counts() == [.quarantined: 1, .discovered: 2])
    }
}

@Suite struct CombinedStepTests {
    @Test func claimingRecordsDiscoveryAndClaimInOneGo() async throws {
        let dir = try TempDirectory()
        let store = try dir.open()
        let first = try await store.recordClaimed(partner: "", sourcePath: "in/a.edi", sha256: "x", size: 1, at: t0)
        #expect(first.isNew && first.record.state == .claimed && first.record.attempts == 1)
        #expect(try await store.transitions(of: first.record.id).map(\.to) == [.discovered, .claimed])
        let again = try await store.recordClaimed(partner: "", sourcePath: "in/a.edi", sha256: "x", size: 1, at: t0)
        #expect(!again.isNew && again.record.id == first.record.id)
    }

    @Test func severalStepsAreAllOrNothing() async throws {
        let dir = try TempDirectory()
        let store = try dir.open()
        let id = try await store.recordClaimed(partner: "", sourcePath: "a", sha256: "x", size: 1, at: t0).record.id
        let parsed = try await store.advance(id, through: [.parsed], routedPartner: "acme", at: t0)
        #expect(parsed.state == .parsed && parsed.routedPartner == "acme")
        try await store.commit(fileID: id, contentSHA256: "x", keys: CommitKeys(), events: [], acks: [], at: t0)
        // archived before published is fine; published after archived is not: nothing of the call is kept.
        await #expect(throws: GatewayStoreError.illegalTransition(id, from: .archived, to: .published)) {
            try await store.advance(id, through: [.acknowledged, .archived, .published], routedPartner: nil, at: t0)
        }
        #expect(try await store.file(id)?.state == .committed)
        let done = try await store.advance(
            id, through: [.acknowledged, .published, .archived], routedPartner: nil, at: t0)
        #expect(done.state == .archived)
        #expect(
            try await store.transitions(of: id).map(\.to) == [
                .discovered, .claimed, .parsed, .committed, .acknowledged, .published, .archived,
            ])
    }
}

@Suite struct RoutingTests {
    @Test func theRoutedPartnerIsKeptBesideTheDropPartner() async throws {
        let dir = try TempDirectory()
        let store = try dir.open()
        let file = try await store.recordDiscovered(partner: "", sourcePath: "in/a.edi", sha256: "x", size: 1, at: t0)
        #expect(file.routedPartner == nil)
        try await store.assignPartner(file.id, partner: "acme")
        #expect(try await store.file(file.id)?.routedPartner == "acme")
        #expect(try await store.file(file.id)?.partner == "")
        // The in-flight lookup still uses the drop partner: a re-scan finds the same row.
        let again = try await store.recordDiscovered(partner: "", sourcePath: "in/a.edi", sha256: "x", size: 1, at: t0)
        #expect(again.id == file.id)
        await #expect(throws: GatewayStoreError.unknownFile(FileID(99))) {
            try await store.assignPartner(FileID(99), partner: "acme")
        }
    }
}

@Suite struct MigrationTests {
    @Test func reopeningRunsMigrationsOnce() async throws {
        let dir = try TempDirectory()
        do {
            let store = try dir.open()
            #expect(try await store.appliedMigrations() == ["v1", "v2", "v3"])
            _ = try await store.recordDiscovered(partner: "acme", sourcePath: "a", sha256: "x", size: 1, at: t0)
        }
        let store = try dir.open()
        #expect(try await store.appliedMigrations() == ["v1", "v2", "v3"])
        let rows = try await store.pool.read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM grdb_migrations")
        }
        #expect(rows == 3)
        #expect(try await store.counts() == [.discovered: 1])
        let journal = try await store.pool.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") }
        #expect(journal == "wal")
    }

    /// v1 is frozen: a change to it must be a new migration instead.
    @Test func shippedMigrationsAreFrozen() async throws {
        let dir = try TempDirectory()
        let store = try dir.open()
        let columns = try await store.pool.read { db in
            var result: [String: [String]] = [:]
            for table in try String.fetchAll(
                db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
            {
                result[table] = try Row.fetchAll(db, sql: "PRAGMA table_info(\(table))").map { $0["name"] }
            }
            return result
        }
        #expect(
            columns == [
                "grdb_migrations": ["identifier"],
                "files": [
                    "id", "partner", "source_path", "sha256", "size", "state", "reason_code", "discovered_at",
                    "updated_at", "attempts", "routed_partner",  // routed_partner: added by v2
                ],
                "state_transitions": ["id", "file_id", "from_state", "to_state", "reason_code", "at"],
                "interchange_keys": ["key", "file_id", "content_sha256", "first_seen"],
                "group_keys": ["key", "file_id", "first_seen"],
                "set_keys": ["key", "file_id", "first_seen"],
                "business_documents": [
                    "partner", "type", "number", "purpose", "first_event_id", "file_id", "first_seen",
                ],
                "counters": ["partner", "kind", "scope", "value", "updated_at"],
                "outbox": ["seq", "event_id", "topic", "payload", "file_id", "created_at", "published_at"],
                "outbound_acks": ["id", "file_id", "partner", "kind", "bytes", "created_at", "written_at", "answers"],  // answers: v3
                // v3
                "ack_expectations": [
                    "id", "partner", "standard", "interchange_control", "group_identifier", "group_control",
                    "set_type", "set_control", "document_number", "expected_kind", "outbound_file", "sent_at",
                    "deadline", "status", "verdict_code", "error_codes", "ack_kind", "ack_file_id", "acknowledged_at",
                    "overdue_at",
                ],
                "unmatched_acks": ["id", "file_id", "partner", "kind", "reference", "received_at"],
            ])
        // Any edit of the shipped SQL text (even whitespace) changes this fingerprint (FNV-1a, 64 bits).
        let fingerprint = SQLiteStore.schemaV1.utf8.reduce(UInt64(0xcbf2_9ce4_8422_2325)) {
            ($0 ^ UInt64($1)) &* 0x100_0000_01b3
        }
        #expect(String(fingerprint, radix: 16) == "5cd4ab71cf4624e6")
        // Shipped migrations after v1 are frozen the same way.
        let later = [SQLiteStore.schemaV2, SQLiteStore.schemaV3].map { text in
            String(text.utf8.reduce(UInt64(0xcbf2_9ce4_8422_2325)) { ($0 ^ UInt64($1)) &* 0x100_0000_01b3 }, radix: 16)
        }
        #expect(later == ["88bc9cee4a9869e7", "83e16856642143e9"])
    }
}
