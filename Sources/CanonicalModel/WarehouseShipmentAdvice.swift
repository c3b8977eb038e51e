/// A 3PL warehouse shipping advice (X12 945), primer §4.7. (Placeholder: the mapping issue fills it in.)
public struct WarehouseShipmentAdvice: CanonicalPayload {
    public static let eventType = "edigate.warehouse-shipment-advice.v1"
    public var documentNumber: String { shipmentNumber }

    public var shipmentNumber: String

    public init(shipmentNumber: String) {
        self.shipmentNumber = shipmentNumber
    }
}
