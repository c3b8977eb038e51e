/// A remittance advice (X12 820, EDIFACT REMADV), primer §4.6: one payment, and the invoices and credit notes
/// it settles with the amounts paid, discounts and adjustments.
public struct Remittance: CanonicalPayload {
    public static let eventType = "edigate.remittance.v1"
    public var documentNumber: String { paymentReference }

    /// The document's identity: X12 TRN02 (the trace number; empty without a TRN), EDIFACT BGM 1004 (the
    /// advice number).
    public var paymentReference: String
    /// EDIFACT BGM 1004.
    public var adviceNumber: String?
    /// ISO `YYYY-MM-DD`: EDIFACT DTM 137.
    public var adviceDate: String?
    /// EDIFACT BGM 1225 (X12 820 has none).
    public var purpose: Purpose?
    /// X12 BPR01 (305) as sent.
    public var handlingCode: String?
    /// `paymentAccompaniesRemittance` (C), `paymentOnly` (D), `notificationOnly` (H), `remittanceOnly` (I),
    /// `prenotification` (P), `handlingPartyOption` (X), or `other`.
    public var handling: String?
    /// The amount paid, as declared: X12 BPR02, EDIFACT MOA 12 after UNS.
    public var paymentAmount: ExactDecimal?
    /// X12 BPR03: `C` credit, `D` debit.
    public var creditDebitCode: String?
    /// As sent: X12 BPR04 (`ACH`, `CHK`, `FWT`, `BOP`, `NON`), EDIFACT PAI 4461 (`10`, `20`, `30`, `31`, `42` ...).
    public var paymentMethod: String?
    /// `ach`, `check`, `wire`, `financialInstitutionOption`, `nonPayment`, `cash`, `creditTransfer`,
    /// `debitTransfer`, `bankAccount`, `directDebit`, or `other`.
    public var paymentMethodMeaning: String?
    /// X12 BPR05 (`CCP`, `CTX` ...).
    public var paymentFormat: String?
    /// ISO `YYYY-MM-DD`: X12 BPR16 (effective date), EDIFACT DTM 138.
    public var paymentDate: String?
    /// X12 TRN02, EDIFACT RFF `PQ` (payment reference) or `AEK` (payment order number).
    public var traceNumber: String?
    /// X12 TRN01 (481: `1` current transaction trace numbers ...).
    public var traceType: String?
    /// X12 BPR10 (else TRN03): the originating company.
    public var originatingCompanyId: String?
    /// ISO 4217 (X12 CUR02, EDIFACT CUX 6345).
    public var currency: String?
    /// X12 BPR06-09 (originator) and BPR12-15 (receiver), EDIFACT FII.
    public var bankAccounts: [RemittanceBankAccount] = []
    /// The payer (`payer`: X12 N1 `PR`, NAD `PR`) and payee (`remitTo`: `PE`), and any other party.
    public var parties: [Party] = []
    public var references: [Reference] = []
    /// Header dates other than the payment and advice dates.
    public var dates: [RemittanceDate] = []
    /// X12 NTE02, EDIFACT FTX.
    public var notes: [String] = []
    /// Adjustments to the payment as a whole (X12 ADX in the ENT loop, before any RMR).
    public var adjustments: [RemittanceAdjustment] = []
    /// The documents the payment settles (X12 RMR, EDIFACT DOC groups).
    public var lines: [RemittanceLine] = []
    /// The sum of the lines' amounts paid, plus the payment-level adjustments (X12 ADX01 is signed: negative
    /// reduces the payment).
    public var computedPaymentAmount: ExactDecimal?

    public init(paymentReference: String) {
        self.paymentReference = paymentReference
    }
}

/// One settled document (an invoice, credit note ...) and what was paid against it.
public struct RemittanceLine: Sendable, Hashable, Codable {
    /// As sent: X12 RMR01 (128: `IV` invoice, `CM` credit memo, `PO` purchase order ...), EDIFACT DOC 1001
    /// (`380` invoice, `381` credit note, `383` debit note).
    public var referenceQualifier: String
    /// `invoice`, `creditNote`, `debitNote`, `purchaseOrder`, or `other`.
    public var referenceType: String
    /// X12 RMR02, EDIFACT DOC 1004.
    public var referenceNumber: String
    /// X12 RMR03 (482) as sent.
    public var paymentActionCode: String?
    /// X12 RMR04, EDIFACT MOA 12.
    public var amountPaid: ExactDecimal?
    /// X12 RMR05, EDIFACT MOA 9 (else 77).
    public var invoiceAmount: ExactDecimal?
    /// X12 RMR06, EDIFACT MOA 52.
    public var discountAmount: ExactDecimal?
    /// ISO `YYYY-MM-DD`: X12 DTM 003, EDIFACT DTM 171 or 3 in the DOC group.
    public var invoiceDate: String?
    /// The line's other dates.
    public var dates: [RemittanceDate] = []
    public var references: [Reference] = []
    public var notes: [String] = []
    /// X12 RMR07/RMR08 and the ADX loops in the RMR loop, EDIFACT AJT groups.
    public var adjustments: [RemittanceAdjustment] = []

    public init(referenceQualifier: String, referenceNumber: String) {
        self.referenceQualifier = referenceQualifier
        self.referenceNumber = referenceNumber
        referenceType = Self.type(forQualifier: referenceQualifier)
    }

    /// The canonical type of an X12 128 or EDIFACT 1001 document qualifier.
    public static func type(forQualifier qualifier: String) -> String {
        [
            "IV": "invoice", "CM": "creditNote", "PO": "purchaseOrder", "380": "invoice", "381": "creditNote",
            "383": "debitNote",
        ][qualifier] ?? "other"
    }
}

/// An adjustment with its reason (X12 ADX / RMR07-08, EDIFACT AJT with its MOA and RFF).
public struct RemittanceAdjustment: Sendable, Hashable, Codable {
    /// X12 ADX01 (signed: negative reduces the payment), EDIFACT MOA in the AJT group.
    public var amount: ExactDecimal?
    /// As sent: X12 ADX02 / RMR07 (426), EDIFACT AJT 4465.
    public var reasonCode: String
    /// X12 ADX03/ADX04 and the REF that follow, EDIFACT RFF in the AJT group.
    public var references: [Reference] = []

    public init(reasonCode: String, amount: ExactDecimal?) {
        self.reasonCode = reasonCode
        self.amount = amount
    }
}

/// A bank account a payment moves from or to.
public struct RemittanceBankAccount: Sendable, Hashable, Codable {
    /// `originator` (X12 BPR06-09, EDIFACT FII `OR`, `PB`), `receiver` (BPR12-15, FII `RB`, `BF`), or `other`.
    public var role: String
    /// EDIFACT FII 3035 as sent.
    public var originalRole: String?
    /// X12 BPR06 / BPR12 (506: `01` ABA routing number, `04` SWIFT ...), EDIFACT C088 3055.
    public var institutionQualifier: String?
    /// X12 BPR07 / BPR13, EDIFACT C088 3433 (else 3434).
    public var institutionId: String?
    /// X12 BPR08 / BPR14 (569: `DA` demand deposit ...).
    public var accountQualifier: String?
    /// X12 BPR09 / BPR15, EDIFACT C078 3194.
    public var accountNumber: String?
    /// EDIFACT C078 3192.
    public var accountHolder: String?

    public init(role: String) {
        self.role = role
    }
}

/// A date with its qualifier as sent (X12 374, EDIFACT 2005), as ISO `YYYY-MM-DD`.
public struct RemittanceDate: Sendable, Hashable, Codable {
    public var qualifier: String
    public var date: String

    public init(qualifier: String, date: String) {
        self.qualifier = qualifier
        self.date = date
    }
}
