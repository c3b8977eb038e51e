import CanonicalModel
import EDIFormat

/// Orders the notice names outside its order level, added once each without packs or items.
enum ShipNoticeOrders {
    static func addNamed(_ named: [ShipmentOrder], to notice: inout ShipNotice) {
        for order in named where !order.orderNumber.isEmpty {
            if !notice.orders.contains(where: { $0.orderNumber == order.orderNumber }) { notice.orders.append(order) }
        }
    }
}

/// Counts (X12 N0, EDIFACT n..8): whole numbers, never negative.
enum ShipNoticeCounts {
    static func count(_ text: String) -> Int? {
        guard let number = Int(text), number >= 0 else { return nil }
        return number
    }
}

/// SSCCs from package marks.
enum ShipNoticeMarks {
    /// Sets the pack's SSCC from a mark (X12 MAN GM, EDIFACT GIN BJ) unless it already has one.
    static func setSSCC(_ mark: String, on pack: inout ShipmentPack) {
        guard pack.sscc == nil, let sscc = ShipmentPack.normalisedSSCC(mark) else { return }
        pack.sscc = sscc
        pack.ssccCheckDigitValid = ShipmentPack.ssccHasValidCheckDigit(sscc)
    }
}

/// Carriers from TD5 / TDT.
enum ShipNoticeCarriers {
    /// The first carrier, with the fields it left empty filled from the next; nil when neither says anything.
    static func merge(_ first: ShipmentCarrier?, _ next: ShipmentCarrier) -> ShipmentCarrier? {
        guard var merged = first else { return next == ShipmentCarrier() ? nil : next }
        if merged.code == nil {
            merged.code = next.code
            merged.qualifier = next.qualifier
            merged.scheme = next.scheme
        }
        merged.name = merged.name ?? next.name
        merged.transportMethod = merged.transportMethod ?? next.transportMethod
        return merged
    }
}

/// Weights and volumes.
enum ShipNoticeMeasures {
    /// X12 TD1: TD106 weight qualifier, TD107 weight, TD108 unit; TD109 volume, TD110 unit.
    static func td1(_ value: (Int) -> String) -> [ShipmentMeasurement] {
        var result: [ShipmentMeasurement] = []
        if let weight = ExactDecimal(value(7)) {
            result.append(
                ShipmentMeasurement(
                    kind: x12WeightKind(value(6)), qualifier: value(6).nonEmpty, value: weight,
                    unit: value(8).nonEmpty.map { UnitOfMeasure(x12: $0) }))
        }
        if let volume = ExactDecimal(value(9)) {
            result.append(
                ShipmentMeasurement(
                    kind: "volume", qualifier: nil, value: volume,
                    unit: value(10).nonEmpty.map { UnitOfMeasure(x12: $0) }
                ))
        }
        return result
    }

    /// X12 PO4 at a pack: PO405 weight qualifier (gross when empty), PO406 weight, PO407 unit; PO408 volume, PO409 unit.
    static func po4(_ value: (Int) -> String) -> [ShipmentMeasurement] {
        var result: [ShipmentMeasurement] = []
        if let weight = ExactDecimal(value(6)) {
            result.append(
                ShipmentMeasurement(
                    kind: value(5).isEmpty ? "grossWeight" : x12WeightKind(value(5)), qualifier: value(5).nonEmpty,
                    value: weight, unit: value(7).nonEmpty.map { UnitOfMeasure(x12: $0) }))
        }
        if let volume = ExactDecimal(value(8)) {
            result.append(
                ShipmentMeasurement(
                    kind: "volume", qualifier: nil, value: volume,
                    unit: value(9).nonEmpty.map { UnitOfMeasure(x12: $0) }))
        }
        return result
    }

    /// X12 MEA: MEA02 (738) qualifier, MEA03 value, MEA04 C001 unit.
    static func x12MEA(_ value: (Int) -> String, unit: String) -> [ShipmentMeasurement] {
        guard let number = ExactDecimal(value(3)) else { return [] }
        let kinds = ["G": "grossWeight", "N": "netWeight", "WT": "weight", "VOL": "volume"]
        return [
            ShipmentMeasurement(
                kind: kinds[value(2)] ?? "other", qualifier: value(2).nonEmpty, value: number,
                unit: unit.trimmingSpaces.nonEmpty.map { UnitOfMeasure(x12: $0) })
        ]
    }

    /// EDIFACT MEA: C502 6313 measured attribute, C174 6411 unit and 6314 value (decimal point or comma).
    static func edifactMEA(_ component: (Int, Int) -> String) -> [ShipmentMeasurement] {
        guard let number = EDIFACTOrderMapper.number(component(3, 2)) else { return [] }
        let qualifier = component(2, 1)
        let kind: String
        switch qualifier {
        case "G", "AAB", "AAD": kind = "grossWeight"
        case "N", "AAA", "AAC": kind = "netWeight"
        case "T", "AAF", "WT": kind = "weight"
        case "AAW", "AAX", "ABJ": kind = "volume"
        default: kind = "other"
        }
        return [
            ShipmentMeasurement(
                kind: kind, qualifier: qualifier.nonEmpty, value: number,
                unit: component(3, 1).nonEmpty.map { UnitOfMeasure(rec20: $0) })
        ]
    }

    /// X12 weight qualifiers (187): `G` gross, `N` net, anything else another weight.
    static func x12WeightKind(_ qualifier: String) -> String {
        ["G": "grossWeight", "N": "netWeight"][qualifier] ?? "weight"
    }
}

/// Local date-times `YYYY-MM-DDTHH:MM[:SS]` (primer §4.0); fractions of a second are dropped.
enum ShipNoticeDates {
    /// An X12 DT with a TM (`HHMM`, `HHMMSS`, `HHMMSSD`, `HHMMSSDD`); nil without a valid time.
    static func x12(date: String, time: String) -> String? {
        guard let day = ISODate.fromX12(date), let clock = clock(time) else { return nil }
        return "\(day)T\(clock)"
    }

    /// An EDIFACT 2380 in format 203 (`CCYYMMDDHHMM`) or 204 (`CCYYMMDDHHMMSS`); nil for date-only formats.
    static func edifact(_ value: String, format: String) -> String? {
        guard ["203", "204"].contains(format), value.count >= 12, let day = ISODate.fromX12(String(value.prefix(8))),
            let clock = clock(String(value.dropFirst(8)))
        else { return nil }
        return "\(day)T\(clock)"
    }

    static func clock(_ time: String) -> String? {
        let digits = Array(time)
        guard [4, 6, 7, 8].contains(digits.count), digits.allSatisfy({ $0.isASCII && $0.isNumber }),
            let hours = Int(String(digits[0..<2])), let minutes = Int(String(digits[2..<4])), hours < 24, minutes < 60
        else { return nil }
        guard digits.count >= 6, let seconds = Int(String(digits[4..<6])), seconds < 60 else {
            return digits.count == 4 ? "\(String(digits[0..<2])):\(String(digits[2..<4]))" : nil
        }
        return "\(String(digits[0..<2])):\(String(digits[2..<4])):\(String(digits[4..<6]))"
    }
}
