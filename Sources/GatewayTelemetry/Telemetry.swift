import Foundation
import Logging
import Metrics
import Prometheus

/// Process-wide bootstrap of logging (``GatewayLogHandler`` on stderr) and metrics (Prometheus).
public enum Telemetry {
    private final class State: @unchecked Sendable {
        let lock = NSLock()
        var registry: PrometheusCollectorRegistry?
    }

    private static let state = State()

    /// Bootstraps `LoggingSystem` and `MetricsSystem` once per process and returns the metrics registry.
    ///
    /// A second call changes nothing (swift-log and swift-metrics trap on a second bootstrap) and returns the
    /// registry of the first call; its `logLevel` and `json` are ignored.
    public static func bootstrap(logLevel: Logger.Level, json: Bool = false) -> PrometheusCollectorRegistry {
        state.lock.lock()
        defer { state.lock.unlock() }
        if let registry = state.registry {
            return registry
        }
        LoggingSystem.bootstrap(
            { label, provider in
                GatewayLogHandler(label: label, logLevel: logLevel, json: json, metadataProvider: provider)
            }, metadataProvider: nil)
        let registry = PrometheusCollectorRegistry()
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.durationHistogramBuckets[MetricNames.fileProcessingSeconds] = GatewayMetrics.fileProcessingBuckets
        MetricsSystem.bootstrap(factory)
        state.registry = registry
        return registry
    }

    /// The Prometheus text exposition (format 0.0.4) of everything in `registry`.
    public static func render(_ registry: PrometheusCollectorRegistry) -> String {
        registry.emitToString()
    }
}
