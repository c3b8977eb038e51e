/// A 3PL warehouse shipping order (X12 940), primer §4.7: the depositor asks the warehouse to ship.
public struct WarehouseShippingOrder: CanonicalPayload {
    public static let eventType = "edigate.warehouse-shipping-order.v1"
    public var documentNumber: String { orderNumber }

    /// W05-02: the depositor's order number.
    public var orderNumber: String
    /// W05-01: `N` original, `R` change, `F` cancellation, `C` confirmation (not cancel), else `other`.
    public var purpose: Purpose
    /// W05-03.
    public var purchaseOrderNumber: String?
    /// ISO `YYYY-MM-DD`: G62 `10` (requested ship / pick-up date).
    public var requestedShipDate: String?
    /// ISO `YYYY-MM-DD`: G62 `02` (delivery requested).
    public var requestedDeliveryDate: String?
    /// Every header G62, with its qualifier.
    public var dates: [WarehouseDate] = []
    /// The ship-to (N1 `ST`, or `CN` consignee), warehouse (`WH`), depositor (`DE`) ...
    public var parties: [Party] = []
    /// Header N9.
    public var references: [Reference] = []
    /// NTE02.
    public var notes: [String] = []
    /// W66.
    public var carrier: WarehouseCarrier?
    public var lines: [WarehouseOrderLine] = []
    /// W76-01: the total quantity ordered, as declared.
    public var declaredQuantityTotal: ExactDecimal?
    /// W76-02.
    public var declaredWeight: ExactDecimal?
    /// W76-03.
    public var weightUnit: UnitOfMeasure?
    /// The sum of the lines' quantities ordered.
    public var computedQuantityTotal: ExactDecimal?

    public init(orderNumber: String, purpose: Purpose) {
        self.orderNumber = orderNumber
        self.purpose = purpose
    }

    /// The purpose for a W05-01 order status code (473).
    public static func purpose(forStatus code: String) -> Purpose {
        let meanings = ["N": "original", "R": "change", "F": "cancellation", "C": "confirmation"]
        return Purpose(code: code, meaning: meanings[code] ?? "other")
    }
}

/// One line of a warehouse shipping order (LX loop).
public struct WarehouseOrderLine: Sendable, Hashable, Codable {
    /// LX01 (or the position of the W01 when there is no LX).
    public var lineNumber: String
    /// W01-01.
    public var quantityOrdered: ExactDecimal?
    /// W01-02.
    public var unit: UnitOfMeasure?
    /// W01-03 (U.P.C. case code, carried with qualifier `UA`), W01-04/05, W01-06/07, W01-15/16.
    public var items: [ItemIdentifier] = []
    /// G69-01.
    public var description: String?
    /// W01-13 (warehouse lot number).
    public var lotNumber: String?
    /// N9 in the line.
    public var references: [Reference] = []

    public init(lineNumber: String) {
        self.lineNumber = lineNumber
    }
}

/// The carrier and its terms (940 W66, 945 W27).
public struct WarehouseCarrier: Sendable, Hashable, Codable {
    /// W66-01 / W27-04 (146): `PP` prepaid, `CC` collect, `TP` third party ...
    public var paymentMethod: String?
    /// `prepaid`, `collect`, `thirdParty`, or `other`.
    public var paymentMethodMeaning: String?
    /// W66-02 / W27-01 (91): `U` private parcel service, `M` motor, `A` air ...
    public var transportationMethod: String?
    /// `privateParcel`, `motor`, `air`, `rail`, `ocean`, `customerPickup`, `contractCarrier`, `privateCarrier`,
    /// `bestWay`, `expeditedTruck`, `parcelPost`, `intermodal`, `airExpress`, `consolidation`, or `other`.
    public var transportationMethodMeaning: String?
    /// W66-10 / W27-02: the carrier's SCAC.
    public var scac: String?
    /// W66-05 / W27-03.
    public var routing: String?
    /// W66-03 (pallet exchange code).
    public var palletExchange: String?
    /// W66-04 (unit load option code).
    public var unitLoadOption: String?
    /// W66-06 (FOB point code).
    public var fobPointCode: String?
    /// W66-07.
    public var fobPoint: String?
    /// W66-08 (COD method of payment).
    public var codMethod: String?
    /// W66-09: N2, two implied decimal places (`12550` is 125.50).
    public var codAmount: ExactDecimal?

    public init() {}

    /// The meaning of an X12 146 shipment method of payment.
    public static func paymentMeaning(_ code: String) -> String {
        ["PP": "prepaid", "CC": "collect", "TP": "thirdParty"][code] ?? "other"
    }

    /// The meaning of an X12 91 transportation method code.
    public static func transportationMeaning(_ code: String) -> String {
        [
            "U": "privateParcel", "M": "motor", "A": "air", "R": "rail", "S": "ocean", "H": "customerPickup",
            "L": "contractCarrier", "P": "privateCarrier", "T": "bestWay", "E": "expeditedTruck", "D": "parcelPost",
            "X": "intermodal", "AE": "airExpress", "C": "consolidation",
        ][code] ?? "other"
    }
}

/// A G62 date with its qualifier as sent (432: `10` requested ship, `02` delivery requested, `11` shipped), as ISO
/// `YYYY-MM-DD`.
public struct WarehouseDate: Sendable, Hashable, Codable {
    public var qualifier: String
    public var date: String

    public init(qualifier: String, date: String) {
        self.qualifier = qualifier
        self.date = date
    }
}
