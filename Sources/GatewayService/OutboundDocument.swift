import CanonicalModel
import Foundation

/// A canonical document to send: the JSON of one event (as `edigate events` prints them, or as an ERP writes
/// them): `type` names the document, `data` holds it. Only `type` and `data` are read.
public struct OutboundDocument: Sendable {
    public var type: String
    public var document: CanonicalDocument

    public struct Problem: Error, Sendable, CustomStringConvertible {
        public var code: String
        public var message: String
        public var description: String { "\(code): \(message)" }
    }

    /// Parses and checks the JSON: an object with a known `type` whose `data` passes that type's JSON Schema
    /// (`schemas/<type>.json`, `#/properties/data`; every violation is listed with its path) when `schemas`
    /// has it, and decodes as that document (every required field present, amounts as exact decimal strings,
    /// dates as `YYYY-MM-DD`).
    public static func parse(_ bytes: [UInt8], schemas: [String: JSONSchemaValidator] = [:]) throws(Problem)
        -> OutboundDocument
    {
        guard let object = try? JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any] else {
            throw Problem(code: "outbound.not_json", message: "not a JSON object")
        }
        guard let type = object["type"] as? String else {
            throw Problem(code: "outbound.type_missing", message: "no \"type\" (e.g. edigate.invoice.v1)")
        }
        guard CanonicalDocument.eventTypes.contains(type) else {
            throw Problem(
                code: "outbound.type_unknown",
                message:
                    "type \(type) is not one of \(CanonicalDocument.eventTypes.joined(separator: ", "))")
        }
        guard let data = object["data"], JSONSerialization.isValidJSONObject(data),
            let json = try? JSONSerialization.data(withJSONObject: data)
        else {
            throw Problem(code: "outbound.data_missing", message: "no \"data\" object")
        }
        if let schema = schemas[type] {
            let violations = schema.validate(data, at: "#/properties/data", rootName: "data")
            if !violations.isEmpty {
                throw Problem(
                    code: "outbound.schema",
                    message: "\(type): \(violations.count) schema violation(s): "
                        + violations.prefix(10).map(\.description).joined(separator: "; "))
            }
        }
        do {
            guard let document = try decode(eventType: type, from: json) else {
                throw Problem(code: "outbound.type_unknown", message: "type \(type) names no document")
            }
            return OutboundDocument(type: type, document: document)
        } catch let error as DecodingError {
            throw Problem(code: "outbound.data_invalid", message: Self.describe(error))
        } catch let problem as Problem {
            throw problem
        } catch {
            throw Problem(code: "outbound.data_invalid", message: "\(error)")
        }
    }

    /// `data.lines[2].quantity: expected a decimal string` rather than Foundation's dump.
    static func describe(_ error: DecodingError) -> String {
        func path(_ codingPath: [any CodingKey]) -> String {
            "data" + codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
        }
        switch error {
        case .keyNotFound(let key, let context):
            return "\(path(context.codingPath + [key])): required, missing"
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            return "\(path(context.codingPath)): \(context.debugDescription)"
        @unknown default:
            return "\(error)"
        }
    }

    /// Decodes an event's `data` as the document its type names; nil for a type that names none.
    static func decode(eventType: String, from json: Data, decoder: JSONDecoder = JSONDecoder()) throws
        -> CanonicalDocument?
    {
        switch eventType {
        case Order.eventType: return .order(try decoder.decode(Order.self, from: json))
        case OrderAck.eventType: return .orderAck(try decoder.decode(OrderAck.self, from: json))
        case ShipNotice.eventType: return .shipNotice(try decoder.decode(ShipNotice.self, from: json))
        case Invoice.eventType: return .invoice(try decoder.decode(Invoice.self, from: json))
        case InventoryReport.eventType: return .inventoryReport(try decoder.decode(InventoryReport.self, from: json))
        case Remittance.eventType: return .remittance(try decoder.decode(Remittance.self, from: json))
        case WarehouseShippingOrder.eventType:
            return .warehouseShippingOrder(try decoder.decode(WarehouseShippingOrder.self, from: json))
        case WarehouseShipmentAdvice.eventType:
            return .warehouseShipmentAdvice(try decoder.decode(WarehouseShipmentAdvice.self, from: json))
        default: return nil
        }
    }
}
