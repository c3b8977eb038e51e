/// A 3PL warehouse shipping advice (X12 945), primer §4.7: what the warehouse shipped against a 940.
public struct WarehouseShipmentAdvice: CanonicalPayload {
    public static let eventType = "edigate.warehouse-shipment-advice.v1"
    public var documentNumber: String { shipmentNumber }

    /// W06-04: the shipment ID (the depositor order number W06-02 when W06-04 is empty).
    public var shipmentNumber: String
    /// W06-01 (514) as sent: `F` full detail ...
    public var reportingCode: String?
    /// W06-02: the 940's order number.
    public var depositorOrderNumber: String?
    /// ISO `YYYY-MM-DD`: W06-03, else G62 `11` (shipped on this date).
    public var shipDate: String?
    /// W06-05.
    public var agentShipmentId: String?
    /// W06-06.
    public var purchaseOrderNumber: String?
    /// Every header G62, with its qualifier.
    public var dates: [WarehouseDate] = []
    public var parties: [Party] = []
    /// Header N9.
    public var references: [Reference] = []
    /// NTE02.
    public var notes: [String] = []
    /// W27.
    public var carrier: WarehouseCarrier?
    public var lines: [WarehouseShipmentLine] = []
    /// W03-01: the number of units shipped, as declared.
    public var declaredUnitsShipped: ExactDecimal?
    /// W03-02.
    public var declaredWeight: ExactDecimal?
    /// W03-03.
    public var weightUnit: UnitOfMeasure?
    /// The sum of the lines' quantities shipped.
    public var computedUnitsShipped: ExactDecimal?

    public init(shipmentNumber: String) {
        self.shipmentNumber = shipmentNumber
    }
}

/// One line of a warehouse shipping advice (LX loop).
public struct WarehouseShipmentLine: Sendable, Hashable, Codable {
    /// LX01 (or the position of the W12 when there is no LX).
    public var lineNumber: String
    /// W12-01 (368) as sent.
    public var status: String?
    /// `complete` (CC), `partialNoBackorder` (CP), `partialBackorder` (BP), or `other`.
    public var statusMeaning: String?
    /// W12-02.
    public var quantityOrdered: ExactDecimal?
    /// W12-03.
    public var quantityShipped: ExactDecimal?
    /// W12-04.
    public var quantityDifference: ExactDecimal?
    /// W12-05.
    public var unit: UnitOfMeasure?
    /// W12-06 and W12-16 (U.P.C. case codes, carried with qualifier `UA`), W12-07/08, W12-17/18, W12-21/22.
    public var items: [ItemIdentifier] = []
    /// G69-01.
    public var description: String?
    /// W12-09 (warehouse lot number).
    public var lotNumber: String?
    /// W12-10.
    public var weight: ExactDecimal?
    /// W12-11 (187) as sent.
    public var weightQualifier: String?
    /// W12-12 (188: `L` pounds, `K` kilograms) as sent.
    public var weightUnitCode: String?
    /// N9 in the line.
    public var references: [Reference] = []

    public init(lineNumber: String) {
        self.lineNumber = lineNumber
    }

    /// The meaning of an X12 368 shipment status code.
    public static func statusMeaning(_ code: String) -> String {
        ["CC": "complete", "CP": "partialNoBackorder", "BP": "partialBackorder"][code] ?? "other"
    }
}
