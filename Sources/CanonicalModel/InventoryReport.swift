/// A inventory report (X12 846, EDIFACT INVRPT), primer §4.5. (Placeholder: the mapping issue fills it in.)
public struct InventoryReport: CanonicalPayload {
    public static let eventType = "edigate.inventory.v1"
    public var documentNumber: String { reportNumber }

    public var reportNumber: String

    public init(reportNumber: String) {
        self.reportNumber = reportNumber
    }
}
