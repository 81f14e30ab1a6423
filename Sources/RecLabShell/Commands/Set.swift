extension Verbs {
    /// `set OPTION VALUE`: display and session options.
    static let set = Verb(
        name: "set", group: .shell,
        summary: "change an option: rows, width, mode, pager, precision, dates, timer, seed",
        forms: ["set rows N|all", "set width N|auto", "set mode box|csv|tsv|markdown|json", "set pager on|off", "set precision N", "set dates on|off", "set timer on|off", "set seed N", "set"],
        example: "set rows 50      # show up to 50 rows of a result\nset dates on     # timestamp columns as dates (UTC)\nset timer on     # after each cell: its time (wall, cpu) and peak memory",
        gives: [.nothing, .text]
    ) { call in
        let usage = "set rows|width|mode|pager|precision|dates|timer|seed VALUE"
        guard let option = call.arguments.next() else {
            let s = call.session.settings
            return .text("""
                rows       \(s.rows == Settings.allRows ? "all" : String(s.rows))
                width      \(s.width.map(String.init) ?? "auto")
                mode       \(s.mode.rawValue)
                pager      \(s.pager ? "on" : "off")
                precision  \(s.precision)
                dates      \(s.dates ? "on" : "off")
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
        case "mode":
            form = "set mode box|csv|tsv|markdown|json"
            let all = TableMode.allCases.map(\.rawValue)
            let name = try call.arguments.expectName("a mode (\(all.joined(separator: ", ")))", usage: form)
            guard let mode = TableMode(rawValue: name.text.lowercased()) else {
                throw ShellError(Suggestion.unknown("mode", name.text, among: all, plural: "modes"), at: name)
            }
            settings.mode = mode
        case "pager":
            form = "set pager on|off"
            settings.pager = try onOff(&call.arguments)
        case "precision":
            form = "set precision N"
            settings.precision = try call.arguments.expectInteger("precision", in: 0...15, usage: form)
        case "timer":
            form = "set timer on|off"
            settings.timer = try onOff(&call.arguments)
        case "dates":
            form = "set dates on|off"
            settings.dates = try onOff(&call.arguments)
        case "seed":
            form = "set seed N"
            settings.seed = UInt64(try call.arguments.expectInteger("seed", in: 0...WholeNumber.largestExact, usage: form))
        default:
            let near = Suggestion.nearest(to: option.text, in: setOptions)
            throw ShellError("unknown option '\(option.text)'" + (near.map { "; did you mean '\($0)'?" } ?? "; usage: \(usage)"), at: option)
        }
        try call.arguments.expectEnd(usage: form)
        call.session.settings = settings
        return .nothing
    }

    /// Reads `on` or `off`.
    private static func onOff(_ arguments: inout Arguments) throws -> Bool {
        if arguments.take("on") { return true }
        if arguments.take("off") { return false }
        throw ShellError("expected 'on' or 'off'\(arguments.peek.map { ", found '\($0.text)'" } ?? "")",
                         at: arguments.peek ?? arguments.endToken)
    }

    /// The options `set` changes, in the order `set` lists them: its
    /// forms, its errors and Tab completion read them here.
    static let setOptions = ["rows", "width", "mode", "pager", "precision", "dates", "timer", "seed"]
}
