import CanonicalModel
import EDIFormat

extension EDIFACTBodies {
    // MARK: - INVOIC

    mutating func invoice(_ invoice: Invoice) throws {
        let name = "INVOIC \(invoice.invoiceNumber)"
        guard !invoice.invoiceNumber.isEmpty else { throw RenderError.missing("invoiceNumber (BGM 1004)", in: name) }
        add("BGM", [[invoice.invoiceType?.code], [invoice.invoiceNumber], [invoice.purpose?.code]])
        dtm("137", invoice.invoiceDate)
        dtm("4", invoice.orderDate)
        dtm("35", invoice.deliveryDate)
        dtm("11", invoice.shipDate)
        if let order = invoice.orderNumber { add("RFF", [["ON", order]]) }
        references(invoice.references)
        try parties(invoice.parties)
        if let currency = invoice.currency { add("CUX", [["2", currency, "4"]]) }
        for terms in invoice.terms { try paymentTerms(terms, name: name) }
        for charge in invoice.allowancesCharges { allowanceCharge(charge) }
        for line in invoice.lines {
            lineItems(line.lineNumber, line.items)
            description(line.description)
            quantity("47", line.quantity, line.unit)
            moa("203", line.lineAmount)
            if let price = line.unitPrice { add("PRI", [[line.priceBasis ?? "AAA", number(price)]]) }
            for tax in line.taxes { self.tax(tax) }
            for charge in line.allowancesCharges { allowanceCharge(charge) }
        }
        add("UNS", [["S"]])
        if let count = invoice.declaredLineCount { add("CNT", [["2", String(count)]]) }
        moa("79", invoice.declaredLineTotal)
        moa("125", invoice.declaredTaxableAmount)
        moa("124", invoice.declaredTaxAmount)
        moa("77", invoice.declaredTotalAmount)
        for tax in invoice.taxes { self.tax(tax) }
    }

    /// PAT (type, description, basis and days), DTM 12/13, PCD 12, MOA 52. EDIFACT carries one day count:
    /// the discount days for type 22, the net days otherwise.
    mutating func paymentTerms(_ terms: PaymentTerms, name: String) throws {
        guard let type = terms.type else { throw RenderError.missing("terms type (PAT 4279)", in: name) }
        let days = type == "22" ? terms.discountDays : terms.netDays
        let description = F.chunks(terms.description, width: 35, limit: 2)
        let basis: [String?] =
            terms.basis != nil || days != nil
            ? [terms.basis ?? "5", nil, days == nil ? nil : "D", days.map(String.init)] : []
        add("PAT", [[type], description.isEmpty ? [] : ["1", nil, nil] + description, basis])
        dtm("12", terms.discountDueDate)
        dtm("13", terms.netDueDate)
        if let percent = terms.discountPercent { add("PCD", [["12", number(percent)]]) }
        moa("52", terms.discountAmount)
    }

    /// ALC (indicator, C214 code and description), PCD 3, MOA 8, and its TAX groups.
    mutating func allowanceCharge(_ charge: AllowanceCharge) {
        let special: [String?] =
            charge.code != nil || charge.description != nil ? [charge.code, nil, nil, charge.description] : []
        add("ALC", [[charge.indicator], [], [], [], special])
        if let percent = charge.percent { add("PCD", [["3", number(percent)]]) }
        moa("8", charge.amount)
        for tax in charge.taxes { self.tax(tax) }
    }

    /// TAX (type, rate, category), MOA 124 (amount) and 125 (taxable amount).
    mutating func tax(_ tax: Tax) {
        add("TAX", [["7"], [tax.type], [], [], [nil, nil, nil, number(tax.percent)], [tax.category]])
        moa("124", tax.amount)
        moa("125", tax.taxableAmount)
    }

    // MARK: - REMADV

    mutating func remittance(_ remittance: Remittance) throws {
        let name = "REMADV \(remittance.paymentReference)"
        guard !remittance.paymentReference.isEmpty else {
            throw RenderError.missing("paymentReference (BGM 1004)", in: name)
        }
        add("BGM", [["481"], [remittance.paymentReference], [remittance.purpose?.code]])
        dtm("137", remittance.adviceDate)
        dtm("138", remittance.paymentDate)
        for date in remittance.dates { dtm(date.qualifier, date.date) }
        references(remittance.references)
        for account in remittance.bankAccounts {
            let qualifier =
                account.originalRole ?? (account.role == "receiver" ? "RB" : account.role == "originator" ? "OR" : "")
            add(
                "FII",
                [
                    [qualifier], [account.accountNumber, account.accountHolder],
                    [account.institutionId, nil, account.institutionQualifier],
                ])
        }
        if let method = remittance.paymentMethod { add("PAI", [[nil, nil, method]]) }
        for note in remittance.notes { add("FTX", [["AAI"], [], [], F.chunks(note, width: 70, limit: 5)]) }
        try parties(remittance.parties)
        if let currency = remittance.currency { add("CUX", [["2", currency, "11"]]) }
        for line in remittance.lines {
            add("DOC", [[line.referenceQualifier], [line.referenceNumber]])
            moa("9", line.invoiceAmount)
            moa("12", line.amountPaid)
            moa("52", line.discountAmount)
            dtm("171", line.invoiceDate)
            for date in line.dates { dtm(date.qualifier, date.date) }
            references(line.references)
            for adjustment in line.adjustments {
                add("AJT", [[adjustment.reasonCode]])
                moa("165", adjustment.amount)
                references(adjustment.references)
            }
        }
        add("UNS", [["S"]])
        moa("12", remittance.paymentAmount)
    }
}
