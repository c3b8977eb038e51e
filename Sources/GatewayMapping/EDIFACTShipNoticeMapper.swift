import CanonicalModel
import EDIFormat

/// EDIFACT DESADV (D96A, D01B, EANCOM) to a canonical `ShipNotice`, primer §4.3. CPS groups are the packing
/// hierarchy (7164 this group, 7166 its parent). The first group is the consignment itself (not a pack) when
/// it has no parent and no GIN and either holds other groups or has no PAC. With exactly one RFF+ON in the
/// header, the packs and items hang under that order, as in an X12 S-O-P-I tree.
enum EDIFACTShipNoticeMapper {
    /// One CPS group as read.
    struct Group {
        var id: String
        var parentId: String
        var pack = ShipmentPack(level: "pack")
        var hasPAC = false
        var hasGIN = false
        var items: [ShipmentItem] = []
    }

    enum Section { case header, reference(String), party, other, pack, item, itemDetail }

    static func map(_ set: TransactionSet) -> ShipNotice? {
        var notice = ShipNotice(shipmentNumber: "")
        var headerOrders: [ShipmentOrder] = []
        var groups: [Group] = []
        var looseItems: [ShipmentItem] = []
        var section = Section.header
        var party: Party?
        var item: ShipmentItem?
        func closeParty() {
            if let finished = party { notice.parties.append(finished) }
            party = nil
        }
        func closeItem() {
            if let finished = item {
                if groups.isEmpty {
                    looseItems.append(finished)
                } else {
                    groups[groups.count - 1].items.append(finished)
                }
            }
            item = nil
        }
        for segment in set.segments {
            let component = { (position: Int, index: Int) in segment[position][component: index].string.trimmingSpaces }
            switch (segment.tagString, section) {
            case ("BGM", _):
                notice.shipmentNumber = component(2, 1)
                notice.purpose = component(3, 1).nonEmpty.map(Purpose.edifact)
            case ("DTM", .header):
                let date = ISODate.fromEDIFACT(component(1, 2), format: component(1, 3))
                let dateTime = ShipNoticeDates.edifact(component(1, 2), format: component(1, 3))
                switch component(1, 1) {
                case "137": (notice.noticeDate, notice.noticeDateTime) = (date, dateTime)
                case "11": (notice.shipDate, notice.shipDateTime) = (date, dateTime)
                case "17": (notice.estimatedDeliveryDate, notice.estimatedDeliveryDateTime) = (date, dateTime)
                default: break
                }
            case ("DTM", .reference("ON")) where ["171", "4"].contains(component(1, 1)) && !headerOrders.isEmpty:
                headerOrders[headerOrders.count - 1].orderDate = ISODate.fromEDIFACT(
                    component(1, 2), format: component(1, 3))
            case ("MEA", .header):
                notice.measurements += ShipNoticeMeasures.edifactMEA(component)
            case ("MEA", .pack) where !groups.isEmpty:
                groups[groups.count - 1].pack.measurements += ShipNoticeMeasures.edifactMEA(component)
            case ("RFF", .header), ("RFF", .reference):
                let qualifier = component(1, 1)
                let text = component(1, 2)
                section = .reference(qualifier)
                switch qualifier {
                case "ON":
                    if let number = text.nonEmpty, !headerOrders.contains(where: { $0.orderNumber == number }) {
                        headerOrders.append(ShipmentOrder(orderNumber: number))
                    }
                    continue
                case "BM": notice.billOfLading = notice.billOfLading ?? text.nonEmpty
                case "CN": notice.proNumber = notice.proNumber ?? text.nonEmpty
                default: break
                }
                notice.references.append(Reference(qualifier: qualifier, value: text))
            case ("RFF", .item), ("RFF", .itemDetail):
                section = .itemDetail
                if component(1, 1) == "ON", item != nil {
                    item!.orderNumber = component(1, 2).nonEmpty
                    item!.orderLineNumber = component(1, 3).nonEmpty
                }
            case ("NAD", .header), ("NAD", .reference), ("NAD", .party):
                closeParty()
                section = .party
                party = PartySegments.edifact(nad: segment)
            case ("TOD", _), ("EQD", _):
                closeParty()
                section = .other
            case ("TDT", _):
                closeParty()
                section = .other
                var carrier = ShipmentCarrier()
                carrier.transportMethod = component(3, 1).nonEmpty
                carrier.code = component(5, 1).nonEmpty
                carrier.qualifier = component(5, 3).nonEmpty
                carrier.scheme = component(5, 3) == "182" ? "SCAC" : Identifier.edifactScheme(component(5, 3))
                carrier.name = component(5, 4).nonEmpty
                notice.carrier = ShipNoticeCarriers.merge(notice.carrier, carrier)
            case ("CPS", _):
                closeParty()
                closeItem()
                section = .pack
                groups.append(Group(id: component(1, 1), parentId: component(2, 1)))
            case ("PAC", _) where !groups.isEmpty:
                closeItem()
                section = .pack
                groups[groups.count - 1].hasPAC = true
                if let count = ShipNoticeCounts.count(component(1, 1)) {
                    groups[groups.count - 1].pack.packageCount =
                        (groups[groups.count - 1].pack.packageCount ?? 0) + count
                }
                if groups[groups.count - 1].pack.packagingCode == nil {
                    groups[groups.count - 1].pack.packagingCode = component(3, 1).nonEmpty
                }
            case ("GIN", .pack) where !groups.isEmpty:
                groups[groups.count - 1].hasGIN = true
                let qualifier = component(1, 1)
                for position in 2...6 {
                    for index in 1...2 {
                        guard let mark = component(position, index).nonEmpty else { continue }
                        groups[groups.count - 1].pack.marks.append(Reference(qualifier: qualifier, value: mark))
                        if qualifier == "BJ" { ShipNoticeMarks.setSSCC(mark, on: &groups[groups.count - 1].pack) }
                    }
                }
            case ("LIN", _):
                closeParty()
                closeItem()
                section = .item
                var new = ShipmentItem()
                new.lineNumber = component(1, 1).nonEmpty
                if let id = component(3, 1).nonEmpty {
                    new.items.append(ItemIdentifier(qualifier: component(3, 2), value: id))
                }
                item = new
            case ("PIA", .item) where item != nil:
                for position in 2...6 {
                    if let id = component(position, 1).nonEmpty {
                        item!.items.append(ItemIdentifier(qualifier: component(position, 2), value: id))
                    }
                }
            case ("IMD", .item) where item != nil:
                if let text = [component(3, 4), component(3, 5)].filter({ !$0.isEmpty }).joined(separator: " ").nonEmpty
                {
                    item!.description = text
                }
            case ("QTY", .item) where item != nil:
                let quantity = EDIFACTOrderMapper.number(component(1, 2))
                let unit = component(1, 3).nonEmpty.map { UnitOfMeasure(rec20: $0) }
                switch component(1, 1) {
                case "12": (item!.shippedQuantity, item!.unit) = (quantity, unit)
                case "21": (item!.orderedQuantity, item!.orderedUnit) = (quantity, unit)
                default: break
                }
            case ("PCI", .item), ("LOC", .item), ("DGS", .item), ("SGP", .item), ("QVR", .item):
                section = .itemDetail
            case ("CNT", _):
                closeParty()
                closeItem()
                section = .other
                if component(1, 1) == "2" { notice.declaredLineCount = ShipNoticeCounts.count(component(1, 2)) }
            default:
                break
            }
        }
        closeParty()
        closeItem()
        buildHierarchy(groups: groups, looseItems: looseItems, headerOrders: headerOrders, into: &notice)
        return notice
    }

    /// The CPS groups as a tree under the consignment (or under the header's single order).
    static func buildHierarchy(
        groups: [Group], looseItems: [ShipmentItem], headerOrders: [ShipmentOrder], into notice: inout ShipNotice
    ) {
        var tree = ShipNoticeTree()
        let parents = Set(groups.map(\.parentId).filter { !$0.isEmpty })
        var top: Int?
        if headerOrders.count == 1 { top = tree.add(order: headerOrders[0]) }
        var remaining = groups[...]
        if let first = groups.first, first.parentId.isEmpty, !first.hasGIN, parents.contains(first.id) || !first.hasPAC
        {
            remaining = remaining.dropFirst()
            notice.packagingCode = first.pack.packagingCode
            notice.packageCount = first.pack.packageCount
            notice.measurements += first.pack.measurements
            _ = tree.add(.shipment, id: first.id, parentId: "", code: "CPS")
            for item in first.items { _ = tree.add(item: item, under: top) }
        }
        for item in looseItems { _ = tree.add(item: item, under: top) }
        for group in remaining {
            let level: ShipNoticeTree.Level = parents.contains(group.id) ? .tare : .pack
            let index = tree.add(
                level, id: group.id, parentId: group.parentId, code: "CPS", topLevel: top, emptyParentIsTopLevel: true)
            var pack = group.pack
            pack.hierarchyId = group.id.nonEmpty
            pack.level = level == .tare ? "tare" : "pack"
            tree.packs[index] = pack
            for item in group.items { _ = tree.add(item: item, under: index) }
        }
        tree.assemble(into: &notice)
        let named =
            (top == nil ? headerOrders : [])
            + notice.allItems.compactMap(\.orderNumber).map { ShipmentOrder(orderNumber: $0) }
        ShipNoticeOrders.addNamed(named, to: &notice)
    }
}
