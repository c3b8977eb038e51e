import Foundation
import GatewayTransport
import Testing

@Suite struct AtomicFileTests {
    @Test func writeReplacesAtomicallyAndLeavesNoTemporaryFile() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = dir.file("out/ORD1.edi")
        try AtomicFile.write(Array("first".utf8), to: path)
        try AtomicFile.write(Array("second".utf8), to: path)
        #expect(try AtomicFile.read(path) == Array("second".utf8))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.file("out")) == ["ORD1.edi"])
        try AtomicFile.write([], to: path)
        #expect(try AtomicFile.read(path).isEmpty)
        let large = (0..<300_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        try AtomicFile.write(large, to: path)
        #expect(try AtomicFile.read(path) == large)
    }

    @Test func moveCreatesTheDestinationDirectory() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try AtomicFile.write(Array("data".utf8), to: dir.file("in/a.edi"))
        try AtomicFile.move(dir.file("in/a.edi"), to: dir.file("archive/2026/a.edi"))
        #expect(!FileManager.default.fileExists(atPath: dir.file("in/a.edi")))
        #expect(try AtomicFile.read(dir.file("archive/2026/a.edi")) == Array("data".utf8))
        #expect(throws: FileSystemError.self) { try AtomicFile.move(dir.file("in/a.edi"), to: dir.file("x")) }
    }

    @Test func moveAcrossFileSystemsCopies() throws {
        // /dev/shm is a tmpfs on Linux, usually a different file system from the temporary directory.
        guard FileManager.default.isWritableFile(atPath: "/dev/shm") else { return }
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let target = "/dev/shm/edigate-transport-\(UUID().uuidString)/a.edi"
        defer { try? FileManager.default.removeItem(atPath: (target as NSString).deletingLastPathComponent) }
        try AtomicFile.write(Array("across".utf8), to: dir.file("a.edi"))
        try AtomicFile.move(dir.file("a.edi"), to: target)
        #expect(!FileManager.default.fileExists(atPath: dir.file("a.edi")))
        #expect(try AtomicFile.read(target) == Array("across".utf8))
    }

    @Test func removeReportsWhetherTheFileExisted() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try AtomicFile.write([1, 2, 3], to: dir.file("a"))
        #expect(try AtomicFile.remove(dir.file("a")))
        #expect(try !AtomicFile.remove(dir.file("a")))
        try AtomicFile.fsyncDirectory(dir.path)
    }

    @Test func errorsNameTheOperationPathAndErrno() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        do {
            _ = try AtomicFile.read(dir.file("missing"))
            Issue.record("expected an error")
        } catch let error as FileSystemError {
            #expect(error.operation == "open")
            #expect(error.errno == ENOENT)
            #expect(error.description == "open \(dir.file("missing")): No such file or directory (errno 2)")
        }
        let error = FileSystemError(operation: "rename", path: "/a -> /b", errno: 2)
        #expect(error.description == "rename /a -> /b: No such file or directory (errno 2)")
    }
}
