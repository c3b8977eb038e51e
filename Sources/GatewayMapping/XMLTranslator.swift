import CanonicalModel
import EDIFormat
import EDIXML

extension Translator {
    /// One XML document (cXML OrderRequest, ConfirmationRequest, ShipNoticeRequest, InvoiceDetailRequest; UBL 2.x
    /// Order, OrderResponse, DespatchAdvice, Invoice, RemittanceAdvice) to its canonical event, or an issue: `xmlRejected`
    /// for a document that is not well-formed or declares a DTD, `unsupportedType` for other documents.
    ///
    /// The event's standard is `XML`, its interchange the cXML `payloadID` or the UBL `cbc:ID`, its set `1`;
    /// its id is derived, as for EDI, from the partner, these numbers and the SHA-256 of the document.
    /// cXML's `<!DOCTYPE cXML SYSTEM "…cXML.dtd">` is accepted (never loaded); any internal subset is not.
    public static func translateXML(_ bytes: [UInt8], context: MappingContext) -> Translation {
        var result = Translation()
        let root: XMLElement
        do {
            root = try XMLDocument(parsing: bytes, options: .init(allowsExternalDoctype: true)).root
        } catch {
            result.issues.append(
                MappingIssue(
                    code: .xmlRejected, location: Location(byteOffset: 0),
                    message: "XML refused: line \(error.line): \(error.message)", line: error.line))
            return result
        }
        let document: CanonicalDocument
        let interchange: String
        switch (root.name, root.namespace) {
        case ("cXML", _):
            guard let mapped = CXMLOrderMapper.map(root).map(CanonicalDocument.order) ?? XMLDocumentMappers.cxml(root)
            else {
                let kind = root.child("Request")?.children.first?.name ?? root.children.first?.name ?? "cXML"
                return unsupported(result, "no mapper for cXML \(kind) yet", line: root.line)
            }
            guard let payloadID = root.attribute("payloadID")?.trimmedXML.nonEmpty else {
                result.issues.append(
                    MappingIssue(
                        code: .xmlRejected, location: Location(byteOffset: 0),
                        message: "cXML without a payloadID", line: root.line))
                return result
            }
            if mapped.documentNumber.isEmpty, mapped.eventType != Order.eventType {
                let kind = root.child("Request")?.children.first?.name ?? "cXML"
                result.issues.append(
                    MappingIssue(
                        code: .xmlRejected, location: Location(byteOffset: 0),
                        message: "cXML \(kind) without its document number", line: root.line))
                return result
            }
            document = mapped
            interchange = payloadID
        case ("Order", UBLOrderMapper.namespace):
            let order = UBLOrderMapper.map(root)
            guard !order.orderNumber.isEmpty else {
                result.issues.append(
                    MappingIssue(
                        code: .xmlRejected, location: Location(byteOffset: 0),
                        message: "UBL Order without a cbc:ID", line: root.line))
                return result
            }
            document = .order(order)
            interchange = order.orderNumber
        default:
            if let mapped = XMLDocumentMappers.ubl(root) {
                guard !mapped.id.isEmpty, !mapped.document.documentNumber.isEmpty else {
                    result.issues.append(
                        MappingIssue(
                            code: .xmlRejected, location: Location(byteOffset: 0),
                            message: "UBL \(root.name) without its document number", line: root.line))
                    return result
                }
                document = mapped.document
                interchange = mapped.id
                break
            }
            let qualified = root.namespace.map { "{\($0)}\(root.name)" } ?? root.name
            return unsupported(result, "no mapper for XML document \(qualified) yet", line: root.line)
        }
        result.events.append(
            CloudEvent(
                partner: context.partner, standard: "XML", interchange: interchange, group: nil, set: "1", position: 1,
                contentHash: SHA256.hex(bytes), time: context.time, fileSHA256: context.fileSHA256,
                data: document))
        return result
    }

    /// The sending party of an XML document, for attributing events: the cXML `From` identity, or the UBL
    /// sending party's first party identification (the buyer of an Order, the seller of an OrderResponse, the
    /// despatch supplier of a DespatchAdvice, the accounting supplier of an Invoice, the accounting customer of
    /// a RemittanceAdvice). Nil when there is none or the document is refused.
    public static func xmlSender(_ bytes: [UInt8]) -> String? {
        guard let root = try? XMLDocument(parsing: bytes, options: .init(allowsExternalDoctype: true)).root else {
            return nil
        }
        if root.name == "cXML" { return root.value("Header", "From", "Credential", "Identity") }
        let senders = [
            "OrderResponse": "SellerSupplierParty", "DespatchAdvice": "DespatchSupplierParty",
            "Invoice": "AccountingSupplierParty", "RemittanceAdvice": "AccountingCustomerParty",
        ]
        return root.value(senders[root.name] ?? "BuyerCustomerParty", "Party", "PartyIdentification", "ID")
    }

    /// Whether `bytes` look like XML: the first byte after an optional UTF-8 BOM and whitespace is `<`.
    public static func looksLikeXML(_ bytes: [UInt8]) -> Bool {
        var view = bytes[...]
        if view.starts(with: [0xEF, 0xBB, 0xBF]) { view = view.dropFirst(3) }
        return view.first { ![0x20, 0x09, 0x0A, 0x0D].contains($0) } == 0x3C
    }

    private static func unsupported(_ result: Translation, _ message: String, line: Int) -> Translation {
        var result = result
        result.issues.append(
            MappingIssue(code: .unsupportedType, location: Location(byteOffset: 0), message: message, line: line))
        return result
    }
}
