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
