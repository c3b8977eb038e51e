import ArgumentParser
import Foundation
import GatewaySinks
import GatewayService
import GatewayTelemetry
import GatewayTransport

/// `edigate send FILE --partner P`: renders a canonical JSON document in the partner's standard, envelopes
/// it with the next control numbers, records the acknowledgement it awaits, and delivers it.
struct SendCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "send",
        abstract: "Render a canonical JSON document for a partner, envelope it, deliver it, and await its ack.")

    @OptionGroup var gateway: GatewayOptions
    @Argument(help: "The canonical document: an event's JSON (its \"type\" and \"data\" are read).") var file: String
    @Option(help: "The partner to send it to (a directory under Partners/).") var partner: String

    func run() async throws {
        _ = Telemetry.bootstrap(logLevel: gateway.logLevel, json: gateway.logJSON)
        guard let data = FileManager.default.contents(atPath: file) else {
            printError("\(file): cannot read the file")
            throw ExitCode(ExitStatus.unreadable)
        }
        let name = (file as NSString).lastPathComponent
        let instance: Gateway
        do {
            instance = try Gateway(partnersDirectory: gateway.partners, spoolDirectory: gateway.spool)
        } catch let error as Gateway.ConfigurationError {
            printError(error.description)
            throw ExitCode(ExitStatus.unreadable)
        } catch let error as QueueError where error.errno == EWOULDBLOCK {
            // `edigate run` holds this spool: hand the document to it through outgoing/<partner>/.
            let path = "\(SpoolLayout(root: gateway.spool).outgoing)/\(partner)/\(name)"
            try AtomicFile.write(Array(data), to: path)
            print("queued: \(path) (edigate run is running on this spool and will send it)")
            return
        }
        do {
            let outcome = try await instance.send(Array(data), name: name, partner: partner)
            if outcome.state == .quarantined {
                printError("\(file): not sent (\(outcome.reason ?? "quarantined")); see \(outcome.path).error.json")
                throw ExitCode(ExitStatus.findings)
            }
            for path in outcome.acknowledgements { print("sent: \(path)") }
        } catch let error as Gateway.ReplayError {
            printError(error.description)
            throw ExitCode(ExitStatus.unreadable)
        }
    }
}
