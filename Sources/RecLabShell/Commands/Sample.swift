extension Verbs {
    /// `sample [TABLE] N|P% [by COL[, COL]...] [seed S]`: random rows, kept in order.
    static let sample = Verb(
        name: "sample", group: .tables,
        summary: "random rows (a number or a percentage), optionally within each group",
        forms: ["sample [TABLE] N|P% [by COL[, COL]...] [seed S]"],
        example: """
            sample ratings 1000 seed 7
            sample ratings 10% by movieId            # each movie keeps its share of the rows
            sample ratings 10% by movieId, rating    # ...and of each of its scores
            """,
        notes: """
            With 'by', rows are drawn within each stratum: each value of COL, or each
            combination of values of several columns (a missing value counts as a value).
            The total is N, or round(rows × P%) with halves rounded up. Each stratum keeps
            its quota (its rows × the share) rounded down or up, so the total is exact:
            the fractions left after rounding down are laid end to end, strata in order of
            their values, and one random comb with a tooth every whole row picks which
            strata round up, each with a chance equal to its fraction (no stratum is
            favoured on average). With several columns the first column's groups keep
            their share too: 'by movieId, rating' keeps each movie's share of the rows,
            rounded, and of each of its scores. The same seed gives the same rows.
            """,
        gives: .table
    ) { call in
        let usage = call.usage
        let table = try call.table(keywords: ["by", "seed"])
        let size = try sampleSize(&call.arguments, usage: usage)
        var strata: [String] = []
        if call.arguments.take("by") {
            repeat { strata.append(try call.column(of: table)) } while call.arguments.takeSymbol(",")
            if let t = call.arguments.peek, t.text.lowercased() != "seed", table.index(of: t.text) != nil {
                throw ShellError("separate the columns with a comma: 'by \(strata.joined(separator: ", ")), \(t.text)'", at: t)
            }
        }
        let seed = try seedOption(&call, usage: usage)
        try call.arguments.expectEnd(usage: usage)
        return .table(try table.sample(size, by: strata, seed: seed, cancel: call.session.cancellation))
    }

    /// `A, B = split [TABLE] P% [seed S]`: a random split in two.
    static let split = Verb(
        name: "split", group: .tables,
        summary: "split rows at random into two tables (the first gets P%), or hold out part of each user's",
        forms: ["A, B = split [TABLE] P% [seed S]", "A, B = split [TABLE] [last] P%|N by COL [seed S]"],
        example: """
            train, test = split ratings 80% seed 42
            train, test = split ratings 20% by userId seed 42   # each user's 20% held out, at random
            train, test = split ratings 5 by userId             # 5 of each user's ratings held out
            train, test = split ratings last 20% by userId      # each user's most recent 20%
            """,
        notes: """
            Without 'by', the first table gets P% of the rows at random, the second the rest.
            With 'by COL', each group (each user, for userId) keeps its rows in the first table
            but for round(P% × its rows) (halves to even, as LensKit's SampleFrac) or N of them
            (SampleN; all of a smaller group), held out in the second: the test ratings of
            top-N evaluation (evaluate MODEL on test top 10). 'last' holds out each group's most
            recent rows by timestamp instead of random ones.
            """,
        gives: .tables
    ) { call in
        let usage = call.usage
        let table = try call.table(keywords: ["seed", "last"])
        let lastToken = call.arguments.peek
        let latest = call.arguments.take("last")
        guard let t = call.arguments.peek else {
            throw ShellError("expected a percentage such as 80%; usage: \(usage)", at: call.arguments.endToken)
        }
        let size: HoldOutSize
        if case .percent(let p) = t.kind {
            guard p >= 0, p <= 100 else { throw ShellError("a percentage must be from 0% to 100%", at: t) }
            size = .fraction(p / 100)
            _ = call.arguments.next()
        } else if let n = try call.arguments.takeInteger("the number of ratings to hold out", in: 0...Int(Int32.max)) {
            size = .count(n)
        } else {
            throw ShellError("expected a percentage such as 80%, found '\(t.text)'; usage: \(usage)", at: t)
        }
        let isCount: Bool = if case .count = size { true } else { false }
        guard call.arguments.take("by") else {
            if latest {
                throw ShellError("'last' holds out part of each group: add 'by COL' (split ratings last \(t.text) by userId)",
                                 at: lastToken ?? t)
            }
            if isCount {
                throw ShellError("expected a percentage such as 80%, found '\(t.text)' (to hold out \(t.text) of each user's ratings: "
                                 + "split ratings \(t.text) by userId)", at: t)
            }
            let seed = try seedOption(&call, usage: usage)
            try call.arguments.expectEnd(usage: usage)
            guard case .fraction(let f) = size else { return .tables([]) }
            let (a, b) = try table.split(fraction: f, seed: seed, cancel: call.session.cancellation)
            return .tables([a, b])
        }
        let column = try call.arguments.expectName("the column to split by, like userId", usage: usage)
        let seed = try seedOption(&call, usage: usage)
        try call.arguments.expectEnd(usage: usage)
        var timeColumn: String?
        if latest {
            guard table.column(named: "timestamp") != nil else {
                throw ShellError("'last' holds out the most recent ratings by their timestamp column, and this table has none "
                                 + "(columns: \(Suggestion.list(table.columnNames)))", at: lastToken ?? t)
            }
            timeColumn = "timestamp"
        }
        let (kept, heldOut) = try table.holdOut(size, by: [column.text], latest: timeColumn, seed: seed,
                                                cancel: call.session.cancellation)
        return .tables([kept, heldOut])
    }

    private static func sampleSize(_ arguments: inout Arguments, usage: String) throws -> SampleSize {
        guard let t = arguments.peek else {
            throw ShellError("expected a number of rows or a percentage; usage: \(usage)", at: arguments.endToken)
        }
        if case .percent(let p) = t.kind {
            guard p > 0, p <= 100 else { throw ShellError("a percentage must be above 0% and at most 100%", at: t) }
            _ = arguments.next()
            return .fraction(p / 100)
        }
        guard let n = try arguments.takeInteger("the number of rows", in: 1...Int(Int32.max)) else {
            throw ShellError("expected a number of rows or a percentage, found '\(t.text)'; usage: \(usage)", at: t)
        }
        return .count(n)
    }

    /// `seed S`, or the session's seed.
    static func seedOption(_ call: inout Invocation, usage: String) throws -> UInt64 {
        guard call.arguments.take("seed") else { return call.session.settings.seed }
        return UInt64(try call.arguments.expectInteger("the seed", in: 0...WholeNumber.largestExact, usage: usage))
    }
}
