import CanonicalModel
import EDIFormat

/// X12 855 to a canonical `OrderAck`. (Placeholder: nil until the mapper is written.)
enum X12OrderAckMapper {
    static func map(_ set: TransactionSet) -> OrderAck? { nil }
}

/// EDIFACT ORDRSP to a canonical `OrderAck`. (Placeholder: nil until the mapper is written.)
enum EDIFACTOrderAckMapper {
    static func map(_ set: TransactionSet) -> OrderAck? { nil }
}
