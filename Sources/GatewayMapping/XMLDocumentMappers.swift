import CanonicalModel
import EDIXML

/// The XML documents after the order: cXML ConfirmationRequest, ShipNoticeRequest and InvoiceDetailRequest,
/// UBL 2.0/2.1 OrderResponse, DespatchAdvice, Invoice and RemittanceAdvice (primer §4.2, §4.3, §4.4, §4.6,
/// §5.3). Elements are found by local name, so any namespace prefix works.
enum XMLDocumentMappers {
    /// A UBL document mapped, with its `cbc:ID` (the event's interchange).
    struct Mapped {
        var document: CanonicalDocument
        var id: String
    }

    /// The cXML request under `cxml` (the root), mapped; nil for a request without a mapper here.
    static func cxml(_ cxml: XMLElement) -> CanonicalDocument? {
        guard let request = cxml.child("Request")?.children.first else { return nil }
        switch request.name {
        case "ConfirmationRequest": return .orderAck(CXMLConfirmationMapper.map(request, cxml))
        case "ShipNoticeRequest": return .shipNotice(CXMLShipNoticeMapper.map(request, cxml))
        case "InvoiceDetailRequest": return .invoice(CXMLInvoiceMapper.map(request, cxml))
        default: return nil
        }
    }

    static let ublPrefix = "urn:oasis:names:specification:ubl:schema:xsd:"

    /// A UBL 2.x document (root element in its `…:xsd:<Name>-2` namespace), mapped; nil for other documents.
    static func ubl(_ root: XMLElement) -> Mapped? {
        guard root.namespace == ublPrefix + root.name + "-2" else { return nil }
        let id = root.value("ID") ?? ""
        switch root.name {
        case "OrderResponse": return Mapped(document: .orderAck(UBLOrderResponseMapper.map(root)), id: id)
        case "DespatchAdvice": return Mapped(document: .shipNotice(UBLDespatchAdviceMapper.map(root)), id: id)
        case "Invoice": return Mapped(document: .invoice(UBLInvoiceMapper.map(root)), id: id)
        case "RemittanceAdvice": return Mapped(document: .remittance(UBLRemittanceAdviceMapper.map(root)), id: id)
        default: return nil
        }
    }
}

/// Shared cXML readers.
enum CXML {
    /// The decimal value of a `Money` (or of an element holding one).
    static func money(_ element: XMLElement?) -> ExactDecimal? {
        guard let element else { return nil }
        let money = element.name == "Money" ? element : element.child("Money")
        return money?.value.flatMap { ExactDecimal($0) }
    }

    /// The first ISO 4217 `Money/@currency` in the request.
    static func currency(_ request: XMLElement) -> String? {
        request.descendants("Money").lazy.compactMap { $0.attribute("currency").flatMap { isoCurrency($0.trimmedXML) } }
            .first
    }

    /// A `Contact` with its `@role` (`shipTo`, `shipFrom`, `billTo`, `remitTo`, `soldTo`, `from` ...).
    static func party(_ contact: XMLElement) -> Party {
        let role = contact.attribute("role")?.trimmedXML ?? ""
        let roles = [
            "shipTo": "shipTo", "shipFrom": "shipFrom", "billTo": "billTo", "invoiceTo": "billTo", "remitTo": "remitTo",
            "soldTo": "buyer", "buyer": "buyer", "buyerCorporate": "buyer", "from": "seller", "invoiceFrom": "seller",
            "supplierCorporate": "seller", "supplierAccount": "seller", "issuerOfInvoice": "seller",
        ]
        var party = Party(role: roles[role] ?? "other", originalRole: role)
        if let id = contact.attribute("addressID")?.trimmedXML.nonEmpty {
            let domain = contact.attribute("addressIDDomain")
            party.identifiers.append(Identifier(value: id, qualifier: domain, scheme: domain))
        }
        party.name = contact.value("Name")
        if let postal = contact.child("PostalAddress") {
            party.street = postal.children("Street").compactMap(\.value)
            party.city = postal.value("City")
            party.region = postal.value("State")
            party.postalCode = postal.value("PostalCode")
            party.country = postal.child("Country")?.attribute("isoCountryCode")?.trimmedXML.nonEmpty
        }
        return party
    }

    /// The sender (`From`) and receiver (`To`) credentials of a document the supplier sends: seller, buyer.
    static func supplierSentParties(_ cxml: XMLElement) -> [Party] {
        var parties: [Party] = []
        for (side, role) in [("From", "seller"), ("To", "buyer")] {
            for credential in cxml.all("Header", side, "Credential") {
                guard let identity = credential.value("Identity") else { continue }
                var party = Party(role: role, originalRole: side)
                let domain = credential.attribute("domain")
                party.identifiers.append(Identifier(value: identity, qualifier: domain, scheme: domain))
                parties.append(party)
            }
        }
        return parties
    }

    /// Item identifiers from an `ItemID` (supplier, buyer, auxiliary part numbers).
    static func items(_ itemID: XMLElement?) -> [ItemIdentifier] {
        guard let itemID else { return [] }
        return [("SupplierPartID", "vendorItem"), ("BuyerPartID", "buyerItem"), ("SupplierPartAuxiliaryID", "other")]
            .compactMap { element, kind in
                itemID.value(element).map { XMLItem.identifier(kind: kind, qualifier: element, value: $0) }
            }
    }

    /// `@operation`: `new`, `update`, `delete`.
    static func purpose(_ operation: String?) -> Purpose? {
        guard let operation = operation?.trimmedXML.nonEmpty else { return nil }
        return CXMLOrderMapper.purpose(operation)
    }
}

/// A local date-time `YYYY-MM-DDTHH:MM[:SS]` as written, from an ISO 8601 date-time (the zone is dropped);
/// nil for a date alone or anything else.
enum XMLDateTime {
    static func local(_ value: String) -> String? {
        guard XMLDate.iso(value) != nil else { return nil }
        let text = Array(value.trimmedXML.utf8)
        let isDigit = { (index: Int) in index < text.count && text[index] >= 0x30 && text[index] <= 0x39 }
        guard text.count >= 16, text[10] == 0x54, isDigit(11), isDigit(12), text[13] == 0x3A, isDigit(14), isDigit(15)
        else { return nil }
        let seconds = text.count >= 19 && text[16] == 0x3A && isDigit(17) && isDigit(18)
        return String(decoding: text.prefix(seconds ? 19 : 16), as: UTF8.self)
    }
}

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
            if let orderNumber {
                if let position = notice.orders.firstIndex(where: { $0.orderNumber == orderNumber }) {
                    notice.orders[position].items.append(item)
                } else {
                    var order = ShipmentOrder(orderNumber: orderNumber)
                    order.items.append(item)
                    notice.orders.append(order)
                }
            } else {
                notice.items.append(item)
            }
        }
        return notice
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
