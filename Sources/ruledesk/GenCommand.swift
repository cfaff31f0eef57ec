import ArgumentParser
import RuleDesk

struct GenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gen",
        abstract: "Build a made-up world with N new tickets in a new database (benchmarks, demos, tests).",
        discussion: """
            The world has the holiday calendar, communities in two offices, households, contractors and N new tickets
            with a spread of causes, costs, components, trades and dates over 2024–2026, and what happened to them
            since (feedback, callbacks and their ratings, closings, as events). The same --seed gives the same world.
            If it fails, it leaves no database behind, so the same command can be run again.

            Example:
              ruledesk gen --tickets 100000 --db bench.db
              ruledesk batch --db bench.db --jobs 2
            """
    )

    @Option(help: "How many tickets.")
    var tickets: Int

    @Option(help: "The seed of the random choices.")
    var seed: UInt64 = 2026

    @Option(help: ArgumentHelp("The holiday calendar to import (default: the 2024–2026 calendar built in).", valueName: "file"))
    var calendar: String?

    @OptionGroup var database: DatabaseOptions

    func validate() throws {
        if tickets < 0 { throw ValidationError("--tickets must be 0 or more") }
    }

    func run() throws {
        var world = SyntheticWorld(tickets: tickets)
        world.seed = seed
        world.calendarFile = calendar
        _ = try world.build(at: database.path, settings: try Settings.fromEnvironment())
        Terminal.print("built \(database.path) with \(tickets) new tickets")
    }
}
