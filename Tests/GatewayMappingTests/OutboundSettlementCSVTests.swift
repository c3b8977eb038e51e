import CanonicalModel
import Testing

@testable import GatewayMapping

@Suite struct OutboundSettlementCSVTests {
    @Test func smallRemittanceGivesTheExactText() {
        var remittance = Remittance(paymentReference: "EFT000123")
        remittance.paymentDate = "2024-03-20"
        var first = RemittanceLine(referenceQualifier: "IV", referenceNumber: "INV-88001")
        first.references = [Reference(qualifier: "PO", value: "PO4500012345")]
        first.invoiceAmount = ExactDecimal("195.00")
        first.amountPaid = ExactDecimal("191.1")
        first.discountAmount = ExactDecimal("3.9")
        first.adjustments = [RemittanceAdjustment(reasonCode: "damaged, short", amount: ExactDecimal("-0.005"))]
        var second = RemittanceLine(referenceQualifier: "IV", referenceNumber: "INV \"88002\"")
        second.invoiceAmount = ExactDecimal("1234567.89")
        second.amountPaid = ExactDecimal("1234567.89")
        second.adjustments = [
            RemittanceAdjustment(reasonCode: "01", amount: nil), RemittanceAdjustment(reasonCode: "CS", amount: nil),
        ]
        remittance.lines = [first, second]
        var other = Remittance(paymentReference: "CHK-9")
        var third = RemittanceLine(referenceQualifier: "380", referenceNumber: "INV-3")
        third.references = [Reference(qualifier: "ON", value: "PO-3")]
        third.amountPaid = ExactDecimal("0.005")
        other.lines = [third]
        let expected =
            "invoice_number,po_number,invoice_amount,amount_paid,discount,adjustment_reason,payment_reference,payment_date\r\n"
            + "INV-88001,PO4500012345,195,191.1,3.9,\"damaged, short\",EFT000123,2024-03-20\r\n"
            + "\"INV \"\"88002\"\"\",,1234567.89,1234567.89,,01;CS,EFT000123,2024-03-20\r\n"
            + "INV-3,PO-3,,0.005,,,CHK-9,\r\n"
        #expect(SettlementCSV.render([remittance, other]) == expected)
    }

    @Test func noRemittancesGiveTheHeaderOnly() {
        #expect(
            SettlementCSV.render([])
                == "invoice_number,po_number,invoice_amount,amount_paid,discount,adjustment_reason,payment_reference,payment_date\r\n"
        )
    }
}
