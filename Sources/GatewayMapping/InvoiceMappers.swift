import CanonicalModel
import EDIFormat

/// X12 810 to a canonical `Invoice`. (Placeholder: nil until the mapper is written.)
enum X12InvoiceMapper {
    static func map(_ set: TransactionSet) -> Invoice? { nil }
}

/// EDIFACT INVOIC to a canonical `Invoice`. (Placeholder: nil until the mapper is written.)
enum EDIFACTInvoiceMapper {
    static func map(_ set: TransactionSet) -> Invoice? { nil }
}
