import EDIXML
import Foundation
import Testing

/// XPath over the cXML and UBL samples: node-sets, numbers, strings, booleans, namespaces, errors, hardening.
@Suite struct EDIXMLXPathTests {
    static let samples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Samples/xml")
    static let ubl = [
        "cac": "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2",
        "cbc": "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2",
        "ord": "urn:oasis:names:specification:ubl:schema:xsd:Order-2",
    ]

    static func sample(_ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: samples.appendingPathComponent(name)))
    }

    @Test func countsCXMLItemsByLocalName() throws {
        let result = try XMLXPath.evaluate(
            "count(//*[local-name()='ItemOut'])", in: Self.sample("cxml-order-request.xml"))
        #expect(result == .number(2))
    }

    @Test func cXMLAttributesAndStrings() throws {
        let bytes = try Self.sample("cxml-order-request.xml")
        let items = try XMLXPath.evaluate("//ItemOut", in: bytes).nodes
        #expect(items.map { $0.attribute("lineNumber") } == ["1", "2"])
        #expect(items.map(\.line) == [17, 23])
        #expect(items.first?.kind == .element && items.first?.name == "ItemOut" && items.first?.namespace == nil)
        let orderID = try XMLXPath.evaluate("string(//OrderRequestHeader/@orderID)", in: bytes)
        #expect(orderID == .string("PO4500012345"))
        let attribute = try XMLXPath.evaluate("//ItemOut[2]/@quantity", in: bytes).nodes
        #expect(attribute.map(\.kind) == [.attribute] && attribute.first?.text == "4" && attribute.first?.line == 23)
        let description = try XMLXPath.evaluate("//ItemOut[1]//Description/text()", in: bytes).nodes
        #expect(description.map(\.text) == ["Blue widget, large"] && description.first?.kind == .text)
    }

    @Test func ublLineIDsWithRegisteredNamespaces() throws {
        let bytes = try Self.sample("ubl-order.xml")
        let ids = try XMLXPath.evaluate("//cac:OrderLine/cac:LineItem/cbc:ID", in: bytes, namespaces: Self.ubl).nodes
        #expect(ids.map(\.text) == ["1", "2"])
        #expect(ids.allSatisfy { $0.name == "ID" && $0.namespace == Self.ubl["cbc"] })
        let quantity = try XMLXPath.evaluate("//cac:LineItem[cbc:ID='2']/cbc:Quantity", in: bytes, namespaces: Self.ubl)
        #expect(quantity.nodes.first?.text == "4" && quantity.nodes.first?.attribute("unitCode") == "CS")
        // XPath 1.0 has no default namespace: the unprefixed name matches nothing.
        #expect(try XMLXPath.evaluate("/Order", in: bytes).nodes.isEmpty)
        #expect(
            try XMLXPath.evaluate("/ord:Order/cbc:ID", in: bytes, namespaces: Self.ubl).nodes.first?.text
                == "PO4500012345")
    }

    @Test func stringNumberAndBooleanResults() throws {
        let bytes = try Self.sample("ubl-order.xml")
        #expect(
            try XMLXPath.evaluate("string(//cbc:DocumentCurrencyCode)", in: bytes, namespaces: Self.ubl)
                == .string("EUR"))
        #expect(
            try XMLXPath.evaluate("sum(//cbc:LineExtensionAmount)", in: bytes, namespaces: Self.ubl) == .number(245))
        #expect(try XMLXPath.evaluate("boolean(//cac:OrderLine)", in: bytes, namespaces: Self.ubl) == .boolean(true))
        #expect(try XMLXPath.evaluate("count(//cac:OrderLine) > 2", in: bytes, namespaces: Self.ubl) == .boolean(false))
    }

    @Test func invalidExpressionsThrowXPathErrors() throws {
        let bytes = try Self.sample("ubl-order.xml")
        let syntax = #expect(throws: XMLError.self) {
            try XMLXPath.evaluate("//cac:OrderLine[", in: bytes, namespaces: Self.ubl)
        }
        #expect(syntax?.kind == .xpath)
        #expect(syntax?.message.contains("//cac:OrderLine[") == true)
        let prefix = #expect(throws: XMLError.self) { try XMLXPath.evaluate("//nope:ID", in: bytes) }
        #expect(prefix?.kind == .xpath && prefix?.code == 1219)
        #expect(prefix?.message.hasPrefix("undefined namespace prefix") == true)
        let function = #expect(throws: XMLError.self) { try XMLXPath.evaluate("frobnicate(1)", in: bytes) }
        #expect(function?.kind == .xpath && function?.message.hasPrefix("unregistered function") == true)
    }

    @Test func documentsWithAnInternalDTDAreStillRefused() {
        let bytes = Array(
            """
            <?xml version="1.0"?>
            <!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>
            <r>&x;</r>
            """.utf8)
        let error = #expect(throws: XMLError.self) { try XMLXPath.evaluate("string(/r)", in: bytes) }
        #expect(error?.kind == .doctype && error?.line == 2)
        let allowed = #expect(throws: XMLError.self) {
            try XMLXPath.evaluate("string(/r)", in: bytes, options: .init(allowsExternalDoctype: true))
        }
        #expect(allowed?.kind == .doctype)
        let malformed = #expect(throws: XMLError.self) { try XMLXPath.evaluate("/r", in: Array("<r>\n<a></r>".utf8)) }
        #expect(malformed?.kind == .malformed && malformed?.line == 2)
    }
}
