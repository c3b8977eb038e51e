import ArgumentParser
import Foundation
import GatewayService
import GatewayTelemetry

/// `edigate sftp test PARTNER`: checks a partner's SFTP channel without taking anything.
struct SFTPCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sftp", abstract: "Check partners' SFTP channels.", subcommands: [SFTPTestCommand.self])
}

struct SFTPTestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Connect, check the host key, list the directories, report what would be picked up.")

    @OptionGroup var gateway: GatewayOptions
    @Argument(help: "The partner (a directory under Partners/).") var partner: String

    func run() async throws {
        _ = Telemetry.bootstrap(logLevel: .error, json: gateway.logJSON)
        let instance: Gateway
        do {
            instance = try Gateway(partnersDirectory: gateway.partners, spoolDirectory: gateway.spool)
        } catch let error as Gateway.ConfigurationError {
            printError(error.description)
            throw ExitCode(ExitStatus.unreadable)
        }
        guard let channel = instance.channels.first(where: { $0.partner.id == partner }) else {
            printError("\(partner): no such partner, or it has no SFTP channel in partner.yaml")
            throw ExitCode(ExitStatus.unreadable)
        }
        let result = await channel.diagnose()
        for line in result.lines { print("\(partner): \(line)") }
        if !result.ok { throw ExitCode(ExitStatus.findings) }
    }
}
