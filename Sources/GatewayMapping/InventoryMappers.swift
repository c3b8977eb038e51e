import CanonicalModel
import EDIFormat

/// X12 846 (004010 and 005010) to a canonical `InventoryReport`, primer §4.5.
enum X12InventoryMapper {
    static func map(_ set: TransactionSet) -> InventoryReport? {
        var report = InventoryReport(reportNumber: "", purpose: Purpose.x12(""))
        var parties = SupplyX12Parties()
        var item: InventoryItem?
        var quantity: InventoryQuantity?
        func closeQuantity() {
            if let current = quantity { item?.quantities.append(current) }
            quantity = nil
        }
        func closeItem() {
            closeQuantity()
            if let current = item { report.items.append(current) }
            item = nil
        }
        for segment in set.segments {
            let value = { (position: Int) in segment.string(position).trimmingSpaces }
            if item == nil && parties.read(segment) { continue }
            switch segment.tagString {
            case "BIA":
                report.purpose = Purpose.x12(value(1))
                report.reportType = value(2).nonEmpty
                report.reportNumber = value(3)
                report.reportDate = ISODate.fromX12(value(4))
            case "CUR" where item == nil:
                report.currency = isoCurrency(value(2))
            case "REF":
                let reference = Reference(qualifier: value(1), value: value(2))
                if item != nil {
                    if quantity == nil { item!.references.append(reference) }
                } else {
                    report.references.append(reference)
                }
            case "DTM":
                guard let date = ISODate.fromX12(value(2)) else { break }
                let dated = InventoryDate(qualifier: value(1), date: date)
                if quantity != nil {
                    quantity!.dates.append(dated)
                } else if item != nil {
                    item!.dates.append(dated)
                } else {
                    report.dates.append(dated)
                }
            case "LIN":
                closeItem()
                var new = InventoryItem(lineNumber: value(1).nonEmpty)
                for position in stride(from: 2, to: 32, by: 2) {
                    if let id = value(position + 1).nonEmpty {
                        new.items.append(ItemIdentifier(qualifier: value(position), value: id))
                    }
                }
                item = new
            case "PID" where item != nil && quantity == nil:
                if let text = value(5).nonEmpty {
                    item!.description = [item!.description, text].compactMap { $0 }.joined(separator: " ")
                }
            case "SDQ" where item != nil && quantity == nil:
                let unit = value(1).nonEmpty.map { UnitOfMeasure(x12: $0) }
                for position in stride(from: 3, to: 23, by: 2) {
                    guard let location = value(position).nonEmpty else { continue }
                    var entry = InventoryLocationQuantity(location: location)
                    entry.locationQualifier = value(2).nonEmpty
                    entry.quantity = ExactDecimal(value(position + 1))
                    entry.unit = unit
                    item!.locationQuantities.append(entry)
                }
            case "QTY" where item != nil:
                closeQuantity()
                var new = InventoryQuantity(
                    qualifier: value(1), type: InventoryQuantity.type(forQualifier: value(1)))
                new.quantity = ExactDecimal(value(2))
                let unit = segment[3][component: 1].string.trimmingSpaces
                if !unit.isEmpty { new.unit = UnitOfMeasure(x12: unit) }
                quantity = new
            case "UIT" where quantity != nil:
                let unit = segment[1][component: 1].string.trimmingSpaces
                if quantity!.unit == nil && !unit.isEmpty { quantity!.unit = UnitOfMeasure(x12: unit) }
            case "CTT":
                closeItem()
                report.declaredLineCount = Int(value(1))
                report.declaredQuantityTotal = ExactDecimal(value(2))
            default:
                break
            }
        }
        closeItem()
        report.parties = parties.finish()
        report.computedQuantityTotal = ExactDecimal.sum(report.items.flatMap { $0.quantities.compactMap(\.quantity) })
        return report
    }
}

/// EDIFACT INVRPT (D96A, D01B, EANCOM) to a canonical `InventoryReport`, primer §4.5.
enum EDIFACTInventoryMapper {
    static func map(_ set: TransactionSet) -> InventoryReport? {
        var report = InventoryReport(reportNumber: "", purpose: Purpose.edifact(""))
        var item: InventoryItem?
        var quantity: InventoryQuantity?
        // After CPS or PAC inside a LIN group, QTY counts packages, not stock: skipped until the next LIN.
        var inPackaging = false
        func closeQuantity() {
            if let current = quantity { item?.quantities.append(current) }
            quantity = nil
        }
        func closeItem() {
            closeQuantity()
            if let current = item { report.items.append(current) }
            item = nil
            inPackaging = false
        }
        for segment in set.segments {
            let component = { (position: Int, index: Int) in segment[position][component: index].string.trimmingSpaces }
            switch segment.tagString {
            case "BGM":
                report.reportType = component(1, 1).nonEmpty
                report.reportNumber = component(2, 1)
                report.purpose = Purpose.edifact(component(3, 1))
            case "DTM":
                guard let date = ISODate.fromEDIFACT(component(1, 2), format: component(1, 3)) else { break }
                let dated = InventoryDate(qualifier: component(1, 1), date: date)
                if item == nil && dated.qualifier == "137" {
                    report.reportDate = date
                } else if inPackaging {
                    break
                } else if quantity != nil {
                    quantity!.dates.append(dated)
                } else if item != nil {
                    item!.dates.append(dated)
                } else {
                    report.dates.append(dated)
                }
            case "RFF":
                let reference = Reference(qualifier: component(1, 1), value: component(1, 2))
                if item == nil && report.parties.isEmpty {
                    report.references.append(reference)
                } else if item != nil && quantity == nil {
                    item!.references.append(reference)
                }
            case "NAD" where item == nil:
                report.parties.append(PartySegments.edifact(nad: segment, role: SupplyPartyRole.role(forCode:)))
            case "LOC":
                guard let id = component(2, 1).nonEmpty else { break }
                let location = InventoryLocation(qualifier: component(1, 1).nonEmpty, value: id)
                if item == nil {
                    report.locations.append(location)
                } else if quantity == nil {
                    item!.locations.append(location)
                } else if !inPackaging && quantity!.location == nil {
                    quantity!.location = location
                }
            case "CUX" where item == nil:
                if component(1, 1) == "2" || report.currency == nil { report.currency = isoCurrency(component(1, 2)) }
            case "LIN":
                closeItem()
                var new = InventoryItem(lineNumber: component(1, 1).nonEmpty)
                if let id = component(3, 1).nonEmpty {
                    new.items.append(ItemIdentifier(qualifier: component(3, 2), value: id))
                }
                item = new
            case "PIA" where item != nil && quantity == nil:
                for position in 2...6 {
                    if let id = component(position, 1).nonEmpty {
                        item!.items.append(ItemIdentifier(qualifier: component(position, 2), value: id))
                    }
                }
            case "IMD" where item != nil && quantity == nil:
                if let text = [component(3, 4), component(3, 5)].filter({ !$0.isEmpty }).joined(separator: " ").nonEmpty
                {
                    item!.description = text
                }
            case "CPS", "PAC":
                if item != nil { inPackaging = true }
            case "QTY" where item != nil && !inPackaging:
                closeQuantity()
                var new = InventoryQuantity(
                    qualifier: component(1, 1), type: InventoryQuantity.type(forQualifier: component(1, 1)))
                new.quantity = EDIFACTOrderMapper.number(component(1, 2))
                if let unit = component(1, 3).nonEmpty { new.unit = UnitOfMeasure(rec20: unit) }
                quantity = new
            case "INV" where quantity != nil && !inPackaging:
                let code = component(1, 1)
                quantity!.movementDirection = ["1": "outbound", "2": "inbound"][code] ?? code.nonEmpty
            default:
                break
            }
        }
        closeItem()
        report.computedQuantityTotal = ExactDecimal.sum(report.items.flatMap { $0.quantities.compactMap(\.quantity) })
        return report
    }
}

/// Party roles for the inventory, remittance and warehouse documents: the primer's roles (§4.0), plus the
/// warehouse (`WH`), the depositor (`DE`), the inventory reporting party (`GY`), the consignee (`CN`) as the
/// ship-to and the shipper (`SH`) as the ship-from.
enum SupplyPartyRole {
    static func role(forCode code: String) -> String {
        switch code {
        case "WH": return "warehouse"
        case "DE": return "depositor"
        case "GY": return "reportingParty"
        case "CN": return "shipTo"
        case "SH": return "shipFrom"
        default: return Party.role(forCode: code)
        }
    }
}

/// The header N1 loops of an X12 set (N1, N2, N3, N4, REF, PER) as parties. A REF in the loop becomes one of
/// the party's identifiers, with REF01 as its qualifier.
struct SupplyX12Parties {
    private var parties: [Party] = []
    private var open: Party?

    /// Reads an N1-loop segment and returns true; any other segment closes the open party and returns false.
    mutating func read(_ segment: Segment) -> Bool {
        let value = { (position: Int) in segment.string(position).trimmingSpaces }
        switch segment.tagString {
        case "N1":
            close()
            open = PartySegments.x12(n1: segment, role: SupplyPartyRole.role(forCode:))
        case "N2" where open != nil, "N3" where open != nil, "N4" where open != nil:
            PartySegments.addX12Address(segment, to: &open!)
        case "REF" where open != nil:
            if let id = value(2).nonEmpty { open!.identifiers.append(Identifier(value: id, qualifier: value(1))) }
        case "PER" where open != nil:
            break
        default:
            close()
            return false
        }
        return true
    }

    mutating func close() {
        if let current = open { parties.append(current) }
        open = nil
    }

    mutating func finish() -> [Party] {
        close()
        return parties
    }
}
