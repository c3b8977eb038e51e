import Foundation
import Testing

/// Each event type's page under `docs/events/` names every field of its JSON Schema.
@Suite struct EventDocumentationTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// Every property name anywhere in a JSON Schema.
    static func propertyNames(_ value: Any) -> Set<String> {
        var names: Set<String> = []
        if let object = value as? [String: Any] {
            if let properties = object["properties"] as? [String: Any] { names.formUnion(properties.keys) }
            for child in object.values { names.formUnion(propertyNames(child)) }
        } else if let array = value as? [Any] {
            for child in array { names.formUnion(propertyNames(child)) }
        }
        return names
    }

    @Test(arguments: [
        ("edigate.order.v1", "order"), ("edigate.order-ack.v1", "order-ack"), ("edigate.invoice.v1", "invoice"),
        ("edigate.ship-notice.v1", "ship-notice"),
        ("edigate.inventory.v1", "inventory"), ("edigate.remittance.v1", "remittance"),
        ("edigate.warehouse-shipping-order.v1", "warehouse-shipping-order"),
        ("edigate.warehouse-shipment-advice.v1", "warehouse-shipment-advice"),
    ])
    func pageNamesEverySchemaField(_ type: String, _ page: String) throws {
        let schema = try JSONSerialization.jsonObject(
            with: Data(contentsOf: Self.root.appendingPathComponent("schemas/\(type).json")))
        let text = try String(contentsOf: Self.root.appendingPathComponent("docs/events/\(page).md"), encoding: .utf8)
        let names = Self.propertyNames(schema)
        #expect(names.count > 20)
        for name in names.sorted() {
            #expect(
                text.contains("`\(name)`") || text.contains("`\(name)[]`"),
                "docs/events/\(page).md does not describe `\(name)`")
        }
    }
}
