import EDIFormat
import Foundation

@testable import GatewayMapping

/// Where the mapping tests find their inputs, and how they translate them: one place for every suite.
struct MappingFixtures {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let samples = root.appendingPathComponent("Samples")
    static let corpus = root.deletingLastPathComponent().appendingPathComponent("shared/corpus")

    /// The fixed context a suite translates with (partner, clock).
    let context: MappingContext

    func translate(_ bytes: [UInt8]) -> Translation {
        Translator.translate(EDIParser.parse(bytes), context: context)
    }

    /// A shipped sample (`x12/810-invoice.edi`), translated.
    func sample(_ relative: String) throws -> Translation {
        translate([UInt8](try Data(contentsOf: Self.samples.appendingPathComponent(relative))))
    }

    func sampleText(_ relative: String) throws -> String {
        try String(contentsOf: Self.samples.appendingPathComponent(relative), encoding: .utf8)
    }

    /// A corpus file's translation, or nil (with a notice) when `../shared/corpus` is absent.
    func corpusFile(_ relative: String) throws -> Translation? {
        let url = Self.corpus.appendingPathComponent(relative)
        guard FileManager.default.fileExists(atPath: url.path) else {
            print("notice: \(url.path) is absent; corpus checks skipped")
            return nil
        }
        return translate([UInt8](try Data(contentsOf: url)))
    }
}
