import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// The SFTP channel end to end: a real OpenSSH server on loopback (scripts/sshd-test-server.sh, stopped by
/// PID), acme-retail's inbound and outbound channels pointed at it, the real `edigate` binary.
@Suite(.serialized) struct SFTPGatewayTests {
    /// A test sshd in its own directory, with `remote/in`, `remote/out` and `remote/archive`.
    final class Server {
        let directory: String
        let port: Int
        let fingerprint: String
        var inbound: String { "\(directory)/remote/in" }
        var outbound: String { "\(directory)/remote/out" }

        init() throws {
            directory =
                FileManager.default.temporaryDirectory.appendingPathComponent("edigate-sshd-\(UUID().uuidString)")
                .path
            try FileManager.default.createDirectory(atPath: "\(directory)/remote/in", withIntermediateDirectories: true)
            try FileManager.default.createDirectory(
                atPath: "\(directory)/remote/out", withIntermediateDirectories: true)
            let started = try CLITests.runTool(
                "/bin/bash", ["\(GatewayFixture.repository)/scripts/sshd-test-server.sh", "start", directory])
            guard started.status == 0 else {
                throw ServerError(description: "the test sshd did not start: \(started.stdout)\(started.stderr)")
            }
            port =
                Int(
                    try String(contentsOfFile: "\(directory)/port", encoding: .utf8).trimmingCharacters(
                        in: .whitespacesAndNewlines)) ?? 0
            fingerprint = try String(contentsOfFile: "\(directory)/host_fingerprint", encoding: .utf8)
                .trimmingCharacters(in: .whitespacesAndNewlines)
        }

        deinit {
            _ = try? CLITests.runTool(
                "/bin/bash", ["\(GatewayFixture.repository)/scripts/sshd-test-server.sh", "stop", directory])
            try? FileManager.default.removeItem(atPath: directory)
        }

        struct ServerError: Error, CustomStringConvertible { var description: String }

        /// acme-retail's partner.yaml in `gateway`, with both channels on this server.
        func configure(_ gateway: GatewayFixture, hostKey: String? = nil) throws {
            let file = "\(gateway.partners)/acme-retail/partner.yaml"
            let text = try String(contentsOfFile: file, encoding: .utf8)
            let head = text.components(separatedBy: "channels:")[0]
            let tail = text.components(separatedBy: "documents:")[1]
            let user = ProcessInfo.processInfo.environment["USER"] ?? NSUserName()
            let server = """
                host: 127.0.0.1, port: \(port), user: \(user), key: "file:\(directory)/client_ed25519",
                hostKey: "\(hostKey ?? fingerprint)", pollSeconds: 1, timeoutSeconds: 10
                """.replacingOccurrences(of: "\n", with: " ")
            let channels = """
                channels:
                  inbound:
                    sftp: {\(server), directory: "\(inbound)"}
                  outbound:
                    sftp: {\(server), directory: "\(outbound)"}
                documents:
                """
            // No done-files on the server: drop acme's stableFile override.
            let rest = tail.components(separatedBy: "stableFile:")[0]
            try (head + channels + rest).write(toFile: file, atomically: true, encoding: .utf8)
        }

        func put(_ text: String, as name: String) throws {
            try Data(text.utf8).write(to: URL(fileURLWithPath: "\(inbound)/.\(name).tmp"))
            try FileManager.default.moveItem(atPath: "\(inbound)/.\(name).tmp", toPath: "\(inbound)/\(name)")
        }

        func files(_ directory: String) -> [String] {
            ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).sorted()
        }
    }

    @Test func filesArePickedUpAndAcksDeliveredOverSFTP() throws {
        let server = try Server()
        let gateway = try GatewayFixture()
        try server.configure(gateway)
        for index in 0..<20 {
            try server.put(acmeOrder(control: 700 + index, po: "PO-S\(index)"), as: "order-\(index).edi")
        }
        let check = try gateway.run(["sftp", "test", "acme-retail"])
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
        #expect(check.stdout.contains("matches the pin"))
        #expect(check.stdout.contains("20 would be picked up"))
        let result = try gateway.run(["run", "--once", "--log-level", "warning"])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(server.files(server.inbound).isEmpty, "picked-up files are deleted on the server after commit")
        let subjects = try gateway.events().compactMap { $0["subject"] as? String }
        #expect(Set(subjects) == Set((0..<20).map { "PO-S\($0)" }))
        #expect(subjects.count == 20)
        // The 997s went up under a temporary name and were renamed: only final names remain.
        let delivered = server.files(server.outbound)
        #expect(delivered.count == 20)
        #expect(delivered.allSatisfy { $0.hasPrefix("997-") && !$0.hasSuffix(".part") })
        #expect(gateway.files(in: "outbound/acme-retail").allSatisfy { $0.hasPrefix(".sent/") })
        let log = try String(contentsOfFile: "\(gateway.spool)/state/deliveries.jsonl", encoding: .utf8)
        #expect(log.split(separator: "\n").count == 20)
    }

    @Test func aWrongHostKeyIsRefusedWithAClearMessage() throws {
        let server = try Server()
        let gateway = try GatewayFixture()
        try server.configure(gateway, hostKey: "SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")
        try server.put(acmeOrder(control: 780, po: "PO-K"), as: "order.edi")
        let check = try gateway.run(["sftp", "test", "acme-retail"])
        #expect(check.status == 1)
        #expect(check.stdout.contains("does not match"), "\(check.stdout)")
        _ = try gateway.run(["run", "--once", "--log-level", "warning"])
        #expect(server.files(server.inbound) == ["order.edi"], "nothing is taken from a server we cannot trust")
        #expect(try gateway.events().isEmpty)
    }

    /// The daemon killed with SIGKILL at random moments while it takes 400 files over SFTP (between
    /// download and remote delete among them): afterwards every order is an event exactly once and the
    /// server's inbound directory is empty.
    @Test func killedBetweenDownloadAndRemoteDeleteNoDuplicates() throws {
        let server = try Server()
        let gateway = try GatewayFixture()
        try server.configure(gateway)
        let count = 400
        for index in 0..<count {
            try server.put(acmeOrder(control: 2_000 + index, po: "PO-K\(index)"), as: "order-\(index).edi")
        }
        var kills = 0
        while kills < 10 && !server.files(server.inbound).isEmpty {
            let daemon = try DaemonTests.Daemon(gateway)
            usleep(UInt32.random(in: 300_000...1_000_000))
            kill(daemon.process.processIdentifier, SIGKILL)
            #expect(daemon.wait(seconds: 10))
            kills += 1
        }
        #expect(kills >= 3, "the daemon was killed while files were still on the server")
        let final = try gateway.run(["run", "--once", "--log-level", "warning"])
        #expect(final.status == 0, "\(final.stdout)\(final.stderr)")
        #expect(server.files(server.inbound).isEmpty)
        let subjects = try gateway.events().compactMap { $0["subject"] as? String }
        #expect(subjects.count == count, "each order once (\(kills) kills)")
        #expect(Set(subjects).count == count)
        #expect(gateway.files(in: "work").isEmpty)
    }

    /// The reverse direction over SFTP: an 810 sent to acme-retail goes up to its server; acme's 997 comes
    /// down from it and the audit shows the invoice accepted.
    @Test func anInvoiceGoesUpAndItsAckComesDownOverSFTP() throws {
        let server = try Server()
        let gateway = try GatewayFixture()
        try server.configure(gateway)
        let invoice = "\(gateway.root)/invoice.json"
        try OutboundTests.canonical("x12/810-invoice.edi", partner: "acme-retail").write(
            toFile: invoice, atomically: true, encoding: .utf8)
        #expect(try gateway.run(["send", invoice, "--partner", "acme-retail"]).status == 0)
        // `send` renders and stages it; the channel delivers it.
        #expect(try gateway.run(["run", "--once", "--log-level", "warning"]).status == 0)
        let uploaded = server.files(server.outbound)
        #expect(uploaded.count == 1 && uploaded[0].hasPrefix("810-"), "\(uploaded)")
        // acme-retail's system answers with a 997, dropped on its server for us.
        let ack = try CLITests.run([
            "ack", "\(server.outbound)/\(uploaded[0])", "--kind", "997", "--date", "20240410", "--time", "1300",
        ])
        try server.put(ack.stdout, as: "997-for-810.edi")
        #expect(try gateway.run(["run", "--once", "--log-level", "warning"]).status == 0)
        #expect(server.files(server.inbound).isEmpty)
        let audit = try gateway.run(["acks", "--partner", "acme-retail"])
        #expect(
            audit.stdout.contains("acme-retail: 1 sent, 1 accepted, 0 rejected, 0 overdue, 0 pending"),
            "\(audit.stdout)")
    }

    /// A file written slowly on the partner's server (in place, no temporary name) is not taken before it is
    /// complete: the daemon's listings see its size and mtime change.
    @Test func aFileWrittenSlowlyOnTheServerIsNotTakenEarly() throws {
        let server = try Server()
        let gateway = try GatewayFixture(quietMilliseconds: 1500)
        try server.configure(gateway)
        let daemon = try DaemonTests.Daemon(gateway)
        defer { if daemon.process.isRunning { kill(daemon.process.processIdentifier, SIGKILL) } }
        let bytes = Array(acmeOrder(control: 990, po: "PO-SLOW").utf8)
        let path = "\(server.inbound)/slow.edi"
        _ = FileManager.default.createFile(atPath: path, contents: nil)
        let handle = try #require(FileHandle(forWritingAtPath: path))
        for start in stride(from: 0, to: bytes.count, by: 40) {
            handle.write(Data(bytes[start..<min(start + 40, bytes.count)]))
            usleep(300_000)
            #expect(server.files(server.inbound) == ["slow.edi"], "still growing: not taken")
            #expect(gateway.files(in: "archive").isEmpty && gateway.files(in: "quarantine").isEmpty)
        }
        try handle.close()
        #expect(DaemonTests.eventually(20) { server.files(server.inbound).isEmpty })
        #expect(try gateway.events().compactMap { $0["subject"] as? String } == ["PO-SLOW"])
        #expect(gateway.files(in: "quarantine").isEmpty, "taken complete, so valid")
        kill(daemon.process.processIdentifier, SIGTERM)
        #expect(daemon.wait(seconds: 10))
    }

    /// The partner's server dies (sshd and its sessions stopped by PID 0.4 s after the daemon starts, while it
    /// works through a 40 MB file and ten orders) and comes back 1.5 s later: everything completes after
    /// recovery, no partial file is processed, nothing is doubled. (Where exactly the stop lands varies; the
    /// client tests stop the server mid-transfer deterministically.)
    @Test func theServerDiesMidTransferAndEverythingCompletesAfterRecovery() throws {
        let server = try Server()
        let gateway = try GatewayFixture()
        try server.configure(gateway)
        // A 40 MB file (not EDI: it ends in quarantine, whole) and ten orders.
        let big = "\(server.inbound)/big.dat"
        _ = FileManager.default.createFile(atPath: big, contents: Data(repeating: 0x41, count: 40_000_000))
        for index in 0..<10 {
            try server.put(acmeOrder(control: 3_000 + index, po: "PO-R\(index)"), as: "order-\(index).edi")
        }
        let daemon = try DaemonTests.Daemon(gateway)
        defer { if daemon.process.isRunning { kill(daemon.process.processIdentifier, SIGKILL) } }
        usleep(400_000)
        let script = "\(GatewayFixture.repository)/scripts/sshd-test-server.sh"
        #expect(try CLITests.runTool("/bin/bash", [script, "stop", server.directory]).status == 0)
        usleep(1_500_000)
        #expect(try CLITests.runTool("/bin/bash", [script, "start", server.directory]).status == 0)
        #expect(DaemonTests.eventually(60) { server.files(server.inbound).isEmpty })
        kill(daemon.process.processIdentifier, SIGTERM)
        #expect(daemon.wait(seconds: 20))
        let subjects = try gateway.events().compactMap { $0["subject"] as? String }
        #expect(subjects.sorted() == (0..<10).map { "PO-R\($0)" }.sorted())
        let quarantined = gateway.files(in: "quarantine/acme-retail").filter { $0.hasSuffix("big.dat") }
        #expect(quarantined.count == 1, "taken once: \(quarantined)")
        let size =
            try FileManager.default.attributesOfItem(
                atPath: "\(gateway.spool)/quarantine/acme-retail/\(quarantined.first ?? "")")[.size] as? Int
        #expect(size == 40_000_000, "never a partial file")
        #expect(gateway.files(in: "inbound").filter { !$0.hasPrefix(".sftp/") || $0.hasSuffix(".part") }.isEmpty)
    }
}
