import CanonicalModel
import EDIFormat

/// Parties read from X12 N1 loops and EDIFACT NAD segments, shared by every mapper.
enum PartySegments {
    /// X12 N1: role, name and the N103/N104 identifier. `role` maps N101 to a canonical role.
    static func x12(n1 segment: Segment, role: (String) -> String = Party.role(forCode:)) -> Party {
        let value = { (position: Int) in segment.string(position).trimmingSpaces }
        var party = Party(role: role(value(1)), originalRole: value(1))
        party.name = value(2).nonEmpty
        if let id = value(4).nonEmpty {
            party.identifiers.append(Identifier(value: id, qualifier: value(3), scheme: Identifier.x12Scheme(value(3))))
        }
        return party
    }

    /// X12 N2 (more name), N3 (street) and N4 (city, state, postcode, country) of an N1 loop.
    static func addX12Address(_ segment: Segment, to party: inout Party) {
        let value = { (position: Int) in segment.string(position).trimmingSpaces }
        switch segment.tagString {
        case "N2":
            if let name = value(1).nonEmpty {
                party.name = [party.name, name].compactMap { $0 }.joined(separator: " ")
            }
        case "N3":
            party.street += [value(1), value(2)].filter { !$0.isEmpty }
        case "N4":
            party.city = value(1).nonEmpty
            party.region = value(2).nonEmpty
            party.postalCode = value(3).nonEmpty
            party.country = value(4).nonEmpty
        default:
            break
        }
    }

    /// EDIFACT NAD: role, C082 identifier with its agency, C080 (else C058) name, C059 street, city, region,
    /// postcode, country.
    static func edifact(nad segment: Segment, role: (String) -> String = Party.role(forCode:)) -> Party {
        let component = { (position: Int, index: Int) in segment[position][component: index].string.trimmingSpaces }
        var party = Party(role: role(component(1, 1)), originalRole: component(1, 1))
        if let id = component(2, 1).nonEmpty {
            let agency = component(2, 3)
            party.identifiers.append(
                Identifier(value: id, qualifier: agency.nonEmpty, scheme: Identifier.edifactScheme(agency)))
        }
        let name = (1...5).map { component(4, $0) }.filter { !$0.isEmpty }.joined(separator: " ")
        party.name = name.nonEmpty ?? (1...5).map { component(3, $0) }.filter { !$0.isEmpty }.first
        party.street = (1...4).map { component(5, $0) }.filter { !$0.isEmpty }
        party.city = component(6, 1).nonEmpty
        party.region = component(7, 1).nonEmpty
        party.postalCode = component(8, 1).nonEmpty
        party.country = component(9, 1).nonEmpty
        return party
    }
}

/// Item identifiers and descriptions read from EDIFACT LIN, PIA and IMD, shared by the mappers.
enum ItemSegments {
    /// PIA C212 repeated (elements 2 to 6): item number and its type code.
    static func edifactPIA(_ segment: Segment) -> [ItemIdentifier] {
        (2...6).compactMap { position in
            let id = segment[position][component: 1].string.trimmingSpaces
            return id.isEmpty
                ? nil : ItemIdentifier(qualifier: segment[position][component: 2].string.trimmingSpaces, value: id)
        }
    }

    /// IMD C273 free-form description (7008, components 4 and 5).
    static func edifactIMD(_ segment: Segment) -> String? {
        [4, 5].map { segment[3][component: $0].string.trimmingSpaces }.filter { !$0.isEmpty }.joined(separator: " ")
            .nonEmpty
    }
}
