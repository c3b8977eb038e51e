import Dispatch
import Foundation
import Testing

@testable import GatewayTransport

#if canImport(Glibc)
    import Glibc
#endif

/// The test sshd (scripts/sshd-test-server.sh), started once per test process in a temporary directory and stopped
/// by its PID when the process exits. Every test calls `start()`, which is idempotent (and brings the server back
/// after a test that stopped it).
actor SFTPTestServer {
    static let shared = SFTPTestServer()

    struct Info: Sendable {
        var directory: String
        var port: Int
        /// "[127.0.0.1]:PORT ssh-ed25519 AAAA…"
        var hostKeyLine: String
        /// "SHA256:…"
        var fingerprint: String
        var user: String

        var clientKey: String { directory + "/client_ed25519" }
        var rsaKey: String { directory + "/client_rsa" }
        var strangerKey: String { directory + "/stranger_ed25519" }
        var log: String { directory + "/sshd.log" }
        var pidFile: String { directory + "/pid" }
        /// The directory the tests read and write through SFTP (an absolute server path: no chroot).
        var files: String { directory + "/files" }

        func endpoint(
            authentication: SFTPEndpoint.Authentication? = nil, hostKey: String? = nil, trustOnFirstUse: Bool = false,
            connectTimeout: Duration = .seconds(5), operationTimeout: Duration = .seconds(10)
        ) -> SFTPEndpoint {
            SFTPEndpoint(
                host: "127.0.0.1", port: port, user: user,
                authentication: authentication ?? .privateKey(path: clientKey, passphrase: nil),
                hostKey: hostKey ?? hostKeyLine, trustOnFirstUse: trustOnFirstUse, connectTimeout: connectTimeout,
                operationTimeout: operationTimeout)
        }

        /// A fresh, empty directory under `files`.
        func scratchDirectory() throws -> String {
            let path = files + "/" + UUID().uuidString
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
            return path
        }
    }

    struct StartFailure: Error, CustomStringConvertible {
        var description: String
    }

    static let scriptPath: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.appendingPathComponent("scripts/sshd-test-server.sh").path
    }()

    /// The server's directory for this test process, removed (after stopping sshd) at exit.
    static let directory: String = {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent(
            "edigate-sshd-\(getpid())-\(UUID().uuidString.prefix(8))"
        ).path
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        atexit {
            SFTPTestServer.stopAtExit()
        }
        return path
    }()

    /// Starts the server if it is not running; throws with the script's output when it cannot.
    func start() async throws -> Info {
        let directory = Self.directory
        let (status, output) = await Self.runScript(["start", directory])
        guard status == 0 else {
            throw StartFailure(description: "sshd-test-server.sh start \(directory) failed (\(status)):\n\(output)")
        }
        let read = { (name: String) throws -> String in
            try String(contentsOfFile: directory + "/" + name, encoding: .utf8).trimmingCharacters(
                in: .whitespacesAndNewlines)
        }
        guard let port = Int(try read("port")) else {
            throw StartFailure(description: "no port in \(directory)/port; script said:\n\(output)")
        }
        return Info(
            directory: directory, port: port, hostKeyLine: try read("host_key.pub"),
            fingerprint: try read("host_fingerprint"), user: NSUserName())
    }

    /// `scripts/sshd-test-server.sh stop|restart DIR`; throws with the output on failure.
    func control(_ command: String) async throws {
        let (status, output) = await Self.runScript([command, Self.directory])
        guard status == 0 else {
            throw StartFailure(description: "sshd-test-server.sh \(command) failed (\(status)):\n\(output)")
        }
    }

    /// Runs the script off the cooperative pool; returns its exit status and combined output.
    static func runScript(_ arguments: [String]) async -> (Int32, String) {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                let process = Process()
                process.executableURL = URL(fileURLWithPath: "/bin/bash")
                process.arguments = [scriptPath] + arguments
                let outputPath = NSTemporaryDirectory() + "/sshd-script-\(UUID().uuidString).out"
                guard FileManager.default.createFile(atPath: outputPath, contents: nil),
                    let handle = FileHandle(forWritingAtPath: outputPath)
                else {
                    continuation.resume(returning: (-1, "cannot create \(outputPath)"))
                    return
                }
                process.standardOutput = handle
                process.standardError = handle
                process.standardInput = FileHandle.nullDevice
                do {
                    try process.run()
                    process.waitUntilExit()
                } catch {
                    try? handle.close()
                    continuation.resume(returning: (-1, "cannot run \(scriptPath): \(error)"))
                    return
                }
                try? handle.close()
                let output = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
                try? FileManager.default.removeItem(atPath: outputPath)
                continuation.resume(returning: (process.terminationStatus, output))
            }
        }
    }

    /// Freezes (SIGSTOP) every process below the sshd listener, so that a transfer stalls at once; the script's
    /// `stop` then kills them.
    static func freezeConnections() {
        guard let text = try? String(contentsOfFile: directory + "/pid", encoding: .utf8),
            let root = Int32(text.trimmingCharacters(in: .whitespacesAndNewlines))
        else { return }
        for pid in descendants(of: root) { kill(pid, SIGSTOP) }
    }

    /// SIGSTOP (or SIGCONT) the listener itself: connections are accepted by the kernel but get no banner.
    static func signalListener(_ signal: Int32) {
        guard let text = try? String(contentsOfFile: directory + "/pid", encoding: .utf8),
            let root = Int32(text.trimmingCharacters(in: .whitespacesAndNewlines))
        else { return }
        kill(root, signal)
    }

    private static func descendants(of root: Int32) -> [Int32] {
        var parents: [Int32: [Int32]] = [:]
        for name in (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? [] {
            guard let pid = Int32(name),
                let stat = try? String(contentsOfFile: "/proc/\(name)/stat", encoding: .utf8),
                let close = stat.lastIndex(of: ")")
            else { continue }
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            guard fields.count > 1, let parent = Int32(fields[1]) else { continue }
            parents[parent, default: []].append(pid)
        }
        var result: [Int32] = []
        var pending = [root]
        while let next = pending.popLast() {
            for child in parents[next] ?? [] {
                result.append(child)
                pending.append(child)
            }
        }
        return result
    }

    /// At process exit: SIGTERM to the listener by its PID (open connections end with this process), then remove
    /// the directory.
    static func stopAtExit() {
        let directory = directory
        if let text = try? String(contentsOfFile: directory + "/pid", encoding: .utf8),
            let pid = Int32(text.trimmingCharacters(in: .whitespacesAndNewlines)), pid > 0
        {
            for child in descendants(of: pid) { kill(child, SIGKILL) }
            kill(pid, SIGTERM)
        }
        // sshd may still write its log while it exits: retry until the tree is gone (at most ~2 s).
        for _ in 0..<40 {
            if (try? FileManager.default.removeItem(atPath: directory)) != nil
                || !FileManager.default.fileExists(atPath: directory)
            {
                return
            }
            usleep(50_000)
        }
    }
}

/// Random bytes from /dev/urandom.
func randomBytes(_ count: Int) -> [UInt8] {
    guard let handle = FileHandle(forReadingAtPath: "/dev/urandom") else { return [] }
    defer { try? handle.close() }
    var bytes: [UInt8] = []
    bytes.reserveCapacity(count)
    while bytes.count < count {
        let data = handle.readData(ofLength: min(1 << 20, count - bytes.count))
        if data.isEmpty { break }
        bytes.append(contentsOf: data)
    }
    return bytes
}

/// Byte equality through memcmp (Array == is slow in debug builds for tens of megabytes).
func sameBytes(_ a: [UInt8], _ b: [UInt8]) -> Bool {
    guard a.count == b.count else { return false }
    return a.withUnsafeBytes { x in
        b.withUnsafeBytes { y in x.count == 0 || memcmp(x.baseAddress!, y.baseAddress!, x.count) == 0 }
    }
}

func readLocalFile(_ path: String) -> [UInt8]? {
    FileManager.default.contents(atPath: path).map { [UInt8]($0) }
}

func megabytesPerSecond(_ bytes: Int, _ elapsed: Duration) -> String {
    let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    return String(
        format: "%.1f MB/s (%d bytes in %.2f s)", Double(bytes) / 1_000_000 / max(seconds, 1e-9), bytes, seconds)
}
