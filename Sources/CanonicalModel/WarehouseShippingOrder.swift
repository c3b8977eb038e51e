/// A 3PL warehouse shipping order (X12 940), primer §4.7. (Placeholder: the mapping issue fills it in.)
public struct WarehouseShippingOrder: CanonicalPayload {
    public static let eventType = "edigate.warehouse-shipping-order.v1"
    public var documentNumber: String { orderNumber }

    public var orderNumber: String

    public init(orderNumber: String) {
        self.orderNumber = orderNumber
    }
}
