/// A ship notice (X12 856, EDIFACT DESADV), primer §4.3. (Placeholder: the mapping issue fills it in.)
public struct ShipNotice: CanonicalPayload {
    public static let eventType = "edigate.ship-notice.v1"
    public var documentNumber: String { shipmentNumber }

    public var shipmentNumber: String

    public init(shipmentNumber: String) {
        self.shipmentNumber = shipmentNumber
    }
}
