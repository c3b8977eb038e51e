import CanonicalModel
import EDIXML

/// cXML `OrderRequest` to a canonical `Order`, primer §4.1 (cXML column) and §5.3. Elements are found by
/// local name, so any namespace prefix works.
enum CXMLOrderMapper {
    /// `cxml` is the document's root element; nil when it holds no `Request/OrderRequest`.
    static func map(_ cxml: XMLElement) -> Order? {
        guard let request = cxml.first("Request", "OrderRequest") else { return nil }
        let header = request.child("OrderRequestHeader")
        let type = header?.attribute("type") ?? ""
        var order = Order(orderNumber: header?.attribute("orderID")?.trimmedXML ?? "", purpose: purpose(type))
        order.orderDate = header?.attribute("orderDate").flatMap(XMLDate.iso)
        order.orderType = header?.attribute("orderType")?.trimmedXML.nonEmpty
        order.requestedDeliveryDate = header?.attribute("requestedDeliveryDate").flatMap(XMLDate.iso)
        let total = header?.first("Total", "Money")
        order.declaredTotalAmount = total?.value.flatMap { ExactDecimal($0) }
        order.currency =
            (total?.attribute("currency") ?? request.descendants("Money").first?.attribute("currency"))
            .flatMap { isoCurrency($0.trimmedXML) }
        if let header {
            for extrinsic in header.children("Extrinsic") {
                if let name = extrinsic.attribute("name"), let value = extrinsic.value {
                    order.references.append(Reference(qualifier: name, value: value))
                }
            }
            order.notes = header.children("Comments").compactMap(\.value)
            order.contacts = header.children("Contact").map(contact)
        }
        for (side, role) in [("From", "buyer"), ("To", "seller")] {
            for credential in cxml.all("Header", side, "Credential") {
                guard let identity = credential.value("Identity") else { continue }
                var party = Party(role: role, originalRole: side)
                let domain = credential.attribute("domain")
                party.identifiers.append(Identifier(value: identity, qualifier: domain, scheme: domain))
                order.parties.append(party)
            }
        }
        for (element, role) in [("ShipTo", "shipTo"), ("BillTo", "billTo")] {
            if let address = header?.first(element, "Address") {
                order.parties.append(party(address, role: role, originalRole: element))
            }
        }
        for (index, item) in request.children("ItemOut").enumerated() {
            order.lines.append(line(item, ordinal: index + 1))
        }
        order.computedTotalAmount = OrderTotals.computed(order.lines)
        return order
    }

    /// cXML `@type`: `new`, `update` (replaces an earlier order), `delete`.
    static func purpose(_ type: String) -> Purpose {
        let meanings = ["new": "original", "update": "replace", "delete": "cancellation"]
        return Purpose(code: type, meaning: meanings[type] ?? "other")
    }

    static func party(_ address: XMLElement, role: String, originalRole: String) -> Party {
        var party = Party(role: role, originalRole: originalRole)
        if let id = address.attribute("addressID")?.trimmedXML.nonEmpty {
            let domain = address.attribute("addressIDDomain")
            party.identifiers.append(Identifier(value: id, qualifier: domain, scheme: domain))
        }
        party.name = address.value("Name")
        if let postal = address.child("PostalAddress") {
            party.street = postal.children("Street").compactMap(\.value)
            party.city = postal.value("City")
            party.region = postal.value("State")
            party.postalCode = postal.value("PostalCode")
            party.country = postal.child("Country")?.attribute("isoCountryCode")?.trimmedXML.nonEmpty
        }
        return party
    }

    static func contact(_ element: XMLElement) -> Contact {
        var contact = Contact(role: element.attribute("role") ?? "")
        contact.name = element.value("Name")
        contact.email = element.value("Email")
        if let number = element.first("Phone", "TelephoneNumber") {
            let parts = ["CountryCode", "AreaOrCityCode", "Number"].compactMap { number.value($0) }
            contact.phone = parts.joined(separator: " ").nonEmpty
        }
        return contact
    }

    static func line(_ item: XMLElement, ordinal: Int) -> OrderLine {
        var line = OrderLine(lineNumber: item.attribute("lineNumber")?.trimmedXML.nonEmpty ?? String(ordinal))
        line.quantity = item.attribute("quantity").flatMap { ExactDecimal($0.trimmedXML) }
        line.requestedDeliveryDate = item.attribute("requestedDeliveryDate").flatMap(XMLDate.iso)
        let detail = item.child("ItemDetail")
        line.unitPrice = detail?.value("UnitPrice", "Money").flatMap { ExactDecimal($0) }
        line.unit = detail?.value("UnitOfMeasure").map { UnitOfMeasure(rec20: $0) }
        line.description = detail?.child("Description").flatMap { $0.value ?? $0.value("ShortName") }
        for (element, kind) in [
            ("SupplierPartID", "vendorItem"), ("BuyerPartID", "buyerItem"), ("SupplierPartAuxiliaryID", "other"),
        ] {
            if let value = item.value("ItemID", element) {
                line.items.append(XMLItem.identifier(kind: kind, qualifier: element, value: value))
            }
        }
        if let value = detail?.value("ManufacturerPartID") {
            line.items.append(
                XMLItem.identifier(kind: "manufacturerPart", qualifier: "ManufacturerPartID", value: value))
        }
        return line
    }
}

/// UBL 2.x `Order` to a canonical `Order`, primer §4.1 (UBL column) and §5.3. Elements are found by local
/// name, so the `cac:`/`cbc:` prefixes (or none, or others) do not matter.
enum UBLOrderMapper {
    static let namespace = "urn:oasis:names:specification:ubl:schema:xsd:Order-2"

    static func map(_ root: XMLElement) -> Order {
        // A UBL Order carries no purpose code: it is an original (changes and cancellations are other documents).
        var order = Order(orderNumber: root.value("ID") ?? "", purpose: Purpose(code: "", meaning: "original"))
        order.orderDate = root.value("IssueDate").flatMap(XMLDate.iso)
        order.orderType = root.value("OrderTypeCode")
        let total = root.first("AnticipatedMonetaryTotal", "PayableAmount")
        order.currency = (root.value("DocumentCurrencyCode") ?? total?.attribute("currencyID"))
            .flatMap { isoCurrency($0.trimmedXML) }
        order.notes = root.children("Note").compactMap(\.value)
        for element in root.children where element.name.hasSuffix("DocumentReference") || element.name == "Contract" {
            if let id = element.value("ID") {
                order.references.append(Reference(qualifier: element.name, value: id))
            }
        }
        if let contact = root.first("BuyerCustomerParty", "Party", "Contact") {
            var buyer = Contact(role: "buyer")
            buyer.name = contact.value("Name")
            buyer.phone = contact.value("Telephone")
            buyer.email = contact.value("ElectronicMail")
            order.contacts.append(buyer)
        }
        order.requestedDeliveryDate = root.value("Delivery", "RequestedDeliveryPeriod", "StartDate")
            .flatMap(XMLDate.iso)
        for (element, role) in [
            ("BuyerCustomerParty", "buyer"), ("SellerSupplierParty", "seller"), ("AccountingCustomerParty", "billTo"),
            ("AccountingSupplierParty", "seller"),
        ] {
            if let party = root.first(element, "Party") {
                order.parties.append(Self.party(party, role: role, originalRole: element))
            }
        }
        for location in root.all("Delivery", "DeliveryLocation") {
            var party = Party(role: "shipTo", originalRole: "DeliveryLocation")
            if let id = location.child("ID") ?? location.first("Address", "ID"), let value = id.value {
                party.identifiers.append(identifier(id, value: value))
            }
            party.name = location.value("Name")
            if let address = location.child("Address") { Self.address(address, into: &party) }
            order.parties.append(party)
        }
        for (index, item) in root.all("OrderLine", "LineItem").enumerated() {
            order.lines.append(line(item, ordinal: index + 1))
        }
        order.declaredLineCount = root.value("LineCountNumeric").flatMap { Int($0) }
        order.declaredTotalAmount = total?.value.flatMap { ExactDecimal($0) }
        order.computedTotalAmount = OrderTotals.computed(order.lines)
        return order
    }

    /// A `cac:Party`: identifications, name (else legal registration name), postal address.
    static func party(_ element: XMLElement, role: String, originalRole: String) -> Party {
        var party = Party(role: role, originalRole: originalRole)
        for id in element.all("PartyIdentification", "ID") {
            if let value = id.value { party.identifiers.append(identifier(id, value: value)) }
        }
        party.name = element.value("PartyName", "Name") ?? element.value("PartyLegalEntity", "RegistrationName")
        if let address = element.child("PostalAddress") { Self.address(address, into: &party) }
        return party
    }

    static func address(_ address: XMLElement, into party: inout Party) {
        let street = [address.value("StreetName"), address.value("BuildingNumber")].compactMap { $0 }
        party.street = [street.joined(separator: " ").nonEmpty, address.value("AdditionalStreetName")]
            .compactMap { $0 }
        party.street += address.children("AddressLine").compactMap { $0.value("Line") }
        party.city = address.value("CityName")
        party.region = address.value("CountrySubentity")
        party.postalCode = address.value("PostalZone")
        party.country = address.value("Country", "IdentificationCode")
    }

    /// An identifier with its `@schemeID` (`0088` and `GLN` are GLNs, `0060` and `DUNS` DUNS numbers).
    static func identifier(_ element: XMLElement, value: String) -> Identifier {
        let scheme = element.attribute("schemeID")?.trimmedXML.nonEmpty
        let names = ["0088": "GLN", "GLN": "GLN", "0060": "DUNS", "DUNS": "DUNS"]
        return Identifier(value: value, qualifier: scheme, scheme: scheme.flatMap { names[$0] } ?? scheme)
    }

    static func line(_ item: XMLElement, ordinal: Int) -> OrderLine {
        var line = OrderLine(lineNumber: item.value("ID") ?? String(ordinal))
        if let quantity = item.child("Quantity") {
            line.quantity = quantity.value.flatMap { ExactDecimal($0) }
            line.unit = quantity.attribute("unitCode")?.trimmedXML.nonEmpty.map { UnitOfMeasure(rec20: $0) }
        }
        line.unitPrice = item.value("Price", "PriceAmount").flatMap { ExactDecimal($0) }
        line.requestedDeliveryDate = item.value("Delivery", "RequestedDeliveryPeriod", "StartDate")
            .flatMap(XMLDate.iso)
        guard let product = item.child("Item") else { return line }
        line.description = product.value("Name") ?? product.value("Description")
        line.packSize = (product.value("PackSizeNumeric") ?? product.value("PackQuantity")).flatMap { ExactDecimal($0) }
        for (element, kind) in [
            ("BuyersItemIdentification", "buyerItem"), ("SellersItemIdentification", "vendorItem"),
            ("ManufacturersItemIdentification", "manufacturerPart"), ("StandardItemIdentification", "gtin"),
        ] {
            for id in product.all(element, "ID") {
                guard let value = id.value else { continue }
                let scheme = id.attribute("schemeID")?.trimmedXML.nonEmpty
                if kind == "gtin" {
                    let isGTIN = scheme == "0160" || scheme == "GTIN"
                    line.items.append(
                        XMLItem.identifier(kind: isGTIN ? "gtin" : "other", qualifier: scheme ?? element, value: value))
                } else {
                    line.items.append(XMLItem.identifier(kind: kind, qualifier: element, value: value))
                }
            }
        }
        return line
    }
}

/// Item identifiers from XML, where the kind comes from the element rather than an X12/EDIFACT qualifier.
enum XMLItem {
    static func identifier(kind: String, qualifier: String, value: String) -> ItemIdentifier {
        var identifier = ItemIdentifier(qualifier: qualifier, value: value)
        identifier.kind = kind
        identifier.gtin14 = nil
        identifier.checkDigitValid = nil
        if kind == "gtin", let gtin14 = GTIN.normalise(value) {
            identifier.gtin14 = gtin14
            identifier.checkDigitValid = GTIN.hasValidCheckDigit(gtin14)
        }
        return identifier
    }
}

/// XML dates (§5.3): `xs:date` or an ISO 8601 date-time; the date part as written (`YYYY-MM-DD`).
enum XMLDate {
    static func iso(_ value: String) -> String? {
        let text = Array(value.trimmedXML.utf8.prefix(10))
        guard text.count == 10, text[4] == 0x2D, text[7] == 0x2D else { return nil }
        let digits = [0, 1, 2, 3, 5, 6, 8, 9]
        guard digits.allSatisfy({ text[$0] >= 0x30 && text[$0] <= 0x39 }) else { return nil }
        let rest = Array(value.trimmedXML.utf8.dropFirst(10))
        guard rest.isEmpty || rest.first == 0x54 || rest.first == 0x5A || rest.first == 0x2B || rest.first == 0x2D
        else { return nil }
        return String(decoding: text, as: UTF8.self)
    }
}

extension String {
    /// Without leading and trailing XML whitespace.
    var trimmedXML: String {
        let isSpace = { (c: Character) in c == " " || c == "\n" || c == "\t" || c == "\r" }
        guard let start = firstIndex(where: { !isSpace($0) }), let end = lastIndex(where: { !isSpace($0) }) else {
            return ""
        }
        return String(self[start...end])
    }
}
