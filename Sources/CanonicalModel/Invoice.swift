/// An invoice or credit note (X12 810, EDIFACT INVOIC), primer §4.4.
public struct Invoice: CanonicalPayload {
    public static let eventType = "edigate.invoice.v1"
    public var documentNumber: String { invoiceNumber }

    /// X12 BIG02, EDIFACT BGM 1004.
    public var invoiceNumber: String
    /// ISO `YYYY-MM-DD` (X12 BIG01, EDIFACT DTM 137 or 3).
    public var invoiceDate: String?
    /// X12 BIG07 (640) or EDIFACT BGM 1001 (`380`, `381` ...); nil when the document does not say.
    public var invoiceType: InvoiceType?
    /// X12 BIG08 (353) or EDIFACT BGM 1225; nil when the document does not say.
    public var purpose: Purpose?
    /// X12 BIG04, EDIFACT RFF+ON.
    public var orderNumber: String?
    /// X12 BIG03, EDIFACT DTM 171 or 4 after RFF+ON.
    public var orderDate: String?
    /// ISO 4217 (X12 CUR02, EDIFACT CUX 6345).
    public var currency: String?
    public var references: [Reference] = []
    /// X12 DTM 011, EDIFACT DTM 11.
    public var shipDate: String?
    /// X12 DTM 035, EDIFACT DTM 35 (actual delivery).
    public var deliveryDate: String?
    public var parties: [Party] = []
    public var terms: [PaymentTerms] = []
    public var lines: [InvoiceLine] = []
    /// Allowances and charges on the invoice as a whole (X12 SAC outside IT1, EDIFACT ALC outside LIN).
    public var allowancesCharges: [AllowanceCharge] = []
    /// Taxes on the invoice as a whole (X12 TXI outside IT1, EDIFACT TAX-MOA outside LIN).
    public var taxes: [Tax] = []
    /// The line count the document declares (X12 CTT01, EDIFACT CNT 2).
    public var declaredLineCount: Int?
    /// X12 CTT02: the sum of the invoiced quantities, as declared.
    public var declaredQuantityTotal: ExactDecimal?
    /// The invoice total the document declares: X12 TDS01 (N2, implied 2 decimals), EDIFACT MOA 77
    /// (else 86, 39, 128 or 9) after UNS.
    public var declaredTotalAmount: ExactDecimal?
    /// The amount due the document declares, after prepayments and rounding: UBL `LegalMonetaryTotal/PayableAmount`,
    /// cXML `InvoiceDetailSummary/DueAmount` (X12 and EDIFACT have no separate field).
    public var declaredPayableAmount: ExactDecimal?
    /// EDIFACT MOA 79 after UNS: the total of the line amounts, as declared.
    public var declaredLineTotal: ExactDecimal?
    /// EDIFACT MOA 125 after UNS, outside a TAX group: the taxable amount, as declared.
    public var declaredTaxableAmount: ExactDecimal?
    /// EDIFACT MOA 124 (else 176) after UNS, outside a TAX group: the tax total, as declared.
    public var declaredTaxAmount: ExactDecimal?
    /// The sum of the line amounts; nil unless every line has one.
    public var computedLineTotal: ExactDecimal?
    /// `computedLineTotal` plus charges, less allowances (X12: invoice and line level; EDIFACT: invoice level,
    /// as a line's MOA 203 already includes its own), plus the invoice-level tax amounts.
    public var computedTotalAmount: ExactDecimal?

    public init(invoiceNumber: String) {
        self.invoiceNumber = invoiceNumber
    }
}

/// One invoice line.
public struct InvoiceLine: Sendable, Hashable, Codable {
    /// X12 IT101, EDIFACT LIN 1082; nil when the document does not number its lines.
    public var lineNumber: String?
    /// X12 IT102, EDIFACT QTY 47.
    public var quantity: ExactDecimal?
    public var unit: UnitOfMeasure?
    /// X12 IT104, EDIFACT PRI 5118 (`AAA` net, else `INV`, `AAB` ...).
    public var unitPrice: ExactDecimal?
    /// X12 IT105, EDIFACT PRI 5125.
    public var priceBasis: String?
    public var items: [ItemIdentifier] = []
    /// X12 PID05, EDIFACT IMD 7008.
    public var description: String?
    /// EDIFACT MOA 203 (else 66) as declared; otherwise quantity × unit price.
    public var lineAmount: ExactDecimal?
    /// X12 SAC in the IT1 loop, EDIFACT ALC in the LIN group.
    public var allowancesCharges: [AllowanceCharge] = []
    /// X12 TXI in the IT1 loop, EDIFACT TAX in the LIN group.
    public var taxes: [Tax] = []

    public init(lineNumber: String?) {
        self.lineNumber = lineNumber
    }
}

/// What kind of invoice: the code as sent and its canonical meaning.
public struct InvoiceType: Sendable, Hashable, Codable {
    public var code: String
    /// `invoice`, `creditNote`, `debitNote`, `correctedInvoice`, `prepaymentInvoice`, `selfBilledInvoice`,
    /// `proformaInvoice`, `factoredInvoice`, or `other`.
    public var meaning: String

    public init(code: String, meaning: String) {
        self.code = code
        self.meaning = meaning
    }

    /// From X12 640 (BIG07).
    public static func x12(_ code: String) -> InvoiceType {
        let meanings = ["DI": "invoice", "CR": "creditNote", "DR": "debitNote"]
        return InvoiceType(code: code, meaning: meanings[code] ?? "other")
    }

    /// From EDIFACT 1001 (BGM).
    public static func edifact(_ code: String) -> InvoiceType {
        let meanings = [
            "380": "invoice", "381": "creditNote", "383": "debitNote", "384": "correctedInvoice",
            "386": "prepaymentInvoice", "389": "selfBilledInvoice", "325": "proformaInvoice", "393": "factoredInvoice",
        ]
        return InvoiceType(code: code, meaning: meanings[code] ?? "other")
    }
}

/// Payment terms (X12 ITD, EDIFACT PAT with its DTM, PCD and MOA).
public struct PaymentTerms: Sendable, Hashable, Codable {
    /// X12 ITD01 (336: `01` basic, `05` discount not applicable, `08` basic discount offered) or
    /// EDIFACT PAT 4279 (`1` basic, `22` discount, `20` penalty), as sent.
    public var type: String?
    /// X12 ITD02 (333: `3` invoice date) or EDIFACT PAT 2475 (`5` date of invoice), as sent.
    public var basis: String?
    /// X12 ITD03, EDIFACT PCD 12 (or 15) in the PAT group.
    public var discountPercent: ExactDecimal?
    /// X12 ITD05, EDIFACT PAT 2152 of a discount (`22`) term, in days.
    public var discountDays: Int?
    /// X12 ITD04, EDIFACT DTM 12.
    public var discountDueDate: String?
    /// X12 ITD08 (N2), EDIFACT MOA 52.
    public var discountAmount: ExactDecimal?
    /// X12 ITD07, EDIFACT PAT 2152 of any other term, in days.
    public var netDays: Int?
    /// X12 ITD06, EDIFACT DTM 13 or 140.
    public var netDueDate: String?
    /// X12 ITD12, EDIFACT PAT C110 4276.
    public var description: String?

    public init() {}
}

/// An allowance or a charge (X12 SAC, EDIFACT ALC with its MOA and PCD).
public struct AllowanceCharge: Sendable, Hashable, Codable {
    /// X12 SAC01 (248) or EDIFACT ALC 5463 as sent: `A` allowance, `C` charge, `N` neither ...
    public var indicator: String
    /// `allowance`, `charge`, or `other` (information only; never added to totals).
    public var kind: String
    /// X12 SAC02 (1300: `D240` freight, `C310` discount ...), EDIFACT ALC C214 7161 (else C552 5189 or 1230).
    public var code: String?
    /// X12 SAC05 (N2, implied 2 decimals), EDIFACT MOA 8, 23 or 204.
    public var amount: ExactDecimal?
    /// X12 SAC07, EDIFACT PCD 1, 2, 3 or 15.
    public var percent: ExactDecimal?
    /// X12 SAC15, EDIFACT ALC C214 7160.
    public var description: String?
    /// Tax on this allowance or charge (X12 TXI after SAC, EDIFACT TAX in the ALC group).
    public var taxes: [Tax] = []

    public init(indicator: String) {
        self.indicator = indicator
        switch indicator {
        case "A": kind = "allowance"
        case "C": kind = "charge"
        default: kind = "other"
        }
    }
}

/// A tax (X12 TXI, EDIFACT TAX with MOA 124 / 125).
public struct Tax: Sendable, Hashable, Codable {
    /// X12 TXI01 (963: `ST` state, `VA` value added, `GS` ...) or EDIFACT TAX C241 5153 (`VAT`, `GST` ...).
    public var type: String
    /// X12 TXI02, EDIFACT MOA 124.
    public var amount: ExactDecimal?
    /// X12 TXI03, EDIFACT TAX C243 5278.
    public var percent: ExactDecimal?
    /// EDIFACT TAX 5305 (`S` standard, `E` exempt, `Z` zero ...), X12 TXI06 (exempt code).
    public var category: String?
    /// EDIFACT MOA 125.
    public var taxableAmount: ExactDecimal?

    public init(type: String) {
        self.type = type
    }
}
