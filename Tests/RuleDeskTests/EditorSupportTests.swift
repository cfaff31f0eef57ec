import Foundation
import LuaRuntime
import Testing
@testable import RuleDesk
import TemporaryFolders

/// The annotations and the linter's globals come from ``APIDescription``; these tests hold the running host
/// to that description and the committed files to the generator, so neither can drift.
@Suite(.removesTemporaryFolders) struct EditorSupportTests {
    @Test func theCommittedAnnotationsAreWhatTypesGenerates() throws {
        let engine = try RuleEngine(ruleSet: RuleSet(folder: Fixtures.root + "/rules"), store: nil, settings: Fixtures.shanghai)
        for file in try LuaLSAnnotations(rules: engine.rules, vocabulary: engine.vocabulary).files {
            let committed = try String(contentsOfFile: Fixtures.root + "/rules/" + file.path, encoding: .utf8)
            #expect(committed == file.text, "rules/\(file.path) is stale: run `ruledesk types`")
        }
    }

    @Test func theTicketHasExactlyTheDescribedFields() throws {
        let store = try Fixtures.store()
        var ticketCase = try Fixtures.ticket(store, ["household": "T01-1-101", "component": "plumbing", "estimated_cost": "5",
                                                      "survey_date": "2026-03-03", "completed_at": "2026-03-05"])
        let day = LocalDate("2026-03-06")
        (ticketCase.ticket.feedbackOn, ticketCase.ticket.consentUntil, ticketCase.ticket.callbackOn, ticketCase.ticket.closedOn) = (day, day, day, day)
        (ticketCase.ticket.finalCost, ticketCase.ticket.callbackRating) = (6, "satisfied")
        let fields = try ticketCase.ticketValue(in: Fixtures.shanghai.timeZone).tableValue ?? [:]
        #expect(Set(fields.keys) == Set(APIDescription.ticket.map(\.name)))
        try expectDescribed(ticketCase.communityValue(), APIDescription.community)
        try expectDescribed(ticketCase.householdValue(), APIDescription.household)
    }

    /// Every key is described, and every described field that is not optional is there.
    private func expectDescribed(_ value: LuaValue, _ fields: [APIDescription.Field],
                                 sourceLocation: SourceLocation = #_sourceLocation) throws {
        let keys = Set(try #require(value.tableValue).keys)
        #expect(keys.isSubset(of: fields.map(\.name)), sourceLocation: sourceLocation)
        #expect(Set(fields.filter { !$0.type.hasSuffix("?") }.map(\.name)).isSubset(of: keys), sourceLocation: sourceLocation)
    }

    @Test func ctxAndTheCalendarHaveExactlyTheDescribedMembers() throws {
        let store = try Fixtures.store()
        let rules = try Fixtures.rule("""
            local keys, methods = {}, {}
            for k in pairs(ctx) do keys[#keys + 1] = k end
            for k in pairs(ctx.calendar) do methods[#methods + 1] = k end
            table.sort(keys) table.sort(methods)
            return { value = { ctx = keys, calendar = methods } }
            """)
        let ticketCase = try Fixtures.ticket(store, ["household": "T01-1-101"])
        let value = try Fixtures.engine(rules, store).evaluate(ticketCase).results(of: "probe")?["value"]
        #expect(value?["ctx"] == .array(APIDescription.ctx.map(\.name).sorted().map(LuaValue.string)))
        #expect(value?["calendar"] == .array(APIDescription.calendar.map(\.name).sorted().map(LuaValue.string)))
    }

    @Test func thePlanContextHasTheDescribedMembers() throws {
        let store = try Fixtures.store()
        let rules = try Fixtures.ruleSet(["p.lua": """
            return { name = "p", outputs = { x = "any" }, evaluate = function() return {} end,
              plan = function(community, ctx)
                local keys = {}
                for k in pairs(ctx) do keys[#keys + 1] = k end
                table.sort(keys)
                ctx.because(table.concat(keys, ","))
                return { kind = "none", occupancy = 0, sample_size = 0 }
              end }
            """])
        let engine = try Fixtures.engine(rules, store)
        let community = try store.read { try Community.fetchOne($0)! }
        let plan = try RevisitPlanner(engine: engine, store: store).plan(community, on: LocalDate("2026-03-01")!)
        let expected = (APIDescription.ctx.map(\.name).filter { $0 != "results" && $0 != "community" && $0 != "household" }
            + APIDescription.planContext.map(\.name)).sorted()
        #expect(plan.trace == [expected.joined(separator: ",")])
    }

    @Test func theTestHelpersAreTheDescribedOnes() throws {
        let world = try TestWorld(ruleSet: RuleSet(folder: Fixtures.root + "/rules"), settings: Fixtures.shanghai,
                                  coverage: false, limits: LuaLimits())
        let expectations = Expectations.source.split(separator: "\n").compactMap { line -> String? in
            guard line.hasPrefix("function ") else { return nil }
            return String(line.dropFirst("function ".count).prefix { $0 != "(" })
        }
        #expect(Set(world.globals().keys).union(expectations) == Set(APIDescription.testHelpers.map(\.name)))
    }

    @Test func theLinterKnowsTheSandboxGlobals() throws {
        let config = LuacheckConfig(sandbox: try LuaState().sandboxGlobals(), tests: "/site/rules/tests").text
        #expect(config.contains("string = { fields = {"))
        #expect(config.contains(" format = {}"))
        #expect(!config.contains("io ="))
        #expect(!config.contains(" dump = {}"))
        #expect(config.contains("\"expect_eq\""))
        #expect(config.contains("files[\"/site/rules/tests/**/*.lua\"] = {"))
    }
}
