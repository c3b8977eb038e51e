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
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
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
        // libssh (system library; SFTP client).
        .systemLibrary(name: "CLibSSH", pkgConfig: "libssh", providers: [.apt(["libssh-dev"])]),
        // Edge: channels (spool directories, SFTP through CLibSSH) and transfer encodings (gzip/zip through
        // CZlib). Knows no EDI.
        .target(name: "GatewayTransport", dependencies: ["CZlib", "CLibSSH"]),
        // Edge: the ledger, duplicate keys, control-number counters, outbox (SQLite through GRDB). Knows no EDI.
        .target(name: "GatewayStore", dependencies: [.product(name: "GRDB", package: "GRDB.swift")]),
        // Edge: the embedded queue (JSON Lines per event type under Spool/events/). Knows no EDI.
        .target(name: "GatewaySinks"),
        // Edge: logs (swift-log), metrics (swift-metrics, Prometheus text on an HTTP port through SwiftNIO).
        .target(
            name: "GatewayTelemetry",
            dependencies: [
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ]),
        // Pure: X12 / EDIFACT / XML to canonical documents.
        .target(
            name: "GatewayMapping",
            dependencies: ["EDIFormat", "EDIXML", "CanonicalModel", .product(name: "Yams", package: "Yams")]),
        // Composition: partner configuration (Partners/), routing, dry runs.
        .target(
            name: "GatewayService",
            dependencies: [
                "EDIFormat", "EDIXML", "GatewayMapping", "CanonicalModel", "GatewayTransport", "GatewayStore",
                "GatewaySinks", "GatewayTelemetry", .product(name: "Yams", package: "Yams"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]),
        .executableTarget(
            name: "edigate",
            dependencies: [
                "EDIFormat", "GatewayMapping", "CanonicalModel", "GatewayTransport", "GatewayService", "GatewayStore",
                "GatewaySinks", "GatewayTelemetry", .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        // Release-built benchmark: MB/s and transaction sets/s (see docs/performance.md).
        .executableTarget(
            name: "edigate-bench", dependencies: ["EDIFormat", "GatewayMapping", "CanonicalModel"],
            path: "Benchmarks/edigate-bench"),
        // Release-built benchmark: drop to durable event through the whole pipeline (docs/performance.md).
        .executableTarget(
            name: "edigate-pipeline-bench", dependencies: ["GatewayService", "GatewayTelemetry"],
            path: "Benchmarks/edigate-pipeline-bench"),
        // libFuzzer entry points, built only by scripts/fuzz.sh with -sanitize=fuzzer.
        .target(name: "FuzzSupport", dependencies: ["EDIFormat"], path: "Fuzz/FuzzSupport"),
        .executableTarget(name: "FuzzX12", dependencies: ["FuzzSupport"], path: "Fuzz/FuzzX12"),
        .executableTarget(name: "FuzzEDIFACT", dependencies: ["FuzzSupport"], path: "Fuzz/FuzzEDIFACT"),
        .testTarget(name: "EDIFormatTests", dependencies: ["EDIFormat"], resources: [.copy("Fixtures")]),
        .testTarget(
            name: "GatewayMappingTests", dependencies: ["GatewayMapping", "CanonicalModel", "EDIFormat", "EDIXML"],
            exclude: ["Goldens"]),
        .testTarget(name: "edigateTests", dependencies: ["edigate"], exclude: ["Goldens"]),
        .testTarget(name: "GatewayTransportTests", dependencies: ["GatewayTransport"]),
        .testTarget(
            name: "GatewayServiceTests",
            dependencies: ["GatewayService", "EDIFormat", "GatewayStore", "GatewaySinks", "GatewayTransport"]),
        .testTarget(name: "GatewayStoreTests", dependencies: ["GatewayStore"]),
        .testTarget(name: "GatewaySinksTests", dependencies: ["GatewaySinks"]),
        .testTarget(name: "GatewayTelemetryTests", dependencies: ["GatewayTelemetry"]),
    ],
    swiftLanguageModes: [.v6]
)
