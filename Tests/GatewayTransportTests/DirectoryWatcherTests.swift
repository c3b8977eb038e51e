import Foundation
import Testing

@testable import GatewayTransport

@Suite struct DirectoryWatcherTests {
    @Test(arguments: [true, false]) func wakesOnANewFile(inotify: Bool) async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let watcher = DirectoryWatcher(directories: [dir.path], inotify: inotify)
        #if os(Linux)
            #expect(watcher.usesInotify == inotify)
        #endif
        let path = dir.file("ORD1.edi")
        let writer = Task {
            try await Task.sleep(for: .milliseconds(200))
            try AtomicFile.write(Array("data".utf8), to: path)
        }
        // `true` means woken by the change, not by the timeout (no wall-clock bound: CI machines are busy).
        let changed = await watcher.wait(timeout: .seconds(30))
        #expect(changed)
        try await writer.value
    }

    @Test(arguments: [true, false]) func timesOutWhenNothingHappens(inotify: Bool) async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let watcher = DirectoryWatcher(directories: [dir.path, dir.file("missing")], inotify: inotify)
        let clock = ContinuousClock()
        let start = clock.now
        #expect(await !watcher.wait(timeout: .milliseconds(300)))
        #expect(clock.now - start >= .milliseconds(290))
    }

    @Test func eventsBetweenWaitsAreNotLost() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let watcher = DirectoryWatcher(directories: [dir.path])
        try AtomicFile.write([1], to: dir.file("a"))
        #expect(await watcher.wait(timeout: .seconds(5)))
        // Drained: nothing further is pending.
        #expect(await !watcher.wait(timeout: .milliseconds(100)))
    }

    @Test func cancellationEndsTheWait() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let watcher = DirectoryWatcher(directories: [dir.path])
        let clock = ContinuousClock()
        let start = clock.now
        let task = Task { await watcher.wait(timeout: .seconds(300)) }
        try await Task.sleep(for: .milliseconds(100))
        task.cancel()
        #expect(await !task.value)
        #expect(clock.now - start < .seconds(150), "ended by the cancellation, long before the timeout")
    }
}
