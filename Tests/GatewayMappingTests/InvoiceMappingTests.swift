import CanonicalModel
import EDIFormat
import Foundation
import Testing

@testable import GatewayMapping

/// Invoices mapped to the canonical model, checked against what the primer (§4.4) reads off its examples and
/// what a person reads off the corpus files.
@Suite struct InvoiceMappingTests {
    static let fixtures = MappingFixtures(
        context: MappingContext(partner: "sellerco", time: "2024-03-15T08:01:00Z", fileSHA256: "abc"))

    static func translate(_ bytes: [UInt8]) -> Translation { fixtures.translate(bytes) }
    static func sample(_ relative: String) throws -> Translation { try fixtures.sample(relative) }
    static func sampleText(_ relative: String) throws -> String { try fixtures.sampleText(relative) }
    static func corpusFile(_ relative: String) throws -> Translation? { try fixtures.corpusFile(relative) }

    static func invoices(_ translation: Translation) -> [Invoice] {
        translation.events.compactMap { event in
            if case .invoice(let invoice) = event.data { return invoice }
            return nil
        }
    }

    static func decimal(_ text: String) -> ExactDecimal? { ExactDecimal(text) }

    @Test func x12InvoiceGivesThePrimersCanonicalResult() throws {
        let translation = try Self.sample("x12/810-invoice.edi")
        #expect(translation.issues.isEmpty)
        let event = try #require(translation.events.first)
        #expect(translation.events.count == 1)
        #expect(event.type == "edigate.invoice.v1" && event.subject == "INV-88001")
        #expect(event.ediinterchange == "000005003" && event.edigroup == "5003" && event.ediset == "0001")
        let invoice = try #require(Self.invoices(translation).first)
        #expect(invoice.invoiceNumber == "INV-88001" && invoice.invoiceDate == "2024-03-15")
        #expect(invoice.orderNumber == "PO4500012345" && invoice.orderDate == "2024-03-10")
        #expect(invoice.invoiceType == nil && invoice.purpose == nil && invoice.currency == nil)
        #expect(invoice.references == [Reference(qualifier: "IA", value: "VEND-778")])
        #expect(invoice.shipDate == "2024-03-14")
        #expect(invoice.parties.map(\.role) == ["remitTo", "billTo", "shipTo"])
        #expect(invoice.parties.map { $0.identifiers.first?.value } == ["RI01", "BT01", "0012"])
        #expect(invoice.parties.allSatisfy { $0.identifiers.first?.qualifier == "92" })
        #expect(invoice.parties[0].name == "Widget Works")
        var terms = PaymentTerms()
        terms.type = "08"
        terms.basis = "3"
        terms.discountPercent = ExactDecimal(2)
        terms.discountDays = 10
        terms.netDays = 30
        #expect(invoice.terms == [terms])
        #expect(invoice.lines.count == 2)
        let first = invoice.lines[0]
        #expect(first.lineNumber == "1" && first.quantity == ExactDecimal(10) && first.unit == UnitOfMeasure(x12: "EA"))
        #expect(first.unitPrice == Self.decimal("12.5") && first.lineAmount == ExactDecimal(125))
        #expect(first.items.first?.value == "012345678905" && first.items.first?.gtin14 == "00012345678905")
        #expect(first.items.contains(ItemIdentifier(qualifier: "VN", value: "WID-100")))
        #expect(first.description == "Blue widget, large")
        let second = invoice.lines[1]
        #expect(
            second.quantity == ExactDecimal(2) && second.unit?.rec20 == "CS" && second.unitPrice == ExactDecimal(30))
        #expect(
            second.lineAmount == ExactDecimal(60) && second.items == [ItemIdentifier(qualifier: "VN", value: "WID-200")]
        )
        #expect(invoice.computedLineTotal == ExactDecimal(185))
        var freight = AllowanceCharge(indicator: "C")
        freight.code = "D240"
        freight.amount = ExactDecimal(15)
        var discount = AllowanceCharge(indicator: "A")
        discount.code = "C310"
        discount.amount = ExactDecimal(5)
        #expect(invoice.allowancesCharges == [freight, discount])
        #expect(freight.kind == "charge" && discount.kind == "allowance")
        #expect(invoice.declaredTotalAmount == ExactDecimal(195), "TDS 19500 with 2 implied decimals")
        #expect(invoice.computedTotalAmount == ExactDecimal(195), "185 + 15 - 5")
        #expect(invoice.declaredLineCount == 2 && invoice.declaredQuantityTotal == ExactDecimal(12))
        #expect(invoice.taxes.isEmpty)
    }

    @Test func edifactInvoiceGivesThePrimersCanonicalResult() throws {
        let translation = try Self.sample("edifact/invoic-d96a.edi")
        #expect(translation.issues.isEmpty)
        let event = try #require(translation.events.first)
        #expect(event.subject == "INV-88001" && event.ediinterchange == "ICR5003" && event.ediset == "1")
        let invoice = try #require(Self.invoices(translation).first)
        #expect(invoice.invoiceNumber == "INV-88001")
        #expect(invoice.invoiceType == InvoiceType(code: "380", meaning: "invoice"))
        #expect(invoice.purpose == Purpose(code: "9", meaning: "original"))
        #expect(invoice.invoiceDate == "2024-03-15" && invoice.deliveryDate == "2024-03-14")
        #expect(invoice.orderNumber == "PO4500012345" && invoice.currency == "EUR")
        #expect(invoice.parties.map(\.role) == ["seller", "buyer"])
        var terms = PaymentTerms()
        terms.type = "1"
        terms.basis = "5"
        terms.netDays = 30
        #expect(invoice.terms == [terms], "net 30 days after invoice date")
        #expect(invoice.lines.count == 2)
        var vat = Tax(type: "VAT")
        vat.percent = ExactDecimal(19)
        vat.category = "S"
        let first = invoice.lines[0]
        #expect(first.items.first?.gtin14 == "04001234000015" && first.quantity == ExactDecimal(10))
        #expect(
            first.unitPrice == Self.decimal("12.5") && first.lineAmount == ExactDecimal(125) && first.taxes == [vat])
        let second = invoice.lines[1]
        #expect(second.items.first?.value == "4001234000022" && second.quantity == ExactDecimal(2))
        #expect(second.unitPrice == ExactDecimal(30) && second.lineAmount == ExactDecimal(60) && second.taxes == [vat])
        #expect(invoice.declaredLineTotal == ExactDecimal(185) && invoice.declaredTaxableAmount == ExactDecimal(185))
        #expect(invoice.declaredTaxAmount == Self.decimal("35.15"))
        #expect(invoice.declaredTotalAmount == Self.decimal("220.15") && invoice.declaredLineCount == 2)
        vat.amount = Self.decimal("35.15")
        #expect(invoice.taxes == [vat])
        // The primer's checks: sum of MOA 203 = 79; 125 x 19 % = 124; 79 + 124 = 77.
        #expect(invoice.computedLineTotal == invoice.declaredLineTotal)
        #expect(ExactDecimal(185).multiplied(by: Self.decimal("0.19")!) == invoice.declaredTaxAmount)
        #expect(invoice.computedTotalAmount == invoice.declaredTotalAmount)
        #expect(invoice.allowancesCharges.isEmpty)
    }

    @Test func invoiceWithAnImpossibleDateIsRejected() throws {
        let translation = try Self.sample("x12/810-invoice-bad-date.edi")
        #expect(translation.events.isEmpty)
        #expect(translation.issues.map(\.code) == [.setRejected])
    }

    @Test func x12ImpliedDecimalsAnd005010() throws {
        // N2: TDS 5 is 0.05 and SAC05 1250 is 12.50; ITD08 (discount amount) is N2 as well. Line-level SAC and TXI.
        let text = try Self.sampleText("x12/810-invoice.edi")
            .replacingOccurrences(of: "*U*00401*", with: "*^*00501*").replacingOccurrences(
                of: "*004010~", with: "*005010~"
            )
            .replacingOccurrences(of: "ITD*08*3*2**10**30~", with: "ITD*08*3*2**10**30*370~")
            .replacingOccurrences(
                of: "IT1*2*2*CA*30**VN*WID-200~", with: "IT1*2*2*CA*30**VN*WID-200~SAC*A*C310***1250*3*10~"
            )
            .replacingOccurrences(of: "TDS*19500~", with: "TDS*5~TXI*ST*7.5*6.25~")
            .replacingOccurrences(of: "SE*16*0001", with: "SE*18*0001")
        let translation = Self.translate(Array(text.utf8))
        #expect(translation.issues.isEmpty)
        let invoice = try #require(Self.invoices(translation).first)
        #expect(invoice.declaredTotalAmount == Self.decimal("0.05"))
        #expect(invoice.terms.first?.discountAmount == Self.decimal("3.7"))
        let lineAllowance = try #require(invoice.lines.last?.allowancesCharges.first)
        #expect(lineAllowance.amount == Self.decimal("12.5") && lineAllowance.percent == ExactDecimal(10))
        var stateTax = Tax(type: "ST")
        stateTax.amount = Self.decimal("7.5")
        stateTax.percent = Self.decimal("6.25")
        #expect(invoice.taxes == [stateTax])
        // 185 - 12.50 (line allowance) + 15 - 5 + 7.50 (tax)
        #expect(invoice.computedTotalAmount == Self.decimal("190"))
    }

    @Test func edifactDecimalCommaAndAllowanceGroups() throws {
        let text = try Self.sampleText("edifact/invoic-d96a.edi")
            .replacingOccurrences(of: "UNA:+.? '", with: "UNA:+,? '")
            .replacingOccurrences(of: "MOA+124:35.15'", with: "MOA+124:35,15'")
            .replacingOccurrences(of: "MOA+77:220.15'", with: "MOA+77:228,67'")
            .replacingOccurrences(of: "PRI+AAA:12.5'", with: "PRI+AAA:12,5'")
            .replacingOccurrences(
                of: "TAX+7+VAT+++:::19+S'\nMOA+124:35,15'\nUNT+28+1'",
                with: "TAX+7+VAT+++:::19+S'\nMOA+124:35,15'\nALC+C++++FC:::Freight'\nMOA+8:8,52'\nUNT+30+1'")
        let translation = Self.translate(Array(text.utf8))
        #expect(translation.issues.isEmpty)
        let invoice = try #require(Self.invoices(translation).first)
        #expect(invoice.lines.first?.unitPrice == Self.decimal("12.5"))
        #expect(
            invoice.declaredTaxAmount == Self.decimal("35.15") && invoice.taxes.first?.amount == Self.decimal("35.15"))
        var freight = AllowanceCharge(indicator: "C")
        freight.code = "FC"
        freight.description = "Freight"
        freight.amount = Self.decimal("8.52")
        #expect(invoice.allowancesCharges == [freight])
        #expect(invoice.declaredTotalAmount == Self.decimal("228.67"))
        #expect(invoice.computedTotalAmount == invoice.declaredTotalAmount, "185 + 8.52 + 35.15")
    }

    @Test func totalsThatDoNotFitGiveNilRatherThanTrap() {
        let huge = ExactDecimal(significand: Int64.max / 2, scale: 0)
        #expect(huge.multiplied(by: ExactDecimal(3)) == nil)
        #expect(ExactDecimal.sum([huge, huge, huge]) == nil)
        #expect(ExactDecimal.sum([huge, ExactDecimal(significand: 1, scale: 2)]) == nil, "rescaling overflows")
        #expect(Self.decimal("12.5")!.multiplied(by: ExactDecimal(10)) == ExactDecimal(125))
        #expect(
            ExactDecimal.sum([ExactDecimal(185), Self.decimal("-5")!, Self.decimal("35.15")!])
                == Self.decimal("215.15"))
        #expect(Self.decimal("12.5")!.negated == Self.decimal("-12.5"))
    }

    // MARK: - Corpus: what a person reads off each file

    @Test func corpusOopMultiInvoice() throws {
        guard let translation = try Self.corpusFile("x12/oop_810_Example3_MultiInvoice.txt") else { return }
        #expect(translation.issues.isEmpty)
        let invoices = Self.invoices(translation)
        #expect(invoices.map(\.invoiceNumber) == ["465266", "465267"])
        #expect(invoices.map(\.lines.count) == [4, 1] && invoices.map(\.declaredLineCount) == [4, 1])
        #expect(invoices.map(\.declaredTotalAmount) == [Self.decimal("8432.02"), Self.decimal("1129.92")])
        // IT1 amounts plus the lines' D360 charges add up to TDS.
        #expect(invoices.map(\.computedTotalAmount) == invoices.map(\.declaredTotalAmount))
        #expect(invoices[0].lines[0].allowancesCharges.first?.amount == Self.decimal("58.87"))
        #expect(invoices[0].orderNumber == "539893" && invoices[0].invoiceDate == "2002-05-24")
        #expect(invoices[0].terms.first?.netDueDate == "2002-06-23" && invoices[0].terms.first?.netDays == 30)
    }

    @Test func corpusRejectedX12Invoices() throws {
        // ISA12 00040 (Walmart) and a non-fixed-width ISA (EDI.Net): rejected at the envelope, no event.
        for name in ["x12/oop_810_Example5_Walmart.txt", "x12/edinet_x12.810a.edi"] {
            guard let translation = try Self.corpusFile(name) else { return }
            #expect(translation.events.isEmpty, "\(name)")
            #expect(translation.issues.map(\.code) == [.interchangeRejected], "\(name)")
        }
    }

    @Test func corpusStaediDual() throws {
        guard let translation = try Self.corpusFile("x12/staedi_invoice810_po850_dual.edi") else { return }
        let invoices = Self.invoices(translation)
        #expect(translation.events.map(\.type) == ["edigate.invoice.v1", "edigate.invoice.v1", "edigate.order.v1"])
        #expect(invoices.map(\.invoiceNumber) == ["00001", "00001"])
        #expect(invoices.map(\.orderNumber) == ["A99999-01", "A99999-04"])
        #expect(invoices.map(\.lines.count) == [7, 2] && invoices.map(\.declaredLineCount) == [7, 2])
        #expect(invoices.map(\.declaredTotalAmount) == [Self.decimal("2554.38"), Self.decimal("2554.38")])
        // The second set repeats the first one's TDS: its lines add up to 150 x 12.34 = 1851.
        #expect(invoices.map(\.computedTotalAmount) == [Self.decimal("2554.38"), Self.decimal("1851")])
        #expect(invoices[0].terms.first?.description == "1/15 NET 30")
    }

    @Test func corpusBotsInvoic() throws {
        guard let translation = try Self.corpusFile("edifact/bots_invoic01.edi") else { return }
        let invoices = Self.invoices(translation)
        #expect(invoices.map(\.invoiceNumber) == ["20051098", "20051099"])
        #expect(invoices.allSatisfy { $0.lines.count == 3 && $0.declaredLineCount == nil })
        #expect(invoices.allSatisfy { $0.declaredTotalAmount == Self.decimal("286.2") })
        let invoice = try #require(invoices.first)
        #expect(invoice.orderNumber == "4500094576" && invoice.currency == "EUR")
        #expect(invoice.terms.map(\.discountPercent) == [ExactDecimal(5), ExactDecimal(10)])
        #expect(invoice.terms.map(\.discountDays) == [30, 60])
        #expect(invoice.allowancesCharges.map(\.code) == ["ABH", "ADO"])
        #expect(invoice.allowancesCharges.map(\.amount) == [ExactDecimal(600), ExactDecimal(250)])
        #expect(invoice.allowancesCharges.map { $0.taxes.first?.percent } == [ExactDecimal(6), ExactDecimal(19)])
        #expect(invoice.lines[0].allowancesCharges.count == 3 && invoice.lines[0].taxes.count == 1)
        #expect(invoice.taxes.count == 4 && invoice.declaredTaxAmount == Self.decimal("45.7"))
    }

    @Test func corpusPydifactCreditNote() throws {
        guard let translation = try Self.corpusFile("edifact/pydifact_invoice1.edi") else { return }
        let invoice = try #require(Self.invoices(translation).first)
        #expect(translation.events.count == 1)
        #expect(invoice.invoiceNumber == "1060113800026")
        #expect(invoice.invoiceType == InvoiceType(code: "381", meaning: "creditNote"))
        #expect(invoice.lines.count == 1 && invoice.declaredTotalAmount == Self.decimal("1960.29"))
        #expect(invoice.lines[0].quantity == ExactDecimal(54) && invoice.lines[0].lineAmount == Self.decimal("1960.29"))
        #expect(invoice.terms.first?.netDueDate == "1999-10-31")
        // DTM+137:199910060000:102 is 12 digits under format 102 (CCYYMMDD): not a date.
        #expect(invoice.invoiceDate == nil)
    }

    @Test func corpusStaediInvoic() throws {
        // D93A under UNOA with UTF-8 bytes: rejected at the envelope (charset), no event.
        if let rejected = try Self.corpusFile("edifact/staedi_invoic_d93a_una.edi") {
            #expect(rejected.events.isEmpty)
            #expect(rejected.issues.map(\.code) == [.interchangeRejected])
        }
        for name in ["edifact/staedi_invoic_d97b_una.edi", "edifact/staedi_wrapped_invoic_d97b_una.edi"] {
            guard let translation = try Self.corpusFile(name) else { return }
            let invoice = try #require(Self.invoices(translation).first)
            #expect(translation.events.count == 1)
            #expect(invoice.invoiceNumber == "342459" && invoice.invoiceDate == "2006-05-15")
            #expect(invoice.lines.count == 2 && invoice.declaredTotalAmount == Self.decimal("2137.58"))
            #expect(invoice.currency == "USD" && invoice.orderNumber == "521052")
            #expect(invoice.allowancesCharges.first?.amount == ExactDecimal(525))
            #expect(invoice.computedTotalAmount == invoice.declaredTotalAmount, "1202.58 + 410 + 525")
        }
    }

    @Test func corpusDfdlInvoicIsRejected() throws {
        // UNB 0017 990420 is not CCYYMMDD under syntax 4: rejected at the envelope, no event.
        guard let translation = try Self.corpusFile("edifact/dfdl_INVOIC_D.03B_Interchange_with_UNA.txt") else {
            return
        }
        #expect(translation.events.isEmpty)
        #expect(translation.issues.map(\.code) == [.interchangeRejected])
    }
}
