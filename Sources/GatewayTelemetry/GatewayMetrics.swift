import Metrics

/// The façade the pipeline calls to move the gateway's metrics (see ``MetricNames``).
///
/// Every call resolves its metric through the global `MetricsSystem` factory, so create and use it
/// after ``Telemetry/bootstrap(logLevel:json:)``; before that, calls go to swift-metrics' no-op factory.
/// An empty label value is exported as `unknown`.
public struct GatewayMetrics: Sendable {
    /// Histogram buckets for ``MetricNames/fileProcessingSeconds``: 1 ms … 60 s.
    public static let fileProcessingBuckets: [Duration] = [
        .milliseconds(1), .microseconds(2500), .milliseconds(5), .milliseconds(10), .milliseconds(25),
        .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1),
        .milliseconds(2500), .seconds(5), .seconds(10), .seconds(30), .seconds(60),
    ]

    /// Creates the façade and registers the unlabeled metrics so they are exported (as 0) from the start.
    public init() {
        _ = Metrics.Timer(label: MetricNames.fileProcessingSeconds)
        _ = Gauge(label: MetricNames.oldestPendingFileAgeSeconds)
        _ = Gauge(label: MetricNames.acksOverdue)
    }

    /// A file was received from `partner`.
    public func fileReceived(partner: String) {
        count(MetricNames.filesReceived, [("partner", partner)])
    }

    /// A file from `partner` was archived.
    public func fileArchived(partner: String) {
        count(MetricNames.filesArchived, [("partner", partner)])
    }

    /// A file from `partner` was quarantined for `reason` (a short fixed code, not free text).
    public func fileQuarantined(partner: String, reason: String) {
        count(MetricNames.filesQuarantined, [("partner", partner), ("reason", reason)])
    }

    /// One transaction set / message of `standard` (X12, EDIFACT, XML) and `type` (850, ORDERS, …) was parsed.
    public func transactionSet(standard: String, type: String) {
        count(MetricNames.transactionSets, [("standard", standard), ("type", type)])
    }

    /// A validation finding with `code` was raised.
    public func finding(code: String) {
        count(MetricNames.findings, [("code", code)])
    }

    /// An acknowledgement of `kind` (TA1, 997, 999, CONTRL) was sent.
    public func ackSent(kind: String) {
        count(MetricNames.acksSent, [("kind", kind)])
    }

    /// `count` events were published to `sink`; negative counts are ignored.
    public func eventsPublished(sink: String, count: Int) {
        guard count >= 0 else { return }
        self.count(MetricNames.eventsPublished, [("sink", sink)], by: count)
    }

    /// A duplicate of `kind` (interchange_same_content, interchange_different_content, business_document).
    public func duplicate(kind: String) {
        count(MetricNames.duplicates, [("kind", kind)])
    }

    /// One file took `seconds` to process.
    public func fileProcessed(seconds: Double) {
        Metrics.Timer(label: MetricNames.fileProcessingSeconds).recordSeconds(max(0, seconds))
    }

    /// Sets the age of the oldest pending file (0 when none is pending).
    public func oldestPendingFileAge(seconds: Double) {
        Gauge(label: MetricNames.oldestPendingFileAgeSeconds).record(seconds)
    }

    /// Sets the number of overdue acknowledgements.
    public func acksOverdue(_ count: Int) {
        Gauge(label: MetricNames.acksOverdue).record(count)
    }

    /// An SFTP server of `partner` presented an unexpected host key.
    public func hostKeyMismatch(partner: String) {
        count(MetricNames.sftpHostKeyMismatch, [("partner", partner)])
    }

    private func count(_ name: String, _ labels: [(String, String)], by amount: Int = 1) {
        let dimensions = labels.map { ($0.0, $0.1.isEmpty ? "unknown" : $0.1) }
        Counter(label: name, dimensions: dimensions).increment(by: amount)
    }
}
