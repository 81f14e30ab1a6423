import RecLab

extension Verbs {
    /// `evaluate MODEL on TABLE`.
    static let evaluate = Verb(
        name: "evaluate", group: .models,
        summary: "how well a model predicts held-out ratings: RMSE, MAE and coverage (rows it cannot score go to a fallback)",
        forms: ["evaluate MODEL on TABLE"],
        example: """
            train, test = split ratings 80% seed 42
            als = train als on train
            evaluate als on test
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
        let trained = try ModelEvaluation.model(modelToken, in: call.session)
        let result = try ModelEvaluation.evaluate(trained, on: target, session: call.session, at: modelToken)
        let table = try ModelEvaluation.table([result], ranked: false)
        return ModelEvaluation.outcome(table, notes: ModelEvaluation.notes([result], on: target, named: false))
    }
}
