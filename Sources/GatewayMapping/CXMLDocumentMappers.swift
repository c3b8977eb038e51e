import CanonicalModel
import EDIXML

/// cXML `ConfirmationRequest` to an `OrderAck` (primer §4.2, cXML column).
enum CXMLConfirmationMapper {
    static func map(_ request: XMLElement, _ cxml: XMLElement) -> OrderAck {
        let reference = request.child("OrderReference")
        var ack = OrderAck(orderNumber: reference?.attribute("orderID")?.trimmedXML ?? "")
        ack.orderDate = reference?.attribute("orderDate").flatMap(XMLDate.iso)
        let header = request.child("ConfirmationHeader")
        ack.purpose = CXML.purpose(header?.attribute("operation"))
        if let type = header?.attribute("type")?.trimmedXML.nonEmpty {
            let meanings = [
                "accept": "accepted", "detail": "detailAndChange", "allDetail": "detailAndChange",
                "except": "exceptionDetailOnly", "reject": "rejected",
            ]
            ack.ackType = AckType(code: type, meaning: meanings[type] ?? "other")
        }
        ack.sellerOrderNumber = header?.attribute("confirmID")?.trimmedXML.nonEmpty
        ack.ackDate = header?.attribute("noticeDate").flatMap(XMLDate.iso)
        ack.currency = CXML.currency(request)
        if let invoiceID = header?.attribute("invoiceID")?.trimmedXML.nonEmpty {
            ack.references.append(Reference(qualifier: "invoiceID", value: invoiceID))
        }
        if let payloadID = reference?.child("DocumentReference")?.attribute("payloadID")?.trimmedXML.nonEmpty {
            ack.references.append(Reference(qualifier: "DocumentReference", value: payloadID))
        }
        ack.parties = CXML.supplierSentParties(cxml) + (header?.children("Contact").map(CXML.party) ?? [])
        for (index, item) in request.children("ConfirmationItem").enumerated() {
            ack.lines.append(line(item, ordinal: index + 1))
        }
        return ack
    }

    static func status(_ type: String) -> AckLineStatus {
        let meanings = [
            "accept": "accepted", "detail": "acceptedWithChanges", "reject": "rejected", "backordered": "backordered",
        ]
        return AckLineStatus(code: type, meaning: meanings[type] ?? "other")
    }

    static func line(_ item: XMLElement, ordinal: Int) -> OrderAckLine {
        var line = OrderAckLine(lineNumber: item.attribute("lineNumber")?.trimmedXML.nonEmpty ?? String(ordinal))
        line.orderedQuantity = item.attribute("quantity").flatMap { ExactDecimal($0.trimmedXML) }
        line.unit = item.value("UnitOfMeasure").map { UnitOfMeasure(rec20: $0) }
        let statuses = item.children("ConfirmationStatus")
        if let first = statuses.first {
            line.status = status(first.attribute("type")?.trimmedXML ?? "")
            line.confirmedQuantity = first.attribute("quantity").flatMap { ExactDecimal($0.trimmedXML) }
            line.confirmedUnit = first.value("UnitOfMeasure").map { UnitOfMeasure(rec20: $0) } ?? line.unit
            line.confirmedShipDate = first.attribute("shipmentDate").flatMap(XMLDate.iso)
            line.confirmedDeliveryDate = first.attribute("deliveryDate").flatMap(XMLDate.iso)
            line.unitPrice = CXML.money(first.child("UnitPrice"))
            line.items = CXML.items(first.first("ItemIn", "ItemID"))
            line.description = first.value("ItemIn", "ItemDetail", "Description")
            for extrinsic in first.children("Extrinsic") where extrinsic.attribute("name") == "SupplierPartID" {
                if let value = extrinsic.value, !line.items.contains(where: { $0.value == value }) {
                    line.items.append(XMLItem.identifier(kind: "vendorItem", qualifier: "SupplierPartID", value: value))
                }
            }
        }
        for other in statuses.dropFirst() {
            var split = OrderAckSplit(status: status(other.attribute("type")?.trimmedXML ?? ""))
            split.quantity = other.attribute("quantity").flatMap { ExactDecimal($0.trimmedXML) }
            split.unit = other.value("UnitOfMeasure").map { UnitOfMeasure(rec20: $0) }
            split.shipDate = other.attribute("shipmentDate").flatMap(XMLDate.iso)
            split.deliveryDate = other.attribute("deliveryDate").flatMap(XMLDate.iso)
            line.splits.append(split)
        }
        return line
    }
}

/// cXML `ShipNoticeRequest` to a `ShipNotice` (primer §4.3, cXML column): one order per `ShipNoticePortion`,
/// its items grouped into packs by `Packaging/ShippingContainerSerialCode` (else directly under the order).
enum CXMLShipNoticeMapper {
    static func map(_ request: XMLElement, _ cxml: XMLElement) -> ShipNotice {
        let header = request.child("ShipNoticeHeader")
        var notice = ShipNotice(shipmentNumber: header?.attribute("shipmentID")?.trimmedXML ?? "")
        notice.purpose = CXML.purpose(header?.attribute("operation"))
        for (attribute, date, dateTime) in [
            ("noticeDate", \ShipNotice.noticeDate, \ShipNotice.noticeDateTime),
            ("shipmentDate", \ShipNotice.shipDate, \ShipNotice.shipDateTime),
            ("deliveryDate", \ShipNotice.estimatedDeliveryDate, \ShipNotice.estimatedDeliveryDateTime),
        ] {
            guard let value = header?.attribute(attribute) else { continue }
            notice[keyPath: date] = XMLDate.iso(value)
            notice[keyPath: dateTime] = XMLDateTime.local(value)
        }
        notice.parties = CXML.supplierSentParties(cxml) + (header?.children("Contact").map(CXML.party) ?? [])
        for control in request.children("ShipControl") {
            var carrier = ShipmentCarrier()
            for identifier in control.children("CarrierIdentifier") {
                let domain = identifier.attribute("domain")?.trimmedXML
                if domain == "companyName" {
                    carrier.name = carrier.name ?? identifier.value
                } else if carrier.code == nil {
                    carrier.code = identifier.value
                    carrier.qualifier = domain
                    carrier.scheme = domain
                }
            }
            carrier.transportMethod = control.first("Route")?.attribute("method")?.trimmedXML.nonEmpty
            notice.carrier = ShipNoticeCarriers.merge(notice.carrier, carrier)
            for identifier in control.children("ShipmentIdentifier") {
                guard let value = identifier.value else { continue }
                notice.billOfLading = notice.billOfLading ?? value
                let domain = identifier.attribute("domain")?.trimmedXML.nonEmpty
                notice.references.append(Reference(qualifier: domain ?? "ShipmentIdentifier", value: value))
            }
        }
        for portion in request.children("ShipNoticePortion") {
            let reference = portion.child("OrderReference")
            var order = ShipmentOrder(orderNumber: reference?.attribute("orderID")?.trimmedXML ?? "")
            order.orderDate = reference?.attribute("orderDate").flatMap(XMLDate.iso)
            for (index, element) in portion.children("ShipNoticeItem").enumerated() {
                let item = item(element, ordinal: index + 1)
                let sscc = element.children("Packaging").lazy.compactMap { $0.value("ShippingContainerSerialCode") }
                    .first
                guard let sscc else {
                    order.items.append(item)
                    continue
                }
                if let index = order.packs.firstIndex(where: { $0.marks.first?.value == sscc }) {
                    order.packs[index].items.append(item)
                } else {
                    var pack = ShipmentPack(level: "pack")
                    pack.marks.append(Reference(qualifier: "ShippingContainerSerialCode", value: sscc))
                    pack.packagingCode = element.value("Packaging", "PackagingCode")
                    ShipNoticeMarks.setSSCC(sscc, on: &pack)
                    pack.items.append(item)
                    order.packs.append(pack)
                }
            }
            if order.orderNumber.isEmpty {
                notice.items += order.items
                notice.packs += order.packs
            } else {
                notice.orders.append(order)
            }
        }
        return notice
    }

    static func item(_ element: XMLElement, ordinal: Int) -> ShipmentItem {
        var item = ShipmentItem()
        item.lineNumber = element.attribute("lineNumber")?.trimmedXML.nonEmpty ?? String(ordinal)
        item.shippedQuantity = element.attribute("quantity").flatMap { ExactDecimal($0.trimmedXML) }
        item.unit = element.value("UnitOfMeasure").map { UnitOfMeasure(rec20: $0) }
        item.items = CXML.items(element.child("ItemID"))
        item.description = element.value("ShipNoticeItemDetail", "Description")
        return item
    }
}

/// cXML `InvoiceDetailRequest` to an `Invoice` (primer §4.4, cXML column).
enum CXMLInvoiceMapper {
    static func map(_ request: XMLElement, _ cxml: XMLElement) -> Invoice {
        let header = request.child("InvoiceDetailRequestHeader")
        var invoice = Invoice(invoiceNumber: header?.attribute("invoiceID")?.trimmedXML ?? "")
        invoice.invoiceDate = header?.attribute("invoiceDate").flatMap(XMLDate.iso)
        if let purpose = header?.attribute("purpose")?.trimmedXML.nonEmpty {
            let meanings = [
                "standard": "invoice", "creditMemo": "creditNote", "lineLevelCreditMemo": "creditNote",
                "debitMemo": "debitNote", "lineLevelDebitMemo": "debitNote",
            ]
            invoice.invoiceType = InvoiceType(code: purpose, meaning: meanings[purpose] ?? "other")
        }
        invoice.purpose = CXML.purpose(header?.attribute("operation"))
        invoice.currency = CXML.currency(request)
        invoice.parties = CXML.supplierSentParties(cxml)
        if let header {
            invoice.parties += header.all("InvoicePartner").compactMap { partner in
                guard let contact = partner.child("Contact") else { return nil }
                var party = CXML.party(contact)
                for reference in partner.children("IdReference") {
                    guard let value = reference.attribute("identifier")?.trimmedXML.nonEmpty else { continue }
                    let domain = reference.attribute("domain")
                    party.identifiers.append(Identifier(value: value, qualifier: domain, scheme: domain))
                }
                return party
            }
            invoice.parties += header.all("InvoiceDetailShipping", "Contact").map(CXML.party)
            invoice.shipDate = header.child("InvoiceDetailShipping")?.attribute("shippingDate").flatMap(XMLDate.iso)
            for term in header.children("InvoiceDetailPaymentTerm") + header.children("PaymentTerm") {
                invoice.terms.append(terms(term))
            }
            for extrinsic in header.children("Extrinsic") {
                if let name = extrinsic.attribute("name"), let value = extrinsic.value {
                    invoice.references.append(Reference(qualifier: name, value: value))
                }
            }
        }
        for order in request.children("InvoiceDetailOrder") {
            let info = order.child("InvoiceDetailOrderInfo")
            let reference = info?.child("OrderReference") ?? info?.first("MasterAgreementReference")
            if let orderID = (reference?.attribute("orderID") ?? info?.child("OrderIDInfo")?.attribute("orderID"))?
                .trimmedXML.nonEmpty
            {
                if invoice.orderNumber == nil {
                    invoice.orderNumber = orderID
                    invoice.orderDate = reference?.attribute("orderDate").flatMap(XMLDate.iso)
                } else {
                    invoice.references.append(Reference(qualifier: "orderID", value: orderID))
                }
            }
            if let payloadID = reference?.child("DocumentReference")?.attribute("payloadID")?.trimmedXML.nonEmpty {
                invoice.references.append(
                    Reference(qualifier: reference?.name ?? "DocumentReference", value: payloadID))
            }
            for item in order.children where item.name == "InvoiceDetailItem" || item.name == "InvoiceDetailServiceItem"
            {
                invoice.lines.append(line(item, ordinal: invoice.lines.count + 1))
            }
        }
        let summary = request.child("InvoiceDetailSummary")
        invoice.declaredLineTotal = CXML.money(summary?.child("SubtotalAmount"))
        if let tax = summary?.child("Tax") {
            invoice.declaredTaxAmount = CXML.money(tax)
            invoice.taxes = taxes(tax)
        }
        for (element, indicator) in [
            ("SpecialHandlingAmount", "C"), ("ShippingAmount", "C"), ("InvoiceDetailDiscount", "A"),
        ] {
            guard let amount = summary?.child(element) else { continue }
            var charge = AllowanceCharge(indicator: indicator)
            charge.code = element
            charge.amount = CXML.money(amount)
            charge.percent = amount.attribute("percentageRate").flatMap { ExactDecimal($0.trimmedXML) }
            invoice.allowancesCharges.append(charge)
        }
        invoice.declaredTotalAmount =
            ["NetAmount", "DueAmount", "GrossAmount"].lazy
            .compactMap { CXML.money(summary?.child($0)) }.first
        invoice.declaredPayableAmount = CXML.money(summary?.child("DueAmount"))
        InvoiceTotals.compute(&invoice, lineChargesIncluded: true)
        return invoice
    }

    /// `InvoiceDetailPaymentTerm@payInNumberOfDays @percentageRate` (a positive rate is a discount), or
    /// `PaymentTerm@payInNumberOfDays` with an optional `Discount/DiscountPercent@percent`.
    static func terms(_ element: XMLElement) -> PaymentTerms {
        var terms = PaymentTerms()
        let days = element.attribute("payInNumberOfDays").flatMap { Int($0.trimmedXML) }
        let percent =
            (element.attribute("percentageRate")
            ?? element.first("Discount", "DiscountPercent")?
            .attribute("percent")).flatMap { ExactDecimal($0.trimmedXML) }
        if let percent, percent != ExactDecimal(0) {
            terms.discountPercent = percent
            terms.discountDays = days
        } else {
            terms.netDays = days
        }
        return terms
    }

    /// A `Tax`: one per `TaxDetail` (category, rate, taxable and tax amounts), else one from its `Money`.
    static func taxes(_ tax: XMLElement) -> [Tax] {
        let details = tax.children("TaxDetail")
        guard !details.isEmpty else {
            var whole = Tax(type: "tax")
            whole.amount = CXML.money(tax)
            return whole.amount == nil ? [] : [whole]
        }
        return details.map { detail in
            var item = Tax(type: detail.attribute("category")?.trimmedXML.nonEmpty ?? "tax")
            item.amount = CXML.money(detail.child("TaxAmount"))
            item.percent = detail.attribute("percentageRate").flatMap { ExactDecimal($0.trimmedXML) }
            item.taxableAmount = CXML.money(detail.child("TaxableAmount"))
            return item
        }
    }

    static func line(_ item: XMLElement, ordinal: Int) -> InvoiceLine {
        var line = InvoiceLine(lineNumber: item.attribute("invoiceLineNumber")?.trimmedXML.nonEmpty ?? String(ordinal))
        line.quantity = item.attribute("quantity").flatMap { ExactDecimal($0.trimmedXML) }
        line.unit = item.value("UnitOfMeasure").map { UnitOfMeasure(rec20: $0) }
        line.unitPrice = CXML.money(item.child("UnitPrice"))
        let reference = item.child("InvoiceDetailItemReference") ?? item.child("InvoiceDetailServiceItemReference")
        line.items = CXML.items(reference?.child("ItemID"))
        line.description = reference?.value("Description")
        line.lineAmount = CXML.money(item.child("SubtotalAmount"))
        if line.lineAmount == nil, let quantity = line.quantity, let price = line.unitPrice {
            line.lineAmount = quantity.multiplied(by: price)
        }
        if let tax = item.child("Tax") { line.taxes = taxes(tax) }
        return line
    }
}
