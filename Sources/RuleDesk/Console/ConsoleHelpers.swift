import Foundation
import GRDB
import LuaRuntime

/// The Swift side of the console's helpers (ConsolePrelude.lua): `ticket`, `case`, `eval`, `plan`, `tickets`,
/// `print`, the rules' `calendar` and `query` (phones masked unless the console shows personal data), and `held`
/// and `show` for the values behind handles.
struct ConsoleHelpers {
    unowned let console: ConsoleSession

    func functions(in lua: LuaState, host: HostAPI) -> [String: LuaArgument] {
        let console = self.console
        return [
            "ticket": .reference(lua.function { call in
                guard case .string(let number) = try call.value(0) else {
                    throw LuaError(.runtime, console.say(.ticketUsage))
                }
                return [try Self.ticketValue(try Self.stored(number, console), console)]
            }),
            "case": .reference(lua.function { call in
                let ticketCase = try CaseBuilder(console: console).build(try call.value(0))
                console.cases[ticketCase.ticket.number] = ticketCase
                return [try Self.ticketValue(ticketCase, console)]
            }),
            "eval": .reference(lua.function { call in
                let argument = try call.value(0)
                guard let number = argument.stringValue ?? argument["number"].stringValue else {
                    throw LuaError(.runtime, console.say(.evalUsage))
                }
                let ticketCase = try console.cases[number] ?? Self.stored(number, console)
                do {
                    try console.engine.vocabulary.check(ticketCase.ticket)
                } catch let error as VocabularyError {
                    throw LuaError(.runtime, VocabularyMessage.storedTicket(number, error).text(in: console.language))
                }
                do {
                    return [console.hold(.decision(try console.engine.evaluate(ticketCase)))]
                } catch let failure as RuleFailure {
                    throw LuaError(.runtime, console.say(.ruleFailed(failure.rule, failure.message)))
                }
            }),
            "plan": .reference(lua.function { call in
                guard case .string(let code) = try call.value(0) else {
                    throw LuaError(.runtime, console.say(.planUsage))
                }
                let community = try console.store.read { try Community.coded(code, in: $0) }
                let dateText = try call.value(1).stringValue
                guard let date = dateText.map({ LocalDate($0) }) ?? Optional(console.settings.today) else {
                    throw LuaError(.runtime, console.say(.notADate(dateText ?? "", for: "plan")))
                }
                do {
                    return [console.hold(.plan(try RevisitPlanner(engine: console.engine, store: console.store).plan(community, on: date)))]
                } catch let failure as RuleFailure {
                    throw LuaError(.runtime, failure.message)
                }
            }),
            "tickets": .reference(lua.function { call in
                [try TicketList(filter: try call.value(0), console: console).rows(in: console.store,
                                                                 results: console.engine.declared.ticketColumns.map(\.column))]
            }),
            "print": .reference(lua.function { call in
                console.printLine((0..<call.count).map { index in
                    ConsoleView.inline((try? call.value(index)) ?? .string("<value>"))
                }.joined(separator: "\t"))
                return []
            }),
            "held": .reference(lua.function { call in [try console.held(try call.value(0)).luaValue] }),
            "show": .reference(lua.function { call in [.string(console.show(try console.held(try call.value(0))))] }),
            "calendar": .reference(host.calendarTable),
            "query": .reference(lua.function { call in
                let rows = try lua.call(host.query, (0..<call.count).map { .value((try? call.value($0)) ?? .nil) })
                return console.showPII ? rows : rows.map(ConsoleView.maskingPhones)
            }),
        ]
    }

    /// A stored ticket, or an error naming the closest numbers.
    static func stored(_ number: String, _ console: ConsoleSession) throws -> TicketCase {
        if let found = try console.store.read({ try TicketCase.load(number: number, from: $0) }) { return found }
        let near = try console.store.read { try TicketSearch.closest(to: number, in: $0) }
        throw LuaError(.runtime, console.say(.noTicket(number, near: near)))
    }

    /// The ticket as rules see it, with the owner and phone (masked unless personal data is shown) and the
    /// results recorded for it in the columns the rules declare (`recorded_COLUMN`).
    static func ticketValue(_ ticketCase: TicketCase, _ console: ConsoleSession) throws -> LuaValue {
        var fields = try ticketCase.ticketValue(in: console.settings.timeZone).tableValue ?? [:]
        if let household = ticketCase.household {
            fields["owner"] = .string(household.owner)
            fields["phone"] = .string(console.showPII ? household.phone : ConsoleView.maskPhone(household.phone))
        }
        let columns = console.engine.declared.ticketColumns.map(\.column)
        if let id = ticketCase.ticket.id, !columns.isEmpty, let row = try console.store.read({
            try Row.fetchOne($0, sql: "SELECT \(columns.map(\.quotedDatabaseIdentifier).joined(separator: ", ")) FROM tickets WHERE id = ?",
                             arguments: [id])
        }) {
            for column in columns {
                if let value = row[column] as DatabaseValue?, !value.isNull {
                    fields["recorded_" + column] = LuaValue(databaseValue: value)
                }
            }
        }
        return .table(fields)
    }
}
