import ArgumentParser
import Foundation
import GatewayService
import GatewayTelemetry
import Logging
import ServiceLifecycle

/// `edigate run`: the gateway daemon; `--once` processes what is present and exits.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run the gateway: take complete files from the inbound spool, acknowledge, emit events, archive.",
        discussion: """
            Without --once it runs until SIGTERM or SIGINT, which let the file in hand finish. With --once it \
            processes every file present (waiting for files still being written), prints a summary, and exits \
            1 when anything was quarantined.
            """)

    @OptionGroup var gateway: GatewayOptions
    @Flag(help: "Process everything present, print a summary, exit.") var once = false
    @Option(help: "With --once: the longest to wait for files still being written (seconds).") var maxWait = 60
    @Option(help: "Serve Prometheus metrics and /healthz on this port (127.0.0.1; 0 or absent: off).")
    var metricsPort: Int?
    @Option(help: "Scan the inbound directories at least this often (milliseconds).") var pollInterval = 1000
    @Option(help: "The most a gzip or zip drop may inflate to (MB); more is quarantined as a bomb.")
    var maxInflatedMb = 1024
    @Option(
        help:
            "Stamp events and acknowledgements with this fixed time (RFC 3339) instead of the clock, for reproducible runs."
    )
    var now: String?

    func run() async throws {
        let registry = Telemetry.bootstrap(logLevel: gateway.logLevel, json: gateway.logJSON)
        let logger = Logger(label: "edigate")
        var clock: @Sendable () -> Date = { Date() }
        if let now {
            guard let fixed = ISO8601DateFormatter().date(from: now) else {
                printError("--now \(now): expected an RFC 3339 time such as 2024-04-10T12:00:00Z")
                throw ExitCode(ExitStatus.unreadable)
            }
            clock = { fixed }
        }
        let instance: Gateway
        do {
            instance = try Gateway(
                partnersDirectory: gateway.partners, spoolDirectory: gateway.spool, logger: logger, clock: clock,
                inflateLimit: maxInflatedMb * 1_000_000)
        } catch let error as Gateway.ConfigurationError {
            printError(error.description)
            throw ExitCode(ExitStatus.unreadable)
        }
        var server: MetricsServer?
        if let port = metricsPort, port > 0 {
            server = try await MetricsServer.start(port: port, registry: registry)
            logger.info("metrics on http://127.0.0.1:\(port)/metrics")
        }
        defer { if let server { Task { try? await server.stop() } } }
        if once {
            let summary = try await instance.runOnce(maxWait: .seconds(maxWait))
            print(Self.describe(summary, layout: instance.layout))
            if summary.quarantined > 0 { throw ExitCode(ExitStatus.findings) }
            return
        }
        let group = ServiceGroup(
            configuration: .init(
                services: [.init(service: GatewayDaemon(gateway: instance, pollInterval: .milliseconds(pollInterval)))],
                gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        try await group.run()
    }

    static func describe(_ summary: RunSummary, layout: SpoolLayout) -> String {
        var lines: [String] = []
        for outcome in summary.outcomes {
            let reason = outcome.reason.map { " (\($0))" } ?? ""
            lines.append("\(outcome.state.rawValue)\(reason): \(outcome.name) -> \(outcome.path)")
            if outcome.events > 0 { lines.append("  \(outcome.events) event(s)") }
            for ack in outcome.acknowledgements { lines.append("  \(outcome.isOutgoing ? "sent" : "ack"): \(ack)") }
        }
        for waiting in summary.waiting {
            lines.append("not taken: \(waiting.path): \(waiting.reason)")
        }
        lines.append(
            "\(summary.outcomes.count) file(s): \(summary.archived) archived, \(summary.quarantined) quarantined; \(summary.outcomes.map(\.events).reduce(0, +)) event(s) in \(layout.events)/ (edigate events)"
        )
        return lines.joined(separator: "\n")
    }
}
