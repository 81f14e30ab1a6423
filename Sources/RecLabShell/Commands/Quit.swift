extension Verbs {
    /// `quit`: leave the shell (Ctrl-D does the same).
    static let quit = Verb(
        name: "quit", group: .shell,
        summary: "leave the shell (also 'exit'; Ctrl-D does the same)",
        forms: ["quit"],
        example: "quit",
        isRecorded: false,
        aliases: ["exit"],
        gives: .quit
    ) { call in
        try call.arguments.expectEnd(usage: "quit")
        return .quit
    }

}
