#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
import Dispatch
import Foundation

/// Bounds blocking libssh calls in time without touching libssh from a second thread.
///
/// libssh 0.10 in blocking mode waits for SFTP replies with an infinite timeout (`SSH_OPTIONS_TIMEOUT` only bounds
/// the connect and the key exchange; SFTP on a non-blocking session is not supported by 0.10's `sftp_new`). So an
/// operation arms this watchdog with the session's socket; when no progress (`touch()`) happens for `timeout`, the
/// watchdog calls `shutdown(fd, SHUT_RDWR)` on that socket from its own queue. That is a plain system call on the
/// kernel socket, not a libssh call: the blocked `poll`/`read` inside libssh returns at once, the libssh call fails,
/// and the client reports `.timeout` and throws the session away. The socket is never closed here (libssh still
/// owns it), and `detach()` runs before libssh frees it, so a stale timer cannot hit a reused descriptor number.
final class SFTPWatchdog: @unchecked Sendable {
    private let lock = NSLock()
    /// One timer per watchdog, re-scheduled by `arm` and by itself (no pile-up of pending blocks).
    private let timer: any DispatchSourceTimer
    private var fd: Int32 = -1
    private var armed = false
    private var fired = false
    private var timeoutNanoseconds: UInt64 = 0
    private var deadline: UInt64 = 0

    init() {
        timer = DispatchSource.makeTimerSource(queue: DispatchQueue(label: "edigate.sftp.watchdog"))
        timer.setEventHandler { [weak self] in self?.check() }
        timer.schedule(deadline: .distantFuture)
        timer.resume()
    }

    deinit {
        timer.setEventHandler {}
        timer.cancel()
    }

    /// The socket to shut down when a deadline passes.
    func attach(fd: Int32) {
        lock.withLock { self.fd = fd }
    }

    /// Forget the socket (before libssh closes it).
    func detach() {
        lock.withLock {
            fd = -1
            armed = false
        }
    }

    /// Starts a deadline `timeout` from now.
    func arm(_ timeout: Duration) {
        let nanoseconds = Self.nanoseconds(timeout)
        let due: UInt64 = lock.withLock {
            armed = true
            fired = false
            timeoutNanoseconds = nanoseconds
            deadline = DispatchTime.now().uptimeNanoseconds &+ nanoseconds
            return deadline
        }
        timer.schedule(deadline: DispatchTime(uptimeNanoseconds: due), leeway: .milliseconds(20))
    }

    /// The operation made progress: move the deadline to `timeout` from now (the timer notices when it fires).
    func touch() {
        lock.withLock { deadline = DispatchTime.now().uptimeNanoseconds &+ timeoutNanoseconds }
    }

    /// Ends the deadline; returns whether it had fired (the socket was shut down).
    @discardableResult
    func disarm() -> Bool {
        lock.withLock {
            armed = false
            return fired
        }
    }

    /// Whether the current (or last) deadline fired.
    var hasFired: Bool { lock.withLock { fired } }

    private func check() {
        let reschedule: UInt64? = lock.withLock {
            guard armed, !fired else { return nil }
            let now = DispatchTime.now().uptimeNanoseconds
            if now < deadline { return deadline }
            fired = true
            if fd >= 0 { _ = shutdown(fd, Int32(SHUT_RDWR)) }
            return nil
        }
        if let reschedule {
            timer.schedule(deadline: DispatchTime(uptimeNanoseconds: reschedule), leeway: .milliseconds(20))
        }
    }

    static func nanoseconds(_ duration: Duration) -> UInt64 {
        let (seconds, attoseconds) = duration.components
        if seconds < 0 { return 0 }
        let whole = UInt64(seconds).multipliedReportingOverflow(by: 1_000_000_000)
        if whole.overflow { return UInt64.max / 2 }
        return whole.partialValue &+ UInt64(max(attoseconds, 0) / 1_000_000_000)
    }
}
