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
                var new = Party(role: Party.role(forCode: value(1)), originalRole: value(1))
                new.name = value(2).nonEmpty
                if let id = value(4).nonEmpty {
                    new.identifiers.append(
                        Identifier(value: id, qualifier: value(3), scheme: Identifier.x12Scheme(value(3))))
                }
                party = new
                partyOwner = level == .order ? current : nil
            case ("N2", _) where party != nil:
                if let name = value(1).nonEmpty {
                    party!.name = [party!.name, name].compactMap { $0 }.joined(separator: " ")
                }
            case ("N3", _) where party != nil:
                party!.street += [value(1), value(2)].filter { !$0.isEmpty }
            case ("N4", _) where party != nil:
                party!.city = value(1).nonEmpty
                party!.region = value(2).nonEmpty
                party!.postalCode = value(3).nonEmpty
                party!.country = value(4).nonEmpty
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
                var new = Party(role: Party.role(forCode: component(1, 1)), originalRole: component(1, 1))
                if let id = component(2, 1).nonEmpty {
                    let agency = component(2, 3)
                    new.identifiers.append(
                        Identifier(value: id, qualifier: agency.nonEmpty, scheme: Identifier.edifactScheme(agency)))
                }
                let name = (1...5).map { component(4, $0) }.filter { !$0.isEmpty }.joined(separator: " ")
                new.name = name.nonEmpty ?? (1...5).map { component(3, $0) }.filter { !$0.isEmpty }.first
                new.street = (1...4).map { component(5, $0) }.filter { !$0.isEmpty }
                new.city = component(6, 1).nonEmpty
                new.region = component(7, 1).nonEmpty
                new.postalCode = component(8, 1).nonEmpty
                new.country = component(9, 1).nonEmpty
                party = new
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

/// The shipment hierarchy as read (X12 HL, EDIFACT CPS): nodes in document order, each placed under an
/// earlier node or at the shipment level, with the problems found on the way.
struct ShipNoticeTree {
    enum Level {
        case shipment, order, tare, pack, item, unknown

        init(x12 code: String) {
            switch code {
            case "S": self = .shipment
            case "O": self = .order
            case "T": self = .tare
            case "P": self = .pack
            case "I": self = .item
            default: self = .unknown
            }
        }
    }

    struct Node {
        var level: Level
        /// The node this one sits under; nil: the shipment level.
        var parent: Int?
    }

    private(set) var nodes: [Node] = []
    var orders: [Int: ShipmentOrder] = [:]
    var packs: [Int: ShipmentPack] = [:]
    var items: [Int: ShipmentItem] = [:]
    private(set) var issues: [ShipmentHierarchyIssue] = []
    private var byId: [String: Int] = [:]

    /// Adds a node whose parent is named by id (HL02, CPS 7166), and gives it an empty payload.
    /// - topLevel: where a node that belongs directly under the shipment goes (nil: the shipment itself).
    /// - emptyParentIsTopLevel: DESADV groups may omit 7166; below S, an empty HL02 is an error.
    mutating func add(
        _ level: Level, id: String, parentId: String, code: String, topLevel: Int? = nil,
        emptyParentIsTopLevel: Bool = false
    ) -> Int {
        let index = nodes.count
        var parent: Int?
        func issue(_ problem: String) {
            issues.append(
                ShipmentHierarchyIssue(hierarchyId: id, parentId: parentId.nonEmpty, level: code, problem: problem))
        }
        if byId[id] != nil { issue("duplicateId") }
        switch level {
        case .shipment:
            break
        case .unknown:
            issue("unknownLevel")
        default:
            if parentId.isEmpty {
                if emptyParentIsTopLevel { parent = topLevel } else { issue("parentMissing") }
            } else if let found = byId[parentId] {
                switch (nodes[found].level, level) {
                case (.shipment, _): parent = topLevel
                case (.order, .tare), (.order, .pack), (.order, .item), (.tare, .pack), (.tare, .item), (.pack, .pack),
                    (.pack, .item):
                    parent = found
                default: issue("levelNotAllowed")
                }
            } else {
                issue("parentNotFound")
            }
        }
        if !id.isEmpty { byId[id] = index }
        nodes.append(Node(level: level, parent: parent))
        switch level {
        case .order:
            var order = ShipmentOrder(orderNumber: "")
            order.hierarchyId = id.nonEmpty
            orders[index] = order
        case .tare, .pack:
            var pack = ShipmentPack(level: level == .tare ? "tare" : "pack")
            pack.hierarchyId = id.nonEmpty
            packs[index] = pack
        case .item:
            var item = ShipmentItem()
            item.hierarchyId = id.nonEmpty
            items[index] = item
        case .shipment, .unknown:
            break
        }
        return index
    }

    /// Adds an order at the shipment level (DESADV: the header's single RFF+ON).
    mutating func add(order: ShipmentOrder) -> Int {
        nodes.append(Node(level: .order, parent: nil))
        orders[nodes.count - 1] = order
        return nodes.count - 1
    }

    /// Adds an item under a known node (DESADV: the LIN group's CPS group), or at the shipment level.
    mutating func add(item: ShipmentItem, under parent: Int?) -> Int {
        nodes.append(Node(level: .item, parent: parent))
        items[nodes.count - 1] = item
        return nodes.count - 1
    }

    /// Nests the payloads as the nodes are placed and puts the top-level ones on the notice.
    func assemble(into notice: inout ShipNotice) {
        var children = [[Int]](repeating: [], count: nodes.count)
        for (index, node) in nodes.enumerated() {
            if let parent = node.parent { children[parent].append(index) }
        }
        func pack(_ index: Int) -> ShipmentPack {
            var result = packs[index] ?? ShipmentPack(level: "pack")
            for child in children[index] {
                switch nodes[child].level {
                case .tare, .pack: result.packs.append(pack(child))
                case .item: if let item = items[child] { result.items.append(item) }
                default: break
                }
            }
            return result
        }
        for (index, node) in nodes.enumerated() where node.parent == nil {
            switch node.level {
            case .order:
                var order = orders[index] ?? ShipmentOrder(orderNumber: "")
                for child in children[index] {
                    switch nodes[child].level {
                    case .tare, .pack: order.packs.append(pack(child))
                    case .item: if let item = items[child] { order.items.append(item) }
                    default: break
                    }
                }
                notice.orders.append(order)
            case .tare, .pack: notice.packs.append(pack(index))
            case .item: if let item = items[index] { notice.items.append(item) }
            case .shipment, .unknown: break
            }
        }
        notice.hierarchyIssues += issues
    }
}

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
