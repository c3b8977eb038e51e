import Foundation
import Testing

@testable import EDIFormat

/// `docs/findings.md` lists every finding code with its acknowledgement codes; this test keeps it true.
/// `RECORD_GOLDENS=1` rewrites it from the code.
@Suite struct FindingCodeDocumentationTests {
    static let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("docs/findings.md").path

    static func render() -> String {
        var lines = [
            "# Finding codes",
            "",
            "Every problem edigate finds in partner data is a finding with one of these codes, a severity and a",
            "location (see `Sources/EDIFormat/Validation/FindingCode.swift`). The columns give the code each",
            "acknowledgement carries for it (004010 / 005010 where they differ). Generated and checked by",
            "`FindingCodeDocumentationTests`; re-record with `RECORD_GOLDENS=1 swift test`.",
            "",
            "| code | level | TA1 (I18) | 997/999 | CONTRL (0085) |",
            "|---|---|---|---|---|",
        ]
        for code in FindingCode.allCases {
            let level = "\(code.level)"
            let ta1 =
                code.level == .interchange || code == .groupHeaderInvalid ? code.ta1NoteCode(element: nil) ?? "" : ""
            var functional = ""
            switch code.level {
            case .group:
                let (old, new) = (code.groupSyntaxCode(version5010: false), code.groupSyntaxCode(version5010: true))
                functional = old.map { "AK905 \($0)" + (new != old ? " / \(new ?? "-")" : "") } ?? "AK9 R"
            case .set:
                let (old, new) = (code.setSyntaxCode(version5010: false), code.setSyntaxCode(version5010: true))
                functional = "AK502 " + (old ?? "-") + (new != old ? " / \(new ?? "-")" : "")
            case .segment:
                functional = "AK304 \(code.segmentSyntaxCode ?? "-"), AK5 R 5"
            case .element:
                let (old, new) = (code.elementSyntaxCode(version5010: false), code.elementSyntaxCode(version5010: true))
                functional =
                    code == .trailingSeparator
                    ? "warning only" : "AK403 " + (old ?? "-") + (new != old ? " / \(new ?? "-")" : "") + ", AK304 8"
            case .interchange:
                functional = "TA1 only"
            case .file:
                functional = ""
            }
            let warningOnly: Set<FindingCode> = [
                .controlNumberNumericMatch, .repetitionSeparatorIgnored, .trailingSeparator, .interchangeEmpty,
            ]
            if warningOnly.contains(code) { functional = "warning only" }
            lines.append("| `\(code.rawValue)` | \(level) | \(ta1) | \(functional) | \(code.contrlCode ?? "") |")
        }
        lines.append("")
        lines.append(
            "Interchange codes given by ISA element (`interchange.header.element`, `interchange.header.shape`):")
        lines.append(
            "ISA01→010, ISA02→011, ISA03→012, ISA04→013, ISA05→005, ISA06→006, ISA07→007, ISA08→008, ISA09→014,")
        lines.append("ISA10→015, ISA11→016, ISA12→017, ISA13→018, ISA14→019, ISA15→020, ISA16→027; no element: 022.")
        lines.append("")
        return lines.joined(separator: "\n")
    }

    @Test func documentationListsEveryCode() throws {
        let rendered = Self.render()
        if ProcessInfo.processInfo.environment["RECORD_GOLDENS"] == "1" {
            try rendered.write(toFile: Self.path, atomically: true, encoding: .utf8)
        }
        let onDisk = try String(contentsOfFile: Self.path, encoding: .utf8)
        #expect(onDisk == rendered, "docs/findings.md is out of date; run RECORD_GOLDENS=1 swift test")
    }
}
