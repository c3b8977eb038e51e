import Foundation
import GatewayTransport
import Testing

@Suite struct StableFileTrackerTests {
    static let t0 = Date(timeIntervalSince1970: 1_800_000_000)

    static func entry(_ name: String, size: Int64 = 100, modified: Date = t0, inode: UInt64 = 1) -> DirectoryEntry {
        DirectoryEntry(name: name, path: "/in/" + name, size: size, modified: modified, inode: inode)
    }

    static func at(_ milliseconds: Int) -> Date { t0.addingTimeInterval(Double(milliseconds) / 1000) }

    static func reason(_ decision: StableFileTracker.Decision?) -> String? {
        if case .waiting(_, let reason, _) = decision { return reason }
        return nil
    }

    static func retry(_ decision: StableFileTracker.Decision?) -> Int? {
        if case .waiting(_, _, let retry) = decision { return retry }
        return nil
    }

    @Test func readyAfterQuietPeriodAndMinimumAge() {
        var tracker = StableFileTracker(policy: StableFilePolicy(quietMilliseconds: 2000, minimumAgeMilliseconds: 5000))
        let file = Self.entry("ORD1.edi")
        let first = tracker.observe([file], now: Self.at(6000))
        #expect(Self.reason(first.first)?.contains("first seen") == true)
        #expect(Self.retry(first.first) == 2000)
        let second = tracker.observe([file], now: Self.at(7000))
        #expect(Self.reason(second.first) == "unchanged for 1.0 s of 2.0 s; retrying in 1.0 s")
        #expect(tracker.observe([file], now: Self.at(8000)) == [.ready(file)])
    }

    @Test func minimumAgeIsEnforced() {
        var tracker = StableFileTracker(policy: StableFilePolicy(quietMilliseconds: 0, minimumAgeMilliseconds: 5000))
        let file = Self.entry("ORD1.edi")
        let decisions = tracker.observe([file], now: Self.at(1200))
        #expect(
            decisions == [.waiting(file, reason: "modified 1.2 s ago; retrying in 3.8 s", retryAfterMilliseconds: 3800)]
        )
        #expect(tracker.observe([file], now: Self.at(5000)) == [.ready(file)])
    }

    @Test func quietZeroMakesAFirstSightingReady() {
        var tracker = StableFileTracker(policy: StableFilePolicy(quietMilliseconds: 0, minimumAgeMilliseconds: 0))
        let file = Self.entry("ORD1.edi")
        #expect(tracker.observe([file], now: Self.t0) == [.ready(file)])
    }

    @Test func anyChangeResetsTheClock() {
        var tracker = StableFileTracker(policy: StableFilePolicy(quietMilliseconds: 2000, minimumAgeMilliseconds: 0))
        _ = tracker.observe([Self.entry("A.edi", size: 1024)], now: Self.at(0))
        let grown = Self.entry("A.edi", size: 2048)
        let afterGrowth = tracker.observe([grown], now: Self.at(3000))
        #expect(Self.reason(afterGrowth.first) == "size changed (1024 → 2048 bytes); retrying in 2.0 s")
        #expect(Self.retry(tracker.observe([grown], now: Self.at(4000)).first) == 1000)
        #expect(tracker.observe([grown], now: Self.at(5000)) == [.ready(grown)])

        let touched = Self.entry("A.edi", size: 2048, modified: Self.at(4500))
        #expect(
            Self.reason(tracker.observe([touched], now: Self.at(6000)).first)?.hasPrefix("modification time changed")
                == true)
        let replaced = Self.entry("A.edi", size: 2048, modified: Self.at(4500), inode: 9)
        #expect(Self.reason(tracker.observe([replaced], now: Self.at(9000)).first)?.hasPrefix("file replaced") == true)
        #expect(tracker.observe([replaced], now: Self.at(11_000)) == [.ready(replaced)])
    }

    @Test func doneFileIsRequired() {
        let policy = StableFilePolicy(quietMilliseconds: 0, minimumAgeMilliseconds: 0, doneFileSuffix: ".done")
        var tracker = StableFileTracker(policy: policy)
        let file = Self.entry("ORD1.edi")
        let waiting = tracker.observe([file], now: Self.t0)
        #expect(waiting == [.waiting(file, reason: "waiting for ORD1.edi.done", retryAfterMilliseconds: 1000)])
        let done = Self.entry("ORD1.edi.done", size: 0, inode: 2)
        // The done-file itself is never a candidate.
        #expect(tracker.observe([file, done], now: Self.t0) == [.ready(file)])
    }

    @Test func ignoredNamesAreNotCandidates() {
        var tracker = StableFileTracker(policy: StableFilePolicy(quietMilliseconds: 0, minimumAgeMilliseconds: 0))
        let file = Self.entry("ORD1.edi")
        let listing = [Self.entry(".hidden"), Self.entry("ORD2.edi.part"), Self.entry("x.tmp"), file]
        #expect(tracker.observe(listing, now: Self.t0) == [.ready(file)])
    }

    @Test func vanishedAndForgottenFilesStartOver() {
        var tracker = StableFileTracker(policy: StableFilePolicy(quietMilliseconds: 1000, minimumAgeMilliseconds: 0))
        let file = Self.entry("ORD1.edi")
        _ = tracker.observe([file], now: Self.at(0))
        _ = tracker.observe([], now: Self.at(500))
        #expect(Self.reason(tracker.observe([file], now: Self.at(2000)).first)?.contains("first seen") == true)
        #expect(tracker.observe([file], now: Self.at(3000)) == [.ready(file)])
        tracker.forget(path: file.path)
        #expect(Self.reason(tracker.observe([file], now: Self.at(4000)).first)?.contains("first seen") == true)
    }
}
