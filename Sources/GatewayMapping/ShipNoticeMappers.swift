import CanonicalModel
import EDIFormat

/// X12 856 to a canonical `ShipNotice`. (Placeholder: nil until the mapper is written.)
enum X12ShipNoticeMapper {
    static func map(_ set: TransactionSet) -> ShipNotice? { nil }
}

/// EDIFACT DESADV to a canonical `ShipNotice`. (Placeholder: nil until the mapper is written.)
enum EDIFACTShipNoticeMapper {
    static func map(_ set: TransactionSet) -> ShipNotice? { nil }
}
