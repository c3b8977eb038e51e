import CanonicalModel
import EDIFormat

/// X12 846 to a canonical `InventoryReport`. (Placeholder: nil until the mapper is written.)
enum X12InventoryMapper {
    static func map(_ set: TransactionSet) -> InventoryReport? { nil }
}

/// EDIFACT INVRPT to a canonical `InventoryReport`. (Placeholder: nil until the mapper is written.)
enum EDIFACTInventoryMapper {
    static func map(_ set: TransactionSet) -> InventoryReport? { nil }
}
