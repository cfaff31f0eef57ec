extension Vocabulary {
    /// Checks that each of a stored ticket's fields the vocabulary lists holds one of its keys, as the rules compare
    /// them (`eval`, the console's `eval`): a ticket stored before the rules listed its values, or by other means,
    /// would otherwise be decided on a value the rules do not know. Throws for the first field that does not.
    public func check(_ ticket: Ticket) throws(VocabularyError) {
        let stored: [(String, [String])] = [
            ("channel", [ticket.channel]), ("cause", [ticket.cause]), ("kind", [ticket.kind]),
            ("component", ticket.component.map { [$0] } ?? []),
            ("trades", ticket.trades.split(separator: "|").map(String.init)),
        ]
        for (name, values) in stored {
            guard let field = fields[name] else { continue }
            for value in values where !field.terms.contains(where: { $0.key == value }) {
                throw VocabularyError(field: field, value: value)
            }
        }
    }
}
