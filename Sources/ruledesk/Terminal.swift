import Foundation

/// Where commands write: results to stdout, problems to stderr.
enum Terminal {
    static func print(_ text: String) {
        FileHandle.standardOutput.write(Data((text + "\n").utf8))
    }

    static func error(_ text: String) {
        FileHandle.standardError.write(Data(("ruledesk: " + text + "\n").utf8))
    }
}

/// A command that ends with a message and an exit status (1 unless said otherwise).
struct CommandFailure: Error {
    let message: String
    var status: Int32 = 1
}
