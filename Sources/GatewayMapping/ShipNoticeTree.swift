import CanonicalModel
import EDIFormat

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
