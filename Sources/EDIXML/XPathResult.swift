import CLibXML2

/// What an XPath 1.0 expression evaluated to (``XMLXPath/evaluate(_:in:namespaces:options:)``).
public enum XPathResult: Sendable, Hashable {
    /// A node-set, in document order.
    case nodes([XPathNode])
    case string(String)
    case number(Double)
    case boolean(Bool)

    /// The nodes of a node-set result; empty for the other kinds.
    public var nodes: [XPathNode] {
        if case .nodes(let nodes) = self { return nodes }
        return []
    }

    /// The value of a string result, nil for the other kinds.
    public var string: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    /// The value of a number result, nil for the other kinds.
    public var number: Double? {
        if case .number(let value) = self { return value }
        return nil
    }

    /// The value of a boolean result, nil for the other kinds.
    public var boolean: Bool? {
        if case .boolean(let value) = self { return value }
        return nil
    }
}

/// One node of an XPath node-set, copied out of the libxml2 tree (which is freed after evaluation).
public struct XPathNode: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        case element, attribute, text, comment, processingInstruction, namespace, document, other
    }

    public let kind: Kind
    /// The local name (`ID` for `cbc:ID`); the target of a processing instruction, the prefix of a namespace node
    /// (empty for the default namespace); empty for text, comment and document nodes.
    public let name: String
    /// The namespace URI of an element or attribute, if any.
    public let namespace: String?
    /// The XPath string value: all descendant text of an element or document, an attribute's value, a text
    /// node's text, a namespace node's URI.
    public let text: String
    /// An element's attributes (empty for other kinds).
    public let attributes: [XMLElement.Attribute]
    /// 1-based source line (an attribute's or namespace node's is its element's); 0 when unknown.
    public let line: Int

    /// The value of the first attribute with this local name (any namespace).
    public func attribute(_ localName: String) -> String? {
        attributes.first { $0.name == localName }?.value
    }

    init(_ node: xmlNodePtr) {
        let type = node.pointee.type
        if type == XML_NAMESPACE_DECL {
            // libxml2 puts xmlNs copies into node-sets; their `next` points at the owning element.
            let declaration = UnsafeMutableRawPointer(node).assumingMemoryBound(to: xmlNs.self)
            kind = .namespace
            name = declaration.pointee.prefix.map { String(cString: $0) } ?? ""
            namespace = nil
            text = declaration.pointee.href.map { String(cString: $0) } ?? ""
            attributes = []
            let owner = declaration.pointee.next.map {
                UnsafeMutableRawPointer($0).assumingMemoryBound(to: xmlNode.self)
            }
            line = owner.map { $0.pointee.type == XML_ELEMENT_NODE ? Int(xmlGetLineNo($0)) : 0 } ?? 0
            return
        }
        switch type {
        case XML_ELEMENT_NODE: kind = .element
        case XML_ATTRIBUTE_NODE: kind = .attribute
        case XML_TEXT_NODE, XML_CDATA_SECTION_NODE: kind = .text
        case XML_COMMENT_NODE: kind = .comment
        case XML_PI_NODE: kind = .processingInstruction
        case XML_DOCUMENT_NODE, XML_HTML_DOCUMENT_NODE: kind = .document
        default: kind = .other
        }
        switch kind {
        case .element, .attribute, .processingInstruction:
            name = node.pointee.name.map { String(cString: $0) } ?? ""
        default: name = ""
        }
        namespace =
            kind == .element || kind == .attribute
            ? node.pointee.ns.flatMap { $0.pointee.href }.map { String(cString: $0) } : nil
        if let raw = xmlNodeGetContent(node) {
            text = String(cString: raw)
            cxml_free(raw)
        } else {
            text = ""
        }
        attributes = kind == .element ? Self.attributes(of: node) : []
        switch kind {
        case .element, .text, .comment, .processingInstruction: line = Int(xmlGetLineNo(node))
        case .attribute: line = node.pointee.parent.map { Int(xmlGetLineNo($0)) } ?? 0
        default: line = 0
        }
    }

    /// An element's attributes with their (entity-free) values.
    static func attributes(of node: xmlNodePtr) -> [XMLElement.Attribute] {
        var attributes: [XMLElement.Attribute] = []
        var property = node.pointee.properties
        while let attribute = property {
            var value = ""
            if let raw = xmlNodeListGetString(node.pointee.doc, attribute.pointee.children, 1) {
                value = String(cString: raw)
                cxml_free(raw)
            }
            attributes.append(
                XMLElement.Attribute(
                    name: String(cString: attribute.pointee.name),
                    namespace: attribute.pointee.ns.flatMap { $0.pointee.href }.map { String(cString: $0) },
                    value: value))
            property = attribute.pointee.next
        }
        return attributes
    }
}
