// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "edigate",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "edigate", targets: ["edigate"]),
        .library(name: "EDIFormat", targets: ["EDIFormat"]),
        .library(name: "GatewayMapping", targets: ["GatewayMapping", "CanonicalModel"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
    ],
    targets: [
        // Pure core: X12 and EDIFACT syntax, envelopes, validation, acknowledgements. Standard library only.
        .target(name: "EDIFormat"),
        // Pure: canonical documents and their CloudEvents envelope.
        .target(name: "CanonicalModel"),
        // libxml2 (system library; shim.h carries the ICU clash fix, platform-notes §1).
        .systemLibrary(name: "CLibXML2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"])]),
        // Pure-ish: hardened XML parsing into an element tree. Imports only CLibXML2 (no Foundation).
        .target(name: "EDIXML", dependencies: ["CLibXML2"]),
        // zlib (system library; shim.h wraps the macro-only init calls, platform-notes §1, §1a).
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        // Edge: channels and transfer encodings (gzip through CZlib). Knows no EDI.
        .target(name: "GatewayTransport", dependencies: ["CZlib"]),
        // Edge: the ledger, duplicate keys, control-number counters, outbox (SQLite through GRDB). Knows no EDI.
        .target(name: "GatewayStore", dependencies: [.product(name: "GRDB", package: "GRDB.swift")]),
        // Pure: X12 / EDIFACT / XML to canonical documents.
        .target(
            name: "GatewayMapping",
            dependencies: ["EDIFormat", "EDIXML", "CanonicalModel", .product(name: "Yams", package: "Yams")]),
        // Composition: partner configuration (Partners/), routing, dry runs.
        .target(
            name: "GatewayService",
            dependencies: [
                "EDIFormat", "EDIXML", "GatewayMapping", "CanonicalModel", .product(name: "Yams", package: "Yams"),
            ]),
        .executableTarget(
            name: "edigate",
            dependencies: [
                "EDIFormat", "GatewayMapping", "CanonicalModel", "GatewayTransport", "GatewayService",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Release-built benchmark: MB/s and transaction sets/s (see docs/performance.md).
        .executableTarget(
            name: "edigate-bench", dependencies: ["EDIFormat", "GatewayMapping", "CanonicalModel"],
            path: "Benchmarks/edigate-bench"),
        // libFuzzer entry points, built only by scripts/fuzz.sh with -sanitize=fuzzer.
        .target(name: "FuzzSupport", dependencies: ["EDIFormat"], path: "Fuzz/FuzzSupport"),
        .executableTarget(name: "FuzzX12", dependencies: ["FuzzSupport"], path: "Fuzz/FuzzX12"),
        .executableTarget(name: "FuzzEDIFACT", dependencies: ["FuzzSupport"], path: "Fuzz/FuzzEDIFACT"),
        .testTarget(name: "EDIFormatTests", dependencies: ["EDIFormat"], resources: [.copy("Fixtures")]),
        .testTarget(
            name: "GatewayMappingTests", dependencies: ["GatewayMapping", "CanonicalModel", "EDIFormat", "EDIXML"],
            exclude: ["Goldens"]),
        .testTarget(name: "edigateTests", dependencies: ["edigate"]),
        .testTarget(name: "GatewayTransportTests", dependencies: ["GatewayTransport"]),
        .testTarget(name: "GatewayServiceTests", dependencies: ["GatewayService", "EDIFormat"]),
        .testTarget(name: "GatewayStoreTests", dependencies: ["GatewayStore"]),
    ],
    swiftLanguageModes: [.v6]
)
