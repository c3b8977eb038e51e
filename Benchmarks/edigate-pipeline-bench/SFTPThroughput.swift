import Foundation
import GatewayTransport

/// `--sftp DIR`: SFTPClient throughput against the test OpenSSH server whose directory is DIR (started by
/// `scripts/sshd-test-server.sh start DIR`): 1,000 small files and one 100 MB file, up and down, over loopback.
/// Downloads include the `.part` file, its fsync, the size check and the rename, as the gateway does them.
func runSFTP(serverDirectory: String) async throws {
    func read(_ name: String) throws -> String {
        try String(contentsOfFile: "\(serverDirectory)/\(name)", encoding: .utf8)
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }
    guard let port = Int(try read("port")) else { fail("\(serverDirectory)/port: not a port") }
    let endpoint = SFTPEndpoint(
        host: "127.0.0.1", port: port, user: ProcessInfo.processInfo.environment["USER"] ?? "root",
        authentication: .privateKey(path: "\(serverDirectory)/client_ed25519", passphrase: nil),
        hostKey: try read("host_fingerprint"))
    let client = SFTPClient(endpoint: endpoint)
    try await client.connect()
    let remote = "\(serverDirectory)/bench-\(getpid())"
    let local = FileManager.default.temporaryDirectory.appendingPathComponent("edigate-sftp-bench-\(getpid())").path
    try await client.makeDirectory(remote)
    try FileManager.default.createDirectory(atPath: local, withIntermediateDirectories: true)
    defer {
        try? FileManager.default.removeItem(atPath: remote)
        try? FileManager.default.removeItem(atPath: local)
    }
    // 1,000 small files.
    let small = Array(acmeOrder(control: 1, po: "PO-SFTP").utf8)
    var start = now()
    for index in 0..<1000 { try await client.upload(small, to: "\(remote)/small-\(index).edi") }
    let upSmall = now() - start
    start = now()
    for index in 0..<1000 {
        try await client.download("\(remote)/small-\(index).edi", to: "\(local)/small-\(index).edi")
    }
    let downSmall = now() - start
    print(
        "sftp 1,000 files x \(small.count) B: upload \(fixed(1000 / upSmall, 0)) files/s, download \(fixed(1000 / downSmall, 0)) files/s"
    )
    // One 100 MB file.
    var large = [UInt8](repeating: 0, count: 100_000_000)
    for index in stride(from: 0, to: large.count, by: 4096) { large[index] = UInt8(truncatingIfNeeded: index / 4096) }
    start = now()
    try await client.upload(large, to: "\(remote)/large.bin")
    let upLarge = now() - start
    start = now()
    let bytes = try await client.download("\(remote)/large.bin", to: "\(local)/large.bin")
    let downLarge = now() - start
    print(
        "sftp one 100 MB file: upload \(fixed(100 / upLarge, 1)) MB/s, download \(fixed(Double(bytes) / 1e6 / downLarge, 1)) MB/s"
    )
    await client.disconnect()
}
