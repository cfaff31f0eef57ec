import ArgumentParser
import Foundation
import RuleDesk

struct ReplCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "repl",
        abstract: "The clerk's console: evaluate and explain one case while the owner is on the phone.",
        discussion: """
            A Lua prompt in the rules' sandbox with helpers: ticket("KF-2026-000001"), case{…}, eval(t),
            plan("H01"), tickets{…}; and .help, .rules, .reload, .tickets, .format, .quit. Not on a terminal
            (ruledesk repl < session.lua) it prints each result and exits 1 if any chunk failed; each chunk
            there has the rules' instruction budget and time limit.

            Example:
              ruledesk repl
              echo 'eval(ticket("KF-2026-000014"))' | ruledesk repl
            """
    )

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var rules: EvaluationRulesOptions

    @OptionGroup var language: LanguageOptions

    @Flag(help: "Show owners' phone numbers in full.")
    var showPII = false

    func run() throws {
        let onTerminal = isatty(STDIN_FILENO) != 0 && isatty(STDOUT_FILENO) != 0
        let store = try database.open(for: .read)
        let chosen = try rules.load(store: store)
        let draftLine = chosen.draftLine
        let console = try ConsoleSession(store: store, rules: chosen.source, settings: try Settings.fromEnvironment(),
                                         showPII: showPII, limits: onTerminal ? ConsoleSession.terminalLimits : ConsoleSession.scriptLimits,
                                         language: language.language)
        if onTerminal {
            if let draftLine { Terminal.print(draftLine) }
            interactive(console)
        } else {
            // A script's output stays its own; the draft mark goes to stderr.
            if let draftLine { Terminal.error(draftLine) }
            guard piped(console) else { throw ExitCode(1) }
        }
    }

    private func interactive(_ console: ConsoleSession) {
        let colour = ProcessInfo.processInfo.environment["NO_COLOR"] == nil
        let history = ProcessInfo.processInfo.environment["HOME"].map { $0 + "/.ruledesk_history" }
        console.catchInterrupts()
        let reader = LineReader(historyPath: history, interrupts: ConsoleSession.interruptDescriptor) { word, line in
            console.completions(for: word, in: line)
        }
        if let warning = reader.localeWarning { Terminal.error(warning) }
        Terminal.print(ConsoleMessage.banner.text(in: console.language))
        while true {
            _ = ConsoleSession.takeInterrupt()
            switch reader.read(prompt: console.prompt, interrupted: ConsoleSession.takeInterrupt) {
            case .end:
                Terminal.print("")
                return
            case .interrupted:
                Terminal.print(console.cancelLine() ?? "")
            case .line(let line):
                reader.remember(line)
                let reply = console.submit(line)
                for text in reply.output { Terminal.print(text) }
                if let error = reply.error { Terminal.print(colour ? "\u{1B}[31m\(error)\u{1B}[0m" : error) }
                if reply.quit { return }
            }
        }
    }

    /// Reads stdin to the end; returns whether every chunk succeeded.
    private func piped(_ console: ConsoleSession) -> Bool {
        var succeeded = true, number = 0
        while let line = Swift.readLine(strippingNewline: true) {
            number += 1
            let reply = console.submit(line)
            for text in reply.output { Terminal.print(text) }
            if let error = reply.error {
                Terminal.error(ConsoleMessage.failedLine(number, error).text(in: console.language))
                succeeded = false
            }
            if reply.quit { break }
        }
        if console.isContinuing {
            Terminal.error(ConsoleMessage.unfinishedChunk.text(in: console.language))
            succeeded = false
        }
        return succeeded
    }
}
