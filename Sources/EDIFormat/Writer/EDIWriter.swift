/// Writes interchanges back to bytes, with their own delimiters or new ones, computing the trailer
/// counts and references (SE01/SE02, GE01/GE02, IEA01/IEA02, UNT, UNE, UNZ) itself.
///
/// With the interchange's own delimiters and segment suffix, a well-formed input is written back
/// byte for byte.
public enum EDIWriter {
    /// Writes an interchange. `delimiters` and `suffix` default to the interchange's own.
    public static func write(_ interchange: Interchange, delimiters: Delimiters? = nil, suffix: [UInt8]? = nil)
        -> [UInt8]
    {
        let target = delimiters ?? interchange.delimiters
        let suffix = suffix ?? interchange.segmentSuffix
        var out: [UInt8] = []
        let x12 = interchange.standard == .x12
        func emit(_ segment: Segment) {
            out.append(contentsOf: encode(segment, to: target, isISA: x12 && segment.tag == .ISA))
            out.append(target.segment)
            out.append(contentsOf: suffix)
        }
        if interchange.standard == .edifact {
            let defaults = Delimiters.edifactDefault(syntaxVersion: target.repetition == nil ? 3 : 4)
            if interchange.serviceStringAdvice != nil || !sameService(target, defaults) {
                out.append(contentsOf: CONTRLAcknowledgement.una(target))
                out.append(contentsOf: suffix)
            }
        }
        emit(interchange.header)
        for segment in interchange.interchangeSegments { emit(segment) }
        var explicitGroups = 0
        var messages = 0
        for group in interchange.groups {
            if let header = group.header {
                explicitGroups += 1
                emit(header)
            }
            for set in group.transactionSets {
                messages += 1
                emit(set.header)
                for segment in set.segments { emit(segment) }
                let count = set.segments.count + 2
                let trailerTag = x12 ? "SE" : "UNT"
                out.append(
                    contentsOf: trailer(
                        trailerTag, count: count, reference: set.controlNumber, template: set.trailer, target: target))
                out.append(target.segment)
                out.append(contentsOf: suffix)
            }
            if let header = group.header {
                let reference = x12 ? header.string(6) : header.string(5)
                out.append(
                    contentsOf: trailer(
                        x12 ? "GE" : "UNE", count: group.transactionSets.count, reference: reference,
                        template: group.trailer, target: target))
                out.append(target.segment)
                out.append(contentsOf: suffix)
            }
        }
        let reference = x12 ? interchange.header.string(13) : interchange.header.string(5)
        let count = x12 || explicitGroups > 0 ? explicitGroups : messages
        out.append(
            contentsOf: trailer(
                x12 ? "IEA" : "UNZ", count: count, reference: reference, template: interchange.trailer, target: target))
        out.append(target.segment)
        out.append(contentsOf: suffix)
        return out
    }

    /// A trailer with the computed count and reference; other elements copied from the received trailer.
    static func trailer(_ tag: String, count: Int, reference: String, template: Segment?, target: Delimiters) -> [UInt8]
    {
        var bytes = Array(tag.utf8)
        bytes.append(target.element)
        bytes.append(contentsOf: String(count).utf8)
        bytes.append(target.element)
        bytes.append(contentsOf: escape(Array(reference.utf8), target))
        if let template, template.count > 2 {
            for position in 3...template.count {
                bytes.append(target.element)
                bytes.append(contentsOf: encodeElement(template[position], to: target))
            }
        }
        return bytes
    }

    /// A segment's bytes under other delimiters (a raw copy when they are the same).
    static func encode(_ segment: Segment, to target: Delimiters, isISA: Bool) -> [UInt8] {
        let source = segment.delimiters
        if source == target && (isISA || !hasTrailingSeparators(segment)) { return Array(segment.rawBytes) }
        var bytes = Array(segment.tagBytes)
        let last = isISA ? segment.count : segment.lastNonEmptyPosition
        for position in stride(from: 1, through: last, by: 1) {
            bytes.append(target.element)
            if isISA && position == 11 {
                // ISA11 carries the repetition separator from 00402 on (U when there is none); before, it is U.
                if segment.string(12) >= "00402" {
                    bytes.append(
                        target.repetition ?? (source.repetition == nil ? segment[11].rawBytes.first ?? 0x55 : 0x55))
                } else {
                    bytes.append(contentsOf: segment[11].rawBytes)
                }
            } else if isISA && position == 16 {
                bytes.append(target.component)
            } else if isISA {
                bytes.append(contentsOf: segment[position].rawBytes)
            } else {
                bytes.append(contentsOf: encodeElement(segment[position], to: target))
            }
        }
        return bytes
    }

    /// An element re-joined with the target's repetition and component separators, without trailing
    /// empty components or repetitions.
    static func encodeElement(_ element: Element, to target: Delimiters) -> [UInt8] {
        var bytes: [UInt8] = []
        var repetitions = element.repetitions
        while repetitions.count > 1, repetitions.last!.isBlank { repetitions.removeLast() }
        for (repetitionIndex, repetition) in repetitions.enumerated() {
            if repetitionIndex > 0, let separator = target.repetition { bytes.append(separator) }
            var components = repetition.components
            while components.count > 1, components.last!.isEmpty { components.removeLast() }
            for (componentIndex, component) in components.enumerated() {
                if componentIndex > 0 { bytes.append(target.component) }
                bytes.append(contentsOf: escape(component.bytes, target))
            }
        }
        return bytes
    }

    /// True when the segment ends with empty elements, or an element ends with an empty component or
    /// repetition: such a segment is rewritten rather than copied (outbound never carries them).
    static func hasTrailingSeparators(_ segment: Segment) -> Bool {
        if segment.count > segment.lastNonEmptyPosition { return true }
        let delimiters = segment.delimiters
        for position in stride(from: 1, through: segment.count, by: 1) {
            let raw = segment[position].rawBytes
            guard let last = raw.last, last == delimiters.component || last == delimiters.repetition else { continue }
            let released = raw.count >= 2 && raw[raw.endIndex - 2] == delimiters.release
            if !released { return true }
        }
        return false
    }

    static func escape(_ value: [UInt8], _ target: Delimiters) -> [UInt8] {
        guard let release = target.release else { return value }
        var result: [UInt8] = []
        result.reserveCapacity(value.count)
        for byte in value {
            if byte == release || byte == target.element || byte == target.component || byte == target.segment
                || byte == target.repetition
            {
                result.append(release)
            }
            result.append(byte)
        }
        return result
    }

    static func sameService(_ a: Delimiters, _ b: Delimiters) -> Bool {
        a.element == b.element && a.component == b.component && a.segment == b.segment && a.release == b.release
            && a.decimalMark == b.decimalMark
    }
}
