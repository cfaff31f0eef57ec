import Foundation
import Testing
@testable import RuleDesk
import TemporaryFolders

/// `ruledesk check` finds comparisons with values outside the vocabulary; `ruledesk types` gives editors its keys.
@Suite(.removesTemporaryFolders) struct VocabularyToolsTests {
    /// The default rules copied to a temporary folder, with `edits` (file → old → new) applied.
    private func editedRules(_ edits: [(String, String, String)]) throws -> String {
        let folder = try Fixtures.temporaryFolder() + "/rules"
        try FileManager.default.copyItem(atPath: Fixtures.root + "/rules", toPath: folder)
        for (file, old, new) in edits {
            let path = folder + "/" + file
            let source = try String(contentsOfFile: path, encoding: .utf8)
            #expect(source.contains(old), "\(file) has no \(old)")
            try source.replacingOccurrences(of: old, with: new).write(toFile: path, atomically: true, encoding: .utf8)
        }
        return folder
    }

    @Test func checkReportsAComparisonWithAValueOutsideTheVocabulary() throws {
        let folder = try editedRules([
            ("deadlines.lua", "local REPAIR = \"repair\" ", "local REPAIR = \"repiar\" "),
            ("warranty.lua", "if ticket.kind ~= REPAIR then", "if ticket.kind ~= REPAIR or \"desgin\" == ticket.cause then"),
            ("approval.lua", "local function", "-- ticket.kind == \"not code\" in a comment\nlocal function"),
        ])
        let findings = try RuleCheck(folder: folder).run().filter { $0.message.contains("vocabulary") }.map(\.description)
        let line = try #require(try String(contentsOfFile: folder + "/deadlines.lua", encoding: .utf8)
            .components(separatedBy: "\n").firstIndex { $0.contains("if ticket.kind ~= REPAIR then") }) + 1
        #expect(findings.count == 2, "\(findings)")
        #expect(findings.contains { $0.hasSuffix("/deadlines.lua:\(line):8: error: ticket.kind is compared with a value (REPAIR) that imports never store: 'repiar' is not a value of kind in the rules' vocabulary; did you mean repair (维修)? (lib/vocabulary.lua)") },
                "\(findings)")
        #expect(findings.contains { $0.contains("/warranty.lua:") && $0.contains("ticket.cause is compared with a value that imports never store: 'desgin' is not a value of cause in the rules' vocabulary; did you mean design (设计)?") },
                "\(findings)")
        #expect(try RuleCheck(folder: Fixtures.root + "/rules").run().filter(\.isError).isEmpty)
    }

    @Test func checkReportsABrokenVocabularyWithItsFile() throws {
        let folder = try editedRules([("lib/vocabulary.lua", "name = \"工单类别\",", "")])
        let findings = try RuleCheck(folder: folder).run().filter(\.isError).map(\.description)
        #expect(findings.contains { $0.contains("lib/vocabulary.lua: error: `fields.kind.name` must be the field's Chinese name") }, "\(findings)")
    }

    @Test func typesGivesEachFieldOfTheVocabularyAnEnum() throws {
        let engine = try RuleEngine(ruleSet: RuleSet(folder: Fixtures.root + "/rules"), store: nil, settings: Fixtures.shanghai)
        let meta = try LuaLSAnnotations(rules: engine.rules, vocabulary: engine.vocabulary).meta
        #expect(meta.contains("---@field kind Ticket.kind a repair or another complaint, a key of the vocabulary (工单类别)"))
        #expect(meta.contains("---@field trades Ticket.trades[] "))
        #expect(meta.contains("---@field component Ticket.component? "))
        #expect(meta.contains("---@alias Ticket.kind\n---| \"repair\" # 维修\n---| \"complaint\" # 投诉\n"))
        let bare = try LuaLSAnnotations(rules: engine.rules, vocabulary: .none).meta
        #expect(bare.contains("---@field kind string ") && !bare.contains("@alias Ticket."))
    }

    @Test func outputNamesMustNameDeclaredOutputs() throws {
        let folder = try editedRules([("warranty.lua", "output_names = { class = \"维修类别\"", "output_names = { klass = \"维修类别\"")])
        #expect {
            try RuleEngine(ruleSet: RuleSet(folder: folder), store: nil, settings: Fixtures.shanghai)
        } throws: { error in
            "\(error)".hasSuffix("/warranty.lua: `output_names` names output 'klass', which `outputs` does not declare; fix the name or declare the output")
        }
    }
}
