import EDIFormat
import Foundation
let data = try! Data(contentsOf: URL(fileURLWithPath: CommandLine.arguments[1]))
let parsed = EDIParser.parse([UInt8](data))
for i in parsed.interchanges {
  print(i.standard, i.report.envelope.controlNumber, i.groups.count, i.transactionSets.count)
}
for f in parsed.allFindings { print(f.code.rawValue, f.severity, f.location.segmentOrdinal ?? -1, f.location.segmentTag ?? "", f.location.element ?? 0, f.message) }
