import Foundation
import GRDB

/// A residential community (小区): the unit of handover, warranty and revisits.
public struct Community: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "communities"
    public var id: Int64?
    public var code: String
    public var name: String
    public var completionDate: LocalDate
    public var handoverDate: LocalDate?
    public var householdsTotal: Int
    /// The customer-service office (客户服务处) the community belongs to; empty for the default office.
    public var office: String = ""

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

/// A household (户) of a community. `owner` and `phone` are personal data: never log them.
public struct Household: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "households"
    public var id: Int64?
    public var code: String
    public var communityId: Int64
    public var building: String
    public var unit: String
    public var room: String
    public var owner: String
    public var phone: String
    public var movedInOn: LocalDate?

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

/// A contractor (施工单位) with its quality guarantee deposit in yuan.
public struct Contractor: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "contractors"
    public var id: Int64?
    public var code: String
    public var name: String
    public var deposit: Double

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

/// A complaint or repair request (投诉/报修), registered with one running number.
public struct Ticket: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "tickets"
    public var id: Int64?
    public var number: String
    public var receivedAt: String
    public var channel: String
    public var communityId: Int64
    public var householdId: Int64?
    public var cause: String
    public var kind: String
    public var component: String?
    /// Trades joined by `|`, as in the CSV.
    public var trades: String
    public var complex: Bool
    public var estimatedCost: Double?
    public var householdsAffected: Int
    public var hazard: Bool
    public var media: Bool
    public var surveyDate: LocalDate?
    public var completedAt: String?
    public var description: String
    public var status: String = "new"
    /// The recorded facts (events folded onto the ticket): the local date of `completedAt`, the department's
    /// feedback, the owner's consent to a later repair, the final cost, the callback and its rating, the closing.
    public var completedOn: LocalDate?
    public var feedbackOn: LocalDate?
    public var consentUntil: LocalDate?
    public var finalCost: Double?
    public var callbackOn: LocalDate?
    public var callbackRating: String?
    public var closedOn: LocalDate?
    /// The local date of `receivedAt` in the company's time zone, which reports count registrations by.
    public var registeredOn: LocalDate?

    /// The trades as a list.
    public var tradeList: [String] { trades.split(separator: "|").map(String.init) }

    /// The columns of the recorded facts, which `ruledesk record` writes (never a rule's `record`).
    static let factColumns: Set<String> = [
        "completed_on", "feedback_on", "consent_until", "final_cost", "callback_on", "callback_rating", "closed_on",
    ]

    /// The local date of a completion written as a date or as an ISO 8601 time.
    public static func completionDate(_ completed: String, in zone: TimeZone) -> LocalDate? {
        LocalDate(completed) ?? Timestamp(completed)?.localDate(in: zone)
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

extension LocalDate: DatabaseValueConvertible, Codable {
    public var databaseValue: DatabaseValue { description.databaseValue }

    public static func fromDatabaseValue(_ dbValue: DatabaseValue) -> LocalDate? {
        String.fromDatabaseValue(dbValue).flatMap { LocalDate($0) }
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let date = LocalDate(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a YYYY-MM-DD date: \(text)"))
        }
        self = date
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

/// Records whose Swift properties are the snake_case columns (`completionDate` ↔ `completion_date`).
public protocol SnakeCaseColumns: FetchableRecord, EncodableRecord {}

extension SnakeCaseColumns {
    public static var databaseColumnDecodingStrategy: DatabaseColumnDecodingStrategy { .convertFromSnakeCase }
    public static var databaseColumnEncodingStrategy: DatabaseColumnEncodingStrategy { .convertToSnakeCase }
}

extension Community: SnakeCaseColumns {
    /// Read by column name without `Decodable`: the batch reads many records.
    public init(row: Row) throws {
        id = row["id"]
        code = row["code"]
        name = row["name"]
        completionDate = row["completion_date"]
        handoverDate = row["handover_date"]
        householdsTotal = row["households_total"]
        office = row["office"]
    }
}

extension Household: SnakeCaseColumns {
    public init(row: Row) throws {
        id = row["id"]
        code = row["code"]
        communityId = row["community_id"]
        building = row["building"]
        unit = row["unit"]
        room = row["room"]
        owner = row["owner"]
        phone = row["phone"]
        movedInOn = row["moved_in_on"]
    }
}

extension Ticket: SnakeCaseColumns {
    public init(row: Row) throws {
        id = row["id"]
        number = row["number"]
        receivedAt = row["received_at"]
        channel = row["channel"]
        communityId = row["community_id"]
        householdId = row["household_id"]
        cause = row["cause"]
        kind = row["kind"]
        component = row["component"]
        trades = row["trades"]
        complex = row["complex"]
        estimatedCost = row["estimated_cost"]
        householdsAffected = row["households_affected"]
        hazard = row["hazard"]
        media = row["media"]
        surveyDate = row["survey_date"]
        completedAt = row["completed_at"]
        description = row["description"]
        status = row["status"]
        completedOn = row["completed_on"]
        feedbackOn = row["feedback_on"]
        consentUntil = row["consent_until"]
        finalCost = row["final_cost"]
        callbackOn = row["callback_on"]
        callbackRating = row["callback_rating"]
        closedOn = row["closed_on"]
        registeredOn = row["registered_on"]
    }
}
