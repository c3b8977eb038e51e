import EDIXML
import Foundation
import Testing

/// XSD validation of a tiny PurchaseOrder dialect: valid and invalid instances, local includes, remote imports
/// refused without touching the network, shared use from concurrent tasks.
@Suite struct EDIXMLSchemaTests {
    static let types = """
        <?xml version="1.0" encoding="UTF-8"?>
        <xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">
          <xs:complexType name="LineType">
            <xs:sequence>
              <xs:element name="SKU" type="xs:string"/>
              <xs:element name="Quantity" type="xs:positiveInteger"/>
            </xs:sequence>
            <xs:attribute name="number" type="xs:positiveInteger" use="required"/>
          </xs:complexType>
        </xs:schema>
        """
    static let purchaseOrder = """
        <?xml version="1.0" encoding="UTF-8"?>
        <xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">
          <xs:include schemaLocation="types.xsd"/>
          <xs:element name="PurchaseOrder">
            <xs:complexType>
              <xs:sequence>
                <xs:element name="OrderID" type="xs:string"/>
                <xs:element name="OrderDate" type="xs:date"/>
                <xs:element name="Line" type="LineType" maxOccurs="unbounded"/>
              </xs:sequence>
            </xs:complexType>
          </xs:element>
        </xs:schema>
        """
    static let valid = """
        <?xml version="1.0" encoding="UTF-8"?>
        <PurchaseOrder>
          <OrderID>PO-1</OrderID>
          <OrderDate>2024-03-10</OrderDate>
          <Line number="1"><SKU>WID-100</SKU><Quantity>10</Quantity></Line>
          <Line number="2"><SKU>WID-200</SKU><Quantity>4</Quantity></Line>
        </PurchaseOrder>
        """
    static let missingOrderID = """
        <?xml version="1.0" encoding="UTF-8"?>
        <PurchaseOrder>
          <OrderDate>2024-03-10</OrderDate>
          <Line number="1"><SKU>WID-100</SKU><Quantity>10</Quantity></Line>
        </PurchaseOrder>
        """
    static let wrongType = """
        <?xml version="1.0" encoding="UTF-8"?>
        <PurchaseOrder>
          <OrderID>PO-1</OrderID>
          <OrderDate>2024-03-10</OrderDate>
          <Line number="1">
            <SKU>WID-100</SKU>
            <Quantity>ten</Quantity>
          </Line>
        </PurchaseOrder>
        """

    /// A fresh directory holding `po.xsd` (which includes `types.xsd`).
    static func schemaDirectory() throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("edixml-xsd-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try Data(types.utf8).write(to: directory.appendingPathComponent("types.xsd"))
        try Data(purchaseOrder.utf8).write(to: directory.appendingPathComponent("po.xsd"))
        return directory
    }

    static func schema() throws -> XMLSchema {
        let directory = try schemaDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        return try XMLSchema(contentsOf: directory.appendingPathComponent("po.xsd").path)
    }

    @Test func validInstanceHasNoErrors() throws {
        #expect(try Self.schema().validate(Array(Self.valid.utf8)) == [])
    }

    @Test func missingRequiredElement() throws {
        let errors = try Self.schema().validate(Array(Self.missingOrderID.utf8))
        #expect(errors.count == 1)
        #expect(errors.first?.line == 3)
        #expect(errors.first?.code == 1871)  // XML_SCHEMAV_ELEMENT_CONTENT
        #expect(errors.first?.message == "Element 'OrderDate': This element is not expected. Expected is ( OrderID ).")
    }

    @Test func wrongType() throws {
        let errors = try Self.schema().validate(Array(Self.wrongType.utf8))
        #expect(errors.count == 1)
        #expect(errors.first?.line == 7)
        #expect(errors.first?.code == 1824)  // XML_SCHEMAV_CVC_DATATYPE_VALID_1_2_1
        #expect(
            errors.first?.message
                == "Element 'Quantity': 'ten' is not a valid value of the atomic type 'xs:positiveInteger'.")
    }

    @Test func bytesWithABaseURLResolveIncludes() throws {
        let directory = try Self.schemaDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let schema = try XMLSchema(
            bytes: Array(Self.purchaseOrder.utf8), baseURL: directory.appendingPathComponent("po.xsd").path)
        #expect(try schema.validate(Array(Self.valid.utf8)) == [])
        // Without the base directory the include is not found: refused, not compiled without it.
        let missing = #expect(throws: XMLError.self) { try XMLSchema(bytes: Array(Self.purchaseOrder.utf8)) }
        #expect(missing?.kind == .schema)
    }

    @Test func unreadableAndMalformedSchemas() {
        let absent = #expect(throws: XMLError.self) { try XMLSchema(contentsOf: "/nonexistent/edixml/po.xsd") }
        #expect(absent?.kind == .io && absent?.code == Int(ENOENT))
        let malformed = #expect(throws: XMLError.self) { try XMLSchema(bytes: Array("<xs:schema".utf8)) }
        #expect(malformed?.kind == .malformed)
        let notSchema = #expect(throws: XMLError.self) { try XMLSchema(bytes: Array("<PurchaseOrder/>".utf8)) }
        #expect(notSchema?.kind == .schema)
    }

    @Test func documentsAreParsedWithTheHardenedParser() throws {
        let schema = try Self.schema()
        let doctype = "<!DOCTYPE PurchaseOrder [<!ENTITY x \"y\">]>\n<PurchaseOrder/>"
        let error = #expect(throws: XMLError.self) { try schema.validate(Array(doctype.utf8)) }
        #expect(error?.kind == .doctype)
        let malformed = #expect(throws: XMLError.self) { try schema.validate(Array("<PurchaseOrder>".utf8)) }
        #expect(malformed?.kind == .malformed)
    }

    @Test func sharedAcrossConcurrentValidations() async throws {
        let schema = try Self.schema()
        let counts = await withTaskGroup(of: Int.self) { group in
            for index in 0..<16 {
                group.addTask {
                    let bytes = Array((index.isMultiple(of: 2) ? Self.valid : Self.wrongType).utf8)
                    return (try? schema.validate(bytes).count) ?? -1
                }
            }
            return await group.reduce(into: [Int]()) { $0.append($1) }
        }
        #expect(counts.sorted() == Array(repeating: 0, count: 8) + Array(repeating: 1, count: 8))
    }

    #if canImport(Glibc)
        /// An import and an include over http are refused, and the (listening) server sees no connection.
        @Test func remoteImportsNeverTouchTheNetwork() throws {
            let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue), 0)
            try #require(listener >= 0)
            defer { close(listener) }
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            var length = socklen_t(MemoryLayout<sockaddr_in>.size)
            let bound = withUnsafeMutablePointer(to: &address) { pointer in
                pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    bind(listener, $0, length) == 0 && listen(listener, 8) == 0
                        && getsockname(listener, $0, &length) == 0
                }
            }
            try #require(bound)
            let base = "http://127.0.0.1:\(UInt16(bigEndian: address.sin_port))"
            let importing = """
                <xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:r="urn:remote">
                  <xs:import namespace="urn:remote" schemaLocation="\(base)/remote.xsd"/>
                  <xs:element name="PurchaseOrder" type="xs:string"/>
                </xs:schema>
                """
            let imported = #expect(throws: XMLError.self) { try XMLSchema(bytes: Array(importing.utf8)) }
            #expect(imported?.kind == .schema && imported?.message.contains("\(base)/remote.xsd") == true)
            let including = """
                <xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">
                  <xs:include schemaLocation="\(base)/types.xsd"/>
                </xs:schema>
                """
            let included = #expect(throws: XMLError.self) { try XMLSchema(bytes: Array(including.utf8)) }
            #expect(included?.kind == .schema)
            #expect(accept(listener, nil, nil) == -1 && (errno == EAGAIN || errno == EWOULDBLOCK))
        }
    #endif
}
