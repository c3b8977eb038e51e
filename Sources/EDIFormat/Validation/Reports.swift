/// The validation result of one interchange, everything an acknowledgement needs and nothing more.
public struct InterchangeReport: Sendable, Hashable, Codable {
    public var standard: Standard
    /// The header as received.
    public var envelope: EnvelopeHeader
    /// Findings about the interchange envelope itself (ISA/IEA, UNB/UNZ, stray segments).
    public var findings: [Finding] = []
    public var groups: [GroupReport] = []
    /// TA1 segments found in the interchange (it is then itself an acknowledgement).
    public var ta1Count = 0

    public init(standard: Standard, envelope: EnvelopeHeader) {
        self.standard = standard
        self.envelope = envelope
    }

    /// True when the interchange envelope has an error: it is rejected as a whole.
    public var isRejected: Bool { findings.contains { $0.isError } }

    /// Every finding of the interchange, its groups and sets, in file order.
    public var allFindings: [Finding] {
        var result = findings
        for group in groups {
            result += group.findings
            for set in group.sets { result += set.findings }
        }
        return result.sorted { $0.location.byteOffset < $1.location.byteOffset }
    }

    /// True when the interchange only carries acknowledgements (TA1, 997, 999, CONTRL), which are never acknowledged.
    public var isAcknowledgement: Bool {
        if groups.isEmpty { return ta1Count > 0 }
        return groups.allSatisfy { group in
            group.functionalIdentifier == "FA" || (!group.sets.isEmpty && group.sets.allSatisfy(\.isAcknowledgement))
        }
    }
}

/// The interchange header fields, as received (trimmed), that acknowledgements echo or swap.
public struct EnvelopeHeader: Sendable, Hashable, Codable {
    public var senderQualifier = ""
    public var senderID = ""
    public var receiverQualifier = ""
    public var receiverID = ""
    /// ISA13 or UNB 0020, as received.
    public var controlNumber = ""
    /// ISA09 / S004 0017 and ISA10 / S004 0019, as received.
    public var date = ""
    public var time = ""
    /// ISA12 (e.g. `00401`), or the EDIFACT syntax version (`3`, `4`).
    public var version = ""
    /// ISA11 as received (X12).
    public var standardsIdentifier = ""
    /// ISA15 usage (`P`, `T`, `I`), or `T` when UNB 0035 = 1.
    public var usage = "P"
    /// ISA14 = 1 / UNB 0031 = 1.
    public var acknowledgementRequested = false
    /// EDIFACT S001 0001 (`UNOC` ...).
    public var syntaxIdentifier = ""
    /// EDIFACT S002/S003 routing components, kept for CONTRL's UCI.
    public var senderRouting = ""
    public var receiverRouting = ""

    public init() {}
}

/// The validation result of one functional group (or of the implicit group of an EDIFACT interchange without UNG).
public struct GroupReport: Sendable, Hashable, Codable {
    /// GS01 (`PO`, `IN`, `FA` ...) or UNG 0038; empty for an implicit group.
    public var functionalIdentifier = ""
    /// GS06 or UNG 0048; empty for an implicit group.
    public var controlNumber = ""
    /// GS02 / GS03 or UNG S006 / S007.
    public var applicationSender = ""
    public var applicationReceiver = ""
    /// EDIFACT UNG S006/S007 identification code qualifiers, echoed in the CONTRL's UCF.
    public var applicationSenderQualifier = ""
    public var applicationReceiverQualifier = ""
    /// GS08 (e.g. `004010`, `005010X222A1`).
    public var version = ""
    /// GE01 / UNE 0060 as received, when there was a trailer.
    public var declaredSetCount: String?
    /// True when the group had a header (GS / UNG); false for EDIFACT messages without UNG.
    public var isExplicit = true
    public var findings: [Finding] = []
    public var sets: [SetReport] = []

    public init() {}

    public var hasErrors: Bool { findings.contains { $0.isError } }
}

/// The validation result of one transaction set or message.
public struct SetReport: Sendable, Hashable, Codable {
    /// ST01 (`850`) or the message type (`ORDERS`).
    public var type = ""
    /// ST02 or UNH 0062.
    public var controlNumber = ""
    /// ST03 (005010 implementation convention) or the full S009 (`ORDERS:D:96A:UN:EAN008`).
    public var implementationReference = ""
    public var findings: [Finding] = []
    /// Segments counted from ST/UNH to SE/UNT inclusive.
    public var segmentCount = 0
    /// Byte offset of the ST/UNH.
    public var byteOffset = 0

    public init() {}

    public var isRejected: Bool { findings.contains { $0.isError } }

    /// 997, 999, TA1-carrying sets, CONTRL: acknowledgements are never acknowledged.
    public var isAcknowledgement: Bool { ["997", "999", "CONTRL", "APERAK"].contains(type) }
}
