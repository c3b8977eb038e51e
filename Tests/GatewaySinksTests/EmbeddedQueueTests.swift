import Foundation
import Testing

@testable import GatewaySinks

/// A temporary queue directory, removed when the test finishes.
private struct TemporaryDirectory: ~Copyable {
    let path: String

    init() {
        path =
            FileManager.default.temporaryDirectory
            .appendingPathComponent("edigate-queue-\(UUID().uuidString)").path
    }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }
}

private struct Payload: Encodable {
    var orderNumber: String
    var id: String
}

private struct Envelope: Encodable {
    var specversion = "1.0"
    var id: String
    var type: String
    var source = "edigate"
    var subject: String
    var data: Payload
}

/// A CloudEvents-like event encoded the way the gateway does (JSONEncoder, sortedKeys, so `data` precedes `id`).
private func event(_ id: String, type: String = "edigate.order.v1", partner: String = "ACME") -> QueuedEvent {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    let envelope = Envelope(
        id: id, type: type, subject: partner, data: Payload(orderNumber: "PO-\(id)", id: "nested-\(id)"))
    let json = try! encoder.encode(envelope)
    return QueuedEvent(id: id, type: type, partner: partner, json: Array(json))
}

private func fileBytes(_ path: String) throws -> [UInt8] {
    Array(try Data(contentsOf: URL(fileURLWithPath: path)))
}

private func appendRaw(_ bytes: [UInt8], to path: String) throws {
    let handle = try #require(FileHandle(forWritingAtPath: path))
    defer { try? handle.close() }
    try handle.seekToEnd()
    try handle.write(contentsOf: Data(bytes))
}

@Suite("Embedded queue")
struct EmbeddedQueueTests {
    @Test func publishAndReadBackInOrderPerType() throws {
        let temp = TemporaryDirectory()
        let queue = try EmbeddedQueue(directory: temp.path)
        let batch = [
            event("o1"), event("a1", type: "edigate.orderack.v1"), event("o2"), event("o3"),
            event("a2", type: "edigate.orderack.v1"),
        ]
        #expect(try queue.publish(batch) == 5)
        #expect(queue.count == 5)
        #expect(queue.contains(id: "o2"))
        #expect(!queue.contains(id: "nested-o2"))

        #expect(try EmbeddedQueue.types(in: temp.path) == ["edigate.order.v1", "edigate.orderack.v1"])

        let orders = try EmbeddedQueue.read(directory: temp.path, type: "edigate.order.v1")
        #expect(orders.lines.map(\.id) == ["o1", "o2", "o3"])
        #expect(orders.lines.map(\.json) == [batch[0].json, batch[2].json, batch[3].json])
        #expect(orders.lines.allSatisfy { $0.type == "edigate.order.v1" })

        let all = try EmbeddedQueue.read(directory: temp.path, type: nil)
        #expect(all.lines.map(\.id) == ["o1", "o2", "o3", "a1", "a2"])

        // The file is plain JSON Lines: each event's JSON followed by a newline.
        let expected: [UInt8] = [batch[0], batch[2], batch[3]].flatMap { $0.json + [UInt8(0x0A)] }
        #expect(try fileBytes(temp.path + "/edigate.order.v1.jsonl") == expected)
        #expect(all.offsets["edigate.order.v1"] == expected.count)
    }

    @Test func duplicateIDIsNotAppendedAgain() throws {
        let temp = TemporaryDirectory()
        let queue = try EmbeddedQueue(directory: temp.path)
        #expect(try queue.publish([event("e1"), event("e2")]) == 2)
        #expect(try queue.publish([event("e2"), event("e3"), event("e3")]) == 1)
        #expect(try queue.publish([event("e1"), event("e2"), event("e3")]) == 0)
        #expect(queue.count == 3)
        let read = try EmbeddedQueue.read(directory: temp.path, type: nil)
        #expect(read.lines.map(\.id) == ["e1", "e2", "e3"])
    }

    @Test func restartStillKnowsTheIDs() throws {
        let temp = TemporaryDirectory()
        do {
            let queue = try EmbeddedQueue(directory: temp.path)
            #expect(try queue.publish([event("r1"), event("r2", type: "edigate.invoice.v1")]) == 2)
        }
        let reopened = try EmbeddedQueue(directory: temp.path)
        #expect(reopened.count == 2)
        #expect(reopened.contains(id: "r1"))
        #expect(reopened.contains(id: "r2"))
        #expect(!reopened.contains(id: "nested-r1"))
        // The caller republishes the same batch after a restart: nothing is appended twice.
        #expect(try reopened.publish([event("r1"), event("r2", type: "edigate.invoice.v1"), event("r3")]) == 1)
        let read = try EmbeddedQueue.read(directory: temp.path, type: nil)
        #expect(read.lines.map(\.id) == ["r2", "r1", "r3"])
    }

    @Test func tornLastLineIsTruncatedOnOpen() throws {
        let temp = TemporaryDirectory()
        let file = temp.path + "/edigate.order.v1.jsonl"
        let first = event("t1")
        let torn = event("t2")
        do {
            let queue = try EmbeddedQueue(directory: temp.path)
            #expect(try queue.publish([first]) == 1)
        }
        // A writer killed mid-append leaves part of a line without its newline.
        try appendRaw(Array(torn.json.prefix(40)), to: file)

        // Readers never see the torn line.
        let before = try EmbeddedQueue.read(directory: temp.path, type: "edigate.order.v1")
        #expect(before.lines.map(\.id) == ["t1"])
        #expect(before.offsets["edigate.order.v1"] == first.json.count + 1)

        let queue = try EmbeddedQueue(directory: temp.path)
        #expect(try fileBytes(file) == first.json + [0x0A])
        #expect(queue.count == 1)
        #expect(!queue.contains(id: "t2"))
        #expect(try queue.publish([first, torn]) == 1)
        #expect(try queue.publish([first, torn]) == 0)
        #expect(try fileBytes(file) == first.json + [0x0A] + torn.json + [0x0A])
    }

    @Test func tornLineWhoseIDIsCompleteIsStillDropped() throws {
        let temp = TemporaryDirectory()
        let file = temp.path + "/edigate.order.v1.jsonl"
        let whole = event("w1")
        try FileManager.default.createDirectory(atPath: temp.path, withIntermediateDirectories: true)
        // The complete JSON, but no newline: the append was not finished, so it is not in the queue.
        #expect(FileManager.default.createFile(atPath: file, contents: Data(whole.json)))
        let queue = try EmbeddedQueue(directory: temp.path)
        #expect(!queue.contains(id: "w1"))
        #expect(try fileBytes(file).isEmpty)
        #expect(try queue.publish([whole]) == 1)
        #expect(try EmbeddedQueue.read(directory: temp.path, type: nil).lines.map(\.id) == ["w1"])
    }

    @Test func nestedIDsAreNotConfusedWithTheTopLevelID() throws {
        let cases: [(String, String?)] = [
            (#"{"data":{"id":"X"},"id":"Y"}"#, "Y"),
            (#"{"data":{"id":"X","list":[{"id":"Z"}]},"id":"Y","type":"t"}"#, "Y"),
            (#"{"data":"\"id\":\"X\"","id":"Y"}"#, "Y"),
            (#"{"data":["id","X"],"note":"id","id":"Y"}"#, "Y"),
            (#"{ "id" : "Y\/1\u0041" , "data" : { "id" : "X" } }"#, "Y/1A"),
            (#"{"data":{"id":"X"}}"#, nil),
            (#"{"id":42}"#, nil),
            (#"["id","X"]"#, nil),
            (#"{"a\"id":"X","id":"Y"}"#, "Y"),
        ]
        for (json, expected) in cases {
            let found = Array(json.utf8).withUnsafeBytes { JSONLineScanner.topLevelID($0) }
            #expect(found == expected, "\(json)")
        }

        let temp = TemporaryDirectory()
        let queue = try EmbeddedQueue(directory: temp.path)
        let json = Array(#"{"data":{"id":"X"},"id":"Y"}"#.utf8)
        #expect(try queue.publish([QueuedEvent(id: "Y", type: "t.v1", partner: "P", json: json)]) == 1)
        #expect(queue.contains(id: "Y"))
        #expect(!queue.contains(id: "X"))
    }

    @Test func nestedIDsSurviveRestart() throws {
        let temp = TemporaryDirectory()
        let json = Array(#"{"data":{"id":"X"},"id":"Y"}"#.utf8)
        do {
            let queue = try EmbeddedQueue(directory: temp.path)
            #expect(try queue.publish([QueuedEvent(id: "Y", type: "t.v1", partner: "P", json: json)]) == 1)
        }
        let queue = try EmbeddedQueue(directory: temp.path)
        #expect(queue.contains(id: "Y"))
        #expect(!queue.contains(id: "X"))
        #expect(try EmbeddedQueue.read(directory: temp.path, type: "t.v1").lines.map(\.id) == ["Y"])
    }

    @Test func invalidEventsAreRejectedBeforeWriting() throws {
        let temp = TemporaryDirectory()
        let queue = try EmbeddedQueue(directory: temp.path)
        let good = event("g1")
        let mismatched = QueuedEvent(id: "other", type: "t.v1", partner: "P", json: Array(#"{"id":"Y"}"#.utf8))
        let multiline = QueuedEvent(id: "Y", type: "t.v1", partner: "P", json: Array("{\"id\":\n\"Y\"}".utf8))
        let badType = QueuedEvent(id: "Y", type: "../escape", partner: "P", json: Array(#"{"id":"Y"}"#.utf8))
        for bad in [mismatched, multiline, badType] {
            #expect(throws: QueueError.self) { try queue.publish([good, bad]) }
        }
        #expect(queue.count == 0)
        #expect(try EmbeddedQueue.types(in: temp.path).isEmpty)
    }

    @Test func readWithOffsetsReturnsOnlyNewLines() throws {
        let temp = TemporaryDirectory()
        let queue = try EmbeddedQueue(directory: temp.path)
        #expect(try queue.publish([event("n1"), event("n2"), event("m1", type: "edigate.invoice.v1")]) == 3)
        let first = try EmbeddedQueue.read(directory: temp.path, type: nil)
        #expect(first.lines.map(\.id) == ["m1", "n1", "n2"])

        let nothing = try EmbeddedQueue.read(directory: temp.path, type: nil, from: first.offsets)
        #expect(nothing.lines.isEmpty)
        #expect(nothing.offsets == first.offsets)

        #expect(
            try queue.publish([event("n3"), event("m2", type: "edigate.invoice.v1"), event("s1", type: "a.v1")]) == 3)
        let second = try EmbeddedQueue.read(directory: temp.path, type: nil, from: first.offsets)
        #expect(second.lines.map(\.id) == ["s1", "m2", "n3"])

        let onlyOrders = try EmbeddedQueue.read(directory: temp.path, type: "edigate.order.v1", from: first.offsets)
        #expect(onlyOrders.lines.map(\.id) == ["n3"])
        #expect(onlyOrders.offsets["edigate.invoice.v1"] == first.offsets["edigate.invoice.v1"])

        // A torn tail is not returned and the offset stops before it.
        let file = temp.path + "/edigate.order.v1.jsonl"
        try appendRaw(Array(#"{"id":"par"#.utf8), to: file)
        let torn = try EmbeddedQueue.read(directory: temp.path, type: "edigate.order.v1", from: second.offsets)
        #expect(torn.lines.isEmpty)
        #expect(torn.offsets["edigate.order.v1"] == second.offsets["edigate.order.v1"])

        // Unknown types read as empty.
        let missing = try EmbeddedQueue.read(directory: temp.path, type: "none.v1")
        #expect(missing.lines.isEmpty)
        #expect(try EmbeddedQueue.types(in: temp.path + "/absent").isEmpty)
    }

    @Test func secondOpenerWhileFirstIsOpenFails() throws {
        let temp = TemporaryDirectory()
        do {
            let first = try EmbeddedQueue(directory: temp.path)
            let error = #expect(throws: QueueError.self) { try EmbeddedQueue(directory: temp.path) }
            #expect(error?.errno == EWOULDBLOCK)
            #expect(error?.path == temp.path + "/.lock")
            #expect(error?.description.contains("already open by another writer") == true)
            #expect(try first.publish([event("l1")]) == 1)
            withExtendedLifetime(first) {}
        }
        // Releasing the first queue releases the lock.
        let again = try EmbeddedQueue(directory: temp.path)
        #expect(again.contains(id: "l1"))
    }

    @Test func tenThousandEventsInOneBatch() throws {
        let temp = TemporaryDirectory()
        let queue = try EmbeddedQueue(directory: temp.path)
        let batch = (0..<10_000).map { event(String(format: "evt-%05d", $0), type: $0 % 4 == 0 ? "b.v1" : "a.v1") }
        #expect(try queue.publish(batch) == 10_000)
        #expect(queue.count == 10_000)
        #expect(try queue.publish(batch) == 0)

        let read = try EmbeddedQueue.read(directory: temp.path, type: "a.v1")
        #expect(read.lines.map(\.id) == batch.filter { $0.type == "a.v1" }.map(\.id))
    }

    @Test func linesLongerThanTheReadChunkAreReadWhole() throws {
        let temp = TemporaryDirectory()
        let padding = String(repeating: "x", count: 3 << 20)
        let big = QueuedEvent(
            id: "big", type: "t.v1", partner: "P",
            json: Array(#"{"data":{"id":"X","pad":"\#(padding)"},"id":"big"}"#.utf8))
        do {
            let queue = try EmbeddedQueue(directory: temp.path)
            #expect(try queue.publish([event("s1", type: "t.v1"), big, event("s2", type: "t.v1")]) == 3)
        }
        let queue = try EmbeddedQueue(directory: temp.path)
        #expect(queue.count == 3)
        #expect(!queue.contains(id: "X"))
        let read = try EmbeddedQueue.read(directory: temp.path, type: "t.v1")
        #expect(read.lines.map(\.id) == ["s1", "big", "s2"])
        #expect(read.lines[1].json == big.json)
    }

    @Test func tenThousandEventsReloadAfterRestart() throws {
        let temp = TemporaryDirectory()
        let batch = (0..<10_000).map { event("big-\($0)") }
        do {
            let queue = try EmbeddedQueue(directory: temp.path)
            #expect(try queue.publish(batch) == 10_000)
        }
        let queue = try EmbeddedQueue(directory: temp.path)
        #expect(queue.count == 10_000)
        #expect(try queue.publish(batch) == 0)
    }
}
