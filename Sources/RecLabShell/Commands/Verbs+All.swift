extension Verbs {
    /// Every verb, in the order `help` lists them within their groups.
    public static let all: [Verb] = [
        tables, drop, head, tail, select, filter, sort, top, stats, join,
        run, history, set, help, quit, exit,
    ]
}
