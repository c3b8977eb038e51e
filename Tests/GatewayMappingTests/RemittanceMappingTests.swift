import CanonicalModel
import EDIFormat
import Foundation
import Testing

@testable import GatewayMapping

/// Remittance advices mapped to the canonical model: the primer's examples (§4.6), documents built here, and
/// every 820 of the shared corpus.
@Suite struct RemittanceMappingTests {
    static func remittances(_ translation: Translation) -> [Remittance] {
        translation.events.compactMap { event in
            if case .remittance(let remittance) = event.data { return remittance }
            return nil
        }
    }

    static func remittance(_ translation: Translation) throws -> Remittance {
        try #require(Self.remittances(translation).first)
    }

    /// The primer's two invoices, the same in the 820 and the REMADV.
    static func expectPrimerLines(_ lines: [RemittanceLine]) {
        #expect(lines.map(\.referenceNumber) == ["INV-88001", "INV-88002"])
        #expect(lines.allSatisfy { $0.referenceType == "invoice" })
        #expect(lines.map(\.invoiceAmount) == [ExactDecimal("195"), ExactDecimal("1034.4")])
        #expect(lines.map(\.amountPaid) == [ExactDecimal("191.1"), ExactDecimal("1034.4")])
        #expect(lines.map(\.discountAmount) == [ExactDecimal("3.9"), nil])
        for line in lines {
            let settled = ExactDecimal.sum([line.amountPaid, line.discountAmount].compactMap { $0 })
            #expect(settled == line.invoiceAmount, "paid + discount = invoiced for \(line.referenceNumber)")
        }
    }

    @Test func x12RemittanceGivesThePrimersCanonicalResult() throws {
        let translation = SupplyMappingFixtures.translate(try SupplyMappingFixtures.sample("x12/820-remittance.edi"))
        #expect(translation.events.count == 1 && translation.issues.isEmpty)
        let event = try #require(translation.events.first)
        #expect(event.type == "edigate.remittance.v1" && event.subject == "EFT000123")
        #expect(event.ediinterchange == "000000102" && event.edigroup == "102" && event.ediset == "0001")
        let remittance = try Self.remittance(translation)
        #expect(remittance.paymentAmount == ExactDecimal("1225.50"))
        #expect(remittance.creditDebitCode == "C" && remittance.handlingCode == "C")
        #expect(remittance.handling == "paymentAccompaniesRemittance")
        #expect(remittance.paymentMethod == "ACH" && remittance.paymentMethodMeaning == "ach")
        #expect(remittance.paymentFormat == "CTX" && remittance.paymentDate == "2024-03-20")
        #expect(remittance.traceNumber == "EFT000123" && remittance.traceType == "1")
        #expect(remittance.originatingCompanyId == "1234567890")
        let payer = try #require(remittance.parties.first { $0.role == "payer" })
        #expect(payer.identifiers.first?.value == "BT01" && payer.name == "Buyer Co HQ")
        let payee = try #require(remittance.parties.first { $0.role == "remitTo" })
        #expect(payee.identifiers.first?.value == "RI01" && payee.originalRole == "PE")
        #expect(remittance.bankAccounts.map(\.role) == ["originator", "receiver"])
        #expect(remittance.bankAccounts.map(\.institutionId) == ["999999992", "123456780"])
        #expect(remittance.bankAccounts.map(\.accountNumber) == ["123456789", "987654321"])
        #expect(remittance.bankAccounts.allSatisfy { $0.institutionQualifier == "01" && $0.accountQualifier == "DA" })
        Self.expectPrimerLines(remittance.lines)
        #expect(remittance.lines.map(\.invoiceDate) == ["2024-03-15", "2024-03-16"])
        #expect(remittance.computedPaymentAmount == remittance.paymentAmount, "191.10 + 1034.40 = 1225.50 = BPR02")
    }

    @Test func edifactRemittanceGivesThePrimersCanonicalResult() throws {
        let translation = SupplyMappingFixtures.translate(try SupplyMappingFixtures.sample("edifact/remadv-d96a.edi"))
        #expect(translation.events.count == 1 && translation.issues.isEmpty)
        let event = try #require(translation.events.first)
        #expect(event.subject == "RA-2024-031" && event.ediinterchange == "ICR0102")
        let remittance = try Self.remittance(translation)
        #expect(remittance.adviceNumber == "RA-2024-031" && remittance.adviceDate == "2024-03-19")
        #expect(remittance.purpose?.meaning == "original" && remittance.currency == "EUR")
        #expect(remittance.paymentDate == "2024-03-20" && remittance.paymentAmount == ExactDecimal("1225.5"))
        #expect(remittance.parties.map(\.role) == ["payer", "remitTo"])
        #expect(remittance.parties.map { $0.identifiers.first?.value } == ["5412345000037", "5412345000013"])
        Self.expectPrimerLines(remittance.lines)
        #expect(remittance.lines.map(\.referenceQualifier) == ["380", "380"])
        #expect(remittance.lines.map(\.invoiceDate) == ["2024-03-15", nil], "only INV-88001 has a DTM 171")
        #expect(remittance.computedPaymentAmount == ExactDecimal("1225.5"))
    }

    @Test func x12AdjustmentsAtPaymentAndInvoiceLevelIn005010() throws {
        let bytes = SupplyMappingFixtures.x12(
            "820", group: "RA", version: "005010",
            segments: [
                "BPR*I*90*C*CHK************20240320", "TRN*1*CHK-55*1234567890", "CUR*PR*USD", "REF*IA*V-9",
                "N1*PR*Buyer Co*92*BT01", "N3*100 Main St", "N4*Springfield*IL*62701*US", "REF*VR*VEND-1",
                "N1*PE*Widget Works", "ENT*1", "ADX*-5*CS", "RMR*IV*INV-1*PO*95*100*2*AA*3", "REF*PO*PO-1",
                "DTM*003*20240301", "NTE*ADD*short shipped", "ADX*-3*59*CM*CM-7", "REF*6O*022",
                "RMR*CM*CM-7**0*-3",
            ])
        let translation = SupplyMappingFixtures.translate(bytes)
        #expect(translation.issues.isEmpty, "\(translation.issues)")
        let remittance = try Self.remittance(translation)
        #expect(remittance.paymentReference == "CHK-55" && remittance.paymentMethodMeaning == "check")
        #expect(remittance.handling == "remittanceOnly" && remittance.currency == "USD")
        #expect(remittance.bankAccounts.isEmpty && remittance.references == [Reference(qualifier: "IA", value: "V-9")])
        let payer = try #require(remittance.parties.first)
        #expect(payer.street == ["100 Main St"] && payer.city == "Springfield")
        #expect(payer.identifiers.map(\.value) == ["BT01", "VEND-1"], "an N1-loop REF is one more identifier")
        #expect(remittance.adjustments.map(\.amount) == [ExactDecimal(-5)])
        #expect(remittance.adjustments.map(\.reasonCode) == ["CS"])
        #expect(remittance.lines.count == 2)
        let invoice = remittance.lines[0]
        #expect(invoice.paymentActionCode == "PO" && invoice.invoiceDate == "2024-03-01")
        #expect(invoice.references == [Reference(qualifier: "PO", value: "PO-1")])
        #expect(invoice.notes == ["short shipped"])
        #expect(invoice.adjustments.map(\.reasonCode) == ["AA", "59"])
        #expect(invoice.adjustments.map(\.amount) == [ExactDecimal(3), ExactDecimal(-3)])
        #expect(
            invoice.adjustments[1].references == [
                Reference(qualifier: "CM", value: "CM-7"), Reference(qualifier: "6O", value: "022"),
            ])
        #expect(
            remittance.lines[1].referenceType == "creditNote" && remittance.lines[1].invoiceAmount == ExactDecimal(-3))
        // 95 + 0 paid, less the payment-level 5.
        #expect(remittance.computedPaymentAmount == ExactDecimal(90) && remittance.paymentAmount == ExactDecimal(90))
    }

    @Test func edifactDecimalCommaBanksAndAdjustments() throws {
        let bytes = SupplyMappingFixtures.edifact(
            "REMADV", una: "UNA:+,? '",
            segments: [
                "BGM+481+RA-9+9", "DTM+137:20240319:102", "DTM+138:20240320:102", "RFF+PQ:PAY-77",
                "FII+OR+111222333:Buyer Co+DEUTDEFF:25:17", "FII+RB+444555666+COBADEFF", "PAI+::42",
                "FTX+AAI+++paid by transfer", "NAD+PR+5412345000037::9", "NAD+PE+5412345000013::9", "CUX+2:EUR:11",
                "DOC+380+INV-1", "MOA+9:100", "MOA+12:95,5", "MOA+52:1,5", "DTM+171:20240301:102", "RFF+ON:PO-1",
                "AJT+1", "MOA+8:3", "RFF+ZZZ:claim-4", "DLI+1+1", "MOA+203:50", "DOC+381+CN-2", "MOA+12:-10",
                "UNS+S", "MOA+12:85,5",
            ])
        let translation = SupplyMappingFixtures.translate(bytes)
        #expect(translation.issues.isEmpty, "\(translation.issues)")
        let remittance = try Self.remittance(translation)
        #expect(
            remittance.traceNumber == "PAY-77" && remittance.references == [Reference(qualifier: "PQ", value: "PAY-77")]
        )
        #expect(remittance.paymentMethod == "42" && remittance.paymentMethodMeaning == "bankAccount")
        #expect(remittance.notes == ["paid by transfer"])
        #expect(remittance.bankAccounts.map(\.role) == ["originator", "receiver"])
        #expect(
            remittance.bankAccounts[0].accountNumber == "111222333"
                && remittance.bankAccounts[0].accountHolder == "Buyer Co")
        #expect(
            remittance.bankAccounts[0].institutionId == "DEUTDEFF"
                && remittance.bankAccounts[0].institutionQualifier == "17")
        #expect(
            remittance.bankAccounts[1].institutionId == "COBADEFF" && remittance.bankAccounts[1].originalRole == "RB")
        #expect(remittance.lines.count == 2)
        let invoice = remittance.lines[0]
        #expect(invoice.amountPaid == ExactDecimal("95.5") && invoice.discountAmount == ExactDecimal("1.5"))
        #expect(invoice.invoiceAmount == ExactDecimal(100) && invoice.invoiceDate == "2024-03-01")
        #expect(invoice.references == [Reference(qualifier: "ON", value: "PO-1")])
        #expect(invoice.adjustments.count == 1, "the DLI group's MOA is not the document's")
        #expect(invoice.adjustments[0].reasonCode == "1" && invoice.adjustments[0].amount == ExactDecimal(3))
        #expect(invoice.adjustments[0].references == [Reference(qualifier: "ZZZ", value: "claim-4")])
        #expect(
            remittance.lines[1].referenceType == "creditNote" && remittance.lines[1].amountPaid == ExactDecimal(-10))
        #expect(
            remittance.paymentAmount == ExactDecimal("85.5") && remittance.computedPaymentAmount == ExactDecimal("85.5")
        )
    }

    // MARK: - The shared corpus

    /// Accepted: one 820 (005010), a check of 21,298.97 settling seven invoices.
    @Test func corpusEdinet820Issue140() throws {
        guard let bytes = SupplyMappingFixtures.corpus("x12/edinet_x12.820.issue140.edi") else { return }
        let translation = SupplyMappingFixtures.translate(bytes)
        #expect(translation.events.count == 1 && translation.issues.isEmpty)
        #expect(translation.events.first?.subject == "4529952")
        let remittance = try Self.remittance(translation)
        #expect(remittance.paymentAmount == ExactDecimal("21298.97") && remittance.paymentDate == "2019-10-29")
        #expect(remittance.handlingCode == "I" && remittance.paymentMethod == "CHK" && remittance.currency == "USD")
        #expect(remittance.traceNumber == "4529952" && remittance.traceType == "3")
        let payer = try #require(remittance.parties.first { $0.role == "payer" })
        #expect(payer.name == "MART INC." && payer.identifiers.first?.scheme == "GLN")
        #expect(payer.identifiers.first?.value == "1238742000008")
        let payee = try #require(remittance.parties.first { $0.role == "remitTo" })
        #expect(
            payee.name == "Test Company, LLC" && payee.identifiers == [Identifier(value: "446963", qualifier: "IA")])
        #expect(remittance.lines.count == 7)
        #expect(
            remittance.lines.map(\.referenceNumber) == ["26801", "26927", "26935", "27009", "27018", "27028", "27029"])
        #expect(remittance.lines.allSatisfy { $0.referenceType == "invoice" && $0.paymentActionCode == "PO" })
        let first = remittance.lines[0]
        #expect(first.amountPaid == ExactDecimal("4408.75") && first.invoiceAmount == ExactDecimal("4650.41"))
        #expect(first.discountAmount == ExactDecimal("97.9"))
        #expect(first.dates == [RemittanceDate(qualifier: "097", date: "2019-09-04")])
        #expect(
            first.references.count == 6 && first.references.contains(Reference(qualifier: "PO", value: "1016071221")))
        #expect(first.adjustments.count == 1)
        #expect(first.adjustments[0].amount == ExactDecimal("-143.76") && first.adjustments[0].reasonCode == "59")
        #expect(first.adjustments[0].references.first == Reference(qualifier: "CM", value: "26801"))
        // 4408.75 paid + 97.90 discount − (−143.76) adjustment = 4650.41 invoiced.
        #expect(remittance.lines[1...].allSatisfy { $0.adjustments.isEmpty })
        #expect(remittance.computedPaymentAmount == ExactDecimal("21298.97"), "the RMR04 sum is BPR02")
    }

    /// Rejected (placeholder text where BPR02, RMR04-06 and DTM02 should be numbers and dates): no event. Read
    /// directly, four documents, none with an amount.
    @Test func corpusOOP820HomeDepot() throws {
        guard let bytes = SupplyMappingFixtures.corpus("x12/oop_820_Example3_HomeDepot.txt") else { return }
        let translation = SupplyMappingFixtures.translate(bytes)
        #expect(translation.events.isEmpty && translation.issues.map(\.code) == [.setRejected])
        let set = try #require(SupplyMappingFixtures.sets(bytes).first)
        let remittance = try #require(X12RemittanceMapper.map(set))
        #expect(remittance.handlingCode == "I" && remittance.paymentMethod == "CHK" && remittance.paymentAmount == nil)
        #expect(remittance.parties.map(\.role) == ["remitTo", "payer"])
        #expect(remittance.lines.map(\.referenceQualifier) == ["OS", "IV", "CM", "IV"])
        #expect(remittance.lines.allSatisfy { $0.amountPaid == nil && $0.invoiceAmount == nil })
        #expect(remittance.computedPaymentAmount == nil)
    }

    /// Rejected (GS04, ST02, BPR10-14 lengths, "1 " numbers with trailing spaces): no event. Read directly, 77.77
    /// paid against three accounts-payable references.
    @Test func corpusOOP820Wikipedia() throws {
        guard let bytes = SupplyMappingFixtures.corpus("x12/oop_820_Example5_Wikipedia.txt") else { return }
        let translation = SupplyMappingFixtures.translate(bytes)
        #expect(translation.events.isEmpty && translation.issues.map(\.code) == [.setRejected])
        let set = try #require(SupplyMappingFixtures.sets(bytes).first)
        let remittance = try #require(X12RemittanceMapper.map(set))
        #expect(remittance.paymentAmount == ExactDecimal("77.77"))
        // BPR11 is missing, so the receiving account and the date sit one element early: BPR16 is absent.
        #expect(remittance.paymentDate == nil && remittance.bankAccounts.first?.accountNumber == "0099109999")
        #expect(remittance.traceNumber == "0310162359" && remittance.paymentFormat == "CTX")
        #expect(remittance.parties.map(\.name) == ["WHIZCO OF AMERICA INC", "YOWZACO"])
        #expect(remittance.parties[0].street == ["55 MEGAPLEASANT ROAD", "SUITE 999"])
        #expect(remittance.lines.map(\.referenceQualifier) == ["AP", "AP", "AP"])
        #expect(
            remittance.lines.map(\.amountPaid) == [ExactDecimal("11.11"), ExactDecimal("22.22"), ExactDecimal("44.44")])
        #expect(remittance.computedPaymentAmount == ExactDecimal("77.77"))
    }

    /// Two accepted 820s (004030) in a mixed mail bag; no TRN, so the payment reference is empty. Their ADX
    /// signs run against the standard's: BPR02 561.72 = 541.20 − 17.37 + 37.89, where ADX01 should be added.
    @Test func corpusBotsMailbag820s() throws {
        guard let bytes = SupplyMappingFixtures.corpus("x12/bots_mailbag01.x12") else { return }
        let remittances = Self.remittances(SupplyMappingFixtures.translate(bytes))
        #expect(remittances.count == 2)
        #expect(remittances.map(\.paymentAmount) == [ExactDecimal("561.72"), ExactDecimal("236.33")])
        #expect(remittances.allSatisfy { $0.paymentReference.isEmpty && $0.currency == "CAD" })
        #expect(remittances.allSatisfy { $0.handlingCode == "H" && $0.paymentMethodMeaning == "nonPayment" })
        #expect(remittances.allSatisfy { $0.paymentDate == "2005-05-31" && $0.lines.count == 1 })
        #expect(remittances.map { $0.lines[0].referenceNumber } == ["00583236", "00583247"])
        #expect(remittances.map { $0.lines[0].amountPaid } == [ExactDecimal("541.2"), ExactDecimal("227.7")])
        let first = remittances[0]
        #expect(first.notes == ["541.20", "0.00"] && first.parties.first?.role == "remitTo")
        #expect(first.adjustments.map(\.reasonCode) == ["90", "L2", "55", "ZZ", "L7"])
        #expect(first.adjustments.map(\.amount) == ["17.37", "0", "-37.89", "0", "0"].map { ExactDecimal($0) })
        #expect(first.adjustments[4].references == [Reference(qualifier: "ZZ", value: "ON")])
        #expect(first.computedPaymentAmount == ExactDecimal("520.68"))
    }
}
