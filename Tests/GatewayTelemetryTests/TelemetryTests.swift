import Foundation
import Logging
import Prometheus
import Testing

@testable import GatewayTelemetry

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// The one process-wide bootstrap every test in this target shares.
enum SharedTelemetry {
    static let registry = Telemetry.bootstrap(logLevel: .debug)
}

@Suite(.serialized) struct TelemetryTests {
    @Test func bootstrapTwiceReturnsTheSameRegistry() {
        let first = SharedTelemetry.registry
        let second = Telemetry.bootstrap(logLevel: .info, json: true)
        #expect(first === second)
        Logger(label: "edigate.test").debug("bootstrap ok", metadata: [LogKeys.partner: "test"])
    }

    @Test func everyMetricIsExportedUnderItsDocumentedName() throws {
        let registry = SharedTelemetry.registry
        let metrics = GatewayMetrics()
        metrics.fileReceived(partner: "names-test")
        metrics.fileReceived(partner: "names-test")
        metrics.fileArchived(partner: "names-test")
        metrics.fileQuarantined(partner: "names-test", reason: "syntax")
        metrics.transactionSet(standard: "X12", type: "850")
        metrics.finding(code: "X12-ISA-001")
        metrics.ackSent(kind: "997")
        metrics.eventsPublished(sink: "queue", count: 3)
        metrics.duplicate(kind: "interchange_same_content")
        metrics.fileProcessed(seconds: 0.25)
        metrics.oldestPendingFileAge(seconds: 12.5)
        metrics.acksOverdue(2)
        metrics.hostKeyMismatch(partner: "names-test")

        let text = Telemetry.render(registry)
        let expected: [String: String] = [
            MetricNames.filesReceived: #"edigate_files_received_total{partner="names-test"} 2"#,
            MetricNames.filesArchived: #"edigate_files_archived_total{partner="names-test"} 1"#,
            MetricNames.filesQuarantined:
                #"edigate_files_quarantined_total{partner="names-test",reason="syntax"} 1"#,
            MetricNames.transactionSets: #"edigate_transaction_sets_total{standard="X12",type="850"} 1"#,
            MetricNames.findings: #"edigate_findings_total{code="X12-ISA-001"} 1"#,
            MetricNames.acksSent: #"edigate_acks_sent_total{kind="997"} 1"#,
            MetricNames.eventsPublished: #"edigate_events_published_total{sink="queue"} 3"#,
            MetricNames.duplicates: #"edigate_duplicates_total{kind="interchange_same_content"} 1"#,
            MetricNames.fileProcessingSeconds: #"edigate_file_processing_seconds_count 1"#,
            MetricNames.oldestPendingFileAgeSeconds: #"edigate_oldest_pending_file_age_seconds 12.5"#,
            MetricNames.acksOverdue: #"edigate_acks_overdue 2.0"#,
            MetricNames.sftpHostKeyMismatch: #"edigate_sftp_host_key_mismatch_total{partner="names-test"} 1"#,
        ]
        let lines = Set(text.split(separator: "\n").map(String.init))
        #expect(Set(expected.keys) == Set(MetricNames.all))
        for name in MetricNames.all {
            let type =
                name == MetricNames.fileProcessingSeconds
                ? "histogram" : (name.hasSuffix("_total") ? "counter" : "gauge")
            #expect(lines.contains("# TYPE \(name) \(type)"), "\(name)")
            #expect(lines.contains(expected[name]!), "\(name)")
            let labels = try #require(MetricNames.labelNames[name])
            let series = lines.filter {
                $0.hasPrefix(name + "{") || $0.hasPrefix(name + " ") || $0.hasPrefix(name + "_")
            }
            #expect(!series.isEmpty, "\(name)")
            for line in series where !line.hasPrefix(name + "_") {
                #expect(labelNames(in: line) == labels, "\(line)")
            }
        }
        // No doubled suffix from the factory.
        #expect(!text.contains("_total_total"))
        // The histogram uses the 1 ms … 60 s buckets.
        #expect(lines.contains(#"edigate_file_processing_seconds_bucket{le="0.001"} 0"#))
        #expect(lines.contains(#"edigate_file_processing_seconds_bucket{le="0.25"} 1"#))
        #expect(lines.contains(#"edigate_file_processing_seconds_bucket{le="60.0"} 1"#))
        #expect(lines.contains(#"edigate_file_processing_seconds_sum 0.25"#))
    }

    @Test(.timeLimit(.minutes(1))) func serverServesMetricsHealthAndNotFound() async throws {
        let registry = SharedTelemetry.registry
        GatewayMetrics().fileReceived(partner: "server-test")
        let server = try await MetricsServer.start(port: 0, registry: registry)
        #expect(server.port > 0)
        let base = "http://127.0.0.1:\(server.port)"

        let (metrics, metricsResponse) = try await fetch("\(base)/metrics")
        #expect(metricsResponse.statusCode == 200)
        #expect(
            metricsResponse.value(forHTTPHeaderField: "Content-Type") == "text/plain; version=0.0.4; charset=utf-8")
        #expect(metrics.contains(#"edigate_files_received_total{partner="server-test"} 1"#))

        let (health, healthResponse) = try await fetch("\(base)/healthz")
        #expect(healthResponse.statusCode == 200)
        #expect(health == "ok\n")

        let (_, missingResponse) = try await fetch("\(base)/nope")
        #expect(missingResponse.statusCode == 404)

        try await server.stop()
        try await server.waitUntilClosed()
        try await server.stop()  // a second stop is harmless
    }

    /// The label names of one exposition line, in order.
    private func labelNames(in line: String) -> [String] {
        guard let open = line.firstIndex(of: "{"), let close = line.lastIndex(of: "}") else { return [] }
        return line[line.index(after: open)..<close].split(separator: ",").map { String($0.prefix { $0 != "=" }) }
    }

    private func fetch(_ url: String) async throws -> (String, HTTPURLResponse) {
        let (data, response) = try await URLSession.shared.data(from: try #require(URL(string: url)))
        return (String(decoding: data, as: UTF8.self), try #require(response as? HTTPURLResponse))
    }
}
