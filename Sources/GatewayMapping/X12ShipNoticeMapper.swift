import CanonicalModel
import EDIFormat

/// X12 856 (004010 and 005010) to a canonical `ShipNotice`, primer §4.3. The HL tree is rebuilt from HL01/HL02:
/// a node goes under its parent when that parent came earlier and can hold it (S > O > T > P > I); otherwise
/// it is kept at the shipment level and the problem is listed in `hierarchyIssues`.
enum X12ShipNoticeMapper {
    static func map(_ set: TransactionSet) -> ShipNotice? {
        var notice = ShipNotice(shipmentNumber: "")
        var tree = ShipNoticeTree()
        // The HL node the segments belong to; nil before the first HL (the heading: BSN, DTM).
        var current: Int?
        var party: Party?
        var partyOwner: Int?
        var namedOrders: [ShipmentOrder] = []
        func closeParty() {
            if let finished = party {
                if let owner = partyOwner {
                    tree.orders[owner]?.parties.append(finished)
                } else {
                    notice.parties.append(finished)
                }
            }
            party = nil
        }
        func withOrder(_ body: (inout ShipmentOrder) -> Void) {
            guard let index = current, var order = tree.orders[index] else { return }
            body(&order)
            tree.orders[index] = order
        }
        func withPack(_ body: (inout ShipmentPack) -> Void) {
            guard let index = current, var pack = tree.packs[index] else { return }
            body(&pack)
            tree.packs[index] = pack
        }
        func withItem(_ body: (inout ShipmentItem) -> Void) {
            guard let index = current, var item = tree.items[index] else { return }
            body(&item)
            tree.items[index] = item
        }
        for segment in set.segments {
            let value = { (position: Int) in segment.string(position).trimmingSpaces }
            let level = current.map { tree.nodes[$0].level } ?? .shipment
            switch (segment.tagString, level) {
            case ("BSN", _):
                notice.purpose = value(1).nonEmpty.map(Purpose.x12)
                notice.shipmentNumber = value(2)
                notice.noticeDate = ISODate.fromX12(value(3))
                notice.noticeDateTime = ShipNoticeDates.x12(date: value(3), time: value(4))
                notice.structureCode = value(5).nonEmpty
            case ("HL", _):
                closeParty()
                current = tree.add(
                    ShipNoticeTree.Level(x12: value(3)), id: value(1), parentId: value(2), code: value(3))
            case ("DTM", .shipment):
                let date = ISODate.fromX12(value(2))
                let dateTime = ShipNoticeDates.x12(date: value(2), time: value(3))
                switch value(1) {
                case "011": (notice.shipDate, notice.shipDateTime) = (date, dateTime)
                case "017": (notice.estimatedDeliveryDate, notice.estimatedDeliveryDateTime) = (date, dateTime)
                default: break
                }
            case ("DTM", .order) where value(1) == "004":
                withOrder { $0.orderDate = $0.orderDate ?? ISODate.fromX12(value(2)) }
            case ("TD1", .shipment):
                notice.packagingCode = notice.packagingCode ?? value(1).nonEmpty
                notice.packageCount = notice.packageCount ?? ShipNoticeCounts.count(value(2))
                notice.measurements += ShipNoticeMeasures.td1(value)
            case ("TD1", .order):
                withOrder { $0.packageCount = $0.packageCount ?? ShipNoticeCounts.count(value(2)) }
            case ("TD1", .tare), ("TD1", .pack):
                withPack {
                    $0.packagingCode = $0.packagingCode ?? value(1).nonEmpty
                    $0.packageCount = $0.packageCount ?? ShipNoticeCounts.count(value(2))
                    $0.measurements += ShipNoticeMeasures.td1(value)
                }
            case ("TD5", .shipment):
                var carrier = ShipmentCarrier()
                carrier.qualifier = value(2).nonEmpty
                carrier.scheme = value(2) == "2" ? "SCAC" : Identifier.x12Scheme(value(2))
                carrier.code = value(3).nonEmpty
                carrier.transportMethod = value(4).nonEmpty
                carrier.name = value(5).nonEmpty
                notice.carrier = ShipNoticeCarriers.merge(notice.carrier, carrier)
            case ("REF", .shipment):
                let reference = Reference(qualifier: value(1), value: value(2))
                notice.references.append(reference)
                if reference.qualifier == "BM" { notice.billOfLading = notice.billOfLading ?? reference.value.nonEmpty }
                if reference.qualifier == "CN" { notice.proNumber = notice.proNumber ?? reference.value.nonEmpty }
            case ("REF", .order):
                withOrder { $0.references.append(Reference(qualifier: value(1), value: value(2))) }
            case ("N1", .shipment), ("N1", .order):
                closeParty()
                party = PartySegments.x12(n1: segment)
                partyOwner = level == .order ? current : nil
            case ("N2", _) where party != nil, ("N3", _) where party != nil, ("N4", _) where party != nil:
                PartySegments.addX12Address(segment, to: &party!)
            case ("MEA", .shipment):
                notice.measurements += ShipNoticeMeasures.x12MEA(value, unit: segment[4][component: 1].string)
            case ("MEA", .tare), ("MEA", .pack):
                withPack { $0.measurements += ShipNoticeMeasures.x12MEA(value, unit: segment[4][component: 1].string) }
            case ("PRF", .order):
                withOrder {
                    $0.orderNumber = value(1)
                    $0.releaseNumber = value(2).nonEmpty
                    $0.orderDate = ISODate.fromX12(value(4))
                }
            case ("PRF", .shipment):
                var named = ShipmentOrder(orderNumber: value(1))
                named.releaseNumber = value(2).nonEmpty
                named.orderDate = ISODate.fromX12(value(4))
                namedOrders.append(named)
            case ("PRF", .item):
                withItem { $0.orderNumber = value(1).nonEmpty }
            case ("MAN", .tare), ("MAN", .pack):
                withPack { pack in
                    for pair in [(1, 2), (4, 5)] {
                        guard let mark = value(pair.1).nonEmpty else { continue }
                        pack.marks.append(Reference(qualifier: value(pair.0), value: mark))
                        if value(pair.0) == "GM" { ShipNoticeMarks.setSSCC(mark, on: &pack) }
                    }
                }
            case ("PO4", .tare), ("PO4", .pack):
                withPack { $0.measurements += ShipNoticeMeasures.po4(value) }
            case ("PO4", .item):
                withItem { $0.packSize = ExactDecimal(value(1)) }
            case ("LIN", .item):
                withItem { item in
                    item.lineNumber = value(1).nonEmpty
                    for position in stride(from: 2, to: 32, by: 2) {
                        if let id = value(position + 1).nonEmpty {
                            item.items.append(ItemIdentifier(qualifier: value(position), value: id))
                        }
                    }
                }
            case ("SN1", .item):
                withItem { item in
                    item.lineNumber = item.lineNumber ?? value(1).nonEmpty
                    item.shippedQuantity = ExactDecimal(value(2))
                    item.unit = value(3).nonEmpty.map { UnitOfMeasure(x12: $0) }
                    item.orderedQuantity = ExactDecimal(value(5))
                    item.orderedUnit = value(6).nonEmpty.map { UnitOfMeasure(x12: $0) }
                }
            case ("PID", .item):
                if let text = value(5).nonEmpty {
                    withItem { $0.description = [$0.description, text].compactMap { $0 }.joined(separator: " ") }
                }
            case ("CTT", _):
                closeParty()
                notice.declaredHierarchyCount = ShipNoticeCounts.count(value(1))
                notice.declaredQuantityTotal = ExactDecimal(value(2))
            default:
                break
            }
        }
        closeParty()
        tree.assemble(into: &notice)
        let itemOrders = notice.allItems.compactMap(\.orderNumber).map { ShipmentOrder(orderNumber: $0) }
        ShipNoticeOrders.addNamed(namedOrders + itemOrders, to: &notice)
        return notice
    }
}
