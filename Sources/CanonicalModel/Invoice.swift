/// A invoice (X12 810, EDIFACT INVOIC), primer §4.4. (Placeholder: the mapping issue fills it in.)
public struct Invoice: CanonicalPayload {
    public static let eventType = "edigate.invoice.v1"
    public var documentNumber: String { invoiceNumber }

    public var invoiceNumber: String

    public init(invoiceNumber: String) {
        self.invoiceNumber = invoiceNumber
    }
}
