/// A canonical document with its CloudEvents 1.0 envelope (structured JSON mode), architecture §5.
public struct CloudEvent: Sendable, Hashable, Encodable {
    public var specversion = "1.0"
    /// Deterministic: the same document in the same envelope always gets the same id.
    public var id: String
    /// `edigate:<partner>`.
    public var source: String
    /// `edigate.order.v1` ...
    public var type: String
    /// The document number.
    public var subject: String
    /// When the gateway made the event (RFC 3339), passed in by the caller.
    public var time: String
    public var datacontenttype = "application/json"
    public var dataschema: String
    /// Extensions (lower-case alphanumeric names, as CloudEvents requires).
    public var edipartner: String
    public var edistandard: String
    public var ediinterchange: String
    public var edigroup: String?
    public var ediset: String
    public var filesha256: String?
    public var data: CanonicalDocument

    public init(
        partner: String, standard: String, interchange: String, group: String?, set: String, position: Int,
        contentHash: String, time: String, fileSHA256: String?, data: CanonicalDocument
    ) {
        let key = [partner, standard, interchange, group ?? "", set, String(position), contentHash].joined(
            separator: "\u{1F}")
        id = String(SHA256.hex(Array(key.utf8)).prefix(32))
        source = "edigate:\(partner)"
        type = data.eventType
        subject = data.documentNumber
        self.time = time
        dataschema = "https://edigate.dev/schemas/\(data.eventType).json"
        edipartner = partner
        edistandard = standard
        ediinterchange = interchange
        edigroup = group
        ediset = set
        filesha256 = fileSHA256
        self.data = data
    }
}

/// A canonical document type: its event type and how to find its document number.
public protocol CanonicalPayload: Sendable, Hashable, Codable {
    /// `edigate.order.v1` ...
    static var eventType: String { get }
    /// The document's own number (order, invoice, shipment ...), the event's `subject`.
    var documentNumber: String { get }
}

/// The canonical documents, one case per event type.
public enum CanonicalDocument: Sendable, Hashable, Encodable {
    case order(Order)
    case orderAck(OrderAck)
    case shipNotice(ShipNotice)
    case invoice(Invoice)
    case inventoryReport(InventoryReport)
    case remittance(Remittance)
    case warehouseShippingOrder(WarehouseShippingOrder)
    case warehouseShipmentAdvice(WarehouseShipmentAdvice)

    var payload: any CanonicalPayload {
        switch self {
        case .order(let document): return document
        case .orderAck(let document): return document
        case .shipNotice(let document): return document
        case .invoice(let document): return document
        case .inventoryReport(let document): return document
        case .remittance(let document): return document
        case .warehouseShippingOrder(let document): return document
        case .warehouseShipmentAdvice(let document): return document
        }
    }

    public var eventType: String { type(of: payload).eventType }

    /// The event types there are documents for (`edigate.order.v1` ...).
    public static let eventTypes: [String] = [
        Order.eventType, OrderAck.eventType, ShipNotice.eventType, Invoice.eventType, InventoryReport.eventType,
        Remittance.eventType, WarehouseShippingOrder.eventType, WarehouseShipmentAdvice.eventType,
    ]

    public var documentNumber: String { payload.documentNumber }

    /// The document's purpose or function code (original, change, duplicate ...), when it carries one.
    public var purpose: Purpose? {
        switch self {
        case .order(let document): return document.purpose
        case .orderAck(let document): return document.purpose
        case .shipNotice(let document): return document.purpose
        case .invoice(let document): return document.purpose
        case .inventoryReport(let document): return document.purpose
        case .remittance(let document): return document.purpose
        case .warehouseShippingOrder(let document): return document.purpose
        case .warehouseShipmentAdvice: return nil
        }
    }

    public func encode(to encoder: Encoder) throws {
        try payload.encode(to: encoder)
    }
}
