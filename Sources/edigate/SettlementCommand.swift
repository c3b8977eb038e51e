import ArgumentParser
import CanonicalModel
import Foundation
import GatewayMapping
import GatewayService
import GatewaySinks

/// `edigate settlement`: the remittances received (edigate.remittance.v1 events in the embedded queue) as a
/// settlement CSV for finance: one row per invoice paid.
struct SettlementCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "settlement",
        abstract: "Write the settlement CSV (one row per invoice paid) from the remittances received.")

    @OptionGroup var gateway: GatewayOptions
    @Option(help: "Only this partner's remittances.") var partner: String?

    func run() async throws {
        let directory = SpoolLayout(root: gateway.spool).events
        let lines = try EmbeddedQueue.read(directory: directory, type: Remittance.eventType).lines
        var remittances: [Remittance] = []
        for line in lines {
            guard let object = try JSONSerialization.jsonObject(with: Data(line.json)) as? [String: Any],
                partner == nil || object["edipartner"] as? String == partner,
                let data = object["data"]
            else { continue }
            remittances.append(
                try JSONDecoder().decode(Remittance.self, from: JSONSerialization.data(withJSONObject: data)))
        }
        print(SettlementCSV.render(remittances), terminator: "")
    }
}
