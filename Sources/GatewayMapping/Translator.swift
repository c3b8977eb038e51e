import CanonicalModel
import EDIFormat

/// The result of translating one input: its canonical events, and the sets that gave none.
public struct Translation: Sendable {
    public var events: [CloudEvent] = []
    public var issues: [MappingIssue] = []
}

/// Parsed interchanges to canonical events. Sets that failed validation, and interchanges rejected at
/// the envelope, yield no event; a type without a mapper yields an issue, not a crash.
public enum Translator {
    public static func translate(_ parsed: ParsedInput, context: MappingContext) -> Translation {
        var result = Translation()
        for interchange in parsed.interchanges {
            let report = interchange.report
            if report.isRejected {
                result.issues.append(
                    MappingIssue(
                        code: .interchangeRejected, location: Location(byteOffset: interchange.header.offset),
                        message: "interchange \(report.envelope.controlNumber) is rejected at the envelope; no events"))
                continue
            }
            var position = 0
            for (group, groupReport) in zip(interchange.groups, report.groups) {
                for (set, setReport) in zip(group.transactionSets, groupReport.sets) {
                    position += 1
                    var location = Location(byteOffset: setReport.byteOffset)
                    location.interchange = report.envelope.controlNumber
                    location.group = groupReport.isExplicit ? groupReport.controlNumber : nil
                    location.transactionSet = setReport.controlNumber
                    if setReport.isRejected {
                        result.issues.append(
                            MappingIssue(
                                code: .setRejected, location: location,
                                message: "\(setReport.type) \(setReport.controlNumber) failed validation; no event"))
                        continue
                    }
                    guard let document = map(set, standard: interchange.standard) else {
                        if !setReport.isAcknowledgement {
                            result.issues.append(
                                MappingIssue(
                                    code: .unsupportedType, location: location,
                                    message: "no mapper for \(interchange.standard.rawValue) \(setReport.type) yet"))
                        }
                        continue
                    }
                    let raw = ([set.header] + set.segments + (set.trailer.map { [$0] } ?? [])).flatMap(\.rawBytes)
                    result.events.append(
                        CloudEvent(
                            partner: context.partner, standard: interchange.standard.rawValue,
                            interchange: report.envelope.controlNumber,
                            group: groupReport.isExplicit ? groupReport.controlNumber : nil,
                            set: setReport.controlNumber,
                            position: position, contentHash: SHA256.hex(raw), time: context.time,
                            fileSHA256: context.fileSHA256, data: document))
                }
            }
        }
        return result
    }

    /// The mapper for a set's type, when there is one (nil: no mapper yet).
    static func map(_ set: TransactionSet, standard: Standard) -> CanonicalDocument? {
        switch (standard, set.type) {
        case (.x12, "850"): return .order(X12OrderMapper.map(set))
        case (.edifact, "ORDERS"): return .order(EDIFACTOrderMapper.map(set))
        case (.x12, "855"): return X12OrderAckMapper.map(set).map(CanonicalDocument.orderAck)
        case (.edifact, "ORDRSP"): return EDIFACTOrderAckMapper.map(set).map(CanonicalDocument.orderAck)
        case (.x12, "856"): return X12ShipNoticeMapper.map(set).map(CanonicalDocument.shipNotice)
        case (.edifact, "DESADV"): return EDIFACTShipNoticeMapper.map(set).map(CanonicalDocument.shipNotice)
        case (.x12, "810"): return X12InvoiceMapper.map(set).map(CanonicalDocument.invoice)
        case (.edifact, "INVOIC"): return EDIFACTInvoiceMapper.map(set).map(CanonicalDocument.invoice)
        case (.x12, "846"): return X12InventoryMapper.map(set).map(CanonicalDocument.inventoryReport)
        case (.edifact, "INVRPT"): return EDIFACTInventoryMapper.map(set).map(CanonicalDocument.inventoryReport)
        case (.x12, "820"): return X12RemittanceMapper.map(set).map(CanonicalDocument.remittance)
        case (.edifact, "REMADV"): return EDIFACTRemittanceMapper.map(set).map(CanonicalDocument.remittance)
        case (.x12, "940"):
            return X12WarehouseShippingOrderMapper.map(set).map(CanonicalDocument.warehouseShippingOrder)
        case (.x12, "945"):
            return X12WarehouseShipmentAdviceMapper.map(set).map(CanonicalDocument.warehouseShipmentAdvice)
        default: return nil
        }
    }
}
