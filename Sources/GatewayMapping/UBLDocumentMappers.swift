import CanonicalModel
import EDIXML

/// Shared UBL readers.
enum UBL {
    static func amount(_ element: XMLElement?) -> ExactDecimal? {
        element?.value.flatMap { ExactDecimal($0) }
    }

    /// A quantity with its `@unitCode`.
    static func quantity(_ element: XMLElement?) -> (ExactDecimal?, UnitOfMeasure?) {
        guard let element else { return (nil, nil) }
        return (
            element.value.flatMap { ExactDecimal($0) },
            element.attribute("unitCode")?.trimmedXML.nonEmpty.map { UnitOfMeasure(rec20: $0) }
        )
    }

    static func currency(_ root: XMLElement) -> String? {
        (root.value("DocumentCurrencyCode") ?? root.descendants("PayableAmount").first?.attribute("currencyID"))
            .flatMap { isoCurrency($0.trimmedXML) }
    }

    /// The parties under these elements (each holding a `cac:Party`, or being one, as `PayeeParty`).
    static func parties(_ root: XMLElement, _ roles: [(String, String)]) -> [Party] {
        roles.flatMap { element, role in
            root.children(element).map { holder in
                UBLOrderMapper.party(holder.child("Party") ?? holder, role: role, originalRole: element)
            }
        }
    }

    /// A `cac:Item`: its identifiers and name (else description), as the UBL Order mapper reads them.
    static func item(_ line: XMLElement) -> (items: [ItemIdentifier], description: String?) {
        let read = UBLOrderMapper.line(line, ordinal: 0)
        return (read.items, read.description)
    }

    /// The document references (`…DocumentReference`, `Contract`) by element name.
    static func references(_ root: XMLElement) -> [Reference] {
        root.children.compactMap { element in
            guard element.name.hasSuffix("DocumentReference") || element.name == "Contract" else { return nil }
            return element.value("ID").map { Reference(qualifier: element.name, value: $0) }
        }
    }

    /// `cac:TaxCategory` (or `ClassifiedTaxCategory`) to a tax without its amount.
    static func tax(_ category: XMLElement) -> Tax {
        var tax = Tax(type: category.value("TaxScheme", "ID") ?? "VAT")
        tax.category = category.value("ID")
        tax.percent = category.value("Percent").flatMap { ExactDecimal($0) }
        return tax
    }

    /// `cac:AllowanceCharge`: `cbc:ChargeIndicator` true is a charge, false an allowance.
    static func allowanceCharge(_ element: XMLElement) -> AllowanceCharge {
        let indicator = element.value("ChargeIndicator")?.lowercased()
        var charge = AllowanceCharge(indicator: indicator == "true" ? "C" : indicator == "false" ? "A" : "")
        charge.code = element.value("AllowanceChargeReasonCode")
        charge.description = element.value("AllowanceChargeReason")
        charge.amount = amount(element.child("Amount"))
        charge.taxes = element.children("TaxCategory").map(tax)
        return charge
    }
}

/// UBL `OrderResponse` to an `OrderAck`.
enum UBLOrderResponseMapper {
    static func map(_ root: XMLElement) -> OrderAck {
        var ack = OrderAck(orderNumber: root.value("OrderReference", "ID") ?? "")
        ack.orderDate = root.value("OrderReference", "IssueDate").flatMap(XMLDate.iso)
        ack.sellerOrderNumber = root.value("SalesOrderID") ?? root.value("ID")
        ack.ackDate = root.value("IssueDate").flatMap(XMLDate.iso)
        if let code = root.value("OrderResponseCode") {
            let meanings = ["AP": "accepted", "RE": "rejected", "CA": "change", "AB": "noDetailOrChange"]
            ack.ackType = AckType(code: code, meaning: meanings[code] ?? "other")
        }
        ack.currency = UBL.currency(root)
        ack.references = UBL.references(root)
        if let id = root.value("ID"), ack.sellerOrderNumber != id {
            ack.references.append(Reference(qualifier: "ID", value: id))
        }
        ack.parties = UBL.parties(
            root,
            [
                ("SellerSupplierParty", "seller"), ("BuyerCustomerParty", "buyer"),
                ("AccountingCustomerParty", "billTo"), ("AccountingSupplierParty", "seller"),
            ])
        for (index, element) in root.all("OrderLine", "LineItem").enumerated() {
            var line = OrderAckLine(lineNumber: element.value("ID") ?? String(index + 1))
            if let code = element.value("LineStatusCode") {
                let meanings = [
                    "Added": "added", "Cancelled": "deleted", "Revised": "changed", "Disputed": "other",
                    "NoStatus": "other",
                ]
                line.status = AckLineStatus(code: code, meaning: meanings[code] ?? "other")
            }
            (line.confirmedQuantity, line.confirmedUnit) = UBL.quantity(element.child("Quantity"))
            line.unitPrice = element.value("Price", "PriceAmount").flatMap { ExactDecimal($0) }
            let delivery = element.child("Delivery")
            line.confirmedDeliveryDate =
                (delivery?.value("PromisedDeliveryPeriod", "StartDate")
                ?? delivery?.value("RequestedDeliveryPeriod", "StartDate")).flatMap(XMLDate.iso)
            (line.items, line.description) = UBL.item(element)
            ack.lines.append(line)
        }
        ack.declaredLineCount = root.value("LineCountNumeric").flatMap { Int($0) }
        ack.declaredTotalAmount = UBL.amount(
            root.first("LegalMonetaryTotal", "PayableAmount") ?? root.first("AnticipatedMonetaryTotal", "PayableAmount")
        )
        return ack
    }
}

/// UBL `DespatchAdvice` to a `ShipNotice`: the header orders, with the despatch lines that name them directly
/// under each (S-O-I); lines naming no order stay at the shipment level.
enum UBLDespatchAdviceMapper {
    static func map(_ root: XMLElement) -> ShipNotice {
        var notice = ShipNotice(shipmentNumber: root.value("ID") ?? "")
        notice.noticeDate = root.value("IssueDate").flatMap(XMLDate.iso)
        if let date = notice.noticeDate, let time = root.value("IssueTime") {
            notice.noticeDateTime = XMLDateTime.local(date + "T" + time)
        }
        notice.references = UBL.references(root)
        notice.parties = UBL.parties(
            root,
            [
                ("DespatchSupplierParty", "shipFrom"), ("DeliveryCustomerParty", "shipTo"),
                ("BuyerCustomerParty", "buyer"), ("SellerSupplierParty", "seller"),
            ])
        if let shipment = root.child("Shipment") {
            if let weight = shipment.child("GrossWeightMeasure"), let value = weight.value.flatMap({ ExactDecimal($0) })
            {
                let unit = weight.attribute("unitCode")?.trimmedXML.nonEmpty.map { UnitOfMeasure(rec20: $0) }
                notice.measurements.append(
                    ShipmentMeasurement(kind: "grossWeight", qualifier: "GrossWeightMeasure", value: value, unit: unit))
            }
            notice.packageCount = shipment.value("TotalTransportHandlingUnitQuantity").flatMap { Int($0) }
            let delivery = shipment.child("Delivery")
            if let despatch = delivery?.child("Despatch") {
                notice.shipDate = despatch.value("ActualDespatchDate").flatMap(XMLDate.iso)
                if let date = notice.shipDate, let time = despatch.value("ActualDespatchTime") {
                    notice.shipDateTime = XMLDateTime.local(date + "T" + time)
                }
            }
            notice.estimatedDeliveryDate =
                (delivery?.value("EstimatedDeliveryPeriod", "StartDate")
                ?? delivery?.value("PromisedDeliveryPeriod", "StartDate")).flatMap(XMLDate.iso)
            if let stage = shipment.child("ShipmentStage") {
                var carrier = ShipmentCarrier()
                if let id = stage.first("CarrierParty", "PartyIdentification", "ID") {
                    carrier.code = id.value
                    carrier.qualifier = id.attribute("schemeID")
                    carrier.scheme = carrier.qualifier
                }
                carrier.name = stage.value("CarrierParty", "PartyName", "Name")
                carrier.transportMethod = stage.value("TransportModeCode")
                notice.carrier = carrier == ShipmentCarrier() ? nil : carrier
            }
        }
        for reference in root.children("OrderReference") {
            guard let id = reference.value("ID") else { continue }
            var order = ShipmentOrder(orderNumber: id)
            order.orderDate = reference.value("IssueDate").flatMap(XMLDate.iso)
            if let sales = reference.value("SalesOrderID") {
                order.references.append(Reference(qualifier: "SalesOrderID", value: sales))
            }
            notice.orders.append(order)
        }
        for (index, element) in root.children("DespatchLine").enumerated() {
            var item = ShipmentItem()
            item.lineNumber = element.value("ID") ?? String(index + 1)
            (item.shippedQuantity, item.unit) = UBL.quantity(element.child("DeliveredQuantity"))
            item.orderLineNumber = element.value("OrderLineReference", "LineID")
            item.orderNumber = element.value("OrderLineReference", "OrderReference", "ID")
            (item.items, item.description) = UBL.item(element)
            let orderNumber = item.orderNumber ?? (notice.orders.count == 1 ? notice.orders[0].orderNumber : nil)
            // The handling unit the line travels in (DespatchLine/Shipment/TransportHandlingUnit): a pack.
            let unit = element.first("Shipment", "TransportHandlingUnit")
            if let orderNumber {
                let position =
                    notice.orders.firstIndex(where: { $0.orderNumber == orderNumber })
                    ?? {
                        notice.orders.append(ShipmentOrder(orderNumber: orderNumber))
                        return notice.orders.count - 1
                    }()
                if let unit {
                    Self.add(item, in: unit, to: &notice.orders[position].packs)
                } else {
                    notice.orders[position].items.append(item)
                }
            } else if let unit {
                Self.add(item, in: unit, to: &notice.packs)
            } else {
                notice.items.append(item)
            }
        }
        return notice
    }

    /// Puts `item` into the pack for `unit` (by its ID), creating the pack on first sight: ID (an SSCC when it is
    /// one), `TransportHandlingUnitTypeCode` as the packaging code.
    static func add(_ item: ShipmentItem, in unit: XMLElement, to packs: inout [ShipmentPack]) {
        let id = unit.value("ID")?.trimmedXML.nonEmpty
        if let index = packs.firstIndex(where: { $0.marks.first?.value == id }) {
            packs[index].items.append(item)
            return
        }
        var pack = ShipmentPack(level: "pack")
        if let id {
            pack.marks.append(Reference(qualifier: unit.child("ID")?.attribute("schemeID") ?? "ID", value: id))
            ShipNoticeMarks.setSSCC(id, on: &pack)
        }
        pack.packagingCode = unit.value("TransportHandlingUnitTypeCode")?.trimmedXML.nonEmpty
        pack.items.append(item)
        packs.append(pack)
    }
}

/// UBL `Invoice` to an `Invoice` (primer §4.4, UBL column).
enum UBLInvoiceMapper {
    static func map(_ root: XMLElement) -> Invoice {
        var invoice = Invoice(invoiceNumber: root.value("ID") ?? "")
        invoice.invoiceDate = root.value("IssueDate").flatMap(XMLDate.iso)
        if let code = root.value("InvoiceTypeCode") { invoice.invoiceType = InvoiceType.edifact(code) }
        invoice.orderNumber = root.value("OrderReference", "ID")
        invoice.orderDate = root.value("OrderReference", "IssueDate").flatMap(XMLDate.iso)
        invoice.currency = UBL.currency(root)
        invoice.references = UBL.references(root)
        if let buyerReference = root.value("BuyerReference") {
            invoice.references.append(Reference(qualifier: "BuyerReference", value: buyerReference))
        }
        invoice.deliveryDate = root.value("Delivery", "ActualDeliveryDate").flatMap(XMLDate.iso)
        invoice.parties = UBL.parties(
            root,
            [
                ("AccountingSupplierParty", "seller"), ("AccountingCustomerParty", "billTo"),
                ("BuyerCustomerParty", "buyer"), ("SellerSupplierParty", "seller"), ("PayeeParty", "remitTo"),
            ])
        for location in root.all("Delivery", "DeliveryLocation") {
            var party = Party(role: "shipTo", originalRole: "DeliveryLocation")
            if let id = location.child("ID"), let value = id.value {
                party.identifiers.append(UBLOrderMapper.identifier(id, value: value))
            }
            party.name = location.value("Name") ?? root.value("Delivery", "DeliveryParty", "PartyName", "Name")
            if let address = location.child("Address") { UBLOrderMapper.address(address, into: &party) }
            invoice.parties.append(party)
        }
        let dueDate = (root.value("DueDate") ?? root.value("PaymentMeans", "PaymentDueDate")).flatMap(XMLDate.iso)
        for element in root.children("PaymentTerms") {
            var terms = PaymentTerms()
            terms.description = element.children("Note").compactMap(\.value).joined(separator: " ").nonEmpty
            terms.discountPercent = element.value("SettlementDiscountPercent").flatMap { ExactDecimal($0) }
            terms.netDueDate = element.value("PaymentDueDate").flatMap(XMLDate.iso) ?? dueDate
            invoice.terms.append(terms)
        }
        if invoice.terms.isEmpty, let dueDate {
            var terms = PaymentTerms()
            terms.netDueDate = dueDate
            invoice.terms.append(terms)
        }
        invoice.allowancesCharges = root.children("AllowanceCharge").map(UBL.allowanceCharge)
        if let total = root.child("TaxTotal") {
            invoice.declaredTaxAmount = UBL.amount(total.child("TaxAmount"))
            invoice.taxes = total.children("TaxSubtotal").map { subtotal in
                var tax = subtotal.child("TaxCategory").map(UBL.tax) ?? Tax(type: "VAT")
                tax.amount = UBL.amount(subtotal.child("TaxAmount"))
                tax.taxableAmount = UBL.amount(subtotal.child("TaxableAmount"))
                if tax.percent == nil { tax.percent = subtotal.value("Percent").flatMap { ExactDecimal($0) } }
                return tax
            }
            if invoice.taxes.isEmpty, let amount = invoice.declaredTaxAmount {
                var tax = Tax(type: "VAT")
                tax.amount = amount
                invoice.taxes = [tax]
            }
        }
        for (index, element) in root.children("InvoiceLine").enumerated() {
            var line = InvoiceLine(lineNumber: element.value("ID") ?? String(index + 1))
            (line.quantity, line.unit) = UBL.quantity(element.child("InvoicedQuantity"))
            line.unitPrice = element.value("Price", "PriceAmount").flatMap { ExactDecimal($0) }
            line.lineAmount = UBL.amount(element.child("LineExtensionAmount"))
            (line.items, line.description) = UBL.item(element)
            line.allowancesCharges = element.children("AllowanceCharge").map(UBL.allowanceCharge)
            let lineTax = UBL.amount(element.first("TaxTotal", "TaxAmount"))
            line.taxes = element.all("Item", "ClassifiedTaxCategory").map(UBL.tax)
            if let lineTax {
                if line.taxes.isEmpty { line.taxes = [Tax(type: "VAT")] }
                line.taxes[0].amount = lineTax
            }
            invoice.lines.append(line)
        }
        invoice.declaredLineCount = root.value("LineCountNumeric").flatMap { Int($0) }
        let monetary = root.child("LegalMonetaryTotal")
        invoice.declaredLineTotal = UBL.amount(monetary?.child("LineExtensionAmount"))
        invoice.declaredTaxableAmount = UBL.amount(monetary?.child("TaxExclusiveAmount"))
        invoice.declaredTotalAmount = UBL.amount(
            monetary?.child("TaxInclusiveAmount") ?? monetary?.child("PayableAmount"))
        invoice.declaredPayableAmount = UBL.amount(monetary?.child("PayableAmount"))
        InvoiceTotals.compute(&invoice, lineChargesIncluded: true)
        return invoice
    }
}

/// UBL `RemittanceAdvice` to a `Remittance` (primer §4.6 in UBL terms): the payment is `TotalPaymentAmount`,
/// each `RemittanceAdviceLine` settles the document its `BillingReference` names.
enum UBLRemittanceAdviceMapper {
    static func map(_ root: XMLElement) -> Remittance {
        let id = root.value("ID") ?? ""
        var remittance = Remittance(paymentReference: id)
        remittance.adviceNumber = id.nonEmpty
        remittance.adviceDate = root.value("IssueDate").flatMap(XMLDate.iso)
        let total = root.child("TotalPaymentAmount")
        remittance.paymentAmount = UBL.amount(total)
        remittance.currency = (root.value("DocumentCurrencyCode") ?? total?.attribute("currencyID"))
            .flatMap { isoCurrency($0.trimmedXML) }
        remittance.notes = root.children("Note").compactMap(\.value)
        remittance.references = UBL.references(root)
        remittance.traceNumber = root.value("PaymentOrderReference") ?? root.value("PaymentMeans", "PaymentID")
        if let means = root.child("PaymentMeans") {
            if let code = means.value("PaymentMeansCode") {
                remittance.paymentMethod = code
                remittance.paymentMethodMeaning = EDIFACTRemittanceMapper.methodMeaning(code)
            }
            remittance.paymentDate = means.value("PaymentDueDate").flatMap(XMLDate.iso)
            for (element, role) in [("PayerFinancialAccount", "originator"), ("PayeeFinancialAccount", "receiver")] {
                guard let account = means.child(element) else { continue }
                var bank = RemittanceBankAccount(role: role)
                bank.originalRole = element
                bank.accountNumber = account.value("ID")
                bank.accountHolder = account.value("Name")
                bank.institutionId =
                    account.value("FinancialInstitutionBranch", "ID")
                    ?? account.value("FinancialInstitutionBranch", "FinancialInstitution", "ID")
                remittance.bankAccounts.append(bank)
            }
        }
        for (element, qualifier) in [("StartDate", "InvoicePeriodStart"), ("EndDate", "InvoicePeriodEnd")] {
            if let date = root.value("InvoicePeriod", element).flatMap(XMLDate.iso) {
                remittance.dates.append(RemittanceDate(qualifier: qualifier, date: date))
            }
        }
        remittance.parties = UBL.parties(
            root,
            [
                ("AccountingCustomerParty", "payer"), ("AccountingSupplierParty", "seller"),
                ("PayerParty", "payer"), ("PayeeParty", "remitTo"),
            ])
        let documents = [
            ("InvoiceDocumentReference", "invoice"), ("CreditNoteDocumentReference", "creditNote"),
            ("DebitNoteDocumentReference", "debitNote"), ("SelfBilledInvoiceDocumentReference", "invoice"),
            ("AdditionalDocumentReference", "other"),
        ]
        for element in root.children("RemittanceAdviceLine") {
            let billing = element.child("BillingReference")
            let found = documents.lazy.compactMap { name, type in
                billing?.child(name).map { ($0, name, type) }
            }.first
            var line = RemittanceLine(
                referenceQualifier: found?.1 ?? "RemittanceAdviceLine",
                referenceNumber: found?.0.value("ID") ?? element.value("ID") ?? "")
            line.referenceType = found?.2 ?? "other"
            line.invoiceDate = found?.0.value("IssueDate").flatMap(XMLDate.iso)
            let debit = UBL.amount(element.child("DebitLineAmount"))
            let credit = UBL.amount(element.child("CreditLineAmount"))
            switch (debit, credit) {
            case (let debit?, let credit?): line.amountPaid = debit.adding(credit.negated)
            case (let debit?, nil): line.amountPaid = debit
            case (nil, let credit?): line.amountPaid = credit.negated
            case (nil, nil): break
            }
            if let id = element.value("ID") { line.references.append(Reference(qualifier: "LineID", value: id)) }
            line.notes = element.children("Note").compactMap(\.value)
            remittance.lines.append(line)
        }
        remittance.computedPaymentAmount = RemittanceTotals.computed(remittance)
        return remittance
    }
}
