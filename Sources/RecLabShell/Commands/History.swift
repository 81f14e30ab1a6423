extension Verbs {
    /// `history`: the lines typed this session, numbered.
    static let history = Verb(
        name: "history", group: .shell,
        summary: "the lines entered this session, numbered",
        forms: ["history"],
        example: "history",
        isRecorded: false,
        gives: .text
    ) { call in
        try call.arguments.expectEnd(usage: "history")
        let lines = call.session.history.dropLast()
        let width = String(lines.count).count
        let numbered = lines.enumerated().map { k, line in
            String(repeating: " ", count: width - String(k + 1).count) + "\(k + 1)  \(line)"
        }
        return .text(numbered.isEmpty ? "(no history yet)" : numbered.joined(separator: "\n"))
    }
}
