import Foundation
import GatewayTransport
import Testing

@Suite struct SpoolDirectoryTests {
    @Test func listsRegularFilesSortedByModificationTime() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let manager = FileManager.default
        try Data("bb".utf8).write(to: URL(fileURLWithPath: dir.file("b.edi")))
        try Data("a".utf8).write(to: URL(fileURLWithPath: dir.file("a.edi")))
        try Data("c".utf8).write(to: URL(fileURLWithPath: dir.file("c.edi")))
        let old = Date(timeIntervalSince1970: 1_700_000_000)
        try manager.setAttributes([.modificationDate: old], ofItemAtPath: dir.file("c.edi"))
        try manager.setAttributes([.modificationDate: old.addingTimeInterval(10)], ofItemAtPath: dir.file("a.edi"))
        try manager.setAttributes([.modificationDate: old.addingTimeInterval(10)], ofItemAtPath: dir.file("b.edi"))
        try manager.createDirectory(atPath: dir.file("sub"), withIntermediateDirectories: false)
        try manager.createSymbolicLink(atPath: dir.file("link-to-file"), withDestinationPath: dir.file("a.edi"))
        try manager.createSymbolicLink(atPath: dir.file("link-to-dir"), withDestinationPath: dir.file("sub"))

        let entries = try SpoolDirectory.list(dir.path)
        #expect(entries.map(\.name) == ["c.edi", "a.edi", "b.edi"])
        #expect(entries.map(\.size) == [1, 1, 2])
        #expect(entries[0].path == dir.file("c.edi"))
        #expect(entries[0].modified == old)
        #expect(Set(entries.map(\.inode)).count == 3)
    }

    @Test func modificationTimeKeepsSubSecondPrecision() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try Data("x".utf8).write(to: URL(fileURLWithPath: dir.file("x.edi")))
        let precise = Date(timeIntervalSince1970: 1_700_000_000.25)
        try FileManager.default.setAttributes([.modificationDate: precise], ofItemAtPath: dir.file("x.edi"))
        let entry = try #require(try SpoolDirectory.list(dir.path).first)
        #expect(abs(entry.modified.timeIntervalSince(precise)) < 0.001)
    }

    @Test func missingDirectoryIsEmpty() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        #expect(try SpoolDirectory.list(dir.file("nope")).isEmpty)
        try Data().write(to: URL(fileURLWithPath: dir.file("plain")))
        #expect(throws: FileSystemError.self) { try SpoolDirectory.list(dir.file("plain")) }
    }

    @Test func ensureDirectoryCreatesParents() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let nested = dir.file("a/b/c")
        try SpoolDirectory.ensureDirectory(nested)
        try SpoolDirectory.ensureDirectory(nested)
        var isDirectory: ObjCBool = false
        #expect(FileManager.default.fileExists(atPath: nested, isDirectory: &isDirectory) && isDirectory.boolValue)
        let attributes = try FileManager.default.attributesOfItem(atPath: nested)
        let mode = (attributes[.posixPermissions] as? Int) ?? 0
        #expect(mode & 0o027 == 0)
        try Data().write(to: URL(fileURLWithPath: dir.file("file")))
        #expect(throws: FileSystemError.self) { try SpoolDirectory.ensureDirectory(dir.file("file")) }
    }
}
