extension Verbs {
    /// `set OPTION VALUE`: display and session options.
    static let set = Verb(
        name: "set", group: .shell,
        summary: "change an option: rows, width, precision, timer, seed",
        forms: ["set rows N|all", "set width N|auto", "set precision N", "set timer on|off", "set seed N", "set"],
        example: "set rows 50      # show up to 50 rows of a result\nset timer on     # after each cell: its time (wall, cpu) and peak memory",
        gives: [.nothing, .text]
    ) { call in
        let usage = "set rows|width|precision|timer|seed VALUE"
        guard let option = call.arguments.next() else {
            let s = call.session.settings
            return .text("""
                rows       \(s.rows == Settings.allRows ? "all" : String(s.rows))
                width      \(s.width.map(String.init) ?? "auto")
                precision  \(s.precision)
                timer      \(s.timer ? "on" : "off")
                seed       \(s.seed)
                """)
        }
        // Changed on a copy, kept only once the whole line has been read.
        var settings = call.session.settings
        var form = usage
        switch option.text.lowercased() {
        case "rows":
            form = "set rows N|all"
            settings.rows = call.arguments.take("all")
                ? Settings.allRows
                : try call.arguments.expectInteger("rows", in: 1...1_000_000, usage: form)
        case "width":
            form = "set width N|auto"
            if call.arguments.take("auto") { settings.width = nil } else {
                settings.width = try call.arguments.expectInteger("width", in: 20...1000, usage: form)
            }
        case "precision":
            form = "set precision N"
            settings.precision = try call.arguments.expectInteger("precision", in: 0...15, usage: form)
        case "timer":
            form = "set timer on|off"
            if call.arguments.take("on") { settings.timer = true }
            else if call.arguments.take("off") { settings.timer = false }
            else { throw ShellError("expected 'on' or 'off'\(call.arguments.peek.map { ", found '\($0.text)'" } ?? "")", at: call.arguments.peek ?? call.arguments.endToken) }
        case "seed":
            form = "set seed N"
            settings.seed = UInt64(try call.arguments.expectInteger("seed", in: 0...WholeNumber.largestExact, usage: form))
        default:
            let near = Suggestion.nearest(to: option.text, in: ["rows", "width", "precision", "timer", "seed"])
            throw ShellError("unknown option '\(option.text)'" + (near.map { "; did you mean '\($0)'?" } ?? "; usage: \(usage)"), at: option)
        }
        try call.arguments.expectEnd(usage: form)
        call.session.settings = settings
        return .nothing
    }
}
