// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "ruledesk",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "ruledesk", targets: ["ruledesk"]),
        .library(name: "RuleDesk", targets: ["RuleDesk"]),
        .library(name: "LuaRuntime", targets: ["LuaRuntime"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
    ],
    targets: [
        // Lua 5.4 from Debian's liblua5.4-dev, with small C shims for the macros Swift cannot import.
        .systemLibrary(
            name: "CLua",
            pkgConfig: "lua5.4",
            providers: [.apt(["liblua5.4-dev"])]
        ),
        // libedit from Debian's libedit-dev, for the console's line editing.
        .systemLibrary(
            name: "CEditLine",
            pkgConfig: "libedit",
            providers: [.apt(["libedit-dev"])]
        ),
        .target(name: "LuaRuntime", dependencies: ["CLua"]),
        .target(
            name: "RuleDesk",
            dependencies: [
                "LuaRuntime",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "CSV", package: "CSV.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .executableTarget(
            name: "ruledesk",
            dependencies: [
                "RuleDesk",
                "LuaRuntime",
                "CEditLine",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Pseudo-terminals for the console's end-to-end tests.
        .target(name: "CTerminalTesting"),
        // Temporary folders the tests make, removed when each test ends.
        .target(name: "TemporaryFolders", path: "Tests/TemporaryFolders"),
        .testTarget(name: "LuaRuntimeTests", dependencies: ["LuaRuntime"]),
        .testTarget(name: "RuleDeskTests", dependencies: ["RuleDesk", "TemporaryFolders"]),
        .testTarget(
            name: "EndToEndTests",
            dependencies: ["RuleDesk", "CTerminalTesting", "TemporaryFolders",
                           .product(name: "GRDB", package: "GRDB.swift")]
        ),
    ]
)
