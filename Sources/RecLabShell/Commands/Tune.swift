import RecLab

extension Verbs {
    /// `tune ALGO key=v1,v2... on TRAIN with TEST [top K] [metric M] [to PATH.svg]`.
    static let tune = Verb(
        name: "tune", group: .models,
        summary: "train an algorithm with every combination of settings and rank them by their top-K lists",
        forms: ["tune ALGO key=v1,v2... [key=v1,v2...] on TRAIN with TEST [top K] [metric M] [to PATH.svg]"],
        example: """
            train, test = split ratings 20% by userId seed 42
            tune ease reg=30,100,300,1000 on train with test                # which λ lists best?
            tune implicit features=20,50 reg=0.1,1 on train with test top 20 metric recall
            t = tune ease reg=100,300,1000 on train with test to tune.svg   # the table, and a chart
            """,
        notes: """
            Every combination of the values is trained on TRAIN (the other settings at their
            defaults) and judged by its top-K lists on TEST as 'evaluate MODEL on TEST top K'
            does (help evaluate). The table has one row per combination, best first by the
            metric (ndcg by default; recall, precision, mrr or hit), with every metric and the
            training time. Ctrl-C stops after the combination in progress and keeps the rows
            finished. 'to PATH.svg' draws the metric against the first setting, one line per
            value of the others. No model is kept: train the best one by name.
            """,
        fills: ["key=value": .algorithmSettings],
        gives: .table
    ) { call in
        let usage = call.usage
        let algorithm = try ModelTraining.algorithm(&call.arguments, usage: usage)
        let grid = try TuningGrid.read(&call.arguments, for: algorithm, usage: usage)
        guard call.arguments.take("on") else {
            throw ShellError("expected 'on TRAIN', the ratings to train on; usage: \(usage)",
                             at: call.arguments.peek ?? call.arguments.endToken)
        }
        let trainToken = try call.arguments.expectName("the table to train on", usage: usage)
        guard call.arguments.take("with") else {
            throw ShellError("expected 'with TEST', the held-out ratings to judge the lists by; usage: \(usage)",
                             at: call.arguments.peek ?? call.arguments.endToken)
        }
        let testToken = try call.arguments.expectName("the held-out ratings", usage: usage)
        var k = 10, metricIndex = 0
        while let word = call.arguments.peek, !word.isWord("to") {
            if call.arguments.take("top") {
                k = try call.arguments.expectInteger("the length of the lists", in: 1...10_000, usage: usage)
            } else if call.arguments.take("metric") {
                let names = rankingMetrics.map { $0.name }
                let token = try call.arguments.expectName("a metric (\(names.joined(separator: ", ")))", usage: usage)
                guard let index = names.firstIndex(of: token.text.lowercased()) else {
                    throw ShellError(Suggestion.unknown("metric", token.text, among: names, plural: "metrics"), at: token)
                }
                metricIndex = index
            } else {
                throw ShellError("unexpected '\(word.text)'; usage: \(usage)", at: word)
            }
        }
        let path = try ChartArguments.svgPath(&call)
        try call.arguments.expectEnd(usage: usage)
        guard let trainTable = call.session.workspace.table(trainToken.text) else { throw call.session.unknownTable(trainToken) }
        guard let testTable = call.session.workspace.table(testToken.text) else { throw call.session.unknownTable(testToken) }
        let cancel = call.session.cancellation
        let matrix: RatingMatrix, heldOut: HeldOutRatings
        do throws(RecLabError) {
            matrix = try RatingMatrix.build(from: trainTable, cancel: cancel)
        } catch where error.isCancellation {
            throw error
        } catch {
            throw ShellError("cannot train on '\(trainToken.text)': \(error.message)", at: trainToken)
        }
        do throws(RecLabError) {
            heldOut = try HeldOutRatings(table: testTable)
        } catch {
            throw ShellError("cannot judge by '\(testToken.text)': \(error.message)", at: testToken)
        }
        let run = try TuningRun.run(algorithm, grid: grid, matrix: matrix, heldOut: heldOut, k: k, cancel: cancel)
        guard !run.rows.isEmpty else { throw RecLabError.cancelled }
        let table = try run.table(sortedBy: metricIndex, k: k)
        var parts: [ReportPart] = [.table(table, rows: table.rowCount), .text(run.note(metric: metricIndex, k: k,
                                                                                         train: trainToken.text,
                                                                                         test: testToken.text))]
        if let path {
            parts.append(.picture(run.picture(metric: metricIndex, k: k, path: path, call: &call)))
        }
        return .report(parts)
    }
}
