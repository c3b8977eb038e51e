/// What a partner's TA1, 997, 999 or CONTRL says about interchanges, groups and sets we sent: the input of
/// the acknowledgement audit (primer §6). Pure: read from a parsed interchange.
public struct ReceivedAcknowledgement: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable, Codable {
        case ta1 = "TA1"
        case fa997 = "997"
        case fa999 = "999"
        case contrl = "CONTRL"
    }

    /// The verdict on one of our interchanges: TA1 (TA101, TA104, TA105) or CONTRL UCI (0020, 0083, 0085).
    public struct InterchangeVerdict: Sendable, Hashable {
        public var controlNumber: String
        /// TA104 `A`/`E`/`R`, or CONTRL 0083 `4` (rejected), `7` (acknowledged), `8` (received).
        public var code: String
        /// TA105 or CONTRL 0085, when given.
        public var errorCodes: [String]
    }

    /// One of our groups (AK1 / IK for 999 / CONTRL has none: `functionalIdentifier` empty).
    public struct GroupVerdict: Sendable, Hashable {
        /// AK101 (GS01 of ours), e.g. `IN`.
        public var functionalIdentifier: String
        /// AK102 (our GS06).
        public var controlNumber: String
        /// AK901 `A`/`E`/`P`/`R` (nil for CONTRL, which judges sets only).
        public var code: String?
        public var sets: [SetVerdict]
    }

    /// One of our sets: AK2 + AK5 (997), AK2 + IK5 (999), or UCM (CONTRL).
    public struct SetVerdict: Sendable, Hashable {
        /// AK201 / UCM S009 0065.
        public var type: String
        /// AK202 / UCM 0062.
        public var controlNumber: String
        /// AK501 / IK501 `A`/`E`/`R`/..., or CONTRL 0083 `4`/`7`.
        public var code: String
        /// AK502-AK506 / IK502-IK506 / UCM 0085, then segment and element errors with their locations:
        /// `AK3:<AK304>@<AK301>/<AK302>` (segment tag / position in the set), `AK4:<AK403>@<AK401>` (element
        /// position); `IK3`/`IK4` for 999; `UCS:<0085>@<0096>` and `UCD:<0085>@<0098>` for CONTRL.
        public var errorCodes: [String]
    }

    public var kind: Kind
    /// The acknowledging interchange's sender (ISA06 / UNB S002 0004, trimmed): who sent the ack.
    public var sender: String
    public var interchanges: [InterchangeVerdict] = []
    public var groups: [GroupVerdict] = []

    /// Every acknowledgement an interchange carries (a file may hold a TA1 and a 997).
    public static func read(_ interchange: Interchange) -> [ReceivedAcknowledgement] {
        let sender = interchange.report.envelope.senderID.trimmingCharacters(inASCIIWhitespace: ())
        var result: [ReceivedAcknowledgement] = []
        let ta1s = interchange.interchangeSegments.filter { $0.tagString == "TA1" }
        if !ta1s.isEmpty {
            var ack = ReceivedAcknowledgement(kind: .ta1, sender: sender)
            ack.interchanges = ta1s.map {
                InterchangeVerdict(
                    controlNumber: $0.string(1), code: $0.string(4),
                    errorCodes: $0.string(5).isEmpty ? [] : [$0.string(5)])
            }
            result.append(ack)
        }
        for group in interchange.groups {
            for set in group.transactionSets {
                switch set.type {
                case "997", "999": result.append(functional(set, sender: sender, is999: set.type == "999"))
                case "CONTRL": result.append(contrl(set, sender: sender))
                default: continue
                }
            }
        }
        return result
    }

    static func functional(_ set: TransactionSet, sender: String, is999: Bool) -> ReceivedAcknowledgement {
        var ack = ReceivedAcknowledgement(kind: is999 ? .fa999 : .fa997, sender: sender)
        var group: GroupVerdict?
        var current: SetVerdict?
        let (segmentError, elementError, setTrailer) = is999 ? ("IK3", "IK4", "IK5") : ("AK3", "AK4", "AK5")
        for segment in set.segments {
            switch segment.tagString {
            case "AK1":
                group = GroupVerdict(
                    functionalIdentifier: segment.string(1), controlNumber: segment.string(2), code: nil, sets: [])
            case "AK2":
                current = SetVerdict(
                    type: segment.string(1), controlNumber: segment.string(2), code: "", errorCodes: [])
            case segmentError:
                // AK304 / IK304: the segment syntax error code; AK301/AK302: which segment.
                if !segment.string(4).isEmpty {
                    current?.errorCodes.append(
                        "\(segmentError):\(segment.string(4))@\(segment.string(1))/\(segment.string(2))")
                }
            case elementError:
                // AK403 / IK403: the element syntax error code; AK401: its position (with component).
                if !segment.string(3).isEmpty {
                    current?.errorCodes.append("\(elementError):\(segment.string(3))@\(segment[1].string)")
                }
            case setTrailer:
                if var verdict = current {
                    verdict.code = segment.string(1)
                    verdict.errorCodes = (2...6).map { segment.string($0) }.filter { !$0.isEmpty } + verdict.errorCodes
                    group?.sets.append(verdict)
                    current = nil
                }
            case "AK9":
                group?.code = segment.string(1)
            default:
                continue
            }
        }
        if let group { ack.groups.append(group) }
        return ack
    }

    static func contrl(_ set: TransactionSet, sender: String) -> ReceivedAcknowledgement {
        var ack = ReceivedAcknowledgement(kind: .contrl, sender: sender)
        var group = GroupVerdict(functionalIdentifier: "", controlNumber: "", code: nil, sets: [])
        var current: SetVerdict?
        func close() {
            if let verdict = current { group.sets.append(verdict) }
            current = nil
        }
        for segment in set.segments {
            switch segment.tagString {
            case "UCI":
                // 0020, S002, S003, 0083, 0085.
                ack.interchanges.append(
                    InterchangeVerdict(
                        controlNumber: segment.string(1), code: segment.string(4),
                        errorCodes: segment.string(5).isEmpty ? [] : [segment.string(5)]))
            case "UCM":
                close()
                // 0062, S009 (0065 first), 0083, 0085.
                current = SetVerdict(
                    type: segment[2][component: 1].string, controlNumber: segment.string(1), code: segment.string(3),
                    errorCodes: segment.string(4).isEmpty ? [] : [segment.string(4)])
            case "UCS":
                // 0096 segment position, 0085 error.
                if !segment.string(2).isEmpty {
                    current?.errorCodes.append("UCS:\(segment.string(2))@\(segment.string(1))")
                }
            case "UCD":
                // 0085 error, S011 element position.
                if !segment.string(1).isEmpty {
                    current?.errorCodes.append("UCD:\(segment.string(1))@\(segment[2].string)")
                }
            default:
                continue
            }
        }
        close()
        if !group.sets.isEmpty { ack.groups.append(group) }
        return ack
    }
}

extension String {
    fileprivate func trimmingCharacters(inASCIIWhitespace: Void) -> String {
        var scalars = Substring(self)
        while scalars.first == " " { scalars.removeFirst() }
        while scalars.last == " " { scalars.removeLast() }
        return String(scalars)
    }
}
