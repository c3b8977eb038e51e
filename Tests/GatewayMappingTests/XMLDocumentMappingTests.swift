import CanonicalModel
import Foundation
import Testing

@testable import GatewayMapping

/// cXML ConfirmationRequest, ShipNoticeRequest, InvoiceDetailRequest and UBL OrderResponse, DespatchAdvice,
/// Invoice, RemittanceAdvice to their canonical events (primer §4.2, §4.3, §4.4, §4.6, §5.3): the samples
/// against the primer's values, the corpus files against values read off each file.
@Suite struct XMLDocumentMappingTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let corpus = root.deletingLastPathComponent().appendingPathComponent("shared/corpus/xml")
    static let context = MappingContext(partner: "sellerco", time: "2024-03-15T09:00:00Z", fileSHA256: "abc")

    enum Failure: Error { case wrongDocument(String) }

    static func event(_ url: URL) throws -> CloudEvent {
        let translation = Translator.translateXML([UInt8](try Data(contentsOf: url)), context: context)
        #expect(translation.issues.isEmpty, "\(translation.issues)")
        #expect(translation.events.count == 1)
        return try #require(translation.events.first)
    }

    static func sample(_ name: String) throws -> CloudEvent {
        try event(root.appendingPathComponent("Samples/xml/\(name)"))
    }

    /// The corpus file's event, or nil (with a notice) when the corpus is absent.
    static func corpusEvent(_ name: String) throws -> CloudEvent? {
        let url = corpus.appendingPathComponent(name)
        guard FileManager.default.fileExists(atPath: url.path) else {
            print("notice: \(url.path) absent; corpus test skipped")
            return nil
        }
        return try event(url)
    }

    static func ack(_ event: CloudEvent) throws -> OrderAck {
        guard case .orderAck(let ack) = event.data else { throw Failure.wrongDocument(event.type) }
        return ack
    }

    static func notice(_ event: CloudEvent) throws -> ShipNotice {
        guard case .shipNotice(let notice) = event.data else { throw Failure.wrongDocument(event.type) }
        return notice
    }

    static func invoice(_ event: CloudEvent) throws -> Invoice {
        guard case .invoice(let invoice) = event.data else { throw Failure.wrongDocument(event.type) }
        return invoice
    }

    static func remittance(_ event: CloudEvent) throws -> Remittance {
        guard case .remittance(let remittance) = event.data else { throw Failure.wrongDocument(event.type) }
        return remittance
    }

    static func decimal(_ text: String) -> ExactDecimal? { ExactDecimal(text) }

    // MARK: Samples (primer values)

    @Test func cxmlConfirmationGivesThePrimersValues() throws {
        let event = try Self.sample("cxml-confirmation.xml")
        #expect(event.type == "edigate.order-ack.v1" && event.subject == "PO4500012345")
        #expect(event.ediinterchange == "20240311140200.5001@sellerco.example" && event.edistandard == "XML")
        let ack = try Self.ack(event)
        #expect(ack.orderNumber == "PO4500012345" && ack.orderDate == "2024-03-10")
        #expect(ack.sellerOrderNumber == "SO-7781" && ack.ackDate == "2024-03-11")
        #expect(ack.ackType == AckType(code: "detail", meaning: "detailAndChange"))
        #expect(ack.purpose?.meaning == "original")
        #expect(ack.parties.first { $0.role == "seller" }?.identifiers.first?.value == "SELLERCO")
        #expect(ack.lines.count == 2)
        let first = ack.lines[0]
        #expect(first.lineNumber == "1" && first.status?.meaning == "accepted")
        #expect(first.orderedQuantity == ExactDecimal(10) && first.confirmedQuantity == ExactDecimal(10))
        #expect(first.unit?.rec20 == "EA" && first.confirmedShipDate == "2024-03-18")
        let second = ack.lines[1]
        #expect(second.status == AckLineStatus(code: "detail", meaning: "acceptedWithChanges"))
        #expect(second.orderedQuantity == ExactDecimal(4) && second.confirmedQuantity == ExactDecimal(2))
        #expect(second.unit?.rec20 == "CS" && second.confirmedUnit?.rec20 == "CS")
        #expect(second.confirmedShipDate == "2024-03-18")
    }

    @Test func cxmlShipNoticeGivesThePrimersValues() throws {
        let event = try Self.sample("cxml-ship-notice.xml")
        #expect(event.type == "edigate.ship-notice.v1" && event.subject == "SHIP5501")
        let notice = try Self.notice(event)
        #expect(notice.shipmentNumber == "SHIP5501" && notice.purpose?.meaning == "original")
        #expect(notice.shipDate == "2024-03-14" && notice.shipDateTime == "2024-03-14T15:30:00")
        #expect(notice.noticeDateTime == "2024-03-14T15:35:00" && notice.estimatedDeliveryDate == "2024-03-18")
        #expect(notice.carrier?.code == "UPSN" && notice.carrier?.scheme == "SCAC")
        #expect(notice.billOfLading == "BOL778899")
        let shipTo = try #require(notice.parties.first { $0.role == "shipTo" })
        #expect(shipTo.identifiers.first?.value == "0012" && shipTo.name == "Acme Store 12")
        let shipFrom = try #require(notice.parties.first { $0.role == "shipFrom" })
        #expect(shipFrom.identifiers.first?.value == "WW01" && shipFrom.name == "Widget Works")
        #expect(notice.orders.map(\.orderNumber) == ["PO4500012345"])
        #expect(notice.orders.first?.orderDate == "2024-03-10")
        let packs = notice.allPacks
        #expect(packs.map(\.sscc) == ["006141410000000012", "006141410000000029"])
        #expect(packs.allSatisfy { $0.ssccCheckDigitValid == true })
        #expect(packs.map { $0.items.map(\.lineNumber) } == [["1"], ["2"]])
        let items = notice.allItems
        #expect(items.count == 2)
        #expect(items.map(\.shippedQuantity) == [ExactDecimal(10), ExactDecimal(2)])
        #expect(items.map { $0.unit?.rec20 } == ["EA", "CS"])
        #expect(items.map { $0.items.first?.value } == ["WID-100", "WID-200"])
    }

    @Test func cxmlInvoiceGivesThePrimersValues() throws {
        let event = try Self.sample("cxml-invoice.xml")
        #expect(event.type == "edigate.invoice.v1" && event.subject == "INV-88001")
        let invoice = try Self.invoice(event)
        #expect(invoice.invoiceNumber == "INV-88001" && invoice.invoiceDate == "2024-03-15")
        #expect(invoice.invoiceType == InvoiceType(code: "standard", meaning: "invoice"))
        #expect(invoice.orderNumber == "PO4500012345" && invoice.orderDate == "2024-03-10")
        #expect(invoice.currency == "USD" && invoice.shipDate == "2024-03-14")
        #expect(invoice.references.contains(Reference(qualifier: "vendorNumber", value: "VEND-778")))
        for (role, id) in [("remitTo", "RI01"), ("billTo", "BT01"), ("shipTo", "0012")] {
            #expect(invoice.parties.first { $0.role == role }?.identifiers.first?.value == id, "\(role)")
        }
        #expect(invoice.terms.count == 2)
        #expect(invoice.terms.first?.discountPercent == ExactDecimal(2) && invoice.terms.first?.discountDays == 10)
        #expect(invoice.terms.last?.netDays == 30)
        #expect(invoice.lines.count == 2)
        #expect(invoice.lines.map(\.quantity) == [ExactDecimal(10), ExactDecimal(2)])
        #expect(invoice.lines.map(\.unitPrice) == [Self.decimal("12.50"), ExactDecimal(30)])
        #expect(invoice.lines.map(\.lineAmount) == [ExactDecimal(125), ExactDecimal(60)])
        #expect(invoice.lines.map { $0.unit?.rec20 } == ["EA", "CS"])
        #expect(invoice.lines.first?.items.first?.value == "WID-100")
        let charges = invoice.allowancesCharges.map { "\($0.kind) \($0.code ?? "") \($0.amount?.description ?? "")" }
        #expect(charges == ["charge ShippingAmount 15", "allowance InvoiceDetailDiscount 5"])
        #expect(invoice.declaredLineTotal == ExactDecimal(185) && invoice.computedLineTotal == ExactDecimal(185))
        #expect(invoice.declaredTaxAmount == ExactDecimal(0))
        // 185 + 15 - 5 = 195, as declared (NetAmount).
        #expect(invoice.declaredTotalAmount == ExactDecimal(195) && invoice.computedTotalAmount == ExactDecimal(195))
        #expect(invoice.declaredPayableAmount == ExactDecimal(195))
    }

    @Test func ublInvoiceGivesThePrimersValues() throws {
        let event = try Self.sample("ubl-invoice.xml")
        #expect(event.subject == "INV-88001" && event.ediinterchange == "INV-88001")
        let invoice = try Self.invoice(event)
        #expect(invoice.invoiceDate == "2024-03-15" && invoice.invoiceType?.meaning == "invoice")
        #expect(invoice.currency == "EUR" && invoice.orderNumber == "PO4500012345")
        #expect(invoice.deliveryDate == "2024-03-14" && invoice.terms.first?.netDueDate == "2024-04-14")
        #expect(invoice.parties.map(\.role) == ["seller", "billTo"])
        #expect(invoice.parties.map { $0.identifiers.first?.scheme } == ["GLN", "GLN"])
        #expect(invoice.lines.count == 2)
        let first = invoice.lines[0]
        #expect(first.quantity == ExactDecimal(10) && first.unit?.rec20 == "EA")
        #expect(first.lineAmount == ExactDecimal(125) && first.unitPrice == Self.decimal("12.5"))
        #expect(first.items.first { $0.kind == "gtin" }?.gtin14 == "04001234000015")
        #expect(first.taxes.first?.percent == ExactDecimal(19) && first.taxes.first?.category == "S")
        #expect(invoice.lines[1].lineAmount == ExactDecimal(60))
        let tax = try #require(invoice.taxes.first)
        #expect(tax.type == "VAT" && tax.amount == Self.decimal("35.15") && tax.taxableAmount == ExactDecimal(185))
        #expect(invoice.declaredLineTotal == ExactDecimal(185) && invoice.declaredTaxableAmount == ExactDecimal(185))
        #expect(invoice.declaredTaxAmount == Self.decimal("35.15"))
        // 185 + 35.15 = 220.15, as declared.
        #expect(invoice.declaredTotalAmount == Self.decimal("220.15"))
        #expect(invoice.computedTotalAmount == Self.decimal("220.15"))
    }

    @Test func ublDespatchAdviceGivesThePrimersValues() throws {
        let event = try Self.sample("ubl-despatch-advice.xml")
        #expect(event.type == "edigate.ship-notice.v1" && event.subject == "DES5501")
        let notice = try Self.notice(event)
        #expect(notice.noticeDate == "2024-03-14" && notice.shipDate == "2024-03-14")
        #expect(notice.shipDateTime == "2024-03-14T15:30:00" && notice.estimatedDeliveryDate == "2024-03-18")
        #expect(notice.packageCount == 2 && notice.carrier?.code == "UPSN")
        #expect(notice.measurements.first?.value == Self.decimal("24.5"))
        #expect(notice.parties.map(\.role) == ["shipFrom", "shipTo"])
        #expect(notice.parties.map { $0.identifiers.first?.value } == ["5412345000013", "5412345000044"])
        #expect(notice.orders.map(\.orderNumber) == ["PO4500012345"])
        #expect(notice.orders.first?.orderDate == "2024-03-10")
        let items = notice.allItems
        #expect(items.count == 2)
        #expect(items.map(\.shippedQuantity) == [ExactDecimal(10), ExactDecimal(2)])
        #expect(items.map { $0.items.first { $0.kind == "gtin" }?.gtin14 } == ["04001234000015", "04001234000022"])
        #expect(items.map(\.orderLineNumber) == ["1", "2"])
    }

    @Test func ublRemittanceAdviceGivesThePrimersValues() throws {
        let event = try Self.sample("ubl-remittance-advice.xml")
        #expect(event.type == "edigate.remittance.v1" && event.subject == "RA-2024-031")
        let remittance = try Self.remittance(event)
        #expect(remittance.adviceNumber == "RA-2024-031" && remittance.adviceDate == "2024-03-19")
        #expect(remittance.paymentAmount == Self.decimal("1225.50") && remittance.currency == "EUR")
        #expect(remittance.paymentDate == "2024-03-20" && remittance.traceNumber == "EFT000123")
        #expect(remittance.paymentMethodMeaning == "creditTransfer")
        #expect(remittance.parties.map(\.role) == ["payer", "seller"])
        #expect(remittance.lines.map(\.referenceNumber) == ["INV-88001", "INV-88002"])
        #expect(remittance.lines.map(\.referenceType) == ["invoice", "invoice"])
        #expect(remittance.lines.map(\.amountPaid) == [Self.decimal("191.10"), Self.decimal("1034.40")])
        #expect(remittance.lines.map(\.invoiceDate) == ["2024-03-15", "2024-03-16"])
        // 191.10 + 1034.40 = 1225.50, as declared.
        #expect(remittance.computedPaymentAmount == remittance.paymentAmount)
        #expect(remittance.bankAccounts.first?.role == "receiver")
    }

    @Test func ublOrderResponseGivesThePrimersValues() throws {
        let event = try Self.sample("ubl-order-response.xml")
        #expect(event.type == "edigate.order-ack.v1" && event.subject == "PO4500012345")
        #expect(event.ediinterchange == "RSP-7781")
        let ack = try Self.ack(event)
        #expect(ack.orderDate == "2024-03-10" && ack.ackDate == "2024-03-11" && ack.sellerOrderNumber == "SO-7781")
        #expect(ack.ackType?.meaning == "change" && ack.currency == "EUR")
        #expect(ack.lines.count == 2)
        #expect(ack.lines.map(\.confirmedQuantity) == [ExactDecimal(10), ExactDecimal(2)])
        #expect(ack.lines.map(\.confirmedDeliveryDate) == ["2024-03-18", "2024-03-18"])
        #expect(ack.lines[1].status?.meaning == "changed")
    }

    @Test func ublPrefixesAndVersionDoNotMatter() throws {
        let text = """
            <x:Invoice xmlns:x="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"
              xmlns:a="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
              xmlns="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">
             <UBLVersionID>2.0</UBLVersionID><ID>I-1</ID><IssueDate>2024-01-02</IssueDate>
             <a:InvoiceLine><ID>1</ID><InvoicedQuantity unitCode="EA">3</InvoicedQuantity>
              <LineExtensionAmount currencyID="EUR">6</LineExtensionAmount></a:InvoiceLine>
            </x:Invoice>
            """
        let translation = Translator.translateXML(Array(text.utf8), context: Self.context)
        let event = try #require(translation.events.first)
        let invoice = try Self.invoice(event)
        #expect(invoice.invoiceNumber == "I-1" && invoice.invoiceDate == "2024-01-02" && invoice.lines.count == 1)
        #expect(invoice.computedLineTotal == ExactDecimal(6) && invoice.currency == nil)
    }

    @Test func theSenderIsTheSendingParty() throws {
        for (name, sender) in [
            ("cxml-confirmation.xml", "SELLERCO"), ("cxml-invoice.xml", "SELLERCO"),
            ("ubl-invoice.xml", "5412345000013"),
            ("ubl-despatch-advice.xml", "5412345000013"), ("ubl-order-response.xml", "5412345000013"),
            ("ubl-remittance-advice.xml", "5412345000037"),
        ] {
            let bytes = [UInt8](try Data(contentsOf: Self.root.appendingPathComponent("Samples/xml/\(name)")))
            #expect(Translator.xmlSender(bytes) == sender, "\(name)")
        }
    }

    @Test func documentsWithoutTheirNumberAreRejected() {
        for text in [
            "<cXML payloadID=\"p\"><Request><ShipNoticeRequest/></Request></cXML>",
            "<Invoice xmlns=\"urn:oasis:names:specification:ubl:schema:xsd:Invoice-2\"/>",
            "<OrderResponse xmlns=\"urn:oasis:names:specification:ubl:schema:xsd:OrderResponse-2\"><ID>1</ID>"
                + "</OrderResponse>",
        ] {
            let translation = Translator.translateXML(Array(text.utf8), context: Self.context)
            #expect(translation.events.isEmpty)
            #expect(translation.issues.map(\.code) == [.xmlRejected], "\(text)")
        }
    }

    // MARK: Corpus (values read off each file)

    @Test func corpusCXMLShipNotice() throws {
        guard let event = try Self.corpusEvent("cxmlphp_ShipNoticeRequest.xml") else { return }
        #expect(event.ediinterchange == "0c30050@supplierorg.com")
        let notice = try Self.notice(event)
        #expect(notice.shipmentNumber == "S2-123" && notice.noticeDate == "2000-10-14")
        #expect(notice.shipDate == "2000-10-14" && notice.shipDateTime == "2000-10-14T08:30:19")
        #expect(notice.estimatedDeliveryDate == "2000-10-18")
        #expect(notice.carrier?.code == "FDE" && notice.carrier?.scheme == "SCAC")
        #expect(notice.carrier?.name == "Federal Express" && notice.billOfLading == "8202 8261 1194")
        #expect(notice.orders.map(\.orderNumber) == ["DO1234"])
        #expect(notice.allItems.isEmpty)
    }

    @Test func corpusCXMLConfirmation() throws {
        guard let event = try Self.corpusEvent("cxmlrb_request_doc.xml") else { return }
        #expect(event.ediinterchange == "1346769469000.process.162998590@officedepot.com")
        let ack = try Self.ack(event)
        #expect(ack.orderNumber == "400-2591453-0" && ack.ackDate == "2012-09-04")
        #expect(ack.sellerOrderNumber == nil && ack.ackType?.code == "detail" && ack.currency == "USD")
        #expect(ack.references.contains(Reference(qualifier: "invoiceID", value: "623612976001")))
        #expect(ack.lines.count == 3)
        #expect(ack.lines.map(\.orderedQuantity) == [ExactDecimal(20), ExactDecimal(12), ExactDecimal(2)])
        #expect(ack.lines.map(\.confirmedQuantity) == [ExactDecimal(20), ExactDecimal(12), ExactDecimal(2)])
        #expect(ack.lines.map { $0.unit?.rec20 } == ["RM", "BX", "EA"])
        #expect(ack.lines.map(\.unitPrice) == [Self.decimal("4.44"), Self.decimal("1.52"), Self.decimal("4.14")])
        #expect(ack.lines.allSatisfy { $0.status?.meaning == "accepted" && $0.confirmedShipDate == "2012-09-05" })
        #expect(ack.lines.first?.items.first?.value == "751441")
        let shipTo = try #require(ack.parties.first { $0.role == "shipTo" })
        #expect(shipTo.name == "HOSPITAL BUILDING" && shipTo.city == "Royal Oak" && shipTo.postalCode == "48073")
    }

    @Test func corpusCXMLInvoiceBackedByMultiplePOs() throws {
        guard let event = try Self.corpusEvent("cxmlrb_invoice_backed_by_multiple_pos.xml") else { return }
        let invoice = try Self.invoice(event)
        #expect(invoice.invoiceNumber == "INV00001" && invoice.invoiceDate == "2010-12-16")
        #expect(invoice.currency == "USD" && invoice.orderNumber == nil)
        #expect(invoice.references.map(\.value) == ["2252", "2253"])
        #expect(invoice.terms.first?.netDays == 30)
        #expect(invoice.lines.count == 2)
        #expect(invoice.lines.map(\.quantity) == [ExactDecimal(2), ExactDecimal(2)])
        #expect(invoice.lines.map(\.lineAmount) == [ExactDecimal(200), ExactDecimal(20)])
        #expect(invoice.lines.map(\.description) == ["Item1", "Test Item"])
        #expect(invoice.declaredLineTotal == ExactDecimal(220) && invoice.computedLineTotal == ExactDecimal(220))
        // The file declares a NetAmount of 0; the lines, with no tax or charges, come to 220.
        #expect(invoice.declaredTotalAmount == ExactDecimal(0) && invoice.computedTotalAmount == ExactDecimal(220))
    }

    @Test func corpusCXMLInvoiceWithLineTaxes() throws {
        guard let event = try Self.corpusEvent("cxmlrb_invoice_taxes_at_line_multiple_taxes.xml") else { return }
        let invoice = try Self.invoice(event)
        #expect(invoice.invoiceNumber == "new_cxml_invoice")
        // `invoiceDate="invoice_date"` and `currency="currency_code"` are placeholders, not values.
        #expect(invoice.invoiceDate == nil && invoice.currency == nil)
        #expect(invoice.lines.count == 1)
        let line = try #require(invoice.lines.first)
        #expect(line.quantity == ExactDecimal(1) && line.lineAmount == ExactDecimal(10))
        #expect(line.items.first?.value == "part-id" && line.description == "Goods")
        #expect(line.taxes.map(\.type) == ["HST"] && line.taxes.first?.amount == Self.decimal("1.3"))
        #expect(line.taxes.first?.percent == ExactDecimal(13))
        #expect(invoice.taxes.map(\.type) == ["foo", "HST", "GST", "HST", "QST"])
        #expect(invoice.declaredLineTotal == Self.decimal("11.3") && invoice.declaredTotalAmount == nil)
        let charges = invoice.allowancesCharges.map { "\($0.kind) \($0.amount?.description ?? "")" }
        #expect(charges == ["charge 10", "charge 10", "allowance 123"])
        // 10 + 10 + 10 - 123 + (0 + 1.30 + 0.50 + 1.30 + 1.00) = -88.9
        #expect(invoice.computedTotalAmount == Self.decimal("-88.9"))
        #expect(invoice.terms.first?.discountPercent == ExactDecimal(1) && invoice.terms.first?.discountDays == 1)
        for role in ["seller", "remitTo", "billTo", "shipFrom", "shipTo"] {
            #expect(invoice.parties.contains { $0.role == role }, "\(role)")
        }
    }

    @Test func corpusUBLOrderResponse() throws {
        guard let event = try Self.corpusEvent("phubl_UBL-OrderResponse-2.1-Example.xml") else { return }
        #expect(event.ediinterchange == "7" && event.subject == "34")
        let ack = try Self.ack(event)
        #expect(ack.orderNumber == "34" && ack.ackDate == "2010-01-21" && ack.currency == "SEK")
        #expect(ack.sellerOrderNumber == "7")
        #expect(ack.lines.count == 2)
        #expect(ack.lines.map { $0.status?.code } == ["NoStatus", "Disputed"])
        #expect(ack.parties.first { $0.role == "seller" }?.name == "Moderna Produkter AB")
        #expect(ack.parties.first { $0.role == "buyer" }?.identifiers.first?.value == "7300070011115")
    }

    /// Lines that name their transport handling unit become packs (by unit ID; an SSCC is checked), under
    /// their order; a line in no unit stays an item of the order.
    @Test func ublDespatchLinesInHandlingUnitsBecomePacks() throws {
        let xml = """
            <DespatchAdvice xmlns="urn:oasis:names:specification:ubl:schema:xsd:DespatchAdvice-2"
              xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
              xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">
              <cbc:ID>DA-7</cbc:ID><cbc:IssueDate>2024-04-10</cbc:IssueDate>
              <cac:OrderReference><cbc:ID>PO-7</cbc:ID></cac:OrderReference>
              <cac:DespatchLine><cbc:ID>1</cbc:ID><cbc:DeliveredQuantity unitCode="EA">4</cbc:DeliveredQuantity>
                <cac:Item><cbc:Name>Mug</cbc:Name></cac:Item>
                <cac:Shipment><cbc:ID>1</cbc:ID><cac:TransportHandlingUnit><cbc:ID schemeID="SSCC">003123456789012345</cbc:ID>
                  <cbc:TransportHandlingUnitTypeCode>PX</cbc:TransportHandlingUnitTypeCode></cac:TransportHandlingUnit></cac:Shipment>
              </cac:DespatchLine>
              <cac:DespatchLine><cbc:ID>2</cbc:ID><cbc:DeliveredQuantity unitCode="EA">2</cbc:DeliveredQuantity>
                <cac:Item><cbc:Name>Plate</cbc:Name></cac:Item>
                <cac:Shipment><cbc:ID>1</cbc:ID><cac:TransportHandlingUnit><cbc:ID schemeID="SSCC">003123456789012345</cbc:ID></cac:TransportHandlingUnit></cac:Shipment>
              </cac:DespatchLine>
              <cac:DespatchLine><cbc:ID>3</cbc:ID><cbc:DeliveredQuantity unitCode="EA">1</cbc:DeliveredQuantity>
                <cac:Item><cbc:Name>Bowl</cbc:Name></cac:Item>
              </cac:DespatchLine>
            </DespatchAdvice>
            """
        let translation = Translator.translateXML(Array(xml.utf8), context: Self.context)
        let notice = try Self.notice(try #require(translation.events.first))
        let order = try #require(notice.orders.first)
        #expect(order.orderNumber == "PO-7")
        #expect(order.packs.count == 1)
        let pack = try #require(order.packs.first)
        #expect(pack.sscc == "003123456789012345" && pack.packagingCode == "PX")
        #expect(pack.marks == [Reference(qualifier: "SSCC", value: "003123456789012345")])
        #expect(pack.items.map(\.lineNumber) == ["1", "2"])
        #expect(order.items.map(\.lineNumber) == ["3"])
        #expect(notice.allItems.count == 3)
    }

    @Test func corpusUBLDespatchAdvice() throws {
        guard let event = try Self.corpusEvent("phubl_UBL-DespatchAdvice-2.0-Example.xml") else { return }
        let notice = try Self.notice(event)
        #expect(notice.shipmentNumber == "565899" && notice.noticeDate == "2005-06-20")
        #expect(notice.orders.map(\.orderNumber) == ["AEG012345"] && notice.orders.first?.orderDate == "2005-06-20")
        let items = notice.allItems
        #expect(items.count == 1)
        let item = try #require(items.first)
        #expect(item.shippedQuantity == ExactDecimal(90) && item.unit?.rec20 == "KGM")
        #expect(item.orderLineNumber == "1" && item.description == "beeswax")
        #expect(item.items.map(\.value) == ["6578489", "17589683"])
        #expect(notice.parties.first { $0.role == "shipFrom" }?.name == "Consortial")
        #expect(notice.parties.first { $0.role == "shipTo" }?.city == "Bridgtow")
    }

    @Test func corpusUBLInvoice20WithOtherPrefixes() throws {
        guard let event = try Self.corpusEvent("phubl_UBL-Invoice-2.0-Example-NS2.xml") else { return }
        let invoice = try Self.invoice(event)
        #expect(invoice.invoiceNumber == "A00095678" && invoice.invoiceDate == "2005-06-21")
        #expect(invoice.invoiceType?.code == "SalesInvoice" && invoice.orderNumber == "AEG012345")
        #expect(invoice.currency == "GBP" && invoice.lines.count == 1)
        let line = try #require(invoice.lines.first)
        #expect(line.quantity == ExactDecimal(100) && line.unit?.rec20 == "KGM" && line.unitPrice == ExactDecimal(1))
        #expect(line.lineAmount == ExactDecimal(100))
        #expect(invoice.allowancesCharges.map(\.kind) == ["allowance"])
        #expect(invoice.declaredLineTotal == ExactDecimal(100) && invoice.declaredTaxableAmount == ExactDecimal(90))
        #expect(invoice.declaredTaxAmount == Self.decimal("17.50"))
        // No TaxInclusiveAmount: the declared total is the PayableAmount. 100 - 10 + 17.50 = 107.50.
        #expect(invoice.declaredTotalAmount == Self.decimal("107.50"))
        #expect(invoice.computedTotalAmount == Self.decimal("107.50"))
    }

    @Test func corpusUBLInvoice21() throws {
        guard let event = try Self.corpusEvent("phubl_UBL-Invoice-2.1-Example.xml") else { return }
        let invoice = try Self.invoice(event)
        #expect(invoice.invoiceNumber == "TOSL108" && invoice.invoiceDate == "2009-12-15")
        #expect(invoice.invoiceType?.meaning == "invoice" && invoice.currency == "EUR" && invoice.orderNumber == "123")
        #expect(invoice.lines.count == 5)
        #expect(
            invoice.lines.map(\.lineAmount) == [
                ExactDecimal(1273), Self.decimal("-3.96"), Self.decimal("4.96"), ExactDecimal(-25),
                Self.decimal("187.5"),
            ])
        #expect(
            invoice.declaredLineTotal == Self.decimal("1436.5") && invoice.computedLineTotal == Self.decimal("1436.5"))
        #expect(invoice.declaredTaxAmount == Self.decimal("292.20"))
        #expect(invoice.declaredTotalAmount == ExactDecimal(1729))
        // 1729 less the 1000 prepaid (the 0.30 rounding is already in 1729).
        #expect(invoice.declaredPayableAmount == ExactDecimal(729))
        // 1436.5 + 100 charge - 100 allowance + 292.2 tax = 1728.7 (the file rounds to 1729).
        #expect(invoice.computedTotalAmount == Self.decimal("1728.7"))
        #expect(invoice.terms.first?.netDueDate == "2009-12-31")
    }

    @Test func corpusPeppolInvoice() throws {
        guard let event = try Self.corpusEvent("peppol_base-example.xml") else { return }
        let invoice = try Self.invoice(event)
        #expect(invoice.invoiceNumber == "Snippet1" && invoice.invoiceDate == "2017-11-13")
        #expect(invoice.currency == "EUR" && invoice.invoiceType?.code == "380")
        #expect(invoice.lines.count == 2)
        #expect(invoice.lines.map(\.quantity) == [ExactDecimal(7), ExactDecimal(-3)])
        #expect(invoice.lines.map(\.lineAmount) == [ExactDecimal(2800), ExactDecimal(-1500)])
        #expect(invoice.declaredLineTotal == ExactDecimal(1300) && invoice.declaredTaxableAmount == ExactDecimal(1325))
        #expect(invoice.declaredTaxAmount == Self.decimal("331.25"))
        // 1300 + 25 charge + 331.25 tax = 1656.25, as declared.
        #expect(invoice.declaredTotalAmount == Self.decimal("1656.25"))
        #expect(invoice.computedTotalAmount == Self.decimal("1656.25"))
        #expect(invoice.terms.first?.netDueDate == "2017-12-01")
    }

    @Test func corpusUBLRemittanceAdvice() throws {
        guard let event = try Self.corpusEvent("phubl_UBL-RemittanceAdvice-2.0-Example.xml") else { return }
        let remittance = try Self.remittance(event)
        #expect(remittance.paymentReference == "6577884" && remittance.adviceDate == "2005-06-22")
        #expect(remittance.paymentAmount == Self.decimal("107.50") && remittance.currency == "GBP")
        #expect(remittance.paymentMethod == "20" && remittance.paymentMethodMeaning == "check")
        #expect(remittance.lines.count == 1)
        let line = try #require(remittance.lines.first)
        #expect(line.referenceNumber == "A00095678" && line.referenceType == "invoice")
        #expect(line.invoiceDate == "2005-06-21" && line.amountPaid == Self.decimal("107.50"))
        #expect(remittance.computedPaymentAmount == remittance.paymentAmount)
        #expect(remittance.parties.first { $0.role == "remitTo" }?.name == "Consortial")
        #expect(remittance.bankAccounts.first?.accountNumber == "12345678")
    }
}
