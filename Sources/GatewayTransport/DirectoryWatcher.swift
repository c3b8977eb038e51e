#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
import Dispatch
import Foundation

/// Wakes a poller when something changes in its directories: Linux inotify when available, otherwise polling
/// listings every `pollInterval`. Directories missing at `init` are not watched through inotify (create them
/// first, e.g. with `SpoolDirectory.ensureDirectory`); callers should still rescan on timeout.
public final class DirectoryWatcher: Sendable {
    /// The watched directories, as given.
    public let directories: [String]
    /// The inotify descriptor, or -1 when polling.
    private let descriptor: Int32
    /// The last listings seen by the polling fallback.
    private let snapshot: LockedBox<[String: [DirectoryEntry]]>
    /// How often the polling fallback (and the inotify wait, for cancellation) looks again.
    private static let slice: Duration = .milliseconds(100)

    /// Watches `directories` (IN_CLOSE_WRITE, IN_MOVED_TO, IN_CREATE, IN_ATTRIB, IN_DELETE on each existing one).
    public convenience init(directories: [String]) {
        self.init(directories: directories, inotify: true)
    }

    /// `inotify: false` forces the polling fallback (for tests).
    init(directories: [String], inotify: Bool) {
        self.directories = directories
        self.descriptor = inotify ? Self.makeInotify(directories) : -1
        self.snapshot = LockedBox([:])
        if descriptor < 0 { _ = pollChanged() }
    }

    deinit {
        if descriptor >= 0 { posixClose(descriptor) }
    }

    /// True when changes are detected through inotify, false when the watcher polls listings.
    public var usesInotify: Bool { descriptor >= 0 }

    /// Waits until something changes in a watched directory (true; pending events are drained) or `timeout`
    /// passes (false). Never blocks the cooperative thread pool: inotify is polled on a Dispatch thread, the
    /// fallback sleeps between listings. Cancellation ends the wait early with false.
    public func wait(timeout: Duration) async -> Bool {
        let deadline = ContinuousClock.now + timeout
        if usesInotify {
            let cancelled = LockedBox(false)
            return await withTaskCancellationHandler {
                await withCheckedContinuation { (continuation: CheckedContinuation<Bool, Never>) in
                    DispatchQueue.global().async {
                        continuation.resume(returning: self.blockingWait(until: deadline, cancelled: cancelled))
                    }
                }
            } onCancel: {
                cancelled.withLock { $0 = true }
            }
        }
        while !Task.isCancelled {
            if pollChanged() { return true }
            let remaining = deadline - ContinuousClock.now
            if remaining <= .zero { return false }
            try? await Task.sleep(for: min(remaining, Self.slice))
        }
        return false
    }

    private static func makeInotify(_ directories: [String]) -> Int32 {
        #if os(Linux)
            let fd = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
            guard fd >= 0 else { return -1 }
            let mask = UInt32(IN_CLOSE_WRITE | IN_MOVED_TO | IN_CREATE | IN_ATTRIB | IN_DELETE)
            for directory in directories {
                _ = inotify_add_watch(fd, directory, mask)  // a missing directory is simply not watched
            }
            return fd
        #else
            return -1
        #endif
    }

    /// Polls the inotify descriptor in short slices (to notice cancellation) until an event or the deadline.
    private func blockingWait(until deadline: ContinuousClock.Instant, cancelled: LockedBox<Bool>) -> Bool {
        while !cancelled.withLock({ $0 }) {
            let remaining = deadline - ContinuousClock.now
            let slice = min(remaining, Self.slice)
            let milliseconds = max(
                0, Int32(slice.components.seconds * 1000 + slice.components.attoseconds / 1_000_000_000_000_000))
            var entry = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            let ready = poll(&entry, 1, milliseconds)
            if ready > 0 {
                drain()
                return true
            }
            if ready < 0 && currentErrno() != EINTR { return false }
            if remaining <= .zero { return false }
        }
        return false
    }

    /// Reads and discards every pending inotify event (the descriptor is non-blocking).
    private func drain() {
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 64 * 1024, alignment: 8)
        defer { buffer.deallocate() }
        while let n = try? posixRead(descriptor, buffer, path: "inotify"), n > 0 {}
    }

    /// Polling fallback: lists every directory and reports whether anything differs from the previous listing.
    private func pollChanged() -> Bool {
        var current: [String: [DirectoryEntry]] = [:]
        for directory in directories {
            current[directory] = (try? SpoolDirectory.list(directory)) ?? []
        }
        return snapshot.withLock { previous in
            defer { previous = current }
            return previous != current
        }
    }
}

/// A value behind a lock, for the few mutable bits a `Sendable` class needs (Mutex needs macOS 15).
final class LockedBox<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value

    init(_ value: Value) { self.value = value }

    func withLock<Result>(_ body: (inout Value) -> Result) -> Result {
        lock.lock()
        defer { lock.unlock() }
        return body(&value)
    }
}
