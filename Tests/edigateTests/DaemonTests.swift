import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// `edigate run` as a daemon: complete files only, SIGTERM, and the crash test (SIGKILL at random moments).
@Suite(.serialized) struct DaemonTests {
    /// A running `edigate run`.
    final class Daemon {
        let process = Process()
        let log: String

        init(_ gateway: GatewayFixture, extra: [String] = []) throws {
            log = "\(gateway.root)/daemon-\(UUID().uuidString).log"
            _ = FileManager.default.createFile(atPath: log, contents: nil)
            process.executableURL = CLITests.binary
            process.arguments =
                ["run", "--partners", gateway.partners, "--spool", gateway.spool, "--poll-interval", "50"] + extra
            let handle = FileHandle(forWritingAtPath: log)
            process.standardOutput = handle
            process.standardError = handle
            try process.run()
        }

        func signal(_ number: Int32) {
            kill(process.processIdentifier, number)
        }

        /// Waits for the process to end; false if it is still running after `seconds`.
        func wait(seconds: Double) -> Bool {
            let deadline = Date().addingTimeInterval(seconds)
            while process.isRunning && Date() < deadline { usleep(20_000) }
            if process.isRunning { return false }
            process.waitUntilExit()
            return true
        }
    }

    /// Polls `condition` every 50 ms for up to `seconds`.
    static func eventually(_ seconds: Double, _ condition: () throws -> Bool) rethrows -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if try condition() { return true }
            usleep(50_000)
        }
        return try condition()
    }

    @Test func aFileWrittenSlowlyIsNotTakenBeforeItIsComplete() throws {
        // 600 ms of quiet required; the writer pauses 150 ms between chunks, in place (no temporary name).
        let gateway = try GatewayFixture(quietMilliseconds: 600)
        let daemon = try Daemon(gateway)
        defer { if daemon.process.isRunning { daemon.signal(SIGKILL) } }
        let bytes = Array(acmeOrder(control: 950, po: "PO-950").utf8)
        let path = "\(gateway.spool)/inbound/slow.edi"
        try FileManager.default.createDirectory(atPath: "\(gateway.spool)/inbound", withIntermediateDirectories: true)
        _ = FileManager.default.createFile(atPath: path, contents: nil)
        let handle = try #require(FileHandle(forWritingAtPath: path))
        let chunk = 24
        for start in stride(from: 0, to: bytes.count, by: chunk) {
            handle.write(Data(bytes[start..<min(start + chunk, bytes.count)]))
            usleep(150_000)
            // While it grows, nothing is claimed, quarantined or archived.
            #expect(gateway.files(in: "work").isEmpty)
            #expect(gateway.files(in: "quarantine").isEmpty)
            #expect(gateway.files(in: "archive").isEmpty)
        }
        try handle.close()
        #expect(Self.eventually(10) { gateway.files(in: "archive").count == 1 })
        #expect(gateway.files(in: "quarantine").isEmpty, "the complete file is valid")
        #expect(try gateway.events().map { $0["subject"] as? String } == ["PO-950"])
        // SIGTERM: a clean stop.
        daemon.signal(SIGTERM)
        #expect(daemon.wait(seconds: 10))
        #expect(daemon.process.terminationStatus == 0)
    }

    @Test func theDaemonServesPrometheusMetrics() throws {
        let gateway = try GatewayFixture()
        let port = try Self.freePort()
        let daemon = try Daemon(gateway, extra: ["--metrics-port", String(port)])
        defer { if daemon.process.isRunning { daemon.signal(SIGKILL) } }
        try gateway.drop(acmeOrder(control: 960, po: "PO-960"), as: "a.edi")
        try gateway.drop("not edi", as: "b.txt")
        #expect(
            Self.eventually(15) {
                gateway.files(in: "archive").count == 1 && gateway.files(in: "quarantine").count == 2
            })
        var text = ""
        #expect(
            Self.eventually(15) {
                text =
                    (try? String(contentsOf: URL(string: "http://127.0.0.1:\(port)/metrics")!, encoding: .utf8)) ?? ""
                return text.contains("edigate_acks_sent_total")
            })
        #expect(text.contains(#"edigate_files_received_total{partner="_unknown"} 2"#), "\(text)")
        #expect(text.contains(#"edigate_files_archived_total{partner="acme-retail"} 1"#))
        #expect(text.contains(#"edigate_files_quarantined_total{partner="_unknown",reason="unrecognized_format"} 1"#))
        #expect(text.contains(#"edigate_transaction_sets_total{standard="X12",type="850"} 1"#))
        #expect(text.contains(#"edigate_acks_sent_total{kind="997"} 1"#))
        // The order, and the notice of the quarantined file.
        #expect(text.contains(#"edigate_events_published_total{sink="embedded"} 2"#))
        #expect(text.contains("edigate_file_processing_seconds_count 2"))
        let health = try? String(contentsOf: URL(string: "http://127.0.0.1:\(port)/healthz")!, encoding: .utf8)
        #expect(health == "ok\n")
        daemon.signal(SIGTERM)
        #expect(daemon.wait(seconds: 10))
    }

    @Test func sendWhileTheDaemonRunsHandsTheDocumentToIt() throws {
        let gateway = try GatewayFixture()
        let daemon = try Daemon(gateway)
        defer { if daemon.process.isRunning { daemon.signal(SIGKILL) } }
        #expect(Self.eventually(10) { FileManager.default.fileExists(atPath: "\(gateway.spool)/events/.lock") })
        usleep(300_000)
        let invoice = "\(gateway.root)/invoice.json"
        try OutboundTests.canonical("x12/810-invoice.edi", partner: "acme-retail").write(
            toFile: invoice, atomically: true, encoding: .utf8)
        let sent = try gateway.run(["send", invoice, "--partner", "acme-retail"])
        #expect(sent.status == 0, "\(sent.stderr)")
        #expect(sent.stdout.contains("queued:"), "\(sent.stdout)")
        #expect(Self.eventually(15) { gateway.files(in: "outbound/acme-retail").count == 1 })
        daemon.signal(SIGTERM)
        #expect(daemon.wait(seconds: 10))
    }

    /// A port nothing listens on now (bound to port 0, read back, closed).
    static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) }
        }
        #expect(bound == 0)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// 1,000 files, the daemon killed with SIGKILL at 20+ random moments and restarted each time: afterwards
    /// every file is archived or quarantined exactly once, every expected event is in the queue exactly
    /// once, and nothing is left in `work/`.
    @Test func crashTest() throws {
        let gateway = try GatewayFixture()
        let count = 1000
        var expected: Set<String> = []
        var names: [String] = []
        for index in 0..<count {
            let po = "PO-C\(index)"
            // Every 25th file has a wrong SE01: rejected, quarantined, no event.
            let broken = index % 25 == 7
            let text = acmeOrder(control: 10_000 + index, po: po, segmentCount: broken ? 9 : 5)
            let name = String(format: "order-%04d.edi", index)
            try gateway.drop(text, as: name)
            names.append(name)
            if !broken { expected.insert(po) }
        }
        var generator = SystemRandomNumberGenerator()
        var kills = 0
        while kills < 20 || !gateway.files(in: "inbound").isEmpty {
            let daemon = try Daemon(gateway)
            usleep(UInt32.random(in: 150_000...1_200_000, using: &generator))
            daemon.signal(SIGKILL)
            #expect(daemon.wait(seconds: 10))
            kills += 1
            if kills > 200 { break }
        }
        #expect(kills >= 20)
        // Recover once more and let everything finish.
        let final = try gateway.run(["run", "--once"])
        #expect(final.status != 2, "\(final.stderr)")

        #expect(gateway.files(in: "inbound").isEmpty)
        #expect(gateway.files(in: "work").isEmpty, "\(gateway.files(in: "work"))")
        // Each file exactly once across archive and quarantine (stored as <id>-<name>).
        let stored = (gateway.files(in: "archive") + gateway.files(in: "quarantine"))
            .filter { !$0.hasSuffix(".error.json") }
            .map { path in String(path.split(separator: "/").last!.drop { $0 != "-" }.dropFirst()) }
        #expect(stored.count == count)
        #expect(Set(stored) == Set(names))
        let quarantined = gateway.files(in: "quarantine").filter { !$0.hasSuffix(".error.json") }.count
        #expect(quarantined == count - expected.count)
        // One quarantine event per quarantined file, whatever the kills.
        let notices = try gateway.quarantineEvents().compactMap { ($0["data"] as? [String: Any])?["fileID"] as? Int }
        #expect(notices.count == quarantined)
        #expect(Set(notices).count == quarantined)
        // Each expected event exactly once.
        let subjects = try gateway.events().compactMap { $0["subject"] as? String }
        #expect(subjects.count == expected.count)
        #expect(Set(subjects) == expected)
        let status = try gateway.run(["status"])
        #expect(status.stdout.contains("oldest pending: none"), "\(status.stdout)")
        print("crash test: \(kills) kills")
    }

    /// Outgoing documents with the daemon killed at random moments (between taking control numbers and
    /// delivering among them): every document is delivered exactly once and no ISA13 is ever used twice.
    @Test func outgoingDocumentsSurviveKillsWithoutReusingControlNumbers() throws {
        let gateway = try GatewayFixture()
        let invoice = try OutboundTests.canonical("x12/810-invoice.edi", partner: "acme-retail")
        let directory = "\(gateway.spool)/outgoing/acme-retail"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let count = 600
        for index in 0..<count {
            try invoice.write(toFile: "\(directory)/.inv-\(index).tmp", atomically: true, encoding: .utf8)
            try FileManager.default.moveItem(
                atPath: "\(directory)/.inv-\(index).tmp", toPath: "\(directory)/inv-\(index).json")
        }
        var kills = 0
        while kills < 8 && !gateway.files(in: "outgoing/acme-retail").isEmpty {
            let daemon = try Daemon(gateway)
            usleep(UInt32.random(in: 100_000...500_000))
            daemon.signal(SIGKILL)
            #expect(daemon.wait(seconds: 10))
            kills += 1
        }
        #expect(kills >= 3, "killed while documents were still waiting")
        #expect(try gateway.run(["run", "--once"]).status == 0)
        let delivered = gateway.files(in: "outbound/acme-retail")
        #expect(delivered.count == count, "each document delivered once, no torn temporary file left (\(kills) kills)")
        let odd = delivered.filter { !$0.hasPrefix("810-") || !$0.hasSuffix(".edi") || $0.hasPrefix(".") }
        #expect(odd.isEmpty, "only delivered interchanges: \(odd)")
        var numbers: [String] = []
        for name in delivered {
            let isa = try gateway.read("outbound/acme-retail/\(name)").prefix(106)
            numbers.append(String(isa.split(separator: "*", omittingEmptySubsequences: false)[13]))
        }
        #expect(Set(numbers).count == count, "no ISA13 twice")
        #expect(gateway.files(in: "archive").filter { $0.hasSuffix(".json") }.count == count)
        #expect(gateway.files(in: "work").isEmpty)
        let pending = try gateway.run(["acks", "--status", "pending", "--csv"]).stdout.split(separator: "\r\n")
        #expect(pending.count == count + 1, "one expectation per delivered invoice")
    }
}
