import ArgumentParser
import Foundation
import GatewayService
import GatewayStore
import GatewayTelemetry
import Logging

/// `edigate replay FILE-ID`: runs an archived or quarantined file through the pipeline again (say after a
/// partner configuration fix). The duplicate policy applies: an interchange accepted before is acknowledged
/// again and yields no new events.
struct ReplayCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay", abstract: "Re-run an archived or quarantined file (by its ledger id).")

    @OptionGroup var gateway: GatewayOptions
    @Argument(help: "The file's id in the ledger (see the logs, the --once summary or .error.json).") var fileID: Int64

    func run() async throws {
        _ = Telemetry.bootstrap(logLevel: gateway.logLevel, json: gateway.logJSON)
        let instance: Gateway
        do {
            instance = try Gateway(partnersDirectory: gateway.partners, spoolDirectory: gateway.spool)
        } catch let error as Gateway.ConfigurationError {
            printError(error.description)
            throw ExitCode(ExitStatus.unreadable)
        }
        do {
            let outcome = try await instance.replay(FileID(fileID))
            let reason = outcome.reason.map { " (\($0))" } ?? ""
            print(
                "file \(fileID) replayed as file \(outcome.fileID): \(outcome.state.rawValue)\(reason) -> \(outcome.path)"
            )
            if outcome.state == .quarantined { throw ExitCode(ExitStatus.findings) }
        } catch let error as Gateway.ReplayError {
            printError(error.description)
            throw ExitCode(ExitStatus.unreadable)
        }
    }
}
