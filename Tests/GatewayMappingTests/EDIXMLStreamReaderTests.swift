import EDIXML
import Foundation
import Testing

/// The streaming reader: 100,000 generated records, depth matching, malformed input, DOCTYPE refusal.
@Suite struct EDIXMLStreamReaderTests {
    /// `<Items>` with one `<Item>` per line from line 3 on: id i, SKU-i, quantity i % 7 + 1.
    static func items(_ count: Int, broken: Int? = nil) -> [UInt8] {
        var text = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Items xmlns:x=\"urn:x\">\n"
        text.reserveCapacity(count * 64)
        for index in 0..<count {
            let close = index == broken ? "" : "</SKU>"
            text += "<Item id=\"\(index)\"><SKU>SKU-\(index)\(close)<Qty>\(index % 7 + 1)</Qty></Item>\n"
        }
        text += "</Items>\n"
        return Array(text.utf8)
    }

    @Test func streamsOneHundredThousandRecords() throws {
        let bytes = Self.items(100_000)
        var count = 0
        var samples: [Int: XMLElement] = [:]
        try XMLStreamReader.forEach("Item", in: bytes) { item in
            if [0, 4_242, 99_999].contains(count) { samples[count] = item }
            count += 1
        }
        #expect(count == 100_000)
        for (index, item) in samples {
            #expect(item.attribute("id") == "\(index)")
            #expect(item.value("SKU") == "SKU-\(index)")
            #expect(item.value("Qty") == "\(index % 7 + 1)")
            #expect(item.line == index + 3)
            #expect(item.children.map(\.name) == ["SKU", "Qty"])
        }
    }

    @Test func matchesByDepthAndAcrossNamespaces() throws {
        var depthOne: [String] = []
        try XMLStreamReader.forEach(atDepth: 1, in: Self.items(3)) { depthOne.append($0.attribute("id") ?? "?") }
        #expect(depthOne == ["0", "1", "2"])
        let ubl = Array(
            """
            <Order xmlns="urn:o" xmlns:cac="urn:cac" xmlns:cbc="urn:cbc">
             <cac:OrderLine><cac:LineItem><cbc:ID>1</cbc:ID></cac:LineItem></cac:OrderLine>
             <cac:OrderLine><cac:LineItem><cbc:ID>2</cbc:ID></cac:LineItem></cac:OrderLine>
            </Order>
            """.utf8)
        var lines: [XMLElement] = []
        try XMLStreamReader.forEach("OrderLine", in: ubl) { lines.append($0) }
        #expect(lines.map { $0.value("LineItem", "ID") } == ["1", "2"])
        #expect(lines.map(\.namespace) == ["urn:cac", "urn:cac"])
        #expect(lines.map(\.line) == [2, 3])
    }

    @Test func malformedDocumentThrowsWithALine() {
        var delivered = 0
        let error = #expect(throws: XMLError.self) {
            try XMLStreamReader.forEach("Item", in: Self.items(10_000, broken: 5_000)) { _ in delivered += 1 }
        }
        #expect(error?.kind == .malformed)
        #expect(error?.line == 5_003)
        // The reader parses ahead by a few hundred bytes: records before the error are mostly delivered already.
        #expect((4_900...5_000).contains(delivered))
        let truncated = #expect(throws: XMLError.self) {
            try XMLStreamReader.forEach("Item", in: Array(Self.items(3).dropLast(9))) { _ in }
        }
        // The push parser reports an unclosed root as code 5 at the last line with content.
        #expect(truncated?.kind == .malformed && truncated?.line == 5)
        let empty = #expect(throws: XMLError.self) { try XMLStreamReader.forEach("Item", in: []) { _ in } }
        #expect(empty?.kind == .malformed)
    }

    @Test func doctypesAreRefusedBeforeTheFirstRecord() throws {
        let internalSubset = Array(
            """
            <?xml version="1.0"?>
            <!DOCTYPE Items [<!ENTITY x SYSTEM "file:///etc/passwd">]>
            <Items><Item>&x;</Item></Items>
            """.utf8)
        for options in [XMLDocument.Options(), XMLDocument.Options(allowsExternalDoctype: true)] {
            var delivered = 0
            let error = #expect(throws: XMLError.self) {
                try XMLStreamReader.forEach("Item", in: internalSubset, options: options) { _ in delivered += 1 }
            }
            #expect(error?.kind == .doctype && error?.line == 2)
            #expect(delivered == 0)
        }
        let external = Array(
            """
            <?xml version="1.0"?>
            <!DOCTYPE cXML SYSTEM "http://xml.cxml.org/schemas/cXML/1.2.060/cXML.dtd">
            <cXML><Item>a</Item><Item>b</Item></cXML>
            """.utf8)
        #expect(throws: XMLError.self) { try XMLStreamReader.forEach("Item", in: external) { _ in } }
        var values: [String?] = []
        try XMLStreamReader.forEach("Item", in: external, options: .init(allowsExternalDoctype: true)) {
            values.append($0.value)
        }
        #expect(values == ["a", "b"])
    }

    @Test func bodyErrorsStopTheStream() {
        struct Stop: Error {}
        var delivered = 0
        #expect(throws: Stop.self) {
            try XMLStreamReader.forEach("Item", in: Self.items(100)) { _ in
                delivered += 1
                if delivered == 3 { throw Stop() }
            }
        }
        #expect(delivered == 3)
    }
}
