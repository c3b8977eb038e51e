/// The Prometheus names of every metric the gateway exports, exactly as they appear in `/metrics`.
///
/// Labels are bounded (partner ids, standards, codes, kinds); never file names or control numbers.
public enum MetricNames {
    /// Counter `{partner}`: files picked up from a partner's inbound channel.
    public static let filesReceived = "edigate_files_received_total"
    /// Counter `{partner}`: files processed and moved to the archive.
    public static let filesArchived = "edigate_files_archived_total"
    /// Counter `{partner,reason}`: files moved to quarantine.
    public static let filesQuarantined = "edigate_files_quarantined_total"
    /// Counter `{standard,type}`: transaction sets / messages parsed.
    public static let transactionSets = "edigate_transaction_sets_total"
    /// Counter `{code}`: validation findings raised.
    public static let findings = "edigate_findings_total"
    /// Counter `{kind}`: acknowledgements sent (TA1, 997, 999, CONTRL).
    public static let acksSent = "edigate_acks_sent_total"
    /// Counter `{sink}`: events published to a sink.
    public static let eventsPublished = "edigate_events_published_total"
    /// Counter `{kind}`: duplicates detected.
    public static let duplicates = "edigate_duplicates_total"
    /// Histogram (seconds): wall-clock time to process one file.
    public static let fileProcessingSeconds = "edigate_file_processing_seconds"
    /// Gauge (seconds): age of the oldest file still waiting to be processed.
    public static let oldestPendingFileAgeSeconds = "edigate_oldest_pending_file_age_seconds"
    /// Gauge: acknowledgements expected from partners and now overdue.
    public static let acksOverdue = "edigate_acks_overdue"
    /// Counter `{partner}`: SFTP connections refused because the host key did not match.
    public static let sftpHostKeyMismatch = "edigate_sftp_host_key_mismatch_total"

    /// Every metric name, in documentation order.
    public static let all: [String] = [
        filesReceived, filesArchived, filesQuarantined, transactionSets, findings, acksSent, eventsPublished,
        duplicates, fileProcessingSeconds, oldestPendingFileAgeSeconds, acksOverdue, sftpHostKeyMismatch,
    ]

    /// The label names of each metric, in the order they are exported (empty for unlabeled metrics).
    public static let labelNames: [String: [String]] = [
        filesReceived: ["partner"],
        filesArchived: ["partner"],
        filesQuarantined: ["partner", "reason"],
        transactionSets: ["standard", "type"],
        findings: ["code"],
        acksSent: ["kind"],
        eventsPublished: ["sink"],
        duplicates: ["kind"],
        fileProcessingSeconds: [],
        oldestPendingFileAgeSeconds: [],
        acksOverdue: [],
        sftpHostKeyMismatch: ["partner"],
    ]
}
