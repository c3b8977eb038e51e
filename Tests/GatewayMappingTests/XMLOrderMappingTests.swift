import CanonicalModel
import EDIXML
import Foundation
import Testing

@testable import GatewayMapping

/// cXML OrderRequest and UBL Order to the canonical order (primer §4.1, §5.3), and the hardened parsing
/// they go through (platform notes §1b).
@Suite struct XMLOrderMappingTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let corpus = root.deletingLastPathComponent().appendingPathComponent("shared/corpus/xml")
    static let context = MappingContext(partner: "buyerco", time: "2024-03-10T09:16:00Z", fileSHA256: "abc")

    static func translate(_ url: URL) throws -> Translation {
        Translator.translateXML([UInt8](try Data(contentsOf: url)), context: context)
    }

    static func translate(_ text: String) -> Translation {
        Translator.translateXML(Array(text.utf8), context: context)
    }

    static func order(_ translation: Translation) throws -> Order {
        #expect(translation.issues.isEmpty, "\(translation.issues)")
        #expect(translation.events.count == 1)
        let event = try #require(translation.events.first)
        guard case .order(let order) = event.data else { throw Failure.notAnOrder }
        return order
    }

    enum Failure: Error { case notAnOrder }

    @Test func cxmlOrderRequestGivesThePrimersValues() throws {
        let translation = try Self.translate(Self.root.appendingPathComponent("Samples/xml/cxml-order-request.xml"))
        let order = try Self.order(translation)
        let event = try #require(translation.events.first)
        #expect(event.type == "edigate.order.v1" && event.subject == "PO4500012345")
        #expect(event.edistandard == "XML" && event.ediset == "1" && event.edigroup == nil)
        #expect(event.ediinterchange == "20240310091500.4711@buyerco.example")
        #expect(order.orderNumber == "PO4500012345" && order.orderDate == "2024-03-10")
        #expect(order.purpose == Purpose(code: "new", meaning: "original"))
        #expect(order.currency == "USD")
        #expect(order.declaredTotalAmount == ExactDecimal(245) && order.computedTotalAmount == ExactDecimal(245))
        let buyer = try #require(order.parties.first { $0.role == "buyer" })
        #expect(buyer.identifiers == [Identifier(value: "BUYERCO", qualifier: "NetworkID", scheme: "NetworkID")])
        let seller = try #require(order.parties.first { $0.role == "seller" })
        #expect(seller.identifiers.first?.value == "SELLERCO")
        let shipTo = try #require(order.parties.first { $0.role == "shipTo" })
        #expect(shipTo.identifiers.first?.value == "0012" && shipTo.name == "Acme Store 12")
        #expect(shipTo.street == ["12 Market Ave"] && shipTo.city == "Springfield" && shipTo.region == "IL")
        #expect(shipTo.postalCode == "62702" && shipTo.country == "US")
        let billTo = try #require(order.parties.first { $0.role == "billTo" })
        #expect(billTo.identifiers.first?.value == "BT01" && billTo.name == "Buyer Co HQ")
        #expect(order.lines.count == 2)
        let first = order.lines[0]
        #expect(first.lineNumber == "1" && first.quantity == ExactDecimal(10))
        #expect(first.unit == UnitOfMeasure(rec20: "EA") && first.unitPrice == ExactDecimal("12.5"))
        #expect(first.requestedDeliveryDate == "2024-03-20")
        #expect(first.items.map(\.kind) == ["vendorItem"] && first.items.first?.value == "WID-100")
        #expect(first.description == "Blue widget, large")
        let second = order.lines[1]
        #expect(second.lineNumber == "2" && second.quantity == ExactDecimal(4) && second.unit?.rec20 == "CS")
        #expect(second.unitPrice == ExactDecimal(30) && second.items.first?.value == "WID-200")
        #expect(second.description == "Widget refill case")
        #expect(
            Translator.xmlSender(
                Array(
                    try Data(
                        contentsOf: Self.root.appendingPathComponent(
                            "Samples/xml/cxml-order-request.xml")))) == "BUYERCO")
    }

    @Test func ublOrderGivesThePrimersValues() throws {
        let translation = try Self.translate(Self.root.appendingPathComponent("Samples/xml/ubl-order.xml"))
        let order = try Self.order(translation)
        let event = try #require(translation.events.first)
        #expect(event.subject == "PO4500012345" && event.ediinterchange == "PO4500012345")
        #expect(event.edistandard == "XML" && event.ediset == "1")
        #expect(order.orderNumber == "PO4500012345" && order.orderDate == "2024-03-10")
        #expect(order.purpose.meaning == "original" && order.currency == "EUR")
        #expect(order.requestedDeliveryDate == "2024-03-20")
        #expect(order.parties.map(\.role) == ["buyer", "seller"])
        #expect(order.parties.map { $0.identifiers.first?.value } == ["5412345000037", "5412345000013"])
        #expect(order.parties.allSatisfy { $0.identifiers.first?.qualifier == "0088" })
        #expect(order.parties.allSatisfy { $0.identifiers.first?.scheme == "GLN" })
        #expect(order.declaredTotalAmount == ExactDecimal(245) && order.computedTotalAmount == ExactDecimal(245))
        #expect(order.lines.count == 2)
        let first = order.lines[0]
        #expect(first.lineNumber == "1" && first.quantity == ExactDecimal(10) && first.unit?.rec20 == "EA")
        #expect(first.unitPrice == ExactDecimal("12.5") && first.description == "Blue widget, large")
        #expect(first.items.contains { $0.kind == "vendorItem" && $0.value == "WID-100" })
        let gtin = try #require(first.items.first { $0.kind == "gtin" })
        #expect(gtin.value == "4001234000015" && gtin.qualifier == "0160")
        #expect(gtin.gtin14 == "04001234000015" && gtin.checkDigitValid == true)
        let second = order.lines[1]
        #expect(
            second.quantity == ExactDecimal(4) && second.unit?.rec20 == "CS" && second.unitPrice == ExactDecimal(30))
        #expect(second.items.contains { $0.kind == "gtin" && $0.gtin14 == "04001234000022" })
        #expect(second.description == "Widget refill case")
    }

    @Test func prefixesDoNotMatter() throws {
        let text = """
            <o:Order xmlns:o="urn:oasis:names:specification:ubl:schema:xsd:Order-2"
              xmlns:a="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
              xmlns="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">
             <ID>X-1</ID><IssueDate>2024-01-02</IssueDate>
             <a:OrderLine><a:LineItem><ID>1</ID><Quantity unitCode="EA">3</Quantity></a:LineItem></a:OrderLine>
            </o:Order>
            """
        let order = try Self.order(Self.translate(text))
        #expect(order.orderNumber == "X-1" && order.orderDate == "2024-01-02" && order.lines.count == 1)
        #expect(order.lines.first?.quantity == ExactDecimal(3))
    }

    @Test func eventIdsAreDeterministic() throws {
        let url = Self.root.appendingPathComponent("Samples/xml/ubl-order.xml")
        let first = try #require(try Self.translate(url).events.first)
        let again = try #require(try Self.translate(url).events.first)
        #expect(first.id == again.id && first.id.count == 32)
        let other = try #require(
            try Self.translate(Self.root.appendingPathComponent("Samples/xml/cxml-order-request.xml")).events.first)
        #expect(other.id != first.id)
    }

    @Test func corpusCXMLOrderRequest() throws {
        let url = Self.corpus.appendingPathComponent("cxmlphp_OrderRequest.xml")
        guard FileManager.default.fileExists(atPath: url.path) else {
            print("notice: \(url.path) absent; corpus test skipped")
            return
        }
        // Carries `<!DOCTYPE cXML SYSTEM "http://…/cXML.dtd">`: accepted, never fetched.
        let translation = try Self.translate(url)
        let order = try Self.order(translation)
        #expect(translation.events.first?.ediinterchange == "1625586002.193314.7293@dev")
        #expect(order.orderNumber == "DO1234" && order.orderDate == "2000-10-12")
        #expect(order.purpose.code == "new" && order.currency == "EUR")
        #expect(order.lines.count == 2)
        #expect(order.lines.map(\.quantity) == [ExactDecimal(10), ExactDecimal(20)])
        #expect(order.lines.map(\.unitPrice) == [ExactDecimal("2.10"), ExactDecimal("3.20")])
        #expect(order.lines.map(\.requestedDeliveryDate) == ["2020-02-28", "2020-02-28"])
        #expect(order.declaredTotalAmount == ExactDecimal(85))
        // 10 × 2.10 + 20 × 3.20 = 85.00, as declared.
        #expect(order.computedTotalAmount == ExactDecimal(85))
        let shipTo = try #require(order.parties.first { $0.role == "shipTo" })
        #expect(shipTo.name == "Acme" && shipTo.city == "Sunnyvale" && shipTo.country == "US")
        let billTo = try #require(order.parties.first { $0.role == "billTo" })
        #expect(billTo.name == "Zinc GmbH" && billTo.postalCode == "42699" && billTo.country == "DE")
    }

    @Test func corpusUBLOrder() throws {
        let url = Self.corpus.appendingPathComponent("phubl_UBL-Order-2.1-Example.xml")
        guard FileManager.default.fileExists(atPath: url.path) else {
            print("notice: \(url.path) absent; corpus test skipped")
            return
        }
        let translation = try Self.translate(url)
        let order = try Self.order(translation)
        #expect(translation.events.first?.ediinterchange == "34")
        #expect(order.orderNumber == "34" && order.orderDate == "2010-01-20" && order.currency == "SEK")
        #expect(order.notes == ["Information text for the whole order"])
        #expect(order.requestedDeliveryDate == "2010-02-10")
        #expect(order.references.contains(Reference(qualifier: "Contract", value: "34322")))
        #expect(order.references.contains(Reference(qualifier: "QuotationDocumentReference", value: "QuoteID123")))
        #expect(order.lines.count == 2)
        #expect(order.lines.map(\.quantity) == [ExactDecimal(120), ExactDecimal(15)])
        #expect(order.lines.map { $0.unit?.rec20 } == ["LTR", "C62"])
        #expect(order.lines.map(\.unitPrice) == [ExactDecimal(50), ExactDecimal(15)])
        #expect(order.lines.map(\.description) == ["Falu Rödfärg", "Pensel 20 mm"])
        #expect(order.declaredTotalAmount == ExactDecimal(6225) && order.computedTotalAmount == ExactDecimal(6225))
        let buyer = try #require(order.parties.first { $0.role == "buyer" })
        #expect(buyer.identifiers.first == Identifier(value: "7300070011115", qualifier: "GLN", scheme: "GLN"))
        #expect(buyer.name == "Johnssons byggvaror" && buyer.city == "Stockholm" && buyer.country == "SE")
        #expect(order.contacts.first?.email == "pelle@johnsson.se")
        let shipTo = try #require(order.parties.first { $0.role == "shipTo" })
        #expect(shipTo.identifiers.first?.value == "1234567890123" && shipTo.postalCode == "11000")
    }

    @Test func doctypeWithDeclarationsIsRefused() throws {
        let text = """
            <?xml version="1.0"?>
            <!DOCTYPE cXML [ <!ELEMENT cXML ANY> ]>
            <cXML payloadID="p1"><Request><OrderRequest><OrderRequestHeader orderID="A"/></OrderRequest></Request></cXML>
            """
        let translation = Self.translate(text)
        #expect(translation.events.isEmpty)
        #expect(translation.issues.map(\.code) == [.xmlRejected])
        #expect(translation.issues.first?.line == 2)
        // The library default refuses even a bare external DOCTYPE.
        #expect(throws: XMLError.self) {
            try EDIXML.XMLDocument(parsing: Array("<!DOCTYPE r SYSTEM \"r.dtd\">\n<r/>".utf8))
        }
        do {
            _ = try EDIXML.XMLDocument(parsing: Array("<!DOCTYPE r SYSTEM \"r.dtd\">\n<r/>".utf8))
        } catch {
            #expect(error.kind == .doctype && error.line == 1)
        }
        #expect(
            try EDIXML.XMLDocument(
                parsing: Array("<!DOCTYPE r SYSTEM \"r.dtd\">\n<r/>".utf8), options: .init(allowsExternalDoctype: true)
            ).root.name == "r")
    }

    @Test func externalEntityIsRefusedWithoutReadingTheFile() throws {
        let secret = FileManager.default.temporaryDirectory.appendingPathComponent("edigate-xxe-\(UUID().uuidString)")
        try "TOP-SECRET-CONTENT".write(to: secret, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: secret) }
        for text in [
            """
            <!DOCTYPE cXML [ <!ENTITY x SYSTEM "file://\(secret.path)"> ]>
            <cXML payloadID="p1"><Request><OrderRequest><OrderRequestHeader orderID="&x;"/></OrderRequest></Request></cXML>
            """,
            """
            <!DOCTYPE Order [ <!ENTITY % p SYSTEM "file://\(secret.path)"> %p; ]>
            <Order xmlns="urn:oasis:names:specification:ubl:schema:xsd:Order-2"><ID>1</ID></Order>
            """,
            """
            <!DOCTYPE r [ <!ENTITY a "aaaaaaaaaa"> <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
             <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"> <!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;"> ]>
            <r>&d;&d;&d;&d;&d;&d;&d;&d;</r>
            """,
        ] {
            let translation = Self.translate(text)
            #expect(translation.events.isEmpty)
            #expect(translation.issues.map(\.code) == [.xmlRejected])
            let message = translation.issues.first?.message ?? ""
            #expect(message.contains("TOP-SECRET") == false)
        }
    }

    @Test func malformedXMLIsRejectedWithItsLine() throws {
        let text = "<cXML payloadID=\"p\">\n <Request>\n  <OrderRequest>\n </Request>\n</cXML>\n"
        let translation = Self.translate(text)
        #expect(translation.events.isEmpty)
        let issue = try #require(translation.issues.first)
        #expect(issue.code == .xmlRejected)
        #expect(issue.line == 4, "\(issue)")
        #expect(issue.message.contains("line 4"))
        do {
            _ = try EDIXML.XMLDocument(parsing: Array(text.utf8))
            Issue.record("malformed XML parsed")
        } catch {
            #expect(error.kind == .malformed && error.code > 0 && error.line == 4)
        }
        #expect(Self.translate("").issues.map(\.code) == [.xmlRejected])
    }

    @Test func otherXMLDocumentsAreUnsupported() throws {
        for text in [
            "<ReceiptAdvice xmlns=\"urn:oasis:names:specification:ubl:schema:xsd:ReceiptAdvice-2\"><ID>1</ID></ReceiptAdvice>",
            "<cXML payloadID=\"p\"><Request><ProfileRequest/></Request></cXML>",
            "<Order><ID>not UBL: no namespace</ID></Order>",
        ] {
            let translation = Self.translate(text)
            #expect(translation.events.isEmpty)
            #expect(translation.issues.map(\.code) == [.unsupportedType], "\(text)")
        }
    }

    @Test func xmlIsDetectedByContent() {
        #expect(Translator.looksLikeXML(Array("  \n<?xml version=\"1.0\"?><a/>".utf8)))
        #expect(Translator.looksLikeXML([0xEF, 0xBB, 0xBF] + Array("<a/>".utf8)))
        #expect(!Translator.looksLikeXML(Array("ISA*00*".utf8)))
        #expect(!Translator.looksLikeXML(Array("UNA:+.? '".utf8)))
        #expect(!Translator.looksLikeXML([]))
    }
}
