import Foundation
import GRDB
import LuaRuntime

/// `新案件` (`.new`): a case asked for one field at a time, for a clerk who does not write Lua. Each answer is
/// checked as it is given (a value outside the rules' vocabulary, a community there is not) and asked again when
/// it is wrong; Tab completes the allowed values, by their Chinese names. The answers become a `case{…}`.
struct CaseForm {
    /// How an answer is read.
    enum Answer {
        case community, household, time, amount, count, yesOrNo
        /// One of the field's values, or several (`trades`).
        case value(Vocabulary.Field), values(Vocabulary.Field)
        /// Text as written (a field the rules' vocabulary does not list).
        case text
    }

    struct Question {
        let field: String
        let answer: Answer
    }

    let questions: [Question]
    /// The answers so far, as `case{…}` takes them.
    private(set) var given: [String: LuaValue] = [:]
    private(set) var position = 0

    /// The ticket fields a clerk gives for a case; those the vocabulary lists are offered its values.
    init(vocabulary: Vocabulary) {
        let keyed = ["kind", "cause", "component", "trades", "channel"].map { name -> Question in
            guard let field = vocabulary.fields[name] else { return Question(field: name, answer: .text) }
            return Question(field: name, answer: name == "trades" ? .values(field) : .value(field))
        }
        questions = [Question(field: "community", answer: .community), Question(field: "household", answer: .household),
                     Question(field: "received_at", answer: .time)] + keyed
            + [Question(field: "estimated_cost", answer: .amount), Question(field: "households_affected", answer: .count),
               Question(field: "hazard", answer: .yesOrNo), Question(field: "media", answer: .yesOrNo),
               Question(field: "complex", answer: .yesOrNo)]
    }

    /// The question being asked; nil once every field is answered.
    var current: Question? { position < questions.count ? questions[position] : nil }

    /// The prompt of the current question, in the console's language.
    func prompt(_ console: ConsoleSession) -> String {
        guard let question = current else { return "" }
        return console.say(.formPrompt(field: question.field, title: title(question, console)))
    }

    private func title(_ question: Question, _ console: ConsoleSession) -> String {
        switch question.answer {
        case .value(let field), .values(let field): field.title
        default: console.say(.fieldTitle(question.field))
        }
    }

    /// Takes the answer to the current question and moves on; the problem, in the console's language, when the
    /// answer cannot be taken (the question is asked again).
    mutating func answer(_ typed: String, _ console: ConsoleSession) -> String? {
        guard let question = current else { return nil }
        let text = typed.trimmingCharacters(in: .whitespaces)
        do {
            if let value = try read(text, question.answer, console) { given[question.field] = value }
        } catch let problem as Problem {
            return problem.text
        } catch {
            return "\(error)"
        }
        position += 1
        return nil
    }

    private struct Problem: Error { let text: String }

    /// The answer as a `case{…}` value; nil for an empty answer to a question that may stay empty.
    private func read(_ text: String, _ answer: Answer, _ console: ConsoleSession) throws -> LuaValue? {
        func refuse(_ message: ConsoleMessage) -> Problem { Problem(text: console.say(message)) }
        if text.isEmpty {
            guard case .community = answer, try communities(console).count != 1 else { return nil }
            throw refuse(.required)
        }
        switch answer {
        case .community:
            let all = try communities(console)
            guard let found = all.first(where: { $0.code == text || $0.name == text }) else {
                throw refuse(.unknownCommunity(text, all.map(\.code)))
            }
            return .string(found.code)
        case .household:
            let community = try given["community"]?.stringValue ?? communities(console).first?.code ?? ""
            guard try households(console, community, prefix: text).contains(text) else {
                throw refuse(.unknownHousehold(text, community: community))
            }
            return .string(text)
        case .time:
            guard LocalDate(text) != nil || Timestamp(text, zone: console.settings.timeZone) != nil else { throw refuse(.notATime(text)) }
            return .string(text)
        case .amount:
            let digits = text.hasSuffix("元") ? String(text.dropLast()) : text
            guard let amount = Double(digits), amount.isFinite, amount >= 0 else { throw refuse(.notAnAmount(text)) }
            return .number(amount)
        case .count:
            guard let count = Int(text), count >= 1 else { throw refuse(.notACount(text)) }
            return .integer(Int64(count))
        case .yesOrNo:
            switch text.lowercased() {
            case "是", "y", "yes", "true": return .boolean(true)
            case "否", "n", "no", "false": return .boolean(false)
            default: throw refuse(.notYesOrNo(text))
            }
        case .value(let field):
            return .string(try key(text, field, console))
        case .values(let field):
            let parts = text.split(whereSeparator: { " ,,、|".contains($0) }).map(String.init)
            return .array(try parts.map { .string(try key($0, field, console)) })
        case .text:
            return .string(text)
        }
    }

    private func key(_ text: String, _ field: Vocabulary.Field, _ console: ConsoleSession) throws -> String {
        do {
            return try Vocabulary(fields: [field]).normalise(text, field: field.name)
        } catch {
            throw Problem(text: error.text(in: console.language))
        }
    }

    /// What Tab offers for the current question: the values (Chinese names first, then keys), communities,
    /// households of the community, or 是 and 否. For several values, the part after the last 、 is completed.
    func completions(for word: String, _ console: ConsoleSession) -> [String] {
        guard let question = current else { return [] }
        let head = word.lastIndex(of: "、").map { String(word[...$0]) } ?? ""
        let partial = String(word.dropFirst(head.count))
        let offered: [String]
        switch question.answer {
        case .value(let field), .values(let field): offered = field.terms.map(\.name) + field.terms.map(\.key)
        case .community: offered = ((try? communities(console)) ?? []).flatMap { [$0.code, $0.name] }
        case .household:
            let community = given["community"]?.stringValue ?? ""
            offered = (try? households(console, community, prefix: partial)) ?? []
        case .yesOrNo: offered = ["是", "否"]
        default: offered = []
        }
        return offered.filter { $0.hasPrefix(partial) }.map { head + $0 }
    }

    private func communities(_ console: ConsoleSession) throws -> [Community] {
        try console.store.read { try Community.order(Column("code")).fetchAll($0) }
    }

    /// Household codes of `community` that start with `prefix` (at most 50).
    private func households(_ console: ConsoleSession, _ community: String, prefix: String) throws -> [String] {
        try console.store.read {
            try String.fetchAll($0, sql: """
                SELECT h.code FROM households h JOIN communities c ON c.id = h.community_id
                WHERE c.code = ? AND substr(h.code, 1, length(?)) = ? ORDER BY h.code LIMIT 50
                """, arguments: [community, prefix, prefix])
        }
    }
}
