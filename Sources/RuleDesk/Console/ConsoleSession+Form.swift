import LuaRuntime

extension ConsoleSession {
    /// `.new` (`新案件`): starts asking for a new case's fields.
    func startForm() -> Reply {
        form = CaseForm(vocabulary: engine.vocabulary)
        return Reply(output: [say(.formIntro)])
    }

    /// The answer to the current question; after the last, the case is made and its decision shown.
    func answer(_ line: String) -> Reply {
        guard var asking = form else { return Reply() }
        if let problem = asking.answer(line, self) {
            form = asking
            return Reply(error: problem)
        }
        guard asking.current == nil else {
            form = asking
            return Reply()
        }
        form = nil
        do {
            let ticketCase = try CaseBuilder(console: self).build(.table(asking.given))
            cases[ticketCase.ticket.number] = ticketCase
            let decision = try engine.evaluate(ticketCase)
            _ = hold(.decision(decision))
            return Reply(output: [say(.caseMade(ticketCase.ticket.number)), show(.decision(decision))])
        } catch let failure as RuleFailure {
            return Reply(error: say(.ruleFailed(failure.rule, failure.message)))
        } catch let error as LuaError {
            return Reply(error: error.message)
        } catch {
            return Reply(error: "\(error)")
        }
    }
}
