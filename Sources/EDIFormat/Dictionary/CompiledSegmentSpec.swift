/// A segment definition flattened into plain values for the per-element loop: no strings, no nested
/// arrays, nothing to retain while validating.
final class CompiledSegmentSpec: Sendable {
    struct Position: Sendable {
        /// `DataType` as a small code (see `Kind`); a composite has `isComposite` and its components in `components`.
        var kind: Kind
        var decimals: UInt8
        var mandatory: Bool
        var isComposite: Bool
        var minLength: UInt16
        var maxLength: UInt16
        var maxRepeats: UInt16
        /// Range of this composite's components in `components`.
        var firstComponent: UInt16
        var componentCount: UInt16
        /// Index of the data element reference in `references`.
        var reference: UInt16
    }

    enum Kind: UInt8, Sendable {
        case text, identifier, alphabetic, date, time, implied, decimal, binary
    }

    let tag: String
    /// EDIFACT DTM: its C507 date (2380) is checked against its format (2379).
    let checksDateFormat: Bool
    let elements: [Position]
    let components: [Position]
    let references: [String]

    init(_ spec: SegmentSpec) {
        tag = spec.tag
        var elements: [Position] = []
        var components: [Position] = []
        var references: [String] = []
        func position(_ element: ElementSpec) -> Position {
            references.append(element.reference)
            let (kind, decimals): (Kind, UInt8) =
                switch element.type {
                case .alphanumeric: (.text, 0)
                case .identifier: (.identifier, 0)
                case .alphabetic: (.alphabetic, 0)
                case .date: (.date, 0)
                case .time: (.time, 0)
                case .implied(let decimals): (.implied, UInt8(decimals))
                case .decimal: (.decimal, 0)
                case .binary: (.binary, 0)
                }
            return Position(
                kind: kind, decimals: decimals, mandatory: element.mandatory, isComposite: element.components != nil,
                minLength: UInt16(clamping: element.minLength), maxLength: UInt16(clamping: element.maxLength),
                maxRepeats: UInt16(clamping: element.maxRepeats), firstComponent: 0, componentCount: 0,
                reference: UInt16(references.count - 1))
        }
        for element in spec.elements {
            var compiled = position(element)
            if let parts = element.components {
                compiled.firstComponent = UInt16(components.count)
                compiled.componentCount = UInt16(parts.count)
                for part in parts { components.append(position(part)) }
            }
            elements.append(compiled)
        }
        self.elements = elements
        self.components = components
        self.references = references
        checksDateFormat = spec.tag == "DTM" && references.first == "C507"
    }
}

/// Segment definitions indexed directly by tag code: one array read instead of a hash per segment.
struct SegmentTable: Sendable {
    /// 37^3 slots (digits and upper-case letters, 0 = no character); -1 when the tag is not defined.
    private let slots: [Int16]
    let specs: [CompiledSegmentSpec]

    init(_ definitions: [Tag: SegmentSpec]) {
        var slots = [Int16](repeating: -1, count: 37 * 37 * 37)
        var specs: [CompiledSegmentSpec] = []
        for (tag, spec) in definitions.sorted(by: { $0.value.tag < $1.value.tag }) {
            guard let slot = SegmentTable.slot(tag) else { continue }
            slots[slot] = Int16(specs.count)
            specs.append(CompiledSegmentSpec(spec))
        }
        self.slots = slots
        self.specs = specs
    }

    var isEmpty: Bool { specs.isEmpty }

    /// The index of a tag's definition in `specs`, if it has one.
    func index(of tag: Tag) -> Int? {
        guard let slot = SegmentTable.slot(tag) else { return nil }
        let index = slots[slot]
        return index < 0 ? nil : Int(index)
    }

    static func slot(_ tag: Tag) -> Int? {
        let raw = tag.rawValue
        guard raw != UInt32.max else { return nil }
        var slot = 0
        var shift = 16
        var seen = false
        while shift >= 0 {
            let byte = UInt8((raw >> UInt32(shift)) & 0xFF)
            shift -= 8
            if byte == 0 && !seen { continue }
            seen = true
            let code: Int
            switch byte {
            case 0x30...0x39: code = Int(byte - 0x30) + 1
            case 0x41...0x5A: code = Int(byte - 0x41) + 11
            default: return nil
            }
            slot = slot * 37 + code
        }
        return slot < 37 * 37 * 37 ? slot : nil
    }
}
