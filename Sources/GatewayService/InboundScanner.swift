import Foundation
import GatewayTransport

/// Finds complete files in the spool: the shared `inbound/` (routed by envelope, under the defaults'
/// stable-file policy), each partner's own inbound directory (under its policy), and each partner's
/// `outgoing/<partner>/` (canonical JSON to send).
public struct InboundScanner: Sendable {
    public struct Source: Sendable, Hashable {
        public var directory: String
        /// The partner whose directory it is; nil for the shared drop.
        public var partner: String?
        public var policy: StableFilePolicy
    }

    public struct Ready: Sendable, Hashable {
        public var path: String
        public var partner: String?
    }

    public struct Waiting: Sendable, Hashable {
        public var path: String
        public var reason: String
        public var retryAfterMilliseconds: Int
    }

    public let sources: [Source]
    var trackers: [String: StableFileTracker]

    public init(registry: PartnerRegistry, layout: SpoolLayout) {
        var sources = [
            Source(directory: layout.inbound, partner: nil, policy: Self.policy(registry.defaultStableFile)),
            // Canonical JSON naming its partner itself (edipartner / source).
            Source(directory: layout.outgoing, partner: nil, policy: Self.policy(registry.defaultStableFile)),
        ]
        for partner in registry.partners {
            var directory = layout.inbound(partner.id)
            if case .spool(let path)? = partner.channels.inbound { directory = layout.resolve(path) }
            sources.append(Source(directory: directory, partner: partner.id, policy: Self.policy(partner.stableFile)))
            // Canonical JSON to render and send to this partner.
            sources.append(
                Source(
                    directory: "\(layout.outgoing)/\(partner.id)", partner: partner.id,
                    policy: Self.policy(registry.defaultStableFile)))
        }
        self.sources = sources
        trackers = Dictionary(
            uniqueKeysWithValues: sources.map { ($0.directory, StableFileTracker(policy: $0.policy)) })
    }

    static func policy(_ config: PartnerConfiguration.StableFilePolicy) -> StableFilePolicy {
        StableFilePolicy(
            quietMilliseconds: config.quietMilliseconds, minimumAgeMilliseconds: config.minimumAgeMilliseconds,
            doneFileSuffix: config.doneFileSuffix, ignore: config.ignore)
    }

    /// Lists every source once and returns the files complete now, and those still being waited for.
    public mutating func scan(now: Date) throws -> (ready: [Ready], waiting: [Waiting]) {
        var ready: [Ready] = []
        var waiting: [Waiting] = []
        for source in sources {
            let entries = try SpoolDirectory.list(source.directory)
            for decision in trackers[source.directory, default: StableFileTracker(policy: source.policy)]
                .observe(entries, now: now)
            {
                switch decision {
                case .ready(let entry): ready.append(Ready(path: entry.path, partner: source.partner))
                case .waiting(let entry, let reason, let retry):
                    waiting.append(Waiting(path: entry.path, reason: reason, retryAfterMilliseconds: retry))
                }
            }
        }
        return (ready, waiting)
    }

    /// Forgets a file once it was taken.
    public mutating func taken(_ path: String) {
        for source in sources where path.hasPrefix(source.directory + "/") {
            trackers[source.directory]?.forget(path: path)
        }
    }

    /// Every directory scanned (for the watcher).
    public var directories: [String] { sources.map(\.directory) }
}
