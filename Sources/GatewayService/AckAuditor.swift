import EDIFormat
import Foundation
import GatewayStore

/// Matches a partner's acknowledgements to what we sent them (primer §6) and decides each set's verdict:
/// AK1 (GS01 + GS06) to our group, AK2 (ST01 + ST02) to our set, UCI 0020 / UCM 0062 for EDIFACT, TA101 to
/// our ISA13. A set with no AK2 is accepted only when AK901 is `A` or `E`; with no UCM, CONTRL `7` accepts
/// it ("acknowledged unless explicitly rejected").
public struct AckAuditor: Sendable {
    let store: any GatewayStore

    public init(store: any GatewayStore) {
        self.store = store
    }

    /// One of our interchanges as one received acknowledgement judged it.
    public struct Judgement: Sendable, Hashable {
        public var kind: String
        public var interchangeControl: String
        public var verdicts: [(expectation: AckExpectation, verdict: AckVerdict)] {
            zip(expectations, decided).map { ($0, $1) }
        }
        var expectations: [AckExpectation] = []
        var decided: [AckVerdict] = []
    }

    /// The verdicts and unmatched references that `acknowledgements` (received from `partner`) carry.
    public func judge(_ acknowledgements: [ReceivedAcknowledgement], partner: String) async throws -> (
        update: AuditUpdate, judgements: [Judgement]
    ) {
        var update = AuditUpdate()
        var judgements: [Judgement] = []
        for ack in acknowledgements {
            switch ack.kind {
            case .ta1:
                for interchange in ack.interchanges {
                    let expected = try await store.expectations(
                        partner: partner, standard: "X12", interchangeControl: interchange.controlNumber,
                        groupControl: nil)
                    if expected.isEmpty {
                        update.unmatched.append(
                            UnmatchedAck(partner: partner, kind: "TA1", reference: "TA1 \(interchange.controlNumber)"))
                        continue
                    }
                    // TA1 A/E speaks for the envelope only: the functional acknowledgement is still awaited.
                    guard interchange.code == "R" else { continue }
                    var judgement = Judgement(kind: "TA1", interchangeControl: interchange.controlNumber)
                    for expectation in expected {
                        judgement.add(expectation, .rejected, "R", interchange.errorCodes, kind: "TA1")
                    }
                    update.verdicts += judgement.decided
                    judgements.append(judgement)
                }
            case .fa997, .fa999:
                for group in ack.groups {
                    let expected = try await store.expectations(
                        partner: partner, standard: "X12", interchangeControl: nil, groupControl: group.controlNumber
                    ).filter { $0.groupIdentifier == group.functionalIdentifier }
                    if expected.isEmpty {
                        update.unmatched.append(
                            UnmatchedAck(
                                partner: partner, kind: ack.kind.rawValue,
                                reference: "AK1 \(group.functionalIdentifier) \(group.controlNumber)"))
                        continue
                    }
                    var judgement = Judgement(
                        kind: ack.kind.rawValue, interchangeControl: expected[0].interchangeControl)
                    for expectation in expected {
                        if let set = group.sets.first(where: {
                            $0.controlNumber == expectation.setControl && $0.type == expectation.setType
                        }) {
                            judgement.add(
                                expectation, Self.x12Status(set.code), set.code, set.errorCodes, kind: ack.kind.rawValue
                            )
                        } else {
                            let code = group.code ?? ""
                            judgement.add(
                                expectation, code == "A" || code == "E" ? .accepted : .rejected, "AK9:\(code)", [],
                                kind: ack.kind.rawValue)
                        }
                    }
                    for set in group.sets
                    where !expected.contains(where: { $0.setControl == set.controlNumber && $0.setType == set.type }) {
                        update.unmatched.append(
                            UnmatchedAck(
                                partner: partner, kind: ack.kind.rawValue,
                                reference:
                                    "AK1 \(group.functionalIdentifier) \(group.controlNumber) / AK2 \(set.type) \(set.controlNumber)"
                            ))
                    }
                    update.verdicts += judgement.decided
                    judgements.append(judgement)
                }
            case .contrl:
                for interchange in ack.interchanges {
                    let expected = try await store.expectations(
                        partner: partner, standard: "EDIFACT", interchangeControl: interchange.controlNumber,
                        groupControl: nil)
                    if expected.isEmpty {
                        update.unmatched.append(
                            UnmatchedAck(
                                partner: partner, kind: "CONTRL", reference: "UCI \(interchange.controlNumber)"))
                        continue
                    }
                    let messages = ack.groups.flatMap(\.sets)
                    var judgement = Judgement(kind: "CONTRL", interchangeControl: interchange.controlNumber)
                    for expectation in expected {
                        if let message = messages.first(where: { $0.controlNumber == expectation.setControl }) {
                            judgement.add(
                                expectation, message.code == "4" ? .rejected : .accepted, message.code,
                                message.errorCodes, kind: "CONTRL")
                        } else {
                            judgement.add(
                                expectation, interchange.code == "4" ? .rejected : .accepted, interchange.code,
                                interchange.errorCodes, kind: "CONTRL")
                        }
                    }
                    for message in messages where !expected.contains(where: { $0.setControl == message.controlNumber })
                    {
                        update.unmatched.append(
                            UnmatchedAck(
                                partner: partner, kind: "CONTRL",
                                reference: "UCI \(interchange.controlNumber) / UCM \(message.controlNumber)"))
                    }
                    update.verdicts += judgement.decided
                    judgements.append(judgement)
                }
            }
        }
        return (update, judgements)
    }

    /// AK501 / IK501: `A` accepted, `E` accepted with errors; `R`, `M`, `W`, `X` rejected.
    static func x12Status(_ code: String) -> AckStatus {
        switch code {
        case "A": return .accepted
        case "E": return .acceptedWithErrors
        default: return .rejected
        }
    }
}

extension AckAuditor.Judgement {
    mutating func add(
        _ expectation: AckExpectation, _ status: AckStatus, _ code: String, _ errors: [String], kind: String
    ) {
        expectations.append(expectation)
        decided.append(
            AckVerdict(expectationID: expectation.id, status: status, code: code, errorCodes: errors, ackKind: kind))
    }

    /// The interchange's summary: accepted, accepted with errors, partially accepted or rejected.
    public var summary: String {
        let statuses = decided.map(\.status)
        if statuses.allSatisfy({ $0 == .accepted }) { return "accepted" }
        if statuses.allSatisfy({ $0 == .rejected }) { return "rejected" }
        if statuses.contains(.rejected) { return "partially_accepted" }
        return "accepted_with_errors"
    }
}
