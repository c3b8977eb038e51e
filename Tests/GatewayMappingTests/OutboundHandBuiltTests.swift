import CanonicalModel
import EDIFormat
import Foundation
import Testing

@testable import GatewayMapping

/// Hand-built documents covering the edge cases: several lines, allowances and charges, free text with the
/// delimiters inside it, nested packs, decimals like 0.005 and 1234567.89, the EDIFACT decimal comma.
@Suite struct OutboundHandBuiltTests {
    typealias Fx = OutboundFixtures

    static var commaEnvelope: RenderEnvelope {
        var delimiters = Delimiters.edifactDefault(syntaxVersion: 3)
        delimiters.decimalMark = UInt8(ascii: ",")
        return Fx.edifactEnvelope(delimiters: delimiters)
    }

    static func expectRoundTrip(
        _ document: CanonicalDocument, x12: Bool, envelope: RenderEnvelope? = nil,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let back =
            x12
            ? try Fx.x12RoundTrip([document], envelope: envelope ?? Fx.x12Envelope())
            : try Fx.edifactRoundTrip([document], envelope: envelope ?? Fx.edifactEnvelope())
        #expect(back.map(Fx.withoutComputed) == [Fx.withoutComputed(document)], sourceLocation: sourceLocation)

    }

    // MARK: - Order acknowledgement

    @Test func ordrspWithReleasedTextAndDecimalComma() throws {
        var ack = OrderAck(orderNumber: "PO+77:'?")
        ack.sellerOrderNumber = "RSP-1"
        ack.ackType = AckType.edifact("4")
        ack.ackDate = "2024-03-11"
        ack.orderDate = "2024-03-10"
        ack.currency = "EUR"
        ack.references = [Reference(qualifier: "CT", value: "K-1")]
        var supplier = Fx.party(
            "SU", "Widget Works International Trading Company Limited", id: "5412345000013", qualifier: "9", x12: false)
        supplier.street = ["Kerkstraat 1", "Bus 2"]
        supplier.city = "Gent"
        supplier.postalCode = "9000"
        supplier.country = "BE"
        ack.parties = [supplier]
        var line = OrderAckLine(lineNumber: "1")
        line.status = AckLineStatus.edifact("3")
        line.items = [
            ItemIdentifier(qualifier: "EN", value: "4001234000015"), ItemIdentifier(qualifier: "SA", value: "W+1"),
            ItemIdentifier(qualifier: "BP", value: "B:2"),
        ]
        line.description = "Blue widget: large + 'heavy'? yes"
        line.orderedQuantity = d("10.5")
        line.unit = UnitOfMeasure(rec20: "KGM")
        line.confirmedQuantity = d("0.005")
        line.confirmedUnit = UnitOfMeasure(rec20: "KGM")
        line.confirmedDeliveryDate = "2024-03-20"
        line.confirmedShipDate = "2024-03-18"
        line.unitPrice = d("1234567.89")
        line.priceBasis = "AAB"
        var second = OrderAckLine(lineNumber: "2")
        second.status = AckLineStatus.edifact("7")
        second.items = [ItemIdentifier(qualifier: "EN", value: "4001234000022")]
        ack.lines = [line, second]
        ack.declaredLineCount = 2
        ack.declaredTotalAmount = d("12963.03")
        try Self.expectRoundTrip(.orderAck(ack), x12: false, envelope: Self.commaEnvelope)
        try Self.expectRoundTrip(.orderAck(ack), x12: false)
        let text = String(
            decoding: try OutboundRenderer.edifact([.orderAck(ack)], envelope: Self.commaEnvelope), as: UTF8.self)
        #expect(text.contains("RFF+ON:PO?+77?:?'??'"))
        #expect(text.contains("PRI+AAB:1234567,89'"))
    }

    // MARK: - Ship notice

    static func item(_ line: String, _ ids: [(String, String)], shipped: String, unit: String, x12: Bool)
        -> ShipmentItem
    {
        var item = ShipmentItem()
        item.lineNumber = line
        item.items = ids.map { ItemIdentifier(qualifier: $0.0, value: $0.1) }
        item.shippedQuantity = d(shipped)
        item.unit = x12 ? UnitOfMeasure(x12: unit) : UnitOfMeasure(rec20: unit)
        return item
    }

    static func pack(_ level: String, id: String, sscc: String?, qualifier: String) -> ShipmentPack {
        var pack = ShipmentPack(level: level)
        pack.hierarchyId = id
        if let sscc {
            pack.marks = [Reference(qualifier: qualifier, value: sscc)]
            ShipNoticeMarks.setSSCC(sscc, on: &pack)
        }
        return pack
    }

    @Test func x12ShipNoticeWithNestedAndSeveralPacks() throws {
        var notice = ShipNotice(shipmentNumber: "SHIP-9")
        notice.purpose = Purpose.x12("00")
        notice.structureCode = "0001"
        notice.noticeDate = "2024-03-14"
        notice.noticeDateTime = "2024-03-14T15:30"
        notice.shipDate = "2024-03-14"
        notice.shipDateTime = "2024-03-14T08:00:05"
        notice.estimatedDeliveryDate = "2024-03-18"
        var carrier = ShipmentCarrier()
        carrier.qualifier = "2"
        carrier.scheme = "SCAC"
        carrier.code = "UPSN"
        carrier.transportMethod = "U"
        carrier.name = "UPS"
        notice.carrier = carrier
        notice.packagingCode = "CTN25"
        notice.packageCount = 3
        notice.measurements = [
            ShipmentMeasurement(kind: "grossWeight", qualifier: "G", value: d("24.5"), unit: UnitOfMeasure(x12: "LB")),
            ShipmentMeasurement(kind: "volume", qualifier: nil, value: d("1.25"), unit: UnitOfMeasure(x12: "CF")),
            ShipmentMeasurement(kind: "netWeight", qualifier: "N", value: d("20"), unit: UnitOfMeasure(x12: "LB")),
        ]
        notice.references = [Reference(qualifier: "BM", value: "BOL1"), Reference(qualifier: "CN", value: "PRO1")]
        notice.billOfLading = "BOL1"
        notice.proNumber = "PRO1"
        var shipTo = Fx.party("ST", "Acme Store 12", id: "0012", qualifier: "92", x12: true)
        shipTo.street = ["12 Market Ave"]
        shipTo.city = "Springfield"
        notice.parties = [shipTo]

        var order = ShipmentOrder(orderNumber: "PO1")
        order.hierarchyId = "2"
        order.orderDate = "2024-03-10"
        order.releaseNumber = "R1"
        order.packageCount = 2
        order.references = [Reference(qualifier: "IA", value: "V1")]
        order.parties = [Fx.party("BY", "Buyer", id: "BT01", qualifier: "92", x12: true)]
        var tare = Self.pack("tare", id: "3", sscc: "00006141410000000036", qualifier: "GM")
        tare.packagingCode = "PLT71"
        tare.packageCount = 1
        tare.measurements = [
            ShipmentMeasurement(kind: "grossWeight", qualifier: "G", value: d("300"), unit: UnitOfMeasure(x12: "KG"))
        ]
        var first = Self.pack("pack", id: "4", sscc: "00006141410000000012", qualifier: "GM")
        var item1 = Self.item("1", [("UP", "012345678905"), ("VN", "WID-100")], shipped: "10", unit: "EA", x12: true)
        item1.hierarchyId = "5"
        item1.orderedQuantity = d("12")
        item1.orderedUnit = UnitOfMeasure(x12: "EA")
        item1.packSize = d("12")
        item1.description = "Blue widget, large"
        item1.orderNumber = "PO1"
        first.items = [item1]
        var second = Self.pack("pack", id: "6", sscc: "00006141410000000029", qualifier: "GM")
        var item2 = Self.item("2", [("VN", "WID-200")], shipped: "1234567.89", unit: "CA", x12: true)
        item2.hierarchyId = "7"
        second.items = [item2]
        tare.packs = [first, second]
        order.packs = [tare]
        var looseItem = Self.item("3", [("VN", "WID-300")], shipped: "1", unit: "EA", x12: true)
        looseItem.hierarchyId = "8"
        order.items = [looseItem]
        var secondOrder = ShipmentOrder(orderNumber: "PO2")
        secondOrder.hierarchyId = "9"
        var item4 = Self.item("4", [("VN", "WID-400")], shipped: "2", unit: "EA", x12: true)
        item4.hierarchyId = "10"
        secondOrder.items = [item4]
        notice.orders = [order, secondOrder, ShipmentOrder(orderNumber: "PO3")]
        var topPack = Self.pack("pack", id: "11", sscc: nil, qualifier: "GM")
        topPack.marks = [Reference(qualifier: "CA", value: "BOX-7")]
        var item5 = Self.item("5", [("VN", "WID-500")], shipped: "3", unit: "EA", x12: true)
        item5.hierarchyId = "12"
        topPack.items = [item5]
        notice.packs = [topPack]
        notice.declaredHierarchyCount = 12
        notice.declaredQuantityTotal = d("1234583.89")
        try Self.expectRoundTrip(.shipNotice(notice), x12: true)
        try Self.expectRoundTrip(.shipNotice(notice), x12: true, envelope: Fx.x12Envelope(version: .v5010))

        // PO401 is a whole number (N0): a fractional pack size fails the self-check and nothing is returned.
        notice.orders[0].packs[0].packs[0].items[0].packSize = d("0.005")
        #expect {
            try OutboundRenderer.x12([.shipNotice(notice)], envelope: Fx.x12Envelope())
        } throws: { error in
            (error as? RenderError)?.code == .invalidOutput && "\(error)".contains("PO4")
        }
    }

    @Test func desadvWithSeveralPacksUnderOneOrder() throws {
        var notice = ShipNotice(shipmentNumber: "DES-9")
        notice.purpose = Purpose.edifact("9")
        notice.noticeDate = "2024-03-14"
        notice.noticeDateTime = "2024-03-14T15:30"
        notice.shipDate = "2024-03-14"
        notice.estimatedDeliveryDate = "2024-03-18"
        notice.estimatedDeliveryDateTime = "2024-03-18T09:15:30"
        notice.measurements = [
            ShipmentMeasurement(
                kind: "grossWeight", qualifier: "AAB", value: d("12.5"), unit: UnitOfMeasure(rec20: "KGM"))
        ]
        notice.references = [Reference(qualifier: "BM", value: "BOL+1")]
        notice.billOfLading = "BOL+1"
        notice.parties = [Fx.party("DP", "Store: 'Gent'", id: "5412345000044", qualifier: "9", x12: false)]
        var carrier = ShipmentCarrier()
        carrier.transportMethod = "30"
        carrier.code = "DHL"
        carrier.qualifier = "182"
        carrier.scheme = "SCAC"
        carrier.name = "DHL Freight"
        notice.carrier = carrier
        notice.packagingCode = "PX"
        notice.packageCount = 3
        var order = ShipmentOrder(orderNumber: "PO4500012345")
        order.orderDate = "2024-03-10"
        var tare = Self.pack("tare", id: "2", sscc: "006141410000000036", qualifier: "BJ")
        tare.packagingCode = "PX"
        tare.packageCount = 1
        tare.measurements = [
            ShipmentMeasurement(
                kind: "grossWeight", qualifier: "AAB", value: d("300.005"), unit: UnitOfMeasure(rec20: "KGM"))
        ]
        var first = Self.pack("pack", id: "3", sscc: "006141410000000012", qualifier: "BJ")
        first.packagingCode = "CT"
        first.packageCount = 1
        var item1 = Self.item(
            "1", [("EN", "4001234000015"), ("SA", "WID?100")], shipped: "10", unit: "PCE", x12: false)
        item1.description = "Blue widget + 'large': yes?"
        item1.orderedQuantity = d("12")
        item1.orderedUnit = UnitOfMeasure(rec20: "PCE")
        item1.orderNumber = "PO4500012345"
        item1.orderLineNumber = "1"
        first.items = [item1]
        var second = Self.pack("pack", id: "4", sscc: "006141410000000029", qualifier: "BJ")
        second.packagingCode = "CT"
        second.packageCount = 1
        second.items = [Self.item("2", [("EN", "4001234000022")], shipped: "1234567.89", unit: "PCE", x12: false)]
        tare.packs = [first, second]
        var third = Self.pack("pack", id: "5", sscc: "006141410000000043", qualifier: "BJ")
        third.packagingCode = "CT"
        third.packageCount = 2
        third.items = [Self.item("3", [("EN", "4001234000039")], shipped: "0.005", unit: "KGM", x12: false)]
        order.packs = [tare, third]
        order.items = [Self.item("4", [("EN", "4001234000046")], shipped: "1", unit: "PCE", x12: false)]
        notice.orders = [order]
        notice.declaredLineCount = 4
        try Self.expectRoundTrip(.shipNotice(notice), x12: false, envelope: Self.commaEnvelope)
        try Self.expectRoundTrip(.shipNotice(notice), x12: false)
    }

    // MARK: - Invoice

    static func charge(_ indicator: String, code: String, amount: String?, percent: String? = nil, text: String? = nil)
        -> AllowanceCharge
    {
        var charge = AllowanceCharge(indicator: indicator)
        charge.code = code
        charge.amount = amount.map { d($0) }
        charge.percent = percent.map { d($0) }
        charge.description = text
        return charge
    }

    static func tax(_ type: String, amount: String?, percent: String?, category: String?, taxable: String? = nil) -> Tax
    {
        var tax = Tax(type: type)
        tax.amount = amount.map { d($0) }
        tax.percent = percent.map { d($0) }
        tax.category = category
        tax.taxableAmount = taxable.map { d($0) }
        return tax
    }

    @Test func x12InvoiceWithAllowancesChargesTaxesAndTerms() throws {
        var invoice = Invoice(invoiceNumber: "INV-1")
        invoice.invoiceDate = "2024-03-15"
        invoice.orderNumber = "PO1"
        invoice.orderDate = "2024-03-10"
        invoice.invoiceType = InvoiceType.x12("DI")
        invoice.purpose = Purpose.x12("00")
        invoice.currency = "USD"
        invoice.shipDate = "2024-03-14"
        invoice.deliveryDate = "2024-03-16"
        invoice.references = [Reference(qualifier: "IA", value: "VEND-778")]
        invoice.parties = [
            Fx.party("RI", "Widget Works", id: "RI01", qualifier: "92", x12: true),
            Fx.party("BT", "Buyer Co HQ", id: "123456789", qualifier: "1", x12: true),
        ]
        var terms = PaymentTerms()
        terms.type = "08"
        terms.basis = "3"
        terms.discountPercent = d("2")
        terms.discountDays = 10
        terms.discountDueDate = "2024-03-25"
        terms.netDays = 30
        terms.netDueDate = "2024-04-14"
        terms.discountAmount = d("3.9")
        terms.description = "2% 10 Net 30"
        invoice.terms = [terms]
        var first = InvoiceLine(lineNumber: "1")
        first.quantity = d("1000")
        first.unit = UnitOfMeasure(x12: "EA")
        first.unitPrice = d("0.005")
        first.priceBasis = "PE"
        first.items = [
            ItemIdentifier(qualifier: "UP", value: "012345678905"), ItemIdentifier(qualifier: "VN", value: "W-1"),
        ]
        first.description = "Blue widget, large"
        first.lineAmount = d("5")
        first.taxes = [Self.tax("ST", amount: "0.35", percent: "7", category: "E")]
        var lineCharge = Self.charge("C", code: "H010", amount: "1.5", text: "Handling")
        lineCharge.taxes = [Self.tax("ST", amount: "0.1", percent: nil, category: nil)]
        first.allowancesCharges = [lineCharge, Self.charge("A", code: "C310", amount: "0.25")]
        var second = InvoiceLine(lineNumber: "2")
        second.quantity = d("1")
        second.unit = UnitOfMeasure(x12: "CA")
        second.unitPrice = d("1234567.89")
        second.items = [ItemIdentifier(qualifier: "VN", value: "W-2")]
        second.lineAmount = d("1234567.89")
        invoice.lines = [first, second]
        invoice.taxes = [Self.tax("ST", amount: "86420.10", percent: "7", category: nil)]
        invoice.allowancesCharges = [
            Self.charge("C", code: "D240", amount: "15"), Self.charge("A", code: "C310", amount: "5", percent: "0.5"),
        ]
        invoice.declaredTotalAmount = d("1321002.89")
        invoice.declaredLineCount = 2
        invoice.declaredQuantityTotal = d("1001")
        try Self.expectRoundTrip(.invoice(invoice), x12: true)
    }

    @Test func invoicWithDecimalCommaAndReleasedText() throws {
        var invoice = Invoice(invoiceNumber: "INV+2024:'1'?")
        invoice.invoiceType = InvoiceType.edifact("380")
        invoice.purpose = Purpose.edifact("9")
        invoice.invoiceDate = "2024-03-15"
        invoice.orderDate = "2024-03-10"
        invoice.deliveryDate = "2024-03-14"
        invoice.shipDate = "2024-03-13"
        invoice.orderNumber = "PO4500012345"
        invoice.currency = "EUR"
        invoice.references = [Reference(qualifier: "DQ", value: "DN-1")]
        var supplier = Fx.party("SU", "Widget Works N.V.", id: "5412345000013", qualifier: "9", x12: false)
        supplier.street = ["Kerkstraat 1"]
        supplier.city = "Gent"
        supplier.region = "VOV"
        supplier.postalCode = "9000"
        supplier.country = "BE"
        invoice.parties = [supplier, Fx.party("BY", nil, id: "5412345000037", qualifier: "9", x12: false)]
        var discount = PaymentTerms()
        discount.type = "22"
        discount.basis = "5"
        discount.discountDays = 10
        discount.discountPercent = d("2.5")
        discount.discountDueDate = "2024-03-25"
        discount.discountAmount = d("4.63")
        discount.description = "Skonto: 2,5% binnen 10 dagen"
        var net = PaymentTerms()
        net.type = "1"
        net.basis = "5"
        net.netDays = 30
        net.netDueDate = "2024-04-14"
        invoice.terms = [discount, net]
        var freight = Self.charge("C", code: "FC", amount: "12.5", percent: "0.005", text: "Freight + 'packing'")
        freight.taxes = [Self.tax("VAT", amount: "2.63", percent: "21", category: "S", taxable: "12.5")]
        invoice.allowancesCharges = [freight]
        var first = InvoiceLine(lineNumber: "1")
        first.items = [
            ItemIdentifier(qualifier: "EN", value: "4001234000015"), ItemIdentifier(qualifier: "SA", value: "W:1"),
        ]
        first.description = "Blue widget; large: 'heavy' + boxed?"
        first.quantity = d("10")
        first.unit = UnitOfMeasure(rec20: "PCE")
        first.lineAmount = d("120")
        first.unitPrice = d("12.5")
        first.priceBasis = "AAA"
        first.taxes = [Self.tax("VAT", amount: "25.2", percent: "21", category: "S", taxable: "120")]
        first.allowancesCharges = [Self.charge("A", code: "DI", amount: "5", percent: "4")]
        var second = InvoiceLine(lineNumber: "2")
        second.items = [ItemIdentifier(qualifier: "EN", value: "4001234000022")]
        second.quantity = d("0.005")
        second.unit = UnitOfMeasure(rec20: "KGM")
        second.unitPrice = d("1234567.89")
        // PRI 5125 is mandatory: a price without a basis goes out as AAA (and comes back so).
        second.priceBasis = "AAA"
        second.lineAmount = d("6172.84")
        invoice.lines = [first, second]
        invoice.declaredLineCount = 2
        invoice.declaredLineTotal = d("6292.84")
        invoice.declaredTaxableAmount = d("6305.34")
        invoice.declaredTaxAmount = d("1324.12")
        invoice.declaredTotalAmount = d("7629.46")
        invoice.taxes = [Self.tax("VAT", amount: "1324.12", percent: "21", category: "S", taxable: "6305.34")]
        try Self.expectRoundTrip(.invoice(invoice), x12: false, envelope: Self.commaEnvelope)
        try Self.expectRoundTrip(.invoice(invoice), x12: false, envelope: Fx.edifactEnvelope(syntaxVersion: 4))
    }

    // MARK: - Remittance

    static func adjustment(_ reason: String, _ amount: String?, _ references: [Reference] = []) -> RemittanceAdjustment
    {
        var adjustment = RemittanceAdjustment(reasonCode: reason, amount: amount.map { d($0) })
        adjustment.references = references
        return adjustment
    }

    @Test func x12RemittanceWithAdjustments() throws {
        var remittance = Remittance(paymentReference: "EFT-9")
        remittance.traceType = "1"
        remittance.traceNumber = "EFT-9"
        remittance.handlingCode = "I"
        remittance.handling = "remittanceOnly"
        remittance.paymentAmount = d("1234567.89")
        remittance.creditDebitCode = "C"
        remittance.paymentMethod = "CHK"
        remittance.paymentMethodMeaning = "check"
        remittance.paymentDate = "2024-03-20"
        remittance.originatingCompanyId = "1234567890"
        var originator = RemittanceBankAccount(role: "originator")
        originator.institutionQualifier = "01"
        originator.institutionId = "999999992"
        originator.accountQualifier = "DA"
        originator.accountNumber = "123456789"
        remittance.bankAccounts = [originator]
        remittance.currency = "USD"
        remittance.references = [Reference(qualifier: "CK", value: "10045")]
        remittance.dates = [RemittanceDate(qualifier: "097", date: "2024-03-19")]
        remittance.notes = ["Payment for March, see notes"]
        var payer = Fx.party("PR", "Buyer Co HQ", id: "BT01", qualifier: "92", x12: true, supply: true)
        payer.identifiers.append(Identifier(value: "TAX-1", qualifier: "TJ"))
        payer.street = ["1 Plaza"]
        payer.city = "Chicago"
        remittance.parties = [
            payer, Fx.party("PE", "Widget Works", id: "RI01", qualifier: "92", x12: true, supply: true),
        ]
        remittance.adjustments = [Self.adjustment("72", "-10.5", [Reference(qualifier: "IV", value: "INV-0")])]
        var first = RemittanceLine(referenceQualifier: "IV", referenceNumber: "INV-1")
        first.paymentActionCode = "PO"
        first.amountPaid = d("191.1")
        first.invoiceAmount = d("195")
        first.discountAmount = d("3.9")
        first.invoiceDate = "2024-03-15"
        first.dates = [RemittanceDate(qualifier: "809", date: "2024-03-16")]
        first.references = [Reference(qualifier: "PO", value: "PO1")]
        first.notes = ["short shipped"]
        first.adjustments = [
            Self.adjustment("01", "0.005"),
            Self.adjustment(
                "CS", "-2", [Reference(qualifier: "CM", value: "CM-1"), Reference(qualifier: "PO", value: "PO1")]),
        ]
        var second = RemittanceLine(referenceQualifier: "CM", referenceNumber: "CM-7")
        second.amountPaid = d("1234387.29")
        remittance.lines = [first, second]
        try Self.expectRoundTrip(.remittance(remittance), x12: true)
    }

    @Test func remadvWithAdjustmentsAndBankAccounts() throws {
        var remittance = Remittance(paymentReference: "RA-2024?031")
        remittance.adviceNumber = "RA-2024?031"
        remittance.purpose = Purpose.edifact("9")
        remittance.adviceDate = "2024-03-19"
        remittance.paymentDate = "2024-03-20"
        remittance.dates = [RemittanceDate(qualifier: "209", date: "2024-03-21")]
        remittance.references = [Reference(qualifier: "PQ", value: "TRACE+1")]
        remittance.traceNumber = "TRACE+1"
        var account = RemittanceBankAccount(role: "receiver")
        account.originalRole = "RB"
        account.accountNumber = "BE71096123456769"
        account.accountHolder = "Widget Works"
        account.institutionId = "GKCCBEBB"
        account.institutionQualifier = "17"
        remittance.bankAccounts = [account]
        remittance.paymentMethod = "31"
        remittance.paymentMethodMeaning = "debitTransfer"
        remittance.notes = ["Settlement: March + April 'batch' ?"]
        remittance.parties = [
            Fx.party("PR", "Buyer Co", id: "5412345000037", qualifier: "9", x12: false, supply: true),
            Fx.party("PE", nil, id: "5412345000013", qualifier: "9", x12: false, supply: true),
        ]
        remittance.currency = "EUR"
        var first = RemittanceLine(referenceQualifier: "380", referenceNumber: "INV-88001")
        first.invoiceAmount = d("195")
        first.amountPaid = d("191.1")
        first.discountAmount = d("3.9")
        first.invoiceDate = "2024-03-15"
        first.references = [Reference(qualifier: "ON", value: "PO1")]
        first.adjustments = [
            Self.adjustment("1", "-0.005", [Reference(qualifier: "ACW", value: "CN:1")]), Self.adjustment("5", nil),
        ]
        var second = RemittanceLine(referenceQualifier: "381", referenceNumber: "CN-1")
        second.amountPaid = d("-1234567.89")
        remittance.lines = [first, second]
        remittance.paymentAmount = d("-1234376.79")
        try Self.expectRoundTrip(.remittance(remittance), x12: false, envelope: Self.commaEnvelope)
    }

    // MARK: - Warehouse

    @Test func warehouseShippingOrderWithSeveralLines() throws {
        var order = WarehouseShippingOrder(
            orderNumber: "ORD-1", purpose: WarehouseShippingOrder.purpose(forStatus: "N"))
        order.purchaseOrderNumber = "PO1"
        order.dates = [
            WarehouseDate(qualifier: "10", date: "2024-03-14"), WarehouseDate(qualifier: "02", date: "2024-03-16"),
        ]
        order.requestedShipDate = "2024-03-14"
        order.requestedDeliveryDate = "2024-03-16"
        var shipTo = Fx.party("ST", "Acme Store 12", id: "0012", qualifier: "92", x12: true, supply: true)
        shipTo.street = ["12 Market Ave"]
        shipTo.city = "Springfield"
        shipTo.region = "IL"
        shipTo.postalCode = "62702"
        shipTo.country = "US"
        order.parties = [shipTo, Fx.party("WH", "DC East", id: "DC1", qualifier: "92", x12: true, supply: true)]
        order.references = [Reference(qualifier: "DP", value: "042")]
        order.notes = ["Deliver to dock 4, ring twice"]
        var carrier = WarehouseCarrier()
        carrier.paymentMethod = "CC"
        carrier.paymentMethodMeaning = "collect"
        carrier.transportationMethod = "M"
        carrier.transportationMethodMeaning = "motor"
        carrier.routing = "FASTEST"
        carrier.codMethod = "C"
        carrier.codAmount = d("1234567.89")
        carrier.scac = "ABCD"
        order.carrier = carrier
        var first = WarehouseOrderLine(lineNumber: "1")
        first.quantityOrdered = d("10")
        first.unit = UnitOfMeasure(x12: "EA")
        first.items = [
            ItemIdentifier(qualifier: "UA", value: "012345678905"), ItemIdentifier(qualifier: "VN", value: "WID-100"),
            ItemIdentifier(qualifier: "SK", value: "SKU-1"), ItemIdentifier(qualifier: "BP", value: "B-1"),
        ]
        first.lotNumber = "LOT-7"
        first.description = "Blue widget, large"
        first.references = [Reference(qualifier: "LI", value: "001")]
        var second = WarehouseOrderLine(lineNumber: "2")
        second.quantityOrdered = d("0.005")
        second.unit = UnitOfMeasure(x12: "LB")
        second.items = [ItemIdentifier(qualifier: "VN", value: "WID-200")]
        order.lines = [first, second]
        order.declaredQuantityTotal = d("10.005")
        order.declaredWeight = d("24.5")
        order.weightUnit = UnitOfMeasure(x12: "LB")
        try Self.expectRoundTrip(.warehouseShippingOrder(order), x12: true)
    }

    @Test func warehouseShipmentAdviceWithSeveralLines() throws {
        var advice = WarehouseShipmentAdvice(shipmentNumber: "SHIP-1")
        advice.reportingCode = "F"
        advice.depositorOrderNumber = "ORD-1"
        advice.shipDate = "2024-03-14"
        advice.agentShipmentId = "AG-1"
        advice.purchaseOrderNumber = "PO1"
        advice.dates = [WarehouseDate(qualifier: "11", date: "2024-03-14")]
        advice.parties = [Fx.party("ST", "Acme Store 12", id: "0012", qualifier: "92", x12: true, supply: true)]
        advice.references = [Reference(qualifier: "BM", value: "BOL-1")]
        advice.notes = ["Left at gate"]
        var carrier = WarehouseCarrier()
        carrier.transportationMethod = "U"
        carrier.transportationMethodMeaning = "privateParcel"
        carrier.scac = "UPSN"
        carrier.routing = "GROUND"
        carrier.paymentMethod = "PP"
        carrier.paymentMethodMeaning = "prepaid"
        advice.carrier = carrier
        var first = WarehouseShipmentLine(lineNumber: "1")
        first.status = "CC"
        first.statusMeaning = "complete"
        first.quantityOrdered = d("10")
        first.quantityShipped = d("10")
        first.unit = UnitOfMeasure(x12: "EA")
        first.items = [
            ItemIdentifier(qualifier: "UA", value: "012345678905"),
            ItemIdentifier(qualifier: "UA", value: "012345678912"),
            ItemIdentifier(qualifier: "VN", value: "WID-100"), ItemIdentifier(qualifier: "SK", value: "SKU-1"),
        ]
        first.lotNumber = "LOT-7"
        first.weight = d("12.25")
        first.weightQualifier = "G"
        first.weightUnitCode = "L"
        first.description = "Blue widget, large"
        first.references = [Reference(qualifier: "LT", value: "LOT-7")]
        var second = WarehouseShipmentLine(lineNumber: "2")
        second.status = "CP"
        second.statusMeaning = "partialNoBackorder"
        second.quantityOrdered = d("2")
        second.quantityShipped = d("1.005")
        second.quantityDifference = d("0.995")
        second.unit = UnitOfMeasure(x12: "CA")
        second.items = [ItemIdentifier(qualifier: "VN", value: "WID-200")]
        advice.lines = [first, second]
        advice.declaredUnitsShipped = d("11.005")
        advice.declaredWeight = d("1234567.89")
        advice.weightUnit = UnitOfMeasure(x12: "LB")
        try Self.expectRoundTrip(.warehouseShipmentAdvice(advice), x12: true)
    }
}

private func d(_ text: String) -> ExactDecimal { OutboundFixtures.decimal(text) }
