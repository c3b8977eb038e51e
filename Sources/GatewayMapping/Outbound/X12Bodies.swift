import CanonicalModel
import EDIFormat

/// The X12 set bodies: 855, 856, 810, 820, 940, 945, each the inverse of its inbound mapper.
enum X12Bodies {
    static func body(for document: CanonicalDocument) throws -> RenderedBody {
        switch document {
        case .orderAck(let ack): return try orderAck(ack)
        case .shipNotice(let notice): return try shipNotice(notice)
        case .invoice(let invoice): return try invoice810(invoice)
        case .remittance(let remittance): return try remittance820(remittance)
        case .warehouseShippingOrder(let order): return try warehouseOrder(order)
        case .warehouseShipmentAdvice(let advice): return try warehouseAdvice(advice)
        default: throw RenderError(.unsupportedType, "no X12 renderer for \(OutboundRenderer.typeName(document))")
        }
    }

    typealias F = RenderFormat

    // MARK: - Shared segments

    /// N1 (role, name, first identifier), N3 (street, two lines each), N4; further identifiers as REF when
    /// `extraIdentifiers` (the N1 loops of the 820/940/945 read a REF as one).
    static func parties(_ parties: [Party], into body: inout RenderedBody, extraIdentifiers: Bool = false) {
        for party in parties {
            let first = party.identifiers.first
            body.add("N1", party.originalRole, party.name, first.map { $0.qualifier ?? "" }, first?.value)
            var street = party.street[...]
            while !street.isEmpty {
                body.add("N3", street.first, street.dropFirst().first)
                street = street.dropFirst(2)
            }
            if party.city != nil || party.region != nil || party.postalCode != nil || party.country != nil {
                body.add("N4", party.city, party.region, party.postalCode, party.country)
            }
            if extraIdentifiers {
                for identifier in party.identifiers.dropFirst() {
                    body.add("REF", identifier.qualifier ?? "", identifier.value)
                }
            }
        }
    }

    /// Qualifier / id pairs (235 / 234).
    static func pairs(_ items: [ItemIdentifier], limit: Int, what: String) throws -> [String?] {
        guard items.count <= limit else {
            throw RenderError(.unrepresentable, "\(what) carries at most \(limit) item identifiers")
        }
        return items.flatMap { [$0.qualifier, $0.value] }
    }

    static func require(_ value: String?, _ field: String, _ document: String) throws -> String {
        guard let value, !value.isEmpty else { throw RenderError.missing(field, in: document) }
        return value
    }

    // MARK: - 855

    static func orderAck(_ ack: OrderAck) throws -> RenderedBody {
        let name = "855 order ack \(ack.orderNumber)"
        var body = RenderedBody()
        body.add(
            "BAK", try require(ack.purpose?.code, "purpose (BAK01)", name),
            try require(ack.ackType?.code, "ackType (BAK02)", name),
            try require(ack.orderNumber, "orderNumber (BAK03)", name),
            try require(F.date(ack.orderDate), "orderDate (BAK04)", name),
            nil, nil, nil, ack.sellerOrderNumber, F.date(ack.ackDate))
        if let currency = ack.currency { body.add("CUR", "SE", currency) }
        for reference in ack.references { body.add("REF", reference.qualifier, reference.value) }
        parties(ack.parties, into: &body)
        for line in ack.lines {
            body.segments.append(
                RenderedBody.Segment(
                    tag: "PO1",
                    elements: ([
                        line.lineNumber, F.number(line.orderedQuantity), line.unit?.original, F.number(line.unitPrice),
                        line.priceBasis,
                    ]
                        + (try pairs(line.items, limit: 10, what: "PO1"))).map { [$0 ?? ""] }))
            if let description = line.description { body.add("PID", "F", nil, nil, nil, description) }
            var acks: [(AckLineStatus, ExactDecimal?, UnitOfMeasure?, String?, String?)] = []
            if let status = line.status {
                acks.append(
                    (
                        status, line.confirmedQuantity, line.confirmedUnit, line.confirmedShipDate,
                        line.confirmedDeliveryDate
                    ))
            }
            acks += line.splits.map { ($0.status, $0.quantity, $0.unit, $0.shipDate, $0.deliveryDate) }
            for (status, quantity, unit, ship, delivery) in acks {
                let (qualifier, date): (String?, String?) =
                    ship != nil ? ("068", ship) : delivery != nil ? ("067", delivery) : (nil, nil)
                body.add("ACK", status.code, F.number(quantity), unit?.original, qualifier, F.date(date))
            }
        }
        if let count = ack.declaredLineCount { body.add("CTT", String(count)) }
        if let total = ack.declaredTotalAmount { body.add("AMT", "TT", F.number(total)) }
        return body
    }

    // MARK: - 856

    static func shipNotice(_ notice: ShipNotice) throws -> RenderedBody {
        let name = "856 ship notice \(notice.shipmentNumber)"
        var body = RenderedBody()
        body.add(
            "BSN", try require(notice.purpose?.code, "purpose (BSN01)", name),
            try require(notice.shipmentNumber, "shipmentNumber (BSN02)", name),
            try require(F.date(notice.noticeDate ?? notice.noticeDateTime), "noticeDate (BSN03)", name),
            F.time(notice.noticeDateTime) ?? "0000", notice.structureCode)
        var nextId = 1
        func hl(_ parent: Int?, _ code: String) -> Int {
            let id = nextId
            nextId += 1
            body.add("HL", String(id), parent.map(String.init), code)
            return id
        }
        let shipment = hl(nil, "S")
        packing(notice.packagingCode, notice.packageCount, notice.measurements, into: &body)
        if let carrier = notice.carrier {
            body.add("TD5", "B", carrier.qualifier, carrier.code, carrier.transportMethod, carrier.name)
        }
        for reference in notice.references { body.add("REF", reference.qualifier, reference.value) }
        if notice.shipDate != nil || notice.shipDateTime != nil {
            body.add("DTM", "011", F.date(notice.shipDateTime ?? notice.shipDate), F.time(notice.shipDateTime))
        }
        if notice.estimatedDeliveryDate != nil || notice.estimatedDeliveryDateTime != nil {
            body.add(
                "DTM", "017", F.date(notice.estimatedDeliveryDateTime ?? notice.estimatedDeliveryDate),
                F.time(notice.estimatedDeliveryDateTime))
        }
        parties(notice.parties, into: &body)
        // Orders named without a level of their own (no HL, packs or items) are a shipment-level PRF.
        let (named, tree) = notice.orders.reduce(into: ([ShipmentOrder](), [ShipmentOrder]())) { result, order in
            let bare =
                order.hierarchyId == nil && order.packs.isEmpty && order.items.isEmpty && order.references.isEmpty
                && order.parties.isEmpty && order.packageCount == nil
            if bare { result.0.append(order) } else { result.1.append(order) }
        }
        for order in named { body.add("PRF", order.orderNumber, order.releaseNumber, nil, F.date(order.orderDate)) }
        func item(_ item: ShipmentItem, parent: Int) throws {
            _ = hl(parent, "I")
            if !item.items.isEmpty {
                body.segments.append(
                    RenderedBody.Segment(
                        tag: "LIN",
                        elements: ([item.lineNumber] + (try pairs(item.items, limit: 15, what: "LIN"))).map {
                            [$0 ?? ""]
                        }))
            }
            if let shipped = item.shippedQuantity {
                body.add(
                    "SN1", item.lineNumber, F.number(shipped),
                    try require(item.unit?.original, "item unit (SN103)", name), nil,
                    F.number(item.orderedQuantity), item.orderedUnit?.original)
            }
            if let orderNumber = item.orderNumber { body.add("PRF", orderNumber) }
            if let packSize = item.packSize { body.add("PO4", F.number(packSize)) }
            if let description = item.description { body.add("PID", "F", nil, nil, nil, description) }
        }
        func packNode(_ pack: ShipmentPack, parent: Int) throws {
            let id = hl(parent, pack.level == "tare" ? "T" : "P")
            packing(pack.packagingCode, pack.packageCount, pack.measurements, into: &body)
            for mark in pack.marks { body.add("MAN", mark.qualifier, mark.value) }
            for child in pack.packs { try packNode(child, parent: id) }
            for child in pack.items { try item(child, parent: id) }
        }
        for order in tree {
            let id = hl(shipment, "O")
            body.add("PRF", order.orderNumber, order.releaseNumber, nil, F.date(order.orderDate))
            if let count = order.packageCount { body.add("TD1", nil, String(count)) }
            for reference in order.references { body.add("REF", reference.qualifier, reference.value) }
            parties(order.parties, into: &body)
            for child in order.packs { try packNode(child, parent: id) }
            for child in order.items { try item(child, parent: id) }
        }
        for child in notice.packs { try packNode(child, parent: shipment) }
        for child in notice.items { try item(child, parent: shipment) }
        if let count = notice.declaredHierarchyCount {
            body.add("CTT", String(count), F.number(notice.declaredQuantityTotal))
        }
        return body
    }

    /// TD1 (packaging code, count, a weight and a volume), then MEA for the other measurements.
    static func packing(
        _ code: String?, _ count: Int?, _ measurements: [ShipmentMeasurement], into body: inout RenderedBody
    ) {
        var rest = measurements[...]
        var weight: ShipmentMeasurement?
        var volume: ShipmentMeasurement?
        if let first = rest.first, let qualifier = first.qualifier,
            first.kind == ShipNoticeMeasures.x12WeightKind(qualifier)
        {
            weight = first
            rest = rest.dropFirst()
        }
        if let next = rest.first, next.kind == "volume", next.qualifier == nil {
            volume = next
            rest = rest.dropFirst()
        }
        if code != nil || count != nil || weight != nil || volume != nil {
            body.add(
                "TD1", code, count.map(String.init), nil, nil, nil, weight?.qualifier, F.number(weight?.value),
                weight?.unit?.original, F.number(volume?.value), volume?.unit?.original)
        }
        for measurement in rest {
            body.add("MEA", "PD", measurement.qualifier, F.number(measurement.value), measurement.unit?.original)
        }
    }
}
