import CLibXML2

/// Streams the records of a large document: one ``XMLElement`` per matching element, built from that element's
/// subtree only, so memory stays bounded by one record (plus the input bytes) rather than the whole tree.
///
/// Same hardening as ``XMLDocument`` (libxml2's `xmlTextReader` with `XML_PARSE_NONET`, no entity substitution, no
/// DTD loading); a DOCTYPE is refused before the first record, except a bare external one when
/// ``XMLDocument/Options/allowsExternalDoctype`` is set. A matching element's own descendants are part of its
/// record and are not matched again. Records before a malformed part have already been delivered when the error
/// is thrown.
public enum XMLStreamReader {
    /// Calls `body` with every element whose local name is `localName` (any namespace, any depth), in order.
    ///
    /// - Throws: ``XMLError`` (`.malformed` with libxml2's line, `.doctype`), or whatever `body` throws (which stops
    ///   the stream).
    public static func forEach(
        _ localName: String, in bytes: [UInt8], options: XMLDocument.Options = .init(),
        _ body: (XMLElement) throws -> Void
    ) throws {
        let target = Array(localName.utf8) + [0]
        try target.withUnsafeBufferPointer { name in
            try stream(
                bytes, options: options, matches: { elementName, _ in xmlStrEqual(elementName, name.baseAddress) != 0 },
                body)
        }
    }

    /// Calls `body` with every element at `depth` (0 is the root, 1 its children), in order.
    public static func forEach(
        atDepth depth: Int, in bytes: [UInt8], options: XMLDocument.Options = .init(),
        _ body: (XMLElement) throws -> Void
    ) throws {
        try stream(bytes, options: options, matches: { _, elementDepth in elementDepth == depth }, body)
    }

    private static func stream(
        _ bytes: [UInt8], options: XMLDocument.Options, matches: (UnsafePointer<UInt8>?, Int) -> Bool,
        _ body: (XMLElement) throws -> Void
    ) throws {
        HardenedParser.initialise()
        try HardenedParser.checkSize(bytes)
        try bytes.withUnsafeBufferPointer { buffer in
            let pointer = UnsafeRawPointer(buffer.baseAddress!).assumingMemoryBound(to: CChar.self)
            guard let reader = xmlReaderForMemory(pointer, Int32(buffer.count), "input.xml", nil, HardenedParser.flags)
            else { throw XMLError(kind: .malformed, code: 2, line: 0, message: "out of memory") }
            defer { xmlFreeTextReader(reader) }
            let errors = FirstError()
            xmlTextReaderSetStructuredErrorHandler(
                reader,
                { userData, error in
                    guard let userData, let error else { return }
                    Unmanaged<FirstError>.fromOpaque(userData).takeUnretainedValue().record(error.pointee)
                }, Unmanaged.passUnretained(errors).toOpaque())
            try withExtendedLifetime(errors) {
                var checkedDoctype = false
                var status = xmlTextReaderRead(reader)
                while status == 1 {
                    let type = xmlTextReaderNodeType(reader)
                    if type == Int32(XML_READER_TYPE_DOCUMENT_TYPE.rawValue) && !options.allowsExternalDoctype {
                        throw XMLError(
                            kind: .doctype, code: 0, line: XMLDocument.doctypeLine(bytes), message: "DOCTYPE refused")
                    }
                    if type == Int32(XML_READER_TYPE_ELEMENT.rawValue) {
                        if !checkedDoctype {
                            // The whole prolog (any internal subset included) has been parsed by the first element.
                            checkedDoctype = true
                            if let document = xmlTextReaderCurrentNode(reader)?.pointee.doc,
                                let refusal = HardenedParser.doctypeError(document, bytes: bytes, options: options)
                            {
                                throw refusal
                            }
                        }
                        if matches(xmlTextReaderConstLocalName(reader), Int(xmlTextReaderDepth(reader))) {
                            guard let node = xmlTextReaderExpand(reader) else { throw failure(errors) }
                            try body(XMLElement(node))
                            status = xmlTextReaderNext(reader)
                            continue
                        }
                    }
                    status = xmlTextReaderRead(reader)
                }
                if status < 0 { throw failure(errors) }
            }
        }
    }

    private static func failure(_ errors: FirstError) -> XMLError {
        errors.first ?? XMLError(kind: .malformed, code: 0, line: 0, message: "not well-formed")
    }
}
