import Foundation

/// The y/N question before a rule version goes into force: asked on a terminal, answered by `--yes` in scripts.
enum Confirmation {
    /// Fails at once when nobody could answer: no `--yes` and no terminal.
    static func ensurePossible(yes: Bool) throws {
        guard yes || isatty(STDIN_FILENO) != 0 else {
            throw CommandFailure(message: "not on a terminal, so nobody can confirm: pass --yes to publish from a script; nothing was published")
        }
    }

    /// Asks `question` unless `yes`; anything but y or yes refuses.
    static func ask(_ question: String, yes: Bool) throws {
        if yes { return }
        FileHandle.standardOutput.write(Data((question + " [y/N] ").utf8))
        let answer = (Swift.readLine() ?? "").trimmingCharacters(in: .whitespaces).lowercased()
        guard answer == "y" || answer == "yes" else { throw CommandFailure(message: "not confirmed; nothing was published") }
    }
}
