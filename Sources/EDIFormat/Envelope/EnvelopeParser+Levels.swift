/// Opening and closing groups, sets and interchanges, with the trailer checks (counts and references)
/// that both standards share.
extension EnvelopeParser {
    var standard: Standard { interchange?.standard ?? .x12 }

    mutating func openGroup(_ segment: Segment) {
        if set != nil { closeSet(trailer: nil, emit: { _ in }) }
        if let groupReport, groupReport.isExplicit { closeGroup(trailer: nil, emit: { _ in }) }
        flushImplicitGroup()
        if standard == .edifact && looseMessageCount > 0 {
            reportInterchange(
                Finding(.groupsAndMessagesMixed, at: location(segment), "UNG after messages outside any group"))
        }
        // Envelope segments outlive their chunk: streaming keeps a copy so the chunk can go.
        group = FunctionalGroup(header: retainTransactionSets ? segment : segment.detached())
        groupReport = GroupReport()
        setNumbers = []
        setsInGroup = 0
        if standard == .x12 { checkGS(segment) } else { checkUNG(segment) }
        if !groupReport!.controlNumber.isEmpty {
            if groupNumbers.contains(groupReport!.controlNumber) {
                report(
                    Finding(
                        .groupControlNumberDuplicate, at: location(segment, element: standard == .x12 ? 6 : 5),
                        "group control number repeats within the interchange", value: groupReport!.controlNumber))
            }
            groupNumbers.insert(groupReport!.controlNumber)
        }
    }

    mutating func closeGroup(trailer: Segment?, emit: (EnvelopeEvent) -> Void) {
        if set != nil { closeSet(trailer: nil, emit: emit) }
        guard var report = groupReport, var closing = group, report.isExplicit else {
            if let trailer {
                self.report(
                    Finding(.segmentUnexpected, at: location(trailer), "\(trailer.tagString) without an open group"))
            }
            return
        }
        let name = standard == .x12 ? "GE" : "UNE"
        if let trailer {
            closing.trailer = retainTransactionSets ? trailer : trailer.detached()
            let declared = trailer.string(1)
            report.declaredSetCount = declared
            if Int(declared) != setsInGroup {
                report.findings.append(
                    Finding(
                        .groupTrailerCount, at: location(trailer, element: 1),
                        "\(name)01 says \(declared.isEmpty ? "nothing" : declared) transaction sets, the group has \(setsInGroup)"
                    ))
            }
            compareReference(
                trailer.string(2), with: report.controlNumber, code: .groupTrailerReference,
                at: location(trailer, element: 2), what: "\(name)02", into: &report.findings, numeric: standard == .x12)
        } else {
            report.findings.append(
                Finding(.groupTrailerMissing, at: location(closing.header!), "\(name) is missing for this group"))
        }
        interchange?.report.groups.append(report)
        interchange?.groups.append(closing)
        group = nil
        groupReport = nil
    }

    mutating func openSet(_ segment: Segment, emit: (EnvelopeEvent) -> Void) {
        if set != nil { closeSet(trailer: nil, emit: emit) }
        if groupReport == nil {
            if standard == .x12 {
                reportInterchange(Finding(.setNotInGroup, at: location(segment), "ST outside any functional group"))
            }
            var implicit = GroupReport()
            implicit.isExplicit = false
            groupReport = implicit
            group = FunctionalGroup(header: nil)
        }
        if standard == .edifact && !groupReport!.isExplicit {
            looseMessageCount += 1
            if interchange?.groups.contains(where: { $0.header != nil }) == true {
                reportInterchange(
                    Finding(.groupsAndMessagesMixed, at: location(segment), "a message outside UNG after groups"))
            }
        }
        var newReport = SetReport()
        newReport.byteOffset = segment.offset
        newReport.segmentCount = 1
        setReport = newReport
        set = TransactionSet(header: segment, type: "", controlNumber: "")
        if standard == .x12 { checkST(segment) } else { checkUNH(segment) }
        setChecksElements = checksElements
        set!.type = setReport!.type
        set!.controlNumber = setReport!.controlNumber
        let number = setReport!.controlNumber
        if !number.isEmpty {
            if setNumbers.contains(number) {
                report(
                    Finding(
                        .setControlNumberDuplicate, at: location(segment, element: standard == .x12 ? 2 : 1),
                        "control number repeats within the \(standard == .x12 ? "group" : "interchange")", value: number
                    ))
            }
            setNumbers.insert(number)
        }
        checkCharacters(segment)
    }

    mutating func closeSet(trailer: Segment?, emit: (EnvelopeEvent) -> Void) {
        guard var closing = set, var report = setReport else {
            if let trailer {
                self.report(
                    Finding(
                        .segmentUnexpected, at: location(trailer),
                        "\(trailer.tagString) without an open transaction set"))
            }
            return
        }
        let name = standard == .x12 ? "SE" : "UNT"
        if let trailer {
            checkCharacters(trailer)
            closing.trailer = trailer
            report.segmentCount += 1
            let declared = trailer.string(1)
            if Int(declared) != report.segmentCount {
                report.findings.append(
                    Finding(
                        .setTrailerCount, at: location(trailer, element: 1),
                        "\(name)01 says \(declared.isEmpty ? "nothing" : declared) segments, the set has \(report.segmentCount)"
                    ))
            }
            let reference = trailer.string(2)
            if reference.trimmed != report.controlNumber {
                report.findings.append(
                    Finding(
                        .setTrailerReference, at: location(trailer, element: 2),
                        "\(name)02 does not match the header's control number", value: reference))
            }
        } else {
            report.findings.append(
                Finding(.setTrailerMissing, at: location(closing.header), "\(name) is missing for this transaction set")
            )
        }
        setsInGroup += 1
        emit(.transactionSet(closing, report))
        groupReport?.sets.append(report)
        // Streaming keeps only the reports: a retained set would keep its input chunk alive.
        if retainTransactionSets { group?.transactionSets.append(closing) }
        set = nil
        setReport = nil
    }

    /// Closes the open interchange: reports what is missing, checks the trailer, emits it.
    mutating func closeInterchange(emit: (EnvelopeEvent) -> Void) {
        guard interchange != nil else { return }
        if set != nil { closeSet(trailer: nil, emit: emit) }
        if let groupReport, groupReport.isExplicit { closeGroup(trailer: nil, emit: emit) }
        flushImplicitGroup()
        var current = interchange!
        let name = current.standard == .x12 ? "IEA" : "UNZ"
        if let trailer = current.trailer {
            checkCharacters(trailer)
            let explicitGroups = current.groups.filter { $0.header != nil }.count
            let counted = current.standard == .edifact && explicitGroups == 0 ? looseMessageCount : explicitGroups
            let declared = trailer.string(1)
            if Int(declared) != counted {
                current.report.findings.append(
                    Finding(
                        .interchangeTrailerCount, at: location(trailer, element: 1),
                        "\(name)01 says \(declared.isEmpty ? "nothing" : declared), the interchange has \(counted)"))
            }
            compareReference(
                trailer.string(2), with: current.report.envelope.controlNumber, code: .interchangeTrailerReference,
                at: location(trailer, element: 2), what: "\(name)02", into: &current.report.findings,
                numeric: current.standard == .x12)
        } else {
            current.report.findings.append(
                Finding(
                    .interchangeTrailerMissing, at: location(current.header),
                    "\(name) is missing: the input ends inside the interchange"))
        }
        if current.groups.isEmpty && current.report.ta1Count == 0 {
            current.report.findings.append(
                Finding(
                    .interchangeEmpty, .warning, at: location(current.header),
                    "the interchange holds no group, message or TA1"))
        }
        interchange = nil
        emit(.interchange(current))
    }

    /// Files the implicit group (loose EDIFACT messages, X12 sets outside GS) into the interchange.
    mutating func flushImplicitGroup() {
        guard let groupReport, !groupReport.isExplicit else { return }
        interchange?.report.groups.append(groupReport)
        interchange?.groups.append(group!)
        self.groupReport = nil
        group = nil
    }

    /// Resets per-interchange state and installs a new interchange.
    mutating func begin(_ newInterchange: Interchange) {
        interchange = newInterchange
        group = nil
        groupReport = nil
        set = nil
        setReport = nil
        groupNumbers = []
        setNumbers = []
        looseMessageCount = 0
        headerDetached = false
        pendingUNA = nil
        pendingHeaderShape = nil
        levelWarned = false
        charset = CharacterSetCheck(encoding: newInterchange.encoding, standard: newInterchange.standard)
    }

    /// Trailer reference against header control number: strings after trimming, or integers with a warning.
    func compareReference(
        _ received: String, with expected: String, code: FindingCode, at location: Location, what: String,
        into findings: inout [Finding], numeric: Bool = true
    ) {
        let trimmed = received.trimmed
        if trimmed == expected { return }
        if numeric, let a = Int(trimmed), let b = Int(expected), a == b {
            findings.append(
                Finding(
                    .controlNumberNumericMatch, .warning, at: location,
                    "\(what) equals the header's control number only as an integer"))
            return
        }
        findings.append(
            Finding(code, at: location, "\(what) does not match the header's control number", value: received))
    }
}

extension String {
    /// The string without leading and trailing spaces.
    var trimmed: String {
        var view = Substring(self)
        while view.first == " " { view = view.dropFirst() }
        while view.last == " " { view = view.dropLast() }
        return String(view)
    }
}
