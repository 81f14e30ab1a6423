extension Verbs {
    /// `quit`: leave the shell (Ctrl-D does the same).
    static let quit = Verb(
        name: "quit", group: .shell,
        summary: "leave the shell (Ctrl-D does the same)",
        forms: ["quit"],
        example: "quit",
        isRecorded: false
    ) { call in
        try call.arguments.expectEnd(usage: "quit")
        return .quit
    }

    /// `exit`: the same as `quit`.
    static let exit = Verb(
        name: "exit", group: .shell,
        summary: "the same as quit",
        forms: ["exit"],
        example: "exit",
        isRecorded: false
    ) { call in
        try call.arguments.expectEnd(usage: "exit")
        return .quit
    }
}
