import CanonicalModel
import EDIFormat

/// X12 810 (004010 and 005010) to a canonical `Invoice`, primer §4.4.
enum X12InvoiceMapper {
    static func map(_ set: TransactionSet) -> Invoice? {
        var invoice = Invoice(invoiceNumber: "")
        var line: InvoiceLine?
        var party: Party?
        /// Where the last SAC went while its loop (SAC, TXI ...) is still open: on the line, or on the invoice.
        var openSAC: Bool?
        func closeLine() {
            if let current = line { invoice.lines.append(current) }
            line = nil
        }
        func closeParty() {
            if let current = party { invoice.parties.append(current) }
            party = nil
        }
        for segment in set.segments {
            let value = { (position: Int) in segment.string(position).trimmingSpaces }
            let tag = segment.tagString
            if tag != "TXI" { openSAC = nil }
            switch tag {
            case "BIG":
                invoice.invoiceDate = X12OrderAckMapper.calendarDate(ISODate.fromX12(value(1)))
                invoice.invoiceNumber = value(2)
                invoice.orderDate = X12OrderAckMapper.calendarDate(ISODate.fromX12(value(3)))
                invoice.orderNumber = value(4).nonEmpty
                invoice.invoiceType = value(7).nonEmpty.map(InvoiceType.x12)
                invoice.purpose = value(8).nonEmpty.map(Purpose.x12)
            case "CUR" where line == nil && invoice.currency == nil:
                invoice.currency = isoCurrency(value(2))
            case "REF" where line == nil && party == nil:
                if let reference = value(2).nonEmpty ?? value(3).nonEmpty {
                    invoice.references.append(Reference(qualifier: value(1), value: reference))
                }
            case "N1" where line == nil:
                closeParty()
                party = PartySegments.x12(n1: segment)
            case "N2", "N3", "N4":
                if party != nil { PartySegments.addX12Address(segment, to: &party!) }
            case "ITD" where line == nil:
                closeParty()
                var terms = PaymentTerms()
                terms.type = value(1).nonEmpty
                terms.basis = value(2).nonEmpty
                terms.discountPercent = ExactDecimal(value(3))
                terms.discountDueDate = X12OrderAckMapper.calendarDate(ISODate.fromX12(value(4)))
                terms.discountDays = Int(value(5))
                terms.netDueDate = X12OrderAckMapper.calendarDate(ISODate.fromX12(value(6)))
                terms.netDays = Int(value(7))
                terms.discountAmount = ExactDecimal(impliedDecimals: value(8), places: 2)
                terms.description = value(12).nonEmpty
                invoice.terms.append(terms)
            case "DTM" where line == nil:
                closeParty()
                let date = X12OrderAckMapper.calendarDate(ISODate.fromX12(value(2)))
                switch value(1) {
                case "011": invoice.shipDate = date
                case "035": invoice.deliveryDate = date
                case "003": if invoice.invoiceDate == nil { invoice.invoiceDate = date }
                case "004": if invoice.orderDate == nil { invoice.orderDate = date }
                default: break
                }
            case "IT1":
                closeParty()
                closeLine()
                var new = InvoiceLine(lineNumber: value(1).nonEmpty)
                new.quantity = ExactDecimal(value(2))
                new.unit = value(3).nonEmpty.map(UnitOfMeasure.init(x12:))
                new.unitPrice = ExactDecimal(value(4))
                new.priceBasis = value(5).nonEmpty
                new.items = X12OrderAckMapper.itemPairs(segment, from: 6, to: 24)
                if let quantity = new.quantity, let price = new.unitPrice {
                    new.lineAmount = quantity.multiplied(by: price)
                }
                line = new
            case "PID" where line != nil:
                if let text = value(5).nonEmpty {
                    line!.description = [line!.description, text].compactMap { $0 }.joined(separator: " ")
                }
            case "SAC":
                closeParty()
                var charge = AllowanceCharge(indicator: value(1))
                charge.code = value(2).nonEmpty
                charge.amount = ExactDecimal(impliedDecimals: value(5), places: 2)
                charge.percent = ExactDecimal(value(7))
                charge.description = value(15).nonEmpty
                if line != nil {
                    line!.allowancesCharges.append(charge)
                } else {
                    invoice.allowancesCharges.append(charge)
                }
                openSAC = line != nil
            case "TXI":
                var tax = Tax(type: value(1))
                tax.amount = ExactDecimal(value(2))
                tax.percent = ExactDecimal(value(3))
                tax.category = value(6).nonEmpty
                switch (openSAC, line != nil) {
                case (.some(true), _): line!.allowancesCharges[line!.allowancesCharges.count - 1].taxes.append(tax)
                case (.some(false), _): invoice.allowancesCharges[invoice.allowancesCharges.count - 1].taxes.append(tax)
                case (nil, true): line!.taxes.append(tax)
                case (nil, false): invoice.taxes.append(tax)
                }
            case "TDS":
                closeParty()
                closeLine()
                invoice.declaredTotalAmount = ExactDecimal(impliedDecimals: value(1), places: 2)
            case "CTT":
                closeLine()
                invoice.declaredLineCount = Int(value(1)).flatMap { $0 >= 0 ? $0 : nil }
                invoice.declaredQuantityTotal = ExactDecimal(value(2))
            default:
                break
            }
        }
        closeParty()
        closeLine()
        InvoiceTotals.compute(&invoice, lineChargesIncluded: false)
        return invoice
    }
}

/// EDIFACT INVOIC (D96A, D01B, EANCOM) to a canonical `Invoice`, primer §4.4.
enum EDIFACTInvoiceMapper {
    static func map(_ set: TransactionSet) -> Invoice? {
        var invoice = Invoice(invoiceNumber: "")
        var line: InvoiceLine?
        var party: Party?
        var terms: PaymentTerms?
        var charge: AllowanceCharge?
        var tax: Tax?
        var afterSummary = false
        var previousReference: String?
        var summaryAmounts: [String: ExactDecimal] = [:]
        func closeLine() {
            if let current = line { invoice.lines.append(current) }
            line = nil
        }
        func closeParty() {
            if let current = party { invoice.parties.append(current) }
            party = nil
        }
        func closeTerms() {
            if let current = terms { invoice.terms.append(current) }
            terms = nil
        }
        func closeCharge() {
            guard let current = charge else { return }
            if line != nil {
                line!.allowancesCharges.append(current)
            } else {
                invoice.allowancesCharges.append(current)
            }
            charge = nil
        }
        func closeTax() {
            guard let current = tax else { return }
            if charge != nil {
                charge!.taxes.append(current)
            } else if line != nil {
                line!.taxes.append(current)
            } else {
                invoice.taxes.append(current)
            }
            tax = nil
        }
        for segment in set.segments {
            let component = { (position: Int, index: Int) in segment[position][component: index].string.trimmingSpaces }
            let number = { (position: Int, index: Int) in EDIFACTOrderMapper.number(component(position, index)) }
            let tag = segment.tagString
            defer { previousReference = tag == "RFF" ? component(1, 1) : nil }
            // Segment groups end at the first segment that is not theirs (TAX-MOA, ALC ..., PAT-DTM-PCD-MOA).
            if tax != nil && !["MOA", "LOC"].contains(tag) { closeTax() }
            if charge != nil && !["ALI", "RFF", "DTM", "QTY", "RNG", "PCD", "MOA", "RTE", "TAX", "LOC"].contains(tag) {
                closeCharge()
            }
            if terms != nil && !["DTM", "PCD", "MOA"].contains(tag) { closeTerms() }
            switch tag {
            case "BGM":
                invoice.invoiceType = component(1, 1).nonEmpty.map(InvoiceType.edifact)
                invoice.invoiceNumber = component(2, 1)
                invoice.purpose = component(3, 1).nonEmpty.map(Purpose.edifact)
            case "DTM" where terms != nil:
                let date = X12OrderAckMapper.calendarDate(ISODate.fromEDIFACT(component(1, 2), format: component(1, 3)))
                switch component(1, 1) {
                case "12": terms!.discountDueDate = date
                case "13", "140": terms!.netDueDate = date
                default: break
                }
            case "DTM" where charge == nil && line == nil:
                let date = X12OrderAckMapper.calendarDate(ISODate.fromEDIFACT(component(1, 2), format: component(1, 3)))
                switch component(1, 1) {
                case "137": invoice.invoiceDate = date
                case "3": if invoice.invoiceDate == nil { invoice.invoiceDate = date }
                case "35": invoice.deliveryDate = date
                case "11": invoice.shipDate = date
                case "4": invoice.orderDate = date
                case "171" where previousReference == "ON": invoice.orderDate = date
                default: break
                }
            case "RFF" where charge == nil && line == nil && party == nil:
                let qualifier = component(1, 1)
                if qualifier == "ON" && invoice.orderNumber == nil {
                    invoice.orderNumber = component(1, 2).nonEmpty
                } else if let value = component(1, 2).nonEmpty {
                    invoice.references.append(Reference(qualifier: qualifier, value: value))
                }
            case "NAD" where line == nil:
                closeParty()
                party = PartySegments.edifact(nad: segment)
            case "CUX":
                if invoice.currency == nil { invoice.currency = isoCurrency(component(1, 2)) }
            case "PAT" where line == nil:
                var new = PaymentTerms()
                new.type = component(1, 1).nonEmpty
                new.description =
                    [component(2, 4), component(2, 5)].filter { !$0.isEmpty }.joined(separator: " ").nonEmpty
                new.basis = component(3, 1).nonEmpty
                if component(3, 3) == "D", let days = Int(component(3, 4)) {
                    if new.type == "22" { new.discountDays = days } else { new.netDays = days }
                }
                terms = new
            case "PCD" where terms != nil:
                if ["12", "15"].contains(component(1, 1)) { terms!.discountPercent = number(1, 2) }
            case "PCD" where charge != nil:
                if ["1", "2", "3", "15"].contains(component(1, 1)) { charge!.percent = number(1, 2) }
            case "ALC":
                var new = AllowanceCharge(indicator: component(1, 1))
                new.code = component(5, 1).nonEmpty ?? component(2, 2).nonEmpty ?? component(2, 1).nonEmpty
                new.description = component(5, 4).nonEmpty
                charge = new
            case "TAX":
                var new = Tax(type: component(2, 1))
                new.percent = number(5, 4)
                new.category = component(6, 1).nonEmpty
                tax = new
            case "MOA":
                let qualifier = component(1, 1)
                let amount = number(1, 2)
                if tax != nil {
                    switch qualifier {
                    case "124", "150": if tax!.amount == nil { tax!.amount = amount }
                    case "125": if tax!.taxableAmount == nil { tax!.taxableAmount = amount }
                    default: break
                    }
                } else if charge != nil {
                    if ["8", "23", "204"].contains(qualifier) && charge!.amount == nil { charge!.amount = amount }
                } else if terms != nil {
                    if qualifier == "52" { terms!.discountAmount = amount }
                } else if line != nil {
                    if qualifier == "203" || (qualifier == "66" && line!.lineAmount == nil) {
                        line!.lineAmount = amount
                    }
                } else if afterSummary, let amount, summaryAmounts[qualifier] == nil {
                    summaryAmounts[qualifier] = amount
                }
            case "LIN":
                closeParty()
                closeLine()
                var new = InvoiceLine(lineNumber: component(1, 1).nonEmpty)
                if let id = component(3, 1).nonEmpty {
                    new.items.append(ItemIdentifier(qualifier: component(3, 2), value: id))
                }
                line = new
            case "PIA" where line != nil:
                line!.items += ItemSegments.edifactPIA(segment)
            case "IMD" where line != nil:
                if let text = ItemSegments.edifactIMD(segment) { line!.description = text }
            case "QTY" where line != nil && charge == nil:
                // QTY 47 is the invoiced quantity; 46 (delivered) or 12 (despatched) stand in when it is absent.
                let qualifier = component(1, 1)
                if qualifier == "47" || (["46", "12"].contains(qualifier) && line!.quantity == nil) {
                    line!.quantity = number(1, 2)
                    line!.unit = component(1, 3).nonEmpty.map(UnitOfMeasure.init(rec20:))
                }
            case "PRI" where line != nil:
                let qualifier = component(1, 1)
                if qualifier == "AAA" || line!.unitPrice == nil {
                    line!.unitPrice = number(1, 2)
                    line!.priceBasis = qualifier.nonEmpty
                }
            case "UNS":
                closeParty()
                closeLine()
                afterSummary = true
            case "CNT" where component(1, 1) == "2":
                invoice.declaredLineCount = Int(component(1, 2)).flatMap { $0 >= 0 ? $0 : nil }
            default:
                break
            }
        }
        closeTax()
        closeCharge()
        closeTerms()
        closeParty()
        closeLine()
        for index in invoice.lines.indices where invoice.lines[index].lineAmount == nil {
            if let quantity = invoice.lines[index].quantity, let price = invoice.lines[index].unitPrice {
                invoice.lines[index].lineAmount = quantity.multiplied(by: price)
            }
        }
        invoice.declaredTotalAmount = ["77", "86", "39", "128", "9"].lazy.compactMap { summaryAmounts[$0] }.first
        invoice.declaredLineTotal = summaryAmounts["79"]
        invoice.declaredTaxableAmount = summaryAmounts["125"]
        invoice.declaredTaxAmount = summaryAmounts["124"] ?? summaryAmounts["176"]
        InvoiceTotals.compute(&invoice, lineChargesIncluded: true)
        return invoice
    }
}

/// Invoice totals recomputed from the lines, to compare with what the document declares. Sums that do not fit
/// an `ExactDecimal` give nil rather than trapping.
enum InvoiceTotals {
    /// `computedLineTotal` and `computedTotalAmount`. `lineChargesIncluded`: the line amounts already contain the
    /// lines' own allowances and charges (EDIFACT MOA 203), so only the invoice-level ones are added.
    static func compute(_ invoice: inout Invoice, lineChargesIncluded: Bool) {
        let amounts = invoice.lines.compactMap(\.lineAmount)
        guard !amounts.isEmpty, amounts.count == invoice.lines.count, let lineTotal = ExactDecimal.sum(amounts) else {
            return
        }
        invoice.computedLineTotal = lineTotal
        var charges = invoice.allowancesCharges
        if !lineChargesIncluded { charges += invoice.lines.flatMap(\.allowancesCharges) }
        var terms: [ExactDecimal] = [lineTotal]
        for charge in charges where charge.kind != "other" {
            guard let amount = charge.amount else { return }
            terms.append(charge.kind == "allowance" ? amount.negated : amount)
        }
        let invoiceTaxes = invoice.taxes.compactMap(\.amount)
        terms += invoiceTaxes.isEmpty ? invoice.lines.flatMap(\.taxes).compactMap(\.amount) : invoiceTaxes
        invoice.computedTotalAmount = ExactDecimal.sum(terms)
    }
}
