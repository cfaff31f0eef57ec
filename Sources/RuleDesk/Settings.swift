import Foundation
import LuaRuntime

/// Site settings that are not policy: where the company's clock is, and how much one evaluation may use.
public struct Settings: Sendable {
    /// The company's time zone: registration dates are local dates in it.
    public var timeZone: TimeZone
    /// What one ticket's evaluation may use: instructions, memory, and wall time (`RULEDESK_TIME_LIMIT`).
    public var limits = LuaLimits()
    /// The most bytes one decision's results and trace may take (`RULEDESK_OUTPUT_LIMIT`, in KB).
    public var outputBytes = 256 * 1024

    public init(timeZone: TimeZone) { self.timeZone = timeZone }

    /// Today in the company's time zone.
    public var today: LocalDate {
        Timestamp(secondsSinceEpoch: Int(Date().timeIntervalSince1970)).localDate(in: timeZone)
    }

    /// From the environment: `RULEDESK_TIMEZONE` (an IANA name such as `Asia/Shanghai`, the default),
    /// `RULEDESK_TIME_LIMIT` (seconds per ticket, default 5) and `RULEDESK_OUTPUT_LIMIT` (KB per decision, default 256).
    public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) throws -> Settings {
        func value(_ name: String) -> String? { environment[name].flatMap { $0.isEmpty ? nil : $0 } }
        let name = value("RULEDESK_TIMEZONE") ?? "Asia/Shanghai"
        guard let zone = TimeZone(identifier: name) else {
            throw SettingsError.unknownTimeZone(name)
        }
        var settings = Settings(timeZone: zone)
        if let text = value("RULEDESK_TIME_LIMIT") {
            guard let seconds = Double(text), seconds > 0, seconds <= 3600 else {
                throw SettingsError.badNumber("RULEDESK_TIME_LIMIT", text, "seconds per ticket, more than 0 and at most 3600")
            }
            settings.limits.seconds = seconds
        }
        if let text = value("RULEDESK_OUTPUT_LIMIT") {
            guard let kilobytes = Int(text), kilobytes >= 1, kilobytes <= 16_384 else {
                throw SettingsError.badNumber("RULEDESK_OUTPUT_LIMIT", text, "KB per decision, from 1 to 16384")
            }
            settings.outputBytes = kilobytes * 1024
        }
        return settings
    }
}

/// A setting that cannot be used.
public enum SettingsError: Error, CustomStringConvertible {
    case unknownTimeZone(String)
    /// A variable, its value, and what it should be.
    case badNumber(String, String, String)

    public var description: String {
        switch self {
        case .unknownTimeZone(let name):
            return "RULEDESK_TIMEZONE: unknown time zone '\(name)'; use an IANA name such as Asia/Shanghai"
        case .badNumber(let variable, let value, let expected):
            return "\(variable): '\(value)' is not a number of \(expected)"
        }
    }
}
