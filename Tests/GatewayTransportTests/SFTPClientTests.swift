import Foundation
import Testing

@testable import GatewayTransport

/// Against a real OpenSSH server on 127.0.0.1 (scripts/sshd-test-server.sh). Serialized: some tests stop and restart
/// the shared server.
@Suite(.serialized)
struct SFTPClientTests {
    @Test func connectsAndLists() async throws {
        let server = try await SFTPTestServer.shared.start()
        let directory = try server.scratchDirectory()
        try Data("hello".utf8).write(to: URL(fileURLWithPath: directory + "/a.edi"))
        try FileManager.default.createDirectory(atPath: directory + "/sub", withIntermediateDirectories: false)
        let client = SFTPClient(endpoint: server.endpoint())
        try await client.connect()
        #expect(client.serverFingerprint == server.fingerprint)
        let entries = try await client.list(directory).sorted { $0.name < $1.name }
        #expect(entries.map(\.name) == ["a.edi", "sub"])
        #expect(entries[0].size == 5)
        #expect(entries[0].isRegularFile)
        #expect(entries[0].path == directory + "/a.edi")
        #expect(!entries[1].isRegularFile)
        #expect(abs(entries[0].modified.timeIntervalSinceNow) < 60)
        let stat = try await client.stat(directory + "/a.edi")
        #expect(stat.size == 5 && stat.name == "a.edi")
        await #expect(throws: SFTPError.self) { try await client.stat(directory + "/missing") }
        do {
            _ = try await client.stat(directory + "/missing")
        } catch {
            #expect(error.code == .noSuchFile)
        }
        await client.disconnect()
        // Reconnects after an explicit disconnect.
        #expect(try await client.list(directory).count == 2)
        await client.disconnect()
    }

    @Test func pinsByFingerprintAndPublicKeyLine() async throws {
        let server = try await SFTPTestServer.shared.start()
        let keyOnly = server.hostKeyLine.split(separator: " ").dropFirst().joined(separator: " ")
        for pin in [server.fingerprint, keyOnly, server.hostKeyLine] {
            let client = SFTPClient(endpoint: server.endpoint(hostKey: pin))
            try await client.connect()
            #expect(client.serverFingerprint == server.fingerprint)
            await client.disconnect()
        }
    }

    @Test func makeDirectoryRenameRemove() async throws {
        let server = try await SFTPTestServer.shared.start()
        let directory = try server.scratchDirectory()
        let client = SFTPClient(endpoint: server.endpoint())
        try await client.makeDirectory(directory + "/out")
        try await client.makeDirectory(directory + "/out")  // exists: fine
        try await client.upload(Array("one".utf8), to: directory + "/out/x.edi")
        try await client.upload(Array("two!".utf8), to: directory + "/out/y.edi")
        // Rename over an existing target replaces it.
        try await client.rename(directory + "/out/y.edi", to: directory + "/out/x.edi")
        #expect(readLocalFile(directory + "/out/x.edi") == Array("two!".utf8))
        #expect(!FileManager.default.fileExists(atPath: directory + "/out/y.edi"))
        try await client.remove(directory + "/out/x.edi")
        #expect(try await client.list(directory + "/out").isEmpty)
        do {
            try await client.remove(directory + "/out/x.edi")
            Issue.record("removing a missing file succeeded")
        } catch {
            #expect(error.code == .noSuchFile)
            #expect(error.path == directory + "/out/x.edi")
        }
        // Upload with an explicit temporary name; upload replaces an existing target.
        try await client.upload(Array("three".utf8), to: directory + "/out/x.edi", temporaryName: "x.edi.uploading")
        try await client.upload(Array("four".utf8), to: directory + "/out/x.edi", temporaryName: "x.edi.uploading")
        #expect(readLocalFile(directory + "/out/x.edi") == Array("four".utf8))
        #expect(try await client.list(directory + "/out").map(\.name) == ["x.edi"])
        await client.disconnect()
    }

    @Test func roundTripsAThousandSmallFiles() async throws {
        let server = try await SFTPTestServer.shared.start()
        let remote = try server.scratchDirectory()
        let local = try TemporaryDirectory()
        defer { local.remove() }
        let client = SFTPClient(endpoint: server.endpoint())
        var originals: [String: [UInt8]] = [:]
        for index in 0..<1000 {
            originals[String(format: "file-%04d.edi", index)] = randomBytes(100 + index % 900)
        }
        let clock = ContinuousClock()
        var start = clock.now
        for (name, bytes) in originals {
            try await client.upload(bytes, to: remote + "/" + name)
        }
        let uploadTime = clock.now - start
        let listed = try await client.list(remote)
        #expect(listed.count == 1000)
        #expect(Set(listed.map(\.name)) == Set(originals.keys))
        start = clock.now
        var total = 0
        for (name, bytes) in originals {
            let count = try await client.download(remote + "/" + name, to: local.file(name))
            #expect(count == Int64(bytes.count))
            #expect(readLocalFile(local.file(name)) == bytes)
            total += bytes.count
        }
        let downloadTime = clock.now - start
        print(
            "SFTP 1,000 small files: upload \(filesPerSecond(1000, uploadTime)), download \(filesPerSecond(1000, downloadTime)) (\(total) bytes)"
        )
        #expect(try FileManager.default.contentsOfDirectory(atPath: local.path).count == 1000)
        await client.disconnect()
    }

    @Test func roundTripsA20MegabyteFile() async throws {
        let server = try await SFTPTestServer.shared.start()
        let remote = try server.scratchDirectory()
        let local = try TemporaryDirectory()
        defer { local.remove() }
        let client = SFTPClient(endpoint: server.endpoint())
        let bytes = randomBytes(20 * 1024 * 1024)
        try await client.connect()
        let clock = ContinuousClock()
        var start = clock.now
        try await client.upload(bytes, to: remote + "/big.bin")
        let uploadTime = clock.now - start
        #expect(sameBytes(readLocalFile(remote + "/big.bin") ?? [], bytes))
        start = clock.now
        let count = try await client.download(remote + "/big.bin", to: local.file("big.bin"))
        let downloadTime = clock.now - start
        #expect(count == Int64(bytes.count))
        #expect(sameBytes(readLocalFile(local.file("big.bin")) ?? [], bytes))
        #expect(!FileManager.default.fileExists(atPath: local.file("big.bin.part")))
        print(
            "SFTP 20 MiB file: upload \(megabytesPerSecond(bytes.count, uploadTime)); download \(megabytesPerSecond(bytes.count, downloadTime))"
        )
        await client.disconnect()
    }

    @Test func listingsOfAGrowingFileFeedTheStableFileTracker() async throws {
        let server = try await SFTPTestServer.shared.start()
        let remote = try server.scratchDirectory()
        let path = remote + "/growing.edi"
        #expect(FileManager.default.createFile(atPath: path, contents: nil))
        let client = SFTPClient(endpoint: server.endpoint())
        var tracker = StableFileTracker(
            policy: StableFilePolicy(quietMilliseconds: 1000, minimumAgeMilliseconds: 0))

        // The writer appends 10 chunks, 300 ms apart (3 s, so the whole-second mtime changes too).
        let finished = FinishedFlag()
        let writer = Task.detached {
            defer { finished.set() }
            let handle = try unwrap(FileHandle(forWritingAtPath: path))
            defer { try? handle.close() }
            for _ in 0..<10 {
                try handle.seekToEnd()
                try handle.write(contentsOf: Data(repeating: 0x41, count: 4096))
                try await Task.sleep(for: .milliseconds(300))
            }
        }
        var sizes: Set<Int64> = []
        var mtimes: Set<Date> = []
        var readyWhileWriting = false
        var readyAfterWriting = false
        let clock = ContinuousClock()
        let deadline = clock.now + .seconds(15)
        while clock.now < deadline {
            let finishedBefore = finished.isSet
            let entries = try await client.list(remote)
            let decisions = tracker.observe(
                entries.map {
                    DirectoryEntry(name: $0.name, path: $0.path, size: $0.size, modified: $0.modified, inode: 0)
                }, now: Date())
            for entry in entries {
                sizes.insert(entry.size)
                mtimes.insert(entry.modified)
            }
            let ready = decisions.contains { if case .ready = $0 { true } else { false } }
            if ready {
                if finishedBefore {
                    readyAfterWriting = true
                    break
                }
                readyWhileWriting = true
            }
            try await Task.sleep(for: .milliseconds(150))
        }
        try await writer.value
        #expect(sizes.count >= 5, "listings should show the size growing: \(sizes.sorted())")
        #expect(mtimes.count >= 2, "listings should show the modification time moving")
        #expect(!readyWhileWriting, "the tracker said ready while the writer was still appending")
        #expect(readyAfterWriting, "the tracker never said ready after the writer stopped")
        #expect(sizes.max() == 40960)
        await client.disconnect()
    }

    @Test func refusesAMismatchedHostKeyBeforeAuthenticating() async throws {
        let server = try await SFTPTestServer.shared.start()
        let otherKey = try String(contentsOfFile: server.strangerKey + ".pub", encoding: .utf8)
        let acceptedBefore = try acceptedLogins(server)
        for pin in [otherKey, "SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"] {
            let client = SFTPClient(endpoint: server.endpoint(hostKey: pin))
            do {
                try await client.connect()
                Issue.record("connected despite a wrong pin")
            } catch {
                #expect(error.code == .hostKeyMismatch)
                #expect(error.message.contains("does not match the pinned"))
                #expect(error.message.contains(server.fingerprint))
                #expect(error.message.contains("refusing to connect"))
                #expect(error.message.hasPrefix("127.0.0.1:\(server.port): "))
            }
            #expect(client.serverFingerprint == server.fingerprint)
        }
        try await Task.sleep(for: .milliseconds(200))
        #expect(try acceptedLogins(server) == acceptedBefore, "no login may happen with a wrong host key")
        // An unparsable pin is refused too.
        let client = SFTPClient(endpoint: server.endpoint(hostKey: "not a key"))
        await #expect(throws: SFTPError.self) { try await client.connect() }
    }

    @Test func refusesAnUnknownHostKeyUnlessTrustOnFirstUse() async throws {
        let server = try await SFTPTestServer.shared.start()
        let strict = SFTPClient(endpoint: server.endpoint(hostKey: ""))
        do {
            try await strict.connect()
            Issue.record("connected to an unknown host key")
        } catch {
            #expect(error.code == .hostKeyUnknown)
            #expect(error.message.contains(server.fingerprint))
        }
        let trusting = SFTPClient(endpoint: server.endpoint(hostKey: "", trustOnFirstUse: true))
        try await trusting.connect()
        #expect(trusting.serverFingerprint == server.fingerprint)
        #expect(try await trusting.list(server.files).count >= 0)
        await trusting.disconnect()
    }

    @Test func reportsARefusedClientKeyClearly() async throws {
        let server = try await SFTPTestServer.shared.start()
        let client = SFTPClient(
            endpoint: server.endpoint(authentication: .privateKey(path: server.strangerKey, passphrase: nil)))
        do {
            try await client.connect()
            Issue.record("logged in with a key the server does not know")
        } catch {
            #expect(error.code == .authenticationFailed)
            #expect(error.message.contains("refused the public key \(server.strangerKey)"))
            #expect(error.message.contains("user '\(server.user)'"))
            print("wrong key: \(error)")
        }
        // The RSA key works with its passphrase, and fails clearly with a wrong one or without one.
        let rsa = SFTPClient(
            endpoint: server.endpoint(authentication: .privateKey(path: server.rsaKey, passphrase: "test-passphrase")))
        try await rsa.connect()
        await rsa.disconnect()
        for passphrase in ["wrong", nil] as [String?] {
            let wrong = SFTPClient(
                endpoint: server.endpoint(authentication: .privateKey(path: server.rsaKey, passphrase: passphrase)))
            do {
                try await wrong.connect()
                Issue.record("loaded an encrypted key with passphrase \(passphrase ?? "nil")")
            } catch {
                #expect(error.code == .authenticationFailed)
                #expect(error.message.contains("passphrase"))
            }
        }
        let missing = SFTPClient(
            endpoint: server.endpoint(authentication: .privateKey(path: server.directory + "/nope", passphrase: nil)))
        do {
            try await missing.connect()
            Issue.record("connected with a missing key file")
        } catch {
            #expect(error.code == .authenticationFailed)
            #expect(error.message.contains("cannot read the private key"))
        }
    }

    @Test func reportsARefusedPasswordClearly() async throws {
        let server = try await SFTPTestServer.shared.start()
        let client = SFTPClient(endpoint: server.endpoint(authentication: .password("secret")))
        do {
            try await client.connect()
            Issue.record("password login succeeded")
        } catch {
            #expect(error.code == .authenticationFailed)
            #expect(error.message.contains("refused the password for user '\(server.user)'"))
            #expect(error.message.contains("publickey"))
            print("password: \(error)")
        }
    }

    @Test func connectionRefusedIsConnectionFailed() async throws {
        let server = try await SFTPTestServer.shared.start()
        var endpoint = server.endpoint()
        endpoint.port = 1
        do {
            try await SFTPClient(endpoint: endpoint).connect()
            Issue.record("connected to port 1")
        } catch {
            #expect(error.code == .connectionFailed)
            #expect(error.message.hasPrefix("127.0.0.1:1: "))
        }
    }

    @Test func readersNeverSeeAPartialUpload() async throws {
        let server = try await SFTPTestServer.shared.start()
        let remote = try server.scratchDirectory()
        let target = remote + "/large.edi"
        let bytes = randomBytes(30 * 1024 * 1024)
        let writer = SFTPClient(endpoint: server.endpoint())
        let reader = SFTPClient(endpoint: server.endpoint())
        try await writer.connect()
        try await reader.connect()
        let upload = Task { try await writer.upload(bytes, to: target) }
        var sawPart = false
        var partialTargets: [Int64] = []
        var listings = 0
        while true {
            let entries = try await reader.list(remote)
            listings += 1
            if entries.contains(where: { $0.name == ".large.edi.part" }) { sawPart = true }
            if let entry = entries.first(where: { $0.name == "large.edi" }) {
                if entry.size != Int64(bytes.count) { partialTargets.append(entry.size) }
                break
            }
        }
        try await upload.value
        #expect(sawPart, "the upload should have been visible under its temporary name (\(listings) listings)")
        #expect(partialTargets.isEmpty, "a reader saw the target with sizes \(partialTargets)")
        #expect(sameBytes(readLocalFile(target) ?? [], bytes))
        #expect(try await reader.list(remote).map(\.name) == ["large.edi"])
        await writer.disconnect()
        await reader.disconnect()
    }

    @Test func serverKilledMidDownloadThenReconnects() async throws {
        let server = try await SFTPTestServer.shared.start()
        let remote = try server.scratchDirectory()
        let bytes = randomBytes(50 * 1024 * 1024)
        try Data(bytes).write(to: URL(fileURLWithPath: remote + "/huge.bin"))
        let local = try TemporaryDirectory()
        defer { local.remove() }
        let destination = local.file("huge.bin")
        let client = SFTPClient(endpoint: server.endpoint(operationTimeout: .seconds(5)))
        try await client.connect()

        let download = Task { try await client.download(remote + "/huge.bin", to: destination) }
        try await waitForFile(destination + ".part")
        SFTPTestServer.freezeConnections()
        try await SFTPTestServer.shared.control("stop")
        do {
            let count = try await download.value
            Issue.record("the download finished (\(count) bytes) although the server was stopped")
        } catch let error as SFTPError {
            #expect(error.code == .disconnected || error.code == .timeout, "\(error)")
            print("download interrupted: \(error)")
        }
        #expect(!FileManager.default.fileExists(atPath: destination))
        #expect(!FileManager.default.fileExists(atPath: destination + ".part"))

        try await SFTPTestServer.shared.control("restart")
        let count = try await client.download(remote + "/huge.bin", to: destination)
        #expect(count == Int64(bytes.count))
        #expect(sameBytes(readLocalFile(destination) ?? [], bytes))
        await client.disconnect()
    }

    @Test func serverKilledMidUploadThenRetried() async throws {
        let server = try await SFTPTestServer.shared.start()
        let remote = try server.scratchDirectory()
        let target = remote + "/huge.edi"
        let bytes = randomBytes(50 * 1024 * 1024)
        let client = SFTPClient(endpoint: server.endpoint(operationTimeout: .seconds(5)))
        try await client.connect()

        let upload = Task { try await client.upload(bytes, to: target) }
        try await waitForFile(remote + "/.huge.edi.part")
        SFTPTestServer.freezeConnections()
        try await SFTPTestServer.shared.control("stop")
        do {
            try await upload.value
            Issue.record("the upload finished although the server was stopped")
        } catch let error as SFTPError {
            #expect(error.code == .disconnected || error.code == .timeout, "\(error)")
            print("upload interrupted: \(error)")
        }
        #expect(!FileManager.default.fileExists(atPath: target))

        try await SFTPTestServer.shared.control("restart")
        try await client.upload(bytes, to: target)
        #expect(sameBytes(readLocalFile(target) ?? [], bytes))
        #expect(try FileManager.default.contentsOfDirectory(atPath: remote) == ["huge.edi"])
        await client.disconnect()
    }

    @Test func aHungServerTimesOut() async throws {
        let server = try await SFTPTestServer.shared.start()
        let remote = try server.scratchDirectory()
        let client = SFTPClient(endpoint: server.endpoint(operationTimeout: .seconds(1)))
        try await client.connect()
        SFTPTestServer.freezeConnections()
        let clock = ContinuousClock()
        let start = clock.now
        do {
            _ = try await client.list(remote)
            Issue.record("listing a frozen server succeeded")
        } catch {
            #expect(error.code == .timeout, "\(error)")
            print("hung server: \(error)")
        }
        let elapsed = clock.now - start
        #expect(elapsed < .seconds(5), "the operation timeout of 1 s took \(elapsed)")
        try await SFTPTestServer.shared.control("restart")
        #expect(try await client.list(remote).isEmpty)
        await client.disconnect()

        // A listener that accepts but never answers: the connect timeout applies.
        SFTPTestServer.signalListener(SIGSTOP)
        let connecting = SFTPClient(endpoint: server.endpoint(connectTimeout: .seconds(1)))
        let connectStart = clock.now
        do {
            try await connecting.connect()
            Issue.record("connected to a frozen listener")
        } catch {
            #expect(error.code == .timeout, "\(error)")
            print("frozen listener: \(error)")
        }
        SFTPTestServer.signalListener(SIGCONT)
        #expect(clock.now - connectStart < .seconds(5))
        try await SFTPTestServer.shared.control("restart")
    }

    @Test func reusedSessionSurvivesARestartBetweenCalls() async throws {
        let server = try await SFTPTestServer.shared.start()
        let remote = try server.scratchDirectory()
        let client = SFTPClient(endpoint: server.endpoint())
        try await client.upload(Array("x".utf8), to: remote + "/x")
        try await SFTPTestServer.shared.control("restart")
        // The old session is dead; the next call reconnects transparently.
        #expect(try await client.list(remote).map(\.name) == ["x"])
        await client.disconnect()
    }
}

/// Waits until `path` exists and is not empty.
private func waitForFile(_ path: String) async throws {
    let clock = ContinuousClock()
    let deadline = clock.now + .seconds(20)
    while clock.now < deadline {
        if let attributes = try? FileManager.default.attributesOfItem(atPath: path),
            let size = attributes[.size] as? Int, size > 0
        {
            return
        }
        try await Task.sleep(for: .milliseconds(2))
    }
    Issue.record("\(path) never appeared")
}

/// Successful logins so far, from sshd's log.
private func acceptedLogins(_ server: SFTPTestServer.Info) throws -> Int {
    try String(contentsOfFile: server.log, encoding: .utf8).components(separatedBy: "\n").filter {
        $0.contains("Accepted ")
    }.count
}

private func filesPerSecond(_ files: Int, _ elapsed: Duration) -> String {
    let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    return String(format: "%.0f files/s (%.2f s)", Double(files) / max(seconds, 1e-9), seconds)
}

private func unwrap<T>(_ value: T?) throws -> T {
    guard let value else { throw CocoaError(.fileNoSuchFile) }
    return value
}

private final class FinishedFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false

    func set() { lock.withLock { value = true } }
    var isSet: Bool { lock.withLock { value } }
}
