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
        .package(url: "https://github.com/weichsel/ZIPFoundation", exact: "0.9.20"),
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
        // Zstandard from Debian's libzstd-dev: the decisions' results and trace are stored compressed with it.
        .systemLibrary(
            name: "CZstd",
            pkgConfig: "libzstd",
            providers: [.apt(["libzstd-dev"])]
        ),
        // The sandbox's own Lua is a resource, compiled into the library: luacheck and editors read it as Lua.
        .target(name: "LuaRuntime", dependencies: ["CLua"], resources: [.embedInCode("Sandbox.lua")]),
        .target(
            name: "RuleDesk",
            dependencies: [
                "LuaRuntime",
                "CZstd",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "CSV", package: "CSV.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
                // The zip container of .xlsx workbooks (Spreadsheet/); their XML is read and written here.
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            // Compiled into the library, wherever it runs: the host's Lua (the driver, the console's helpers, the rule
            // tests' expectations), which luacheck and editors read as Lua, and the holiday calendar `ruledesk gen`
            // builds its world with.
            resources: [
                .embedInCode("Rules/Driver.lua"), .embedInCode("Console/ConsolePrelude.lua"),
                .embedInCode("Testing/Expectations.lua"), .embedInCode("Synthetic/calendar.csv"),
            ]
        ),
        .executableTarget(
            name: "ruledesk",
            dependencies: [
                "RuleDesk",
                "CEditLine",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Pseudo-terminals for the console's end-to-end tests.
        .target(name: "CTerminalTesting"),
        // Temporary folders the tests make, removed when each test ends.
        .target(name: "TemporaryFolders", path: "Tests/TemporaryFolders"),
        .testTarget(name: "LuaRuntimeTests", dependencies: ["LuaRuntime", "CLua"]),
        .testTarget(
            name: "RuleDeskTests",
            // ZIPFoundation: the tests build workbooks as other programs write them (shared strings, styles).
            dependencies: ["RuleDesk", "TemporaryFolders", .product(name: "ZIPFoundation", package: "ZIPFoundation")],
            exclude: ["Golden"]
        ),
        .testTarget(
            name: "EndToEndTests",
            dependencies: ["RuleDesk", "CTerminalTesting", "TemporaryFolders",
                           .product(name: "GRDB", package: "GRDB.swift")]
        ),
    ]
)
