import CanonicalModel
import EDIFormat

/// X12 820 to a canonical `Remittance`. (Placeholder: nil until the mapper is written.)
enum X12RemittanceMapper {
    static func map(_ set: TransactionSet) -> Remittance? { nil }
}

/// EDIFACT REMADV to a canonical `Remittance`. (Placeholder: nil until the mapper is written.)
enum EDIFACTRemittanceMapper {
    static func map(_ set: TransactionSet) -> Remittance? { nil }
}
