// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "anomaly-report",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "anomaly-report", targets: ["anomaly-report"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    ],
    targets: [
        // C shim over the system cairo library; nothing else lives here.
        .systemLibrary(
            name: "CCairo",
            pkgConfig: "cairo",
            providers: [.apt(["libcairo2-dev"])]
        ),
        // zlib (installed with libcairo2-dev) for the PNG encoder: deflate and CRC-32 (the Adler-32 is ours), nothing else.
        .systemLibrary(
            name: "CZlib",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]
        ),
        // LZ4, Zstandard and LZMA (xz) for ROOT's compressed object blocks.
        .systemLibrary(name: "CLZ4", pkgConfig: "liblz4", providers: [.apt(["liblz4-dev"])]),
        .systemLibrary(name: "CZstd", pkgConfig: "libzstd", providers: [.apt(["libzstd-dev"])]),
        .systemLibrary(name: "CLZMA", pkgConfig: "liblzma", providers: [.apt(["liblzma-dev"])]),
        // ROOT files: source layer (header, directories, keys, decompression) and model layer (streamers, TH1/TH2).
        .target(name: "ROOTFile", dependencies: ["CZlib", "CLZ4", "CZstd", "CLZMA"]),
        // Figures, axes, scales, marks, colour maps and PNG/SVG/PDF output. Knows nothing of anomaly detection.
        .target(name: "Plotting", dependencies: ["CCairo", "CZlib", "Core"]),
        // Core: seeded random numbers, statistics and detection metrics (one confusion matrix, typed metric keys).
        .target(name: "Core"),
        // DINAMO-S reference-histogram monitoring (pure computation).
        .target(name: "Dinamo", dependencies: ["Core"]),
        // DINAMO-ML: the published transformer reference (forward, backward, AdamW) and its monitor (pure computation).
        .target(name: "DinamoML", dependencies: ["Core", "Dinamo"]),
        // Monte Carlo EM time-series anomaly detection (pure computation).
        .target(name: "MonteCarloEM", dependencies: ["Core"]),
        // Input sources: CSV/JSON histogram and series files, per-run ROOT files (DQM run numbers, run labels),
        // label windows, config documents (JSON or YAML); each plans its members, checks its head and loads; their
        // limits and `InputError`. Knows no method.
        .target(name: "Inputs", dependencies: ["ROOTFile", "Core", .product(name: "Yams", package: "Yams")]),
        // Job specs, the method seam and its methods (Methods/), the streaming pipeline, the facts of each input, and
        // their consumers: the report site, summary.json, JUnit, --fail-on, shards and merge.
        .target(
            name: "Reporting",
            dependencies: [
                "Plotting", "Core", "Dinamo", "DinamoML", "MonteCarloEM", "Inputs",
                "ROOTFile",
                .product(name: "Mustache", package: "swift-mustache"),
            ],
            plugins: ["EmbedTemplates"]
        ),
        // Compiles templates/ into Reporting, so the binary carries its default templates.
        .executableTarget(name: "EmbedTemplatesTool"),
        .plugin(name: "EmbedTemplates", capability: .buildTool(), dependencies: ["EmbedTemplatesTool"]),
        // The executable: argument parsing only.
        .executableTarget(
            name: "anomaly-report",
            dependencies: [
                "Reporting", "Inputs", "Dinamo", "MonteCarloEM", "Plotting",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // `make bench`: release-build timings against the budgets of docs/performance.md.
        .executableTarget(
            name: "Bench",
            dependencies: ["Plotting", "Core", "Dinamo", "DinamoML", "MonteCarloEM", "Inputs", "Reporting", "ROOTFile"],
            // Reference/ holds the uproot script the ROOT benchmark runs for comparison.
            exclude: ["Reference"]
        ),
        .testTarget(name: "PlottingTests", dependencies: ["Plotting", "CCairo", "Core"]),
        .testTarget(
            name: "ROOTFileTests",
            dependencies: ["ROOTFile"],
            // ROOT files written by ROOT and g4tools, with expected.json; read from the source tree.
            exclude: ["Fixtures"]
        ),
        .testTarget(name: "CoreTests", dependencies: ["Core"], exclude: ["Fixtures"]),
        .testTarget(name: "DinamoTests", dependencies: ["Dinamo", "Core"]),
        // The PyTorch fixture (Fixtures/make_fixture.py and its output) is read from the source tree.
        .testTarget(name: "DinamoMLTests", dependencies: ["DinamoML", "Dinamo", "Core"], exclude: ["Fixtures"]),
        .testTarget(name: "MonteCarloEMTests", dependencies: ["MonteCarloEM", "Core"]),
        // Fixture files and input-error assertions shared by the test targets.
        .target(name: "TestSupport", dependencies: ["Inputs"], path: "Tests/TestSupport"),
        .testTarget(name: "InputsTests", dependencies: ["Inputs", "ROOTFile", "Core", "TestSupport"]),
        .testTarget(
            name: "ReportingTests",
            dependencies: ["Reporting", "Inputs", "TestSupport", "Plotting", "Dinamo", "MonteCarloEM", "Core",
                           "ROOTFile"],
            // The broken-input corpus is read from the source tree by `CorpusTests`.
            exclude: ["Corpus"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
