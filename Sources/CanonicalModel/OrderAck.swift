/// A PO acknowledgement (X12 855, EDIFACT ORDRSP), primer §4.2. (Placeholder: the mapping issue fills it in.)
public struct OrderAck: CanonicalPayload {
    public static let eventType = "edigate.order-ack.v1"
    public var documentNumber: String { orderNumber }

    public var orderNumber: String

    public init(orderNumber: String) {
        self.orderNumber = orderNumber
    }
}
