import ArgumentParser
import Foundation
import GatewayService
import GatewayStore

/// `edigate status`: files per state, and the oldest file not yet archived or quarantined.
struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status", abstract: "Show the ledger: files per state and the oldest pending file.")

    @OptionGroup var gateway: GatewayOptions
    @Flag(help: "Print JSON.") var json = false

    func run() async throws {
        let layout = SpoolLayout(root: gateway.spool)
        guard FileManager.default.fileExists(atPath: "\(layout.state)/\(SQLiteStore.fileName)") else {
            printError("\(layout.state)/\(SQLiteStore.fileName): no store yet (nothing has run on this spool)")
            throw ExitCode(ExitStatus.unreadable)
        }
        let store = try SQLiteStore(directory: URL(fileURLWithPath: layout.state))
        let counts = try await store.counts()
        let oldest = try await store.oldestPending()
        if json {
            var object: [String: Any] = [
                "states": Dictionary(uniqueKeysWithValues: FileState.allCases.map { ($0.rawValue, counts[$0] ?? 0) })
            ]
            if let oldest {
                object["oldestPending"] = [
                    "id": oldest.id.rawValue, "path": oldest.sourcePath, "state": oldest.state.rawValue,
                    "discoveredAt": ISO8601DateFormatter().string(from: oldest.discoveredAt),
                    "ageSeconds": Int(Date().timeIntervalSince(oldest.discoveredAt)),
                ]
            }
            let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .prettyPrinted])
            print(String(decoding: data, as: UTF8.self))
            return
        }
        for state in FileState.allCases {
            print("\(state.rawValue.padding(toLength: 13, withPad: " ", startingAt: 0)) \(counts[state] ?? 0)")
        }
        if let oldest {
            let age = Int(Date().timeIntervalSince(oldest.discoveredAt))
            print(
                "oldest pending: file \(oldest.id) \(oldest.sourcePath) (\(oldest.state.rawValue), discovered \(age) s ago)"
            )
        } else {
            print("oldest pending: none")
        }
    }
}
