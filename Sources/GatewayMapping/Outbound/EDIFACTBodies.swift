import CanonicalModel
import EDIFormat

/// The EDIFACT message bodies: ORDRSP, DESADV, INVOIC, REMADV, each the inverse of its inbound mapper.
/// Numbers use the envelope's decimal mark; the segment writer release-escapes the service characters.
struct EDIFACTBodies {
    typealias F = RenderFormat

    let decimalMark: UInt8
    var body = RenderedBody()

    static func body(for document: CanonicalDocument, decimalMark: UInt8) throws -> RenderedBody {
        var renderer = EDIFACTBodies(decimalMark: decimalMark)
        switch document {
        case .orderAck(let ack): try renderer.orderAck(ack)
        case .shipNotice(let notice): try renderer.shipNotice(notice)
        case .invoice(let invoice): try renderer.invoice(invoice)
        case .remittance(let remittance): try renderer.remittance(remittance)
        default: throw RenderError(.unsupportedType, "no EDIFACT renderer for \(OutboundRenderer.typeName(document))")
        }
        return renderer.body
    }

    func number(_ value: ExactDecimal?) -> String? { F.number(value, decimalMark: decimalMark) }

    mutating func add(_ tag: String, _ elements: [[String?]]) { body.add(tag, composite: elements) }

    mutating func dtm(_ qualifier: String, _ date: String?, dateTime: String? = nil) {
        guard let (value, format) = F.edifactDate(date, dateTime: dateTime) else { return }
        add("DTM", [[qualifier, value, format]])
    }

    mutating func moa(_ qualifier: String, _ amount: ExactDecimal?) {
        guard let amount else { return }
        add("MOA", [[qualifier, number(amount)]])
    }

    mutating func references(_ references: [Reference]) {
        for reference in references { add("RFF", [[reference.qualifier, reference.value]]) }
    }

    /// NAD: role, C082 id and agency, C080 name (split at spaces into 35-character parts), C059 street, city,
    /// region, postcode, country.
    mutating func parties(_ parties: [Party]) throws {
        for party in parties {
            guard party.identifiers.count <= 1 else {
                throw RenderError(.unrepresentable, "NAD \(party.originalRole) carries one identifier")
            }
            let id = party.identifiers.first
            add(
                "NAD",
                [
                    [party.originalRole], [id?.value, nil, id?.qualifier], [],
                    F.chunks(party.name, width: 35, limit: 5),
                    party.street, [party.city], [party.region], [party.postalCode], [party.country],
                ])
        }
    }

    /// LIN (number, status, first item id) and PIA+5 for the other ids (five per PIA).
    mutating func lineItems(_ lineNumber: String?, status: String? = nil, _ items: [ItemIdentifier]) {
        let first = items.first
        add("LIN", [[lineNumber], [status], [first?.value, first?.qualifier]])
        var rest = items.dropFirst()[...]
        while !rest.isEmpty {
            add("PIA", [["5"]] + rest.prefix(5).map { [$0.value, $0.qualifier] })
            rest = rest.dropFirst(5)
        }
    }

    mutating func description(_ text: String?) {
        let parts = F.chunks(text, width: 35, limit: 2)
        if !parts.isEmpty { add("IMD", [["F"], [], [nil, nil, nil] + parts]) }
    }

    mutating func quantity(_ qualifier: String, _ value: ExactDecimal?, _ unit: UnitOfMeasure?) {
        guard let value else { return }
        add("QTY", [[qualifier, number(value), unit?.original]])
    }

    // MARK: - ORDRSP

    mutating func orderAck(_ ack: OrderAck) throws {
        let name = "ORDRSP \(ack.orderNumber)"
        guard !ack.orderNumber.isEmpty else { throw RenderError.missing("orderNumber (RFF+ON)", in: name) }
        add("BGM", [["231"], [ack.sellerOrderNumber], [ack.ackType?.code]])
        dtm("137", ack.ackDate)
        dtm("4", ack.orderDate)
        add("RFF", [["ON", ack.orderNumber]])
        references(ack.references)
        try parties(ack.parties)
        if let currency = ack.currency { add("CUX", [["2", currency, "9"]]) }
        for line in ack.lines {
            lineItems(line.lineNumber, status: line.status?.code, line.items)
            description(line.description)
            quantity("21", line.orderedQuantity, line.unit)
            quantity("113", line.confirmedQuantity, line.confirmedUnit)
            dtm("2", line.confirmedDeliveryDate)
            dtm("10", line.confirmedShipDate)
            if let price = line.unitPrice { add("PRI", [[line.priceBasis ?? "AAA", number(price)]]) }
        }
        add("UNS", [["S"]])
        if let count = ack.declaredLineCount { add("CNT", [["2", String(count)]]) }
        moa("86", ack.declaredTotalAmount)
    }

    // MARK: - DESADV

    mutating func shipNotice(_ notice: ShipNotice) throws {
        let name = "DESADV \(notice.shipmentNumber)"
        guard !notice.shipmentNumber.isEmpty else { throw RenderError.missing("shipmentNumber (BGM 1004)", in: name) }
        add("BGM", [["351"], [notice.shipmentNumber], [notice.purpose?.code]])
        dtm("137", notice.noticeDate, dateTime: notice.noticeDateTime)
        dtm("11", notice.shipDate, dateTime: notice.shipDateTime)
        dtm("17", notice.estimatedDeliveryDate, dateTime: notice.estimatedDeliveryDateTime)
        measurements(notice.measurements)
        // One order: the packs and items hang under it (as the inbound mapper reads a single RFF+ON).
        let single = notice.orders.count == 1 ? notice.orders.first : nil
        for order in notice.orders {
            add("RFF", [["ON", order.orderNumber]])
            dtm("171", order.orderDate)
        }
        references(notice.references)
        try parties(notice.parties)
        if let carrier = notice.carrier {
            add(
                "TDT",
                [["20"], [], [carrier.transportMethod], [], [carrier.code, nil, carrier.qualifier, carrier.name]])
        }
        let packs = (single?.packs ?? []) + notice.packs + (single == nil ? notice.orders.flatMap(\.packs) : [])
        let items = (single?.items ?? []) + notice.items + (single == nil ? notice.orders.flatMap(\.items) : [])
        if notice.packagingCode != nil || notice.packageCount != nil || !packs.isEmpty || !items.isEmpty {
            add("CPS", [["1"]])
            if notice.packagingCode != nil || notice.packageCount != nil {
                add("PAC", [[notice.packageCount.map(String.init)], [], [notice.packagingCode]])
            }
            for item in items { shipmentItem(item) }
            var nextId = 2
            for pack in packs { packGroup(pack, parent: "1", nextId: &nextId) }
        }
        if let count = notice.declaredLineCount { add("CNT", [["2", String(count)]]) }
    }

    mutating func measurements(_ measurements: [ShipmentMeasurement]) {
        for measurement in measurements {
            add(
                "MEA",
                [["PD"], [measurement.qualifier], [measurement.unit?.original ?? "", number(measurement.value)]])
        }
    }

    /// A CPS group (its PAC, MEA, GIN and LIN groups), then its children, depth first.
    mutating func packGroup(_ pack: ShipmentPack, parent: String, nextId: inout Int) {
        let id = String(nextId)
        nextId += 1
        add("CPS", [[id], [parent]])
        if pack.packagingCode != nil || pack.packageCount != nil {
            add("PAC", [[pack.packageCount.map(String.init)], [], [pack.packagingCode]])
        }
        measurements(pack.measurements)
        for mark in pack.marks { add("GIN", [[mark.qualifier], [mark.value]]) }
        for item in pack.items { shipmentItem(item) }
        for child in pack.packs { packGroup(child, parent: id, nextId: &nextId) }
    }

    mutating func shipmentItem(_ item: ShipmentItem) {
        lineItems(item.lineNumber, item.items)
        description(item.description)
        quantity("12", item.shippedQuantity, item.unit)
        quantity("21", item.orderedQuantity, item.orderedUnit)
        if let order = item.orderNumber { add("RFF", [["ON", order, item.orderLineNumber]]) }
    }
}
