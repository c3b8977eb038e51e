import CanonicalModel
import EDIFormat

/// X12 940 to a canonical `WarehouseShippingOrder`. (Placeholder: nil until the mapper is written.)
enum X12WarehouseShippingOrderMapper {
    static func map(_ set: TransactionSet) -> WarehouseShippingOrder? { nil }
}

/// X12 945 to a canonical `WarehouseShipmentAdvice`. (Placeholder: nil until the mapper is written.)
enum X12WarehouseShipmentAdviceMapper {
    static func map(_ set: TransactionSet) -> WarehouseShipmentAdvice? { nil }
}
