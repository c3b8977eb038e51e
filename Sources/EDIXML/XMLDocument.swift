import CLibXML2

/// A parsed XML document as an immutable element tree (libxml2 underneath, freed after parsing).
///
/// Hardened for partner payloads (platform notes §1b): parsed with a parser context and
/// `XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING`, never with entity substitution or DTD
/// loading, so nothing is fetched or read from disk. Documents with a DOCTYPE are refused
/// (``XMLError/Kind/doctype``), except a bare external reference such as cXML's
/// `<!DOCTYPE cXML SYSTEM "…cXML.dtd">` when ``Options/allowsExternalDoctype`` is set: that DTD is never
/// loaded, and any internal subset (entity, element, attribute or notation declarations) is still refused.
///
/// Lookups go by local name, so they work whatever namespace prefixes the document uses.
public struct XMLDocument: Sendable {
    /// Parsing policy.
    public struct Options: Sendable, Hashable {
        /// Accept a DOCTYPE that only names an external DTD (never loaded) and declares nothing itself.
        public var allowsExternalDoctype: Bool

        public init(allowsExternalDoctype: Bool = false) {
            self.allowsExternalDoctype = allowsExternalDoctype
        }
    }

    public let root: XMLElement

    /// Parses `bytes` (any encoding libxml2 detects; a BOM is fine).
    public init(parsing bytes: [UInt8], options: Options = Options()) throws(XMLError) {
        let document = try HardenedParser.parse(bytes, options: options)
        defer { xmlFreeDoc(document) }
        guard let top = xmlDocGetRootElement(document) else {
            throw XMLError(kind: .malformed, code: 4, line: 1, message: "no root element")
        }
        root = XMLElement(top)
    }

    /// The 1-based line of `<!DOCTYPE` in the raw bytes (1 when not found, e.g. another encoding).
    static func doctypeLine(_ bytes: [UInt8]) -> Int {
        let marker = Array("<!DOCTYPE".utf8)
        var line = 1
        var index = 0
        while index + marker.count <= bytes.count {
            if bytes[index] == 0x0A { line += 1 }
            if bytes[index] == 0x3C && Array(bytes[index..<index + marker.count]) == marker { return line }
            index += 1
        }
        return 1
    }
}

/// Why a document, expression or schema was refused: malformed (with libxml2's error code), carrying a DOCTYPE,
/// an invalid XPath expression, an unusable schema or an unreadable file.
public struct XMLError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Kind: String, Sendable, Hashable {
        /// Not well-formed XML (or empty); `code` is libxml2's `xmlParserErrors` value.
        case malformed
        /// A DOCTYPE (DTDs and entities are not accepted in partner payloads).
        case doctype
        /// An XPath expression that does not compile or evaluate; `code` is libxml2's (1200 + `xmlXPathError`).
        case xpath
        /// An XSD that does not compile, or validation that could not run; `code` is libxml2's.
        case schema
        /// A file that could not be read; `code` is `errno`.
        case io
    }

    public var kind: Kind
    /// libxml2's error code (e.g. 73 `XML_ERR_GT_REQUIRED`, 89 `XML_ERR_ENTITY_LOOP`); 0 when not libxml2's.
    public var code: Int
    /// 1-based line, 0 when unknown.
    public var line: Int
    public var message: String

    public init(kind: Kind, code: Int, line: Int, message: String) {
        self.kind = kind
        self.code = code
        self.line = line
        self.message = message
    }

    public var description: String { "line \(line): \(message) (\(kind.rawValue), code \(code))" }

    static func last(of context: xmlParserCtxtPtr) -> XMLError {
        guard let error = xmlCtxtGetLastError(context), error.pointee.code != 0 else {
            return XMLError(kind: .malformed, code: 0, line: 0, message: "not well-formed")
        }
        return XMLError(error.pointee)
    }

    init(_ error: xmlError, kind: Kind = .malformed) {
        var message = error.message.map { String(cString: $0) } ?? "not well-formed"
        while message.last == "\n" || message.last == " " { message.removeLast() }
        self.init(kind: kind, code: Int(error.code), line: Int(error.line), message: message)
    }
}

/// An element: its local name and namespace, attributes, child elements and direct text.
public struct XMLElement: Sendable, Hashable {
    public struct Attribute: Sendable, Hashable {
        public var name: String
        public var namespace: String?
        public var value: String
    }

    /// The local name (`ID` for `cbc:ID`).
    public let name: String
    /// The namespace URI, if any.
    public let namespace: String?
    public let attributes: [Attribute]
    public let children: [XMLElement]
    /// The element's own text and CDATA (not its descendants'), as written.
    public let text: String
    /// 1-based source line.
    public let line: Int

    init(_ node: xmlNodePtr) {
        name = String(cString: node.pointee.name)
        namespace = node.pointee.ns.flatMap { $0.pointee.href }.map { String(cString: $0) }
        line = Int(xmlGetLineNo(node))
        var attributes: [Attribute] = []
        var property = node.pointee.properties
        while let attribute = property {
            var value = ""
            if let raw = xmlNodeListGetString(node.pointee.doc, attribute.pointee.children, 1) {
                value = String(cString: raw)
                cxml_free(raw)
            }
            attributes.append(
                Attribute(
                    name: String(cString: attribute.pointee.name),
                    namespace: attribute.pointee.ns.flatMap { $0.pointee.href }.map { String(cString: $0) },
                    value: value))
            property = attribute.pointee.next
        }
        self.attributes = attributes
        var children: [XMLElement] = []
        var text = ""
        var child = node.pointee.children
        while let current = child {
            switch current.pointee.type {
            case XML_ELEMENT_NODE: children.append(XMLElement(current))
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                if let content = current.pointee.content { text += String(cString: content) }
            default: break
            }
            child = current.pointee.next
        }
        self.children = children
        self.text = text
    }

    /// The text with leading and trailing XML whitespace removed; nil when that leaves nothing.
    public var value: String? {
        let isSpace = { (c: Character) in c == " " || c == "\n" || c == "\t" || c == "\r" }
        guard let start = text.firstIndex(where: { !isSpace($0) }),
            let end = text.lastIndex(where: { !isSpace($0) })
        else { return nil }
        return String(text[start...end])
    }

    /// The value of the first attribute with this local name (any namespace; `lang` finds `xml:lang`).
    public func attribute(_ localName: String) -> String? {
        attributes.first { $0.name == localName }?.value
    }

    /// The first child element with this local name.
    public func child(_ localName: String) -> XMLElement? {
        children.first { $0.name == localName }
    }

    /// The child elements with this local name.
    public func children(_ localName: String) -> [XMLElement] {
        children.filter { $0.name == localName }
    }

    /// The first element down a path of local names (`order.first("Delivery", "RequestedDeliveryPeriod")`).
    public func first(_ path: String...) -> XMLElement? {
        all(path).first
    }

    /// Every element down a path of local names, in document order.
    public func all(_ path: String...) -> [XMLElement] {
        all(path)
    }

    func all(_ path: [String]) -> [XMLElement] {
        var level = [self]
        for step in path { level = level.flatMap { $0.children(step) } }
        return level
    }

    /// The trimmed text of the first element down a path of local names.
    public func value(_ path: String...) -> String? {
        all(path).first?.value
    }

    /// Every descendant (not self) with this local name, in document order.
    public func descendants(_ localName: String) -> [XMLElement] {
        children.flatMap { ($0.name == localName ? [$0] : []) + $0.descendants(localName) }
    }
}
