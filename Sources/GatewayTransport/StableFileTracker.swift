import Foundation

/// Pure (no I/O, the caller passes `now`): decides from successive listings which files are complete.
///
/// A candidate is ready when (a) its size, modification time and inode have stayed the same for at least
/// `quietMilliseconds` since the first listing that showed them (any change resets the clock; with 0 a file seen
/// for the first time qualifies), (b) its modification time is at least `minimumAgeMilliseconds` old, and (c) its
/// done-file exists when the policy names a suffix. Files missing from a listing are forgotten.
public struct StableFileTracker: Sendable {
    /// What to do with one candidate file.
    public enum Decision: Sendable, Hashable {
        /// The file looks complete; claim it, then call `forget(path:)`.
        case ready(DirectoryEntry)
        /// Not yet: `reason` is a sentence for logs; look again after `retryAfterMilliseconds`.
        case waiting(DirectoryEntry, reason: String, retryAfterMilliseconds: Int)
    }

    /// Suggested retry delay when only a done-file is missing (its arrival is an event, not a timeout).
    static let doneFileRetryMilliseconds = 1000

    private struct Seen: Sendable {
        var size: Int64
        var modified: Date
        var inode: UInt64
        /// When this size/mtime/inode was first observed.
        var since: Date
    }

    /// The policy it decides by.
    public let policy: StableFilePolicy
    private var seen: [String: Seen] = [:]

    public init(policy: StableFilePolicy) {
        self.policy = policy
    }

    /// `entries` is one full listing of a directory (done-files included, ignored names included). Returns a
    /// decision for every candidate (not ignored, not a done-file itself), in listing order.
    public mutating func observe(_ entries: [DirectoryEntry], now: Date) -> [Decision] {
        let names = Set(entries.map(\.name))
        var decisions: [Decision] = []
        var present: Set<String> = []
        for entry in entries where !policy.isIgnored(entry.name) && !policy.isDoneFile(entry.name) {
            present.insert(entry.path)
            decisions.append(decide(entry, names: names, now: now))
        }
        seen = seen.filter { present.contains($0.key) }
        return decisions
    }

    /// Forget a file (after it was claimed).
    public mutating func forget(path: String) {
        seen[path] = nil
    }

    private mutating func decide(_ entry: DirectoryEntry, names: Set<String>, now: Date) -> Decision {
        var reasons: [String] = []
        var retry = 0
        let current = Seen(size: entry.size, modified: entry.modified, inode: entry.inode, since: now)
        if let previous = seen[entry.path] {
            if let change = Self.change(from: previous, to: entry) {
                reasons.append(change)
                seen[entry.path] = current
            }
        } else {
            seen[entry.path] = current
        }
        let since = seen[entry.path]?.since ?? now

        let quiet = Double(policy.quietMilliseconds)
        let unchanged = now.timeIntervalSince(since) * 1000
        if unchanged < quiet {
            let remaining = quiet - unchanged
            retry = max(retry, Int(remaining.rounded(.up)))
            if reasons.isEmpty {
                reasons.append(
                    unchanged <= 0
                        ? "first seen; it must stay unchanged for \(Self.seconds(quiet))"
                        : "unchanged for \(Self.seconds(unchanged)) of \(Self.seconds(quiet))")
            }
        }

        let minimumAge = Double(policy.minimumAgeMilliseconds)
        let age = now.timeIntervalSince(entry.modified) * 1000
        if age < minimumAge {
            retry = max(retry, Int((minimumAge - age).rounded(.up)))
            reasons.append(
                age < 0 ? "modified \(Self.seconds(-age)) in the future" : "modified \(Self.seconds(age)) ago")
        }

        var waitsForDoneFile = false
        if let suffix = policy.doneFileSuffix, !suffix.isEmpty, !names.contains(entry.name + suffix) {
            reasons.append("waiting for \(entry.name + suffix)")
            waitsForDoneFile = true
        }

        if reasons.isEmpty { return .ready(entry) }
        if retry > 0 {
            reasons.append("retrying in \(Self.seconds(Double(retry)))")
        } else if waitsForDoneFile {
            retry = Self.doneFileRetryMilliseconds
        }
        return .waiting(entry, reason: reasons.joined(separator: "; "), retryAfterMilliseconds: max(retry, 1))
    }

    /// Describes what changed since the previous listing, or nil when nothing did.
    private static func change(from previous: Seen, to entry: DirectoryEntry) -> String? {
        if previous.inode != entry.inode { return "file replaced (inode \(previous.inode) → \(entry.inode))" }
        if previous.size != entry.size { return "size changed (\(previous.size) → \(entry.size) bytes)" }
        if previous.modified != entry.modified { return "modification time changed" }
        return nil
    }

    /// Milliseconds as seconds with one decimal, e.g. "1.2 s".
    static func seconds(_ milliseconds: Double) -> String {
        let tenths = Int((milliseconds / 100).rounded())
        return "\(tenths / 10).\(tenths % 10) s"
    }
}
