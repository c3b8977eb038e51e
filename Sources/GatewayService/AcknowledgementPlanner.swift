import EDIFormat
import GatewayStore

/// Which acknowledgements an interchange gets under a partner's policy (primer §2, §6), and their bytes once
/// the store has handed out our control numbers. Pure.
public enum AcknowledgementPlanner {
    /// The kinds owed for `report`. Acknowledgements are never acknowledged. X12: a TA1 when the policy is
    /// TA1 or the envelope is rejected (a 997/999 cannot speak for a broken envelope), otherwise the
    /// functional acknowledgement, plus a TA1 when the interchange asks for one (ISA14 = 1) and the policy
    /// allows. EDIFACT: CONTRL.
    public static func kinds(
        for report: InterchangeReport, policy: PartnerConfiguration.AcknowledgementPolicy
    ) -> [AcknowledgementKind] {
        if report.isAcknowledgement { return [] }
        switch report.standard {
        case .x12:
            switch policy.x12 {
            case .none: return []
            case .ta1: return [.ta1]
            case .fa997, .fa999:
                if report.isRejected { return [.ta1] }
                let functional: AcknowledgementKind = policy.x12 == .fa999 ? .fa999 : .fa997
                let ta1 = policy.ta1OnRequest && report.envelope.acknowledgementRequested
                return ta1 ? [functional, .ta1] : [functional]
            }
        case .edifact:
            return policy.edifact == .contrl ? [.contrl] : []
        }
    }

    /// For an interchange key seen before with different content (primer §6): a TA1 R 025 when the partner
    /// uses TA1 (policy `ta1`, or `ta1OnRequest`), CONTRL UCI 4 / 26 for EDIFACT; otherwise nothing (the
    /// caller raises an alert instead).
    public static func kindsForDuplicate(
        _ report: InterchangeReport, policy: PartnerConfiguration.AcknowledgementPolicy
    ) -> [AcknowledgementKind] {
        switch report.standard {
        case .x12: return policy.x12 == .ta1 || policy.ta1OnRequest ? [.ta1] : []
        case .edifact: return policy.edifact == .contrl ? [.contrl] : []
        }
    }

    /// `report` with the finding that makes it a rejected duplicate (TA1 note 025, CONTRL 26).
    public static func markedDuplicate(_ report: InterchangeReport, byteOffset: Int) -> InterchangeReport {
        var report = report
        var location = Location(byteOffset: byteOffset)
        location.interchange = report.envelope.controlNumber
        location.segmentTag = report.standard == .x12 ? "ISA" : "UNB"
        location.element = report.standard == .x12 ? 13 : 5
        report.findings.append(
            Finding(
                .interchangeDuplicate, at: location,
                "interchange control number \(report.envelope.controlNumber) was received before with different content"
            ))
        return report
    }

    /// The counter that numbers an acknowledgement interchange: ISA13 for X12, UNB 0020 for CONTRL.
    public static func interchangeCounter(for kind: AcknowledgementKind) -> CounterKind {
        kind == .contrl ? .unb0020 : .isa13
    }

    /// The acknowledgement's bytes (nil when the builder declines, e.g. an unaddressable envelope).
    public static func build(
        _ kind: AcknowledgementKind, for report: InterchangeReport, interchangeNumber: Int64, groupNumber: Int64,
        date: String, time: String
    ) -> [UInt8]? {
        let settings = AcknowledgementSettings(
            interchangeControlNumber: Int(interchangeNumber), groupControlNumber: Int(groupNumber),
            firstSetControlNumber: 1, date: date, time: time)
        switch kind {
        case .ta1: return X12Acknowledgement.ta1(for: report, settings: settings)
        case .fa997, .fa999: return X12Acknowledgement.functional(kind, for: report, settings: settings)
        case .contrl: return CONTRLAcknowledgement.build(for: report, settings: settings)
        }
    }

    /// `TA1`, `997`, `999`, `CONTRL`: the name used in metrics, the store and file names.
    public static func label(_ kind: AcknowledgementKind) -> String {
        kind == .contrl ? "CONTRL" : kind == .ta1 ? "TA1" : kind.rawValue
    }
}
