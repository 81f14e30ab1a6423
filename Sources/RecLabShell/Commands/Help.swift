extension Verbs {
    /// `help [VERB]`: the verbs by group, or one verb's forms and example.
    static let help = Verb(
        name: "help", group: .shell,
        summary: "list the verbs, or show one verb's forms and an example",
        forms: ["help", "help VERB"],
        example: "help stats",
        isRecorded: false,
        gives: .text
    ) { call in
        if let word = call.arguments.next() {
            try call.arguments.expectEnd(usage: "help [VERB]")
            guard let verb = Session.verbs[word.text.lowercased()] else {
                let near = Suggestion.nearest(to: word.text, in: Verbs.all.map(\.name))
                throw ShellError("no verb '\(word.text)'" + (near.map { "; did you mean '\($0)'?" } ?? "; type 'help' for the list"), at: word)
            }
            return .text(HelpText.verb(verb))
        }
        return .text(HelpText.overview)
    }
}

/// The text `help` prints.
public enum HelpText {
    /// All verbs, grouped, one line each.
    public static var overview: String {
        var lines = ["reclab: explore recommender systems one step at a time.", ""]
        let width = (Verbs.all.map(\.name.count).max() ?? 8) + 2
        for group in Verb.Group.allCases {
            let verbs = Verbs.all.filter { $0.group == group }
            guard !verbs.isEmpty else { continue }
            lines.append("\(group.rawValue):")
            for v in verbs {
                lines.append("  " + v.name.padding(toLength: width, withPad: " ", startingAt: 0) + v.summary)
            }
            lines.append("")
        }
        lines.append("NAME = COMMAND binds a result; A | B pipes a table; _ is the last result.")
        lines.append("Type 'help VERB' for its forms and an example.")
        return lines.joined(separator: "\n")
    }

    /// One verb's summary, forms and example.
    public static func verb(_ verb: Verb) -> String {
        var lines = ["\(verb.name): \(verb.summary)", "", "usage:"]
        lines += verb.forms.map { "  " + $0 }
        if !verb.example.isEmpty {
            lines += ["", "example:"]
            lines += verb.example.split(separator: "\n", omittingEmptySubsequences: false).map { "  " + $0 }
        }
        if !verb.notes.isEmpty { lines += ["", verb.notes] }
        return lines.joined(separator: "\n")
    }

    /// The command reference in Markdown, as the README carries it.
    public static var markdownReference: String {
        var lines: [String] = []
        for group in Verb.Group.allCases {
            let verbs = Verbs.all.filter { $0.group == group }
            guard !verbs.isEmpty else { continue }
            lines += ["### \(group.rawValue.prefix(1).uppercased() + group.rawValue.dropFirst())", ""]
            lines += ["| verb | forms | what it does |", "|---|---|---|"]
            for v in verbs {
                let forms = v.forms.map { "`\($0.replacingOccurrences(of: "|", with: "\\|"))`" }.joined(separator: "<br>")
                lines.append("| \(v.name) | \(forms) | \(v.summary) |")
            }
            lines.append("")
        }
        return lines.joined(separator: "\n")
    }
}
