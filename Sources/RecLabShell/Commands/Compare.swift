import RecLab

extension Verbs {
    /// `compare MODEL... on TABLE`.
    static let compare = Verb(
        name: "compare", group: .models,
        summary: "evaluate several models on the same held-out ratings, best RMSE (all rows) first",
        forms: ["compare MODEL... on TABLE [top K [binary]]"],
        example: """
            train, test = split ratings 80% seed 42
            knn = train userknn on train
            b = train bias on train
            a = train als on train
            compare knn b a on test
            p = train popular on train
            compare knn b a p on test top 10   # their lists: best ndcg first
            """,
        notes: "Columns as for evaluate (help evaluate); ranked by rmse_all (with top K: by ndcg), ties by the order given.",
        gives: .table
    ) { call in
        let usage = call.usage
        var tokens: [Token] = []
        while let word = call.arguments.peek, !word.isWord("on") {
            let token = try call.arguments.expectName("a model name", usage: usage)
            if tokens.contains(where: { $0.text == token.text }) {
                throw ShellError("'\(token.text)' is named twice", at: token)
            }
            tokens.append(token)
        }
        guard !tokens.isEmpty else {
            throw ShellError("expected the models to compare; usage: \(usage)", at: call.arguments.peek ?? call.arguments.endToken)
        }
        let target = try ModelEvaluation.target(&call, usage: usage)
        let models = try tokens.map { try ModelEvaluation.model($0, in: call.session, ranking: target.topN != nil) }
        if let topN = target.topN {
            if topN.perUser {
                throw ShellError("'per user' gives one model's rows: evaluate MODEL on \(target.name) top \(topN.k) per user",
                                 at: call.arguments.verb)
            }
            return try ModelEvaluation.rank(Array(zip(models, tokens)), on: target, k: topN.k, binary: topN.binary,
                                            session: call.session, ranked: true)
        }
        var results: [ModelEvaluation.Result] = []
        for (trained, token) in zip(models, tokens) {
            results.append(try ModelEvaluation.evaluate(trained, on: target, session: call.session, at: token))
        }
        // A stable sort: equal errors keep the order the models were given.
        let ranked = results.enumerated().sorted { a, b in
            let (x, y) = (a.element.report.all.rmse, b.element.report.all.rmse)
            return x != y ? x < y : a.offset < b.offset
        }.map(\.element)
        let table = try ModelEvaluation.table(ranked, ranked: true)
        return ModelEvaluation.outcome(table, notes: ModelEvaluation.notes(ranked, on: target, named: true))
    }
}
