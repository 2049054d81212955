// swift-tools-version:6.0
import PackageDescription

/// One set of settings for every target: Swift 6 language mode everywhere.
let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
]

/// The modules on the loading and filtering hot paths: in release builds, exclusivity is
/// checked at compile time only (the dynamic checks cost about a tenth of a large load).
let hotPathSettings: [SwiftSetting] = swiftSettings + [
    .unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release)),
]

let package = Package(
    name: "smile-triage",
    // Built and tested on Linux (Debian 12, glibc). macOS 15 is the first with the
    // Synchronization module (Mutex, Atomic); builds there are not tested in CI.
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "smile-triage", targets: ["smile-triage"]),
        .executable(name: "smile-triage-bench", targets: ["smile-triage-bench"]),
        .executable(name: "smile-triage-fuzz", targets: ["smile-triage-fuzz"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.0.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.81.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.25.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.5.3"),
    ],
    targets: [
        // Domain: jobs, result codes, catalogue, Smile Secure. Standard library only.
        .target(name: "SmileJobs", swiftSettings: hotPathSettings),
        // The read model: the loaded jobs' columns, rows, one query (filter, search, sort), rings,
        // the review queue, decision marks. Loaders write into it through its builder.
        .target(name: "JobIndex", dependencies: ["SmileJobs", "CVectorScan"], swiftSettings: hotPathSettings),
        // A tolerant, depth-limited JSON reader and writer. Standard library only.
        .target(name: "TolerantJSON", swiftSettings: hotPathSettings),
        // Reading the world: JSON, files, folders, stdin, signatures.
        .systemLibrary(name: "CZlib", path: "Sources/CZlib"),
        .target(
            name: "JobSources",
            dependencies: [
                "SmileJobs", "JobIndex", "TolerantJSON", "CZlib", "CSignalStack", "CVectorScan",
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: hotPathSettings
        ),
        // The dashboard as pure values: state, actions, reducer, keymap.
        .target(name: "TriageViewModel", dependencies: ["SmileJobs", "JobIndex"], swiftSettings: hotPathSettings),
        // Screens rendered to grids of styled cells.
        .target(name: "TriageScreen", dependencies: ["TriageViewModel", "SmileJobs", "JobIndex"], swiftSettings: swiftSettings),
        // An alternate signal stack per thread, so the crash handler runs after a stack overflow.
        .target(name: "CSignalStack", path: "Sources/CSignalStack"),
        // Sixteen bytes at a time for the fast scanner's strings (SSE2; header-only, inlined).
        .target(name: "CVectorScan", path: "Sources/CVectorScan"),
        // ncursesw, seen only by TriageTerminal.
        .systemLibrary(name: "CNcurses", path: "Sources/CNcurses"),
        .target(name: "TriageTerminal", dependencies: ["CNcurses", "CSignalStack", "TriageScreen", "TriageViewModel"], swiftSettings: swiftSettings),
        // Triage decisions on one machine: SQLite, and memory.
        .target(
            name: "TriageStore",
            dependencies: ["SmileJobs", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: swiftSettings
        ),
        // A team's decisions on PostgreSQL, and choosing the store a --db names. Apart from
        // TriageStore so what needs no server (the fuzzer) builds without SwiftNIO.
        .target(
            name: "TriageServerStore",
            dependencies: [
                "SmileJobs", "TriageStore", "CSignalStack",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"), .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        // The commands, as a library so tests run them in process.
        .target(
            name: "TriageCommands",
            dependencies: [
                "SmileJobs", "JobIndex", "TolerantJSON", "JobSources", "TriageViewModel", "TriageScreen", "TriageTerminal", "TriageStore",
                "TriageServerStore", "CSignalStack", .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .target(name: "CMalloc", condition: .when(platforms: [.linux])),
            ],
            swiftSettings: swiftSettings
        ),
        // glibc's mallopt and malloc_trim: the executable's allocator settings, and the
        // dashboard handing a load's freed buffers back once it is in.
        .systemLibrary(name: "CMalloc", path: "Sources/CMalloc"),
        .executableTarget(
            name: "smile-triage",
            dependencies: ["TriageCommands", .target(name: "CMalloc", condition: .when(platforms: [.linux]))],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "smile-triage-bench",
            dependencies: ["SmileJobs", "JobIndex", "JobSources", "TriageViewModel", "TriageScreen", "TriageStore", "TriageServerStore"],
            swiftSettings: swiftSettings
        ),
        // Helpers shared by the test targets: fixture paths, golden files.
        .target(name: "TestSupport", dependencies: ["SmileJobs", "JobIndex", "JobSources", "TriageStore", "TriageViewModel", "TriageScreen"], path: "Tests/TestSupport", swiftSettings: swiftSettings),
        // libFuzzer over the loader and the screens (see docs/testing.md).
        .executableTarget(
            name: "smile-triage-fuzz",
            dependencies: ["SmileJobs", "JobIndex", "JobSources", "TriageViewModel", "TriageScreen", "TriageStore"],
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "TolerantJSONTests", dependencies: ["TestSupport", "TolerantJSON"], swiftSettings: swiftSettings),
        .testTarget(name: "SmileJobsTests", dependencies: ["TestSupport", "SmileJobs"], swiftSettings: swiftSettings),
        .testTarget(name: "JobIndexTests", dependencies: ["TestSupport", "JobIndex", "SmileJobs", "JobSources"], swiftSettings: swiftSettings),
        .testTarget(
            name: "JobSourcesTests", dependencies: ["TestSupport", "JobSources", "JobIndex", "SmileJobs", "CVectorScan"],
            exclude: ["Vectors"], swiftSettings: swiftSettings
        ),
        .testTarget(name: "TriageViewModelTests", dependencies: ["TestSupport", "TriageViewModel", "TriageStore", "JobIndex", "SmileJobs", "JobSources"], swiftSettings: swiftSettings),
        .testTarget(
            name: "TriageScreenTests", dependencies: ["TestSupport", "TriageScreen", "TriageViewModel", "TriageStore", "JobIndex", "SmileJobs", "JobSources"],
            exclude: ["Golden"], swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "TriageStoreTests",
            dependencies: [
                "TestSupport", "TriageStore", "TriageServerStore", "SmileJobs", "JobIndex", "JobSources",
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "CLITests",
            dependencies: ["TestSupport", "TriageCommands", "TriageTerminal", "TriageViewModel", "TriageStore", "JobIndex", "SmileJobs", "JobSources", "TolerantJSON"],
            swiftSettings: swiftSettings
        ),
    ],
    swiftLanguageModes: [.v6]
)
