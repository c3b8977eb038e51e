import CanonicalModel
import EDIFormat

extension X12Bodies {
    // MARK: - 810

    static func invoice810(_ invoice: Invoice) throws -> RenderedBody {
        let name = "810 invoice \(invoice.invoiceNumber)"
        var body = RenderedBody()
        body.add(
            "BIG", try require(F.date(invoice.invoiceDate), "invoiceDate (BIG01)", name),
            try require(invoice.invoiceNumber, "invoiceNumber (BIG02)", name), F.date(invoice.orderDate),
            invoice.orderNumber, nil, nil, invoice.invoiceType?.code, invoice.purpose?.code)
        if let currency = invoice.currency { body.add("CUR", "SE", currency) }
        for reference in invoice.references { body.add("REF", reference.qualifier, reference.value) }
        parties(invoice.parties, into: &body)
        for terms in invoice.terms {
            body.add(
                "ITD", terms.type, terms.basis, F.number(terms.discountPercent), F.date(terms.discountDueDate),
                terms.discountDays.map(String.init), F.date(terms.netDueDate), terms.netDays.map(String.init),
                try F.implied2(terms.discountAmount, field: "ITD08 discount amount"), nil, nil, nil, terms.description)
        }
        if let date = F.date(invoice.shipDate) { body.add("DTM", "011", date) }
        if let date = F.date(invoice.deliveryDate) { body.add("DTM", "035", date) }
        for line in invoice.lines {
            body.segments.append(
                RenderedBody.Segment(
                    tag: "IT1",
                    elements: ([
                        line.lineNumber, F.number(line.quantity), line.unit?.original, F.number(line.unitPrice),
                        line.priceBasis,
                    ] + (try pairs(line.items, limit: 10, what: "IT1"))).map { [$0 ?? ""] }))
            if let description = line.description { body.add("PID", "F", nil, nil, nil, description) }
            for tax in line.taxes { txi(tax, into: &body) }
            for charge in line.allowancesCharges { try sac(charge, into: &body) }
        }
        body.add(
            "TDS",
            try require(
                try F.implied2(invoice.declaredTotalAmount, field: "TDS01 total"), "declaredTotalAmount (TDS01)", name))
        for tax in invoice.taxes { txi(tax, into: &body) }
        for charge in invoice.allowancesCharges { try sac(charge, into: &body) }
        if let count = invoice.declaredLineCount {
            body.add("CTT", String(count), F.number(invoice.declaredQuantityTotal))
        }
        return body
    }

    static func txi(_ tax: Tax, into body: inout RenderedBody) {
        body.add("TXI", tax.type, F.number(tax.amount), F.number(tax.percent), nil, nil, tax.category)
    }

    /// SAC and the TXI of its loop.
    static func sac(_ charge: AllowanceCharge, into body: inout RenderedBody) throws {
        body.add(
            "SAC", charge.indicator, charge.code, nil, nil, try F.implied2(charge.amount, field: "SAC05 amount"),
            charge.percent == nil ? nil : "3", F.number(charge.percent), nil, nil, nil, nil, nil, nil, nil,
            charge.description)
        for tax in charge.taxes { txi(tax, into: &body) }
    }

    // MARK: - 820

    static func remittance820(_ remittance: Remittance) throws -> RenderedBody {
        let name = "820 remittance \(remittance.paymentReference)"
        var body = RenderedBody()
        let originator = remittance.bankAccounts.first { $0.role == "originator" }
        let receiver = remittance.bankAccounts.first { $0.role == "receiver" }
        body.add(
            "BPR", try require(remittance.handlingCode, "handlingCode (BPR01)", name),
            try require(F.number(remittance.paymentAmount), "paymentAmount (BPR02)", name),
            try require(remittance.creditDebitCode, "creditDebitCode (BPR03)", name),
            try require(remittance.paymentMethod, "paymentMethod (BPR04)", name), remittance.paymentFormat,
            originator?.institutionQualifier, originator?.institutionId, originator?.accountQualifier,
            originator?.accountNumber, remittance.originatingCompanyId, nil, receiver?.institutionQualifier,
            receiver?.institutionId, receiver?.accountQualifier, receiver?.accountNumber, F.date(remittance.paymentDate)
        )
        body.add(
            "TRN", try require(remittance.traceType, "traceType (TRN01)", name),
            try require(remittance.paymentReference, "paymentReference (TRN02)", name), remittance.originatingCompanyId)
        if let currency = remittance.currency { body.add("CUR", "PR", currency) }
        for reference in remittance.references { body.add("REF", reference.qualifier, reference.value) }
        for date in remittance.dates { body.add("DTM", date.qualifier, F.date(date.date)) }
        for note in remittance.notes { body.add("NTE", nil, note) }
        parties(remittance.parties, into: &body, extraIdentifiers: true)
        if !remittance.lines.isEmpty || !remittance.adjustments.isEmpty { body.add("ENT", "1") }
        for adjustment in remittance.adjustments { try adx(adjustment, into: &body, name: name) }
        for line in remittance.lines {
            var adjustments = line.adjustments[...]
            var inline: RemittanceAdjustment?
            if let first = adjustments.first, first.references.isEmpty {
                inline = first
                adjustments = adjustments.dropFirst()
            }
            body.add(
                "RMR", line.referenceQualifier, line.referenceNumber, line.paymentActionCode, F.number(line.amountPaid),
                F.number(line.invoiceAmount), F.number(line.discountAmount), inline?.reasonCode,
                F.number(inline?.amount))
            for note in line.notes { body.add("NTE", nil, note) }
            for reference in line.references { body.add("REF", reference.qualifier, reference.value) }
            if let date = F.date(line.invoiceDate) { body.add("DTM", "003", date) }
            for date in line.dates { body.add("DTM", date.qualifier, F.date(date.date)) }
            for adjustment in adjustments { try adx(adjustment, into: &body, name: name) }
        }
        return body
    }

    /// ADX (amount, reason, first reference) and a REF for each further reference.
    static func adx(_ adjustment: RemittanceAdjustment, into body: inout RenderedBody, name: String) throws {
        let first = adjustment.references.first
        body.add(
            "ADX", try require(F.number(adjustment.amount), "adjustment amount (ADX01)", name), adjustment.reasonCode,
            first?.qualifier, first?.value)
        for reference in adjustment.references.dropFirst() { body.add("REF", reference.qualifier, reference.value) }
    }

    // MARK: - 940 / 945

    static func warehouseOrder(_ order: WarehouseShippingOrder) throws -> RenderedBody {
        let name = "940 warehouse order \(order.orderNumber)"
        var body = RenderedBody()
        body.add(
            "W05", try require(order.purpose.code, "purpose (W0501)", name),
            try require(order.orderNumber, "orderNumber (W0502)", name), order.purchaseOrderNumber)
        parties(order.parties, into: &body, extraIdentifiers: true)
        for reference in order.references { body.add("N9", reference.qualifier, reference.value) }
        for date in order.dates { body.add("G62", date.qualifier, F.date(date.date)) }
        for note in order.notes { body.add("NTE", nil, note) }
        if let carrier = order.carrier {
            body.add(
                "W66", carrier.paymentMethod, carrier.transportationMethod, carrier.palletExchange,
                carrier.unitLoadOption, carrier.routing, carrier.fobPointCode, carrier.fobPoint, carrier.codMethod,
                try F.implied2(carrier.codAmount, field: "W6609 COD amount"), carrier.scac)
        }
        for line in order.lines {
            body.add("LX", line.lineNumber)
            let (cases, others) = try warehouseItems(line.items, caseCodes: 1, pairs: 3, what: "W01")
            var elements = [String?](repeating: nil, count: 16)
            elements[0] = try require(F.number(line.quantityOrdered), "line quantityOrdered (W0101)", name)
            elements[1] = try require(line.unit?.original, "line unit (W0102)", name)
            elements[2] = cases.first
            for (index, position) in [(4, 5), (6, 7), (15, 16)].enumerated() where index < others.count {
                elements[position.0 - 1] = others[index].qualifier
                elements[position.1 - 1] = others[index].value
            }
            elements[12] = line.lotNumber
            body.segments.append(RenderedBody.Segment(tag: "W01", elements: elements.map { [$0 ?? ""] }))
            if let description = line.description { body.add("G69", description) }
            for reference in line.references { body.add("N9", reference.qualifier, reference.value) }
        }
        if let total = order.declaredQuantityTotal {
            body.add("W76", F.number(total), F.number(order.declaredWeight), order.weightUnit?.original)
        }
        return body
    }

    static func warehouseAdvice(_ advice: WarehouseShipmentAdvice) throws -> RenderedBody {
        let name = "945 warehouse advice \(advice.shipmentNumber)"
        var body = RenderedBody()
        let shipment = try require(advice.shipmentNumber, "shipmentNumber (W0604)", name)
        body.add(
            "W06", advice.reportingCode, try require(advice.depositorOrderNumber, "depositorOrderNumber (W0602)", name),
            try require(F.date(advice.shipDate), "shipDate (W0603)", name), shipment, advice.agentShipmentId,
            advice.purchaseOrderNumber)
        parties(advice.parties, into: &body, extraIdentifiers: true)
        for reference in advice.references { body.add("N9", reference.qualifier, reference.value) }
        for date in advice.dates { body.add("G62", date.qualifier, F.date(date.date)) }
        for note in advice.notes { body.add("NTE", nil, note) }
        if let carrier = advice.carrier {
            body.add("W27", carrier.transportationMethod, carrier.scac, carrier.routing, carrier.paymentMethod)
        }
        for line in advice.lines {
            body.add("LX", line.lineNumber)
            let (cases, others) = try warehouseItems(line.items, caseCodes: 2, pairs: 3, what: "W12")
            var elements = [String?](repeating: nil, count: 22)
            elements[0] = line.status
            elements[1] = F.number(line.quantityOrdered)
            elements[2] = F.number(line.quantityShipped)
            elements[3] = F.number(line.quantityDifference)
            elements[4] = line.unit?.original
            for (index, position) in [6, 16].enumerated() where index < cases.count {
                elements[position - 1] = cases[index]
            }
            for (index, position) in [(7, 8), (17, 18), (21, 22)].enumerated() where index < others.count {
                elements[position.0 - 1] = others[index].qualifier
                elements[position.1 - 1] = others[index].value
            }
            elements[8] = line.lotNumber
            elements[9] = F.number(line.weight)
            elements[10] = line.weightQualifier
            elements[11] = line.weightUnitCode
            body.segments.append(RenderedBody.Segment(tag: "W12", elements: elements.map { [$0 ?? ""] }))
            if let description = line.description { body.add("G69", description) }
            for reference in line.references { body.add("N9", reference.qualifier, reference.value) }
        }
        if let units = advice.declaredUnitsShipped {
            body.add("W03", F.number(units), F.number(advice.declaredWeight), advice.weightUnit?.original)
        }
        return body
    }

    /// The U.P.C. case codes (qualifier `UA`, which the inbound mapper reads first) and the other pairs.
    static func warehouseItems(_ items: [ItemIdentifier], caseCodes: Int, pairs: Int, what: String) throws -> (
        [String], [ItemIdentifier]
    ) {
        let cases = items.filter { $0.qualifier == "UA" }.prefix(caseCodes).map(\.value)
        var others = items
        var removed = 0
        others.removeAll { item in
            guard item.qualifier == "UA", removed < cases.count else { return false }
            removed += 1
            return true
        }
        guard others.count <= pairs else {
            throw RenderError(.unrepresentable, "\(what) carries at most \(caseCodes) UA and \(pairs) other item ids")
        }
        return (Array(cases), others)
    }
}
