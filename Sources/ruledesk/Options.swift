import ArgumentParser
import Foundation
import RuleDesk

/// `--db PATH`: the database, default `./ruledesk.db` or `$RULEDESK_DB`.
struct DatabaseOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The SQLite database (default: $RULEDESK_DB, else ./ruledesk.db).", valueName: "path"))
    var db: String?

    var path: String {
        if let db { return db }
        if let env = ProcessInfo.processInfo.environment["RULEDESK_DB"], !env.isEmpty { return env }
        return "ruledesk.db"
    }

    /// The store, which must exist already and be a ruledesk database; `.read` writes nothing to it.
    func open(for access: Store.Access) throws -> Store {
        try Store(path: path, access: access)
    }
}

/// `--rules DIR`: a folder of rule scripts, default `./rules`.
struct RulesOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The folder of rule scripts (default: ./rules).", valueName: "dir"))
    var rules: String?

    var folder: String { rules ?? "rules" }

    func load() throws -> RuleSet { try RuleSet(folder: folder) }
}

/// `--rules DIR` for commands that evaluate: a draft folder; without it the version in force, or `./rules`
/// as a draft when nothing is published yet.
struct EvaluationRulesOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "A draft folder of rule scripts (default: the version in force; ./rules as a draft when nothing is published).",
        valueName: "dir"))
    var rules: String?

    /// The rules to evaluate and, for a draft, the line that marks the output as one.
    func load(store: Store) throws -> (ruleSet: RuleSet, source: RuleSource, draftLine: String?) {
        let source = try RuleSource.choose(folder: rules, store: store)
        let ruleSet = try source.load(from: store)
        return (ruleSet, source, try source.draftLine(ruleSet, store: store))
    }
}

/// `--format text|json`.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}

/// `--format text|json`, text by default.
struct FormatOptions: ParsableArguments {
    @Option(help: "text for people, json for programs.")
    var format: OutputFormat = .text
}

/// `--jobs N`: from 1 to ``BatchOptions/maxJobs``.
enum JobsLimit {
    static func check(_ jobs: Int) throws {
        guard jobs >= 1 else { throw ValidationError("--jobs must be 1 or more") }
        guard jobs <= BatchOptions.maxJobs else {
            throw ValidationError("--jobs \(jobs) is more than \(BatchOptions.maxJobs), the most ruledesk runs at once (each job is a Lua state that may hold up to its memory limit); use the number of cores")
        }
    }
}

extension Language: ExpressibleByArgument {}

/// `--lang zh|en`: the language of what a clerk reads; without it, the locale's (LC_ALL, LC_MESSAGES, LANG).
struct LanguageOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "zh or en: the language of the text a clerk reads (default: Chinese when LC_ALL, LC_MESSAGES or LANG starts with zh).",
        valueName: "language"))
    var lang: Language?

    var language: Language { Language.choose(lang) }
}
