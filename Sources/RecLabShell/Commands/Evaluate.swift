import RecLab

extension Verbs {
    /// `evaluate MODEL on TABLE`.
    static let evaluate = Verb(
        name: "evaluate", group: .models,
        summary: "how well a model predicts held-out ratings: RMSE, MAE and coverage (rows it cannot score go to a fallback)",
        forms: ["evaluate MODEL on TABLE [top K [binary] [per user]]"],
        example: """
            train, test = split ratings 80% seed 42
            als = train als on train
            evaluate als on test
            evaluate als on test top 10        # its top-10 lists: ndcg, recall, precision, mrr, hit
            u = evaluate als on test top 10 per user   # a row per user, to sort or chart
            """,
        notes: """
            rmse and mae cover the rows the model scored itself; coverage is their share of the rows.
            Rows it cannot score (a user or movie not in its training ratings, or a movie it declines,
            like userknn with too few neighbours) get the fallback's prediction, as LensKit's
            Fallback(model, Bias(damping=5)) does: a bias model trained on the model's own ratings.
            rmse_all and mae_all cover every row, fallback included: compare models on those.
            Rows that are ratings the model was trained on are left out (and counted): they are
            not held out. Predictions are taken as the models give them, not clipped (als clamps
            its own to the training ratings' range; popular's scores are counts, so it cannot be
            evaluated). 'r = evaluate …' binds the table, to sort or save it (save r results.csv).
            With 'top K', every user of TABLE gets the model's top-K list from its candidates
            (movies of its training ratings the user did not rate there; ties to the lower movieId),
            scored against their held-out ratings as LensKit 0.14.4 does: ndcg (gains are the
            ratings, or 1 with 'binary'; discount max(log2 rank, 1)), recall (hits over
            min(held out, K)), precision (hits over K), mrr (1 / rank of the first hit), hit (any).
            A user not in the model's training ratings is asked as a person with no ratings
            (popular still has a list; userknn and itemknn have none, which scores 0). coverage is the
            share of the model's movies recommended to anyone; popularity the mean number of
            training ratings of what it recommends. popular can be judged this way.
            """,
        gives: .table
    ) { call in
        let usage = call.usage
        let modelToken = try call.arguments.expectName("a model name", usage: usage)
        if let extra = call.arguments.peek, !extra.isWord("on"), call.input == nil {
            if call.session.workspace.table(extra.text) != nil {
                throw ShellError("expected 'on' before the table: evaluate \(modelToken.text) on \(extra.text)", at: extra)
            }
            if call.session.workspace.models[extra.text] != nil {
                throw ShellError("evaluate takes one model; to put several side by side, write compare "
                                 + "\(modelToken.text) \(extra.text) … on TABLE", at: extra)
            }
        }
        let target = try ModelEvaluation.target(&call, usage: usage)
        let trained = try ModelEvaluation.model(modelToken, in: call.session, ranking: target.topN != nil)
        if let topN = target.topN {
            if topN.perUser {
                return try ModelEvaluation.perUser(trained, on: target, k: topN.k, binary: topN.binary, session: call.session)
            }
            return try ModelEvaluation.rank([(trained, modelToken)], on: target, k: topN.k, binary: topN.binary,
                                            session: call.session, ranked: false)
        }
        let result = try ModelEvaluation.evaluate(trained, on: target, session: call.session, at: modelToken)
        let table = try ModelEvaluation.table([result], ranked: false)
        return ModelEvaluation.outcome(table, notes: ModelEvaluation.notes([result], on: target, named: false))
    }
}
