import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import Prometheus

/// A minimal HTTP/1.1 server for Prometheus scrapes: `GET /metrics`, `GET /healthz`, 404 otherwise.
public final class MetricsServer: Sendable {
    private let channel: any Channel
    /// Completes once the listening socket is closed and the server's thread (and open connections) are gone.
    private let closed: Task<Void, Never>
    private let stopping = StopFlag()

    /// The bound port (the one picked by the system when started with port 0).
    public let port: Int

    private init(group: MultiThreadedEventLoopGroup, channel: any Channel, port: Int) {
        self.channel = channel
        self.port = port
        self.closed = Task {
            try? await channel.closeFuture.get()
            try? await group.shutdownGracefully()
        }
    }

    /// Binds `host:port` (port 0 picks a free port) and starts serving `registry`.
    public static func start(
        host: String = "127.0.0.1", port: Int, registry: PrometheusCollectorRegistry
    ) async throws -> MetricsServer {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        do {
            let channel = try await ServerBootstrap(group: group)
                .serverChannelOption(.backlog, value: 64)
                .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
                .childChannelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try channel.pipeline.syncOperations.configureHTTPServerPipeline()
                        try channel.pipeline.syncOperations.addHandler(MetricsHTTPHandler(registry: registry))
                    }
                }
                .bind(host: host, port: port)
                .get()
            guard let bound = channel.localAddress?.port else {
                try? await channel.close()
                throw ChannelError.unknownLocalAddress
            }
            return MetricsServer(group: group, channel: channel, port: bound)
        } catch {
            try? await group.shutdownGracefully()
            throw error
        }
    }

    /// Stops accepting connections, closes open ones and releases the server's thread.
    /// A second call only waits for the first one.
    public func stop() async throws {
        // Once the event loop is shut down, the channel must not be touched (its futures never complete).
        if stopping.claim() && channel.isActive {
            do {
                try await channel.close()
            } catch ChannelError.alreadyClosed {
                // Closed meanwhile.
            }
        }
        await closed.value
    }

    /// Returns once the listening socket is closed (after ``stop()``).
    public func waitUntilClosed() async throws {
        await closed.value
    }
}

/// Lets only the first ``MetricsServer/stop()`` close the channel.
private final class StopFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var claimed = false

    /// True for the first caller only.
    func claim() -> Bool {
        lock.withLock {
            defer { claimed = true }
            return !claimed
        }
    }
}
