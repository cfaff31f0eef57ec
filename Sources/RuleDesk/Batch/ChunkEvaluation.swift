import Foundation

extension BatchRunner {
    /// Evaluates the cases on the engines in parallel; outcomes keep the cases' order. With `dictionary` (the rule
    /// version's), each decision is compressed too, on the thread that made it, so that the writer only stores it.
    static func evaluate(_ cases: [TicketCase], on engines: [EngineBox],
                         compressingWith dictionary: DecisionDictionary?) -> [BatchOutcome] {
        ParallelMap.run(cases, workers: engines) { box, ticketCase in
            let result: Result<RecordedDecision, RuleFailure>
            do {
                result = .success(try box.engine.record(ticketCase))
            } catch let failure as RuleFailure {
                result = .failure(failure)
            } catch {
                result = .failure(RuleFailure(rule: "-", path: "-", kind: .script, message: "\(error)"))
            }
            let outcome = BatchOutcome(ticketId: ticketCase.ticket.id!, number: ticketCase.ticket.number,
                                       consented: ticketCase.ticket.consentUntil != nil, result: result)
            return dictionary.map { box.compress(outcome, with: $0) } ?? outcome
        }
    }

    /// The outcomes with their decisions compressed against `dictionary`, on the engines' threads in parallel (the
    /// first chunk of a version, whose dictionary is made of its own decisions).
    static func compress(_ outcomes: [BatchOutcome], with dictionary: DecisionDictionary,
                         on engines: [EngineBox]) -> [BatchOutcome] {
        ParallelMap.run(outcomes, workers: engines) { box, outcome in box.compress(outcome, with: dictionary) }
    }

    /// The dictionary a version's first decisions make (``DecisionTexts/dictionary(of:)``): those of `outcomes`;
    /// nil when none of them succeeded.
    static func dictionary(of outcomes: [BatchOutcome]) -> DecisionDictionary? {
        let decided = outcomes.compactMap { try? $0.result.get().texts }
        return decided.isEmpty ? nil : DecisionDictionary(first: decided)
    }
}

/// A rule engine handed to one worker thread at a time, with that thread's compressor.
final class EngineBox: @unchecked Sendable {
    let engine: RuleEngine
    private let compressor = DecisionCompressor()

    init(_ engine: RuleEngine) { self.engine = engine }

    /// `outcome` with its decision's stored form; as it was when it failed (the writer compresses what comes
    /// uncompressed, and reports the error if compressing fails).
    func compress(_ outcome: BatchOutcome, with dictionary: DecisionDictionary) -> BatchOutcome {
        guard case .success(let decision) = outcome.result,
              let frame = try? compressor.compress(decision.texts, with: dictionary) else { return outcome }
        var compressed = outcome
        compressed.stored = CompressedTexts(frame: frame, dictionary: dictionary)
        return compressed
    }
}
