import ArgumentParser
import Foundation
import GatewayService
import GatewaySinks

/// `edigate events`: the embedded queue's events as JSON Lines, optionally following new ones.
struct EventsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "events", abstract: "Print the events in the embedded queue (Spool/events/), one JSON per line.")

    @OptionGroup var gateway: GatewayOptions
    @Option(help: "Only this event type (e.g. edigate.order.v1).") var type: String?
    @Flag(help: "Keep printing new events as they arrive (Ctrl-C to stop).") var follow = false

    func run() async throws {
        let directory = SpoolLayout(root: gateway.spool).events
        var offsets: [String: Int] = [:]
        repeat {
            let read = try EmbeddedQueue.read(directory: directory, type: type, from: offsets)
            for line in read.lines {
                writeOut(line.json + [0x0A])
            }
            offsets = read.offsets
            if follow { try await Task.sleep(for: .milliseconds(500)) }
        } while follow
    }
}
