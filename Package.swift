// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "ladder",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "ladder", targets: ["ladder"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", exact: "5.0.1"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", exact: "2.1.1"),
        .package(url: "https://github.com/swhitty/FlyingFox", exact: "0.27.1"),
        .package(url: "https://github.com/yaslab/CSV.swift", exact: "2.5.2"),
    ],
    targets: [
        .systemLibrary(
            name: "Ccmark",
            pkgConfig: "libcmark",
            providers: [.apt(["libcmark-dev"])]
        ),
        // The thread-local arena cmark allocates from (C: reached without a function call).
        .target(name: "CmarkArena"),
        .target(name: "LadderModel"),
        // The system calls that differ between Linux and macOS, in one file.
        .target(name: "LadderPlatform"),
        .target(
            name: "LadderParser",
            dependencies: ["LadderModel", "LadderPlatform", "Ccmark", "CmarkArena", .product(name: "Yams", package: "Yams")]
        ),
        // Facts derived from a framework (area alignment, mileage), computed once for Health and Site.
        .target(name: "LadderAnalysis", dependencies: ["LadderModel"]),
        .target(name: "LadderHealth", dependencies: ["LadderModel", "LadderAnalysis"]),
        .target(
            name: "LadderSite",
            dependencies: [
                "LadderModel", "LadderAnalysis", "LadderHealth", "LadderPlatform",
                .product(name: "Mustache", package: "swift-mustache"),
            ],
            plugins: ["EmbedTemplates"]
        ),
        // The pipeline (load → parse → check → plan → render → write) and the diagnostics
        // printers, for the command line and the preview server alike.
        .target(name: "LadderBuild", dependencies: ["LadderModel", "LadderParser", "LadderAnalysis", "LadderHealth", "LadderSite", "LadderPlatform"]),
        .target(
            name: "LadderServe",
            dependencies: [
                "LadderModel", "LadderBuild", "LadderSite",
                // FlyingFox's sockets only: the preview reads requests itself (HTTPServer.swift).
                .product(name: "FlyingSocks", package: "FlyingFox"),
            ]
        ),
        .target(name: "LadderPrint", dependencies: ["LadderPlatform"]),
        // `ladder import`: spreadsheets and other tools' data → content files.
        .target(
            name: "LadderImport",
            dependencies: [
                "LadderModel", "LadderParser", .product(name: "CSV", package: "CSV.swift"), .product(name: "Yams", package: "Yams"),
            ]
        ),
        // libFuzzer target for the reading side; built only by `make fuzz`, with sanitizers.
        .executableTarget(name: "LadderFuzz", dependencies: ["LadderParser", "LadderHealth", "LadderModel"]),
        .executableTarget(
            name: "ladder",
            dependencies: [
                "LadderModel", "LadderParser", "LadderAnalysis", "LadderHealth", "LadderSite", "LadderBuild", "LadderServe", "LadderPrint",
                "LadderImport", "LadderPlatform",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Builds templates/ into the binary, so `ladder build` works in a folder with only content/.
        .executableTarget(name: "EmbedTemplatesTool"),
        .plugin(
            name: "EmbedTemplates",
            capability: .buildTool(),
            dependencies: ["EmbedTemplatesTool"],
            path: "Sources/EmbedTemplatesPlugin"
        ),
        .testTarget(name: "LadderModelTests", dependencies: ["LadderModel"]),
        .testTarget(
            name: "LadderParserTests", dependencies: ["LadderParser", "LadderModel", "LadderHealth", "CmarkArena", .product(name: "Yams", package: "Yams")]),
        .testTarget(name: "LadderHealthTests", dependencies: ["LadderHealth", "LadderAnalysis", "LadderParser", "LadderModel", "LadderBuild"]),
        .testTarget(name: "LadderImportTests", dependencies: ["LadderImport", "LadderParser", "LadderModel", "LadderAnalysis", "LadderHealth", "LadderSite"]),
        .testTarget(name: "LadderPrintTests", dependencies: ["LadderPrint", "LadderBuild", "LadderSite", "LadderPlatform"]),
        .testTarget(name: "LadderServeTests", dependencies: ["LadderServe", "LadderBuild", "LadderSite", "LadderModel"]),
        .testTarget(
            name: "LadderSiteTests",
            dependencies: ["LadderSite", "LadderBuild", "LadderServe", "LadderParser", "LadderModel", "LadderAnalysis", "LadderHealth", "ladder"]
        ),
    ]
)
