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
        summary: "split rows at random into two tables (the first gets P%)",
        forms: ["A, B = split [TABLE] P% [seed S]"],
        example: "train, test = split ratings 80% seed 42",
        gives: .tables
    ) { call in
        let usage = call.usage
        let table = try call.table(keywords: ["seed"])
        guard let t = call.arguments.peek, case .percent(let p) = t.kind else {
            let found = call.arguments.peek.map { ", found '\($0.text)'" } ?? ""
            throw ShellError("expected a percentage such as 80%\(found); usage: \(usage)", at: call.arguments.peek ?? call.arguments.endToken)
        }
        _ = call.arguments.next()
        guard p >= 0, p <= 100 else { throw ShellError("a percentage must be from 0% to 100%", at: t) }
        let seed = try seedOption(&call, usage: usage)
        try call.arguments.expectEnd(usage: usage)
        let (a, b) = try table.split(fraction: p / 100, seed: seed, cancel: call.session.cancellation)
        return .tables([a, b])
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
