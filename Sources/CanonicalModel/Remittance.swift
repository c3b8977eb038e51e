/// A remittance advice (X12 820, EDIFACT REMADV), primer §4.6. (Placeholder: the mapping issue fills it in.)
public struct Remittance: CanonicalPayload {
    public static let eventType = "edigate.remittance.v1"
    public var documentNumber: String { paymentReference }

    public var paymentReference: String

    public init(paymentReference: String) {
        self.paymentReference = paymentReference
    }
}
