import LuaRuntime

/// What `ruledesk find` prints: each household found with its tickets; phones masked unless asked for.
extension OwnerSearch {
    /// A ticket line's state: open with its next deadline, or closed.
    static func status(_ line: TicketLine, on day: LocalDate, wording: LifecycleWording) -> String {
        if let closed = line.closedOn { return wording.say(.closed(wording.date(closed))) }
        guard let next = line.next else { return wording.say(.openNothingPending) }
        return wording.say(.openNext(deadline: wording.deadline(next.deadline), due: wording.date(next.due), state: next.state(on: day)))
    }

    /// A headline, then each household and its tickets, indented; phones masked unless `showingPersonalData`.
    public func text(showingPersonalData: Bool, wording: LifecycleWording) -> String {
        let text = !showingPersonalData && PhoneNumber.normalised(self.text) != nil
            ? ConsoleView.maskPhone(PhoneNumber.normalised(self.text)!) : self.text
        guard !matches.isEmpty else { return wording.say(.nothingFound(text)) }
        var lines = [wording.say(.found(matches.count, text, cut: matches.count == Self.limit))]
        for match in matches {
            let place = [match.building.map { "\($0)号楼" }, match.unit.map { "\($0)单元" }, match.room].compactMap { $0 }.joined()
            let phone = match.phone.map { showingPersonalData ? $0 : ConsoleView.maskPhone($0) }
            lines.append(([match.household ?? wording.say(.noHousehold), match.community, place, match.owner, phone].compactMap { $0 }
                .filter { !$0.isEmpty }).joined(separator: "  ") + "  " + wording.say(.foundBy(match.foundBy)))
            if match.tickets.isEmpty { lines.append(wording.say(.noTickets)) }
            for ticket in match.tickets {
                lines.append("  \(ticket.number)  \(ticket.receivedAt.prefix(10))  \(wording.value(ticket.kind, of: "kind"))  "
                             + "\(Self.status(ticket, on: on, wording: wording))  \(WorkQueue.short(ticket.description))")
            }
        }
        return lines.joined(separator: "\n")
    }

    /// One array of households: `{"household","community","building","unit","room","owner","phone","found_by",
    /// "tickets": [{"ticket","received_at","kind","closed_on","next_deadline","next_due","next_state","description"}]}`.
    public func json(showingPersonalData: Bool) -> String {
        func text(_ value: String?) -> LuaValue { value.map(LuaValue.string) ?? .nil }
        return JSONText.encode(.array(matches.map { match in
            .table([
                "household": text(match.household), "community": .string(match.community), "building": text(match.building),
                "unit": text(match.unit), "room": text(match.room), "owner": text(match.owner),
                "phone": text(match.phone.map { showingPersonalData ? $0 : ConsoleView.maskPhone($0) }),
                "found_by": .string(match.foundBy),
                "tickets": .array(match.tickets.map { line in
                    .table([
                        "ticket": .string(line.number), "received_at": .string(line.receivedAt), "kind": .string(line.kind),
                        "closed_on": text(line.closedOn?.description), "next_deadline": text(line.next?.deadline),
                        "next_due": text(line.next?.due.description),
                        "next_state": text(line.next.map { $0.state(on: on).rawValue }), "description": .string(line.description),
                    ])
                }),
            ])
        }))
    }
}
