// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "csto-reader",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "csto-reader", targets: ["csto-reader"]),
        .executable(name: "reader-bench", targets: ["reader-bench"]),
        .library(name: "Corpus", targets: ["Corpus"]),
        .library(name: "SearchIndex", targets: ["SearchIndex"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
        .package(url: "https://github.com/LebJe/TOMLKit", exact: "0.6.0"),
    ],
    targets: [
        .target(
            name: "Corpus",
            exclude: ["Data"],
            swiftSettings: [
                // The page cleaner and word scanner are byte loops with local state; runtime
                // exclusivity checks cost ~15% of ingest time there (measured with perf).
                .unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release)),
            ]
        ),
        .target(
            name: "SearchIndex",
            dependencies: ["Corpus"],
            swiftSettings: [
                .unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release)),
            ]
        ),
        .target(name: "TerminalCore"),
        .target(
            name: "CorpusCache",
            dependencies: ["Corpus", "SearchIndex"],
            swiftSettings: [
                .unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release)),
            ]
        ),
        .systemLibrary(name: "CSQLite", path: "Sources/CSQLite"),
        .systemLibrary(name: "CNcursesw", path: "Sources/CNcursesw"),
        // Shared by the test targets: the built products, tmux, snapshots, bounded process runs.
        .target(name: "ReaderTestSupport", dependencies: ["TerminalCore"]),
        .target(name: "ReadingState", dependencies: [.product(name: "GRDB", package: "GRDB.swift")]),
        .target(name: "ReaderUI", dependencies: ["Corpus", "SearchIndex", "TerminalCore", "ReadingState"]),
        .target(name: "NcursesBackend", dependencies: ["CNcursesw", "TerminalCore"]),
        .target(name: "ReaderConfig", dependencies: ["ReaderUI", "TerminalCore", .product(name: "TOMLKit", package: "TOMLKit")]),
        .executableTarget(
            name: "csto-reader",
            dependencies: [
                "Corpus",
                "CorpusCache",
                "SearchIndex",
                "TerminalCore",
                "ReaderUI",
                "ReaderConfig",
                "ReadingState",
                "NcursesBackend",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "reader-bench",
            dependencies: [
                "Corpus",
                "CorpusCache",
                "SearchIndex",
                "CSQLite",
                "ReaderUI",
                "TerminalCore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "CorpusTests",
            dependencies: ["Corpus"],
            exclude: ["Fixtures"]
        ),
        .testTarget(
            name: "SearchIndexTests",
            dependencies: ["SearchIndex", "Corpus", .product(name: "PropertyBased", package: "swift-property-based")]
        ),
        .testTarget(
            name: "ReaderUITests",
            dependencies: ["ReaderUI", "ReaderConfig", "TerminalCore", "Corpus", "SearchIndex", "ReadingState", "ReaderTestSupport"],
            exclude: ["__Snapshots__"]
        ),
        .testTarget(
            name: "CorpusCacheTests",
            dependencies: ["CorpusCache", "Corpus", "SearchIndex"]
        ),
        .testTarget(
            name: "ReadingStateTests",
            dependencies: ["ReadingState"]
        ),
        .testTarget(
            name: "TerminalCoreTests",
            dependencies: ["TerminalCore"]
        ),
        .testTarget(
            name: "EndToEndTests",
            dependencies: ["csto-reader", "reader-bench", "ReaderTestSupport"]
        ),
        .testTarget(
            name: "CLITests",
            dependencies: ["csto-reader", "reader-bench", "ReaderTestSupport", "ReadingState"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
