import Foundation

/// Site settings that are not policy: where the company's clock is.
public struct Settings: Sendable {
    /// The company's time zone: registration dates are local dates in it.
    public var timeZone: TimeZone

    public init(timeZone: TimeZone) { self.timeZone = timeZone }

    /// Today in the company's time zone.
    public var today: LocalDate {
        Timestamp(secondsSinceEpoch: Int(Date().timeIntervalSince1970)).localDate(in: timeZone)
    }

    /// From the environment: `RULEDESK_TIMEZONE` (an IANA name such as `Asia/Shanghai`, the default).
    public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) throws -> Settings {
        let name = environment["RULEDESK_TIMEZONE"].flatMap { $0.isEmpty ? nil : $0 } ?? "Asia/Shanghai"
        guard let zone = TimeZone(identifier: name) else {
            throw SettingsError.unknownTimeZone(name)
        }
        return Settings(timeZone: zone)
    }
}

/// A setting that cannot be used.
public enum SettingsError: Error, CustomStringConvertible {
    case unknownTimeZone(String)

    public var description: String {
        switch self {
        case .unknownTimeZone(let name):
            return "RULEDESK_TIMEZONE: unknown time zone '\(name)'; use an IANA name such as Asia/Shanghai"
        }
    }
}
