import RecLab

/// What `evaluate` and `compare` share: reading the models and `on TABLE`,
/// evaluating, and the table and notes they print.
enum ModelEvaluation {
    /// One model's evaluation.
    struct Result {
        var trained: TrainedModel
        var report: EvaluationReport
    }

    /// The held-out ratings: the piped table, or the one after `on`.
    struct Target {
        var ratings: HeldOutRatings
        var name: String
        var token: Token?
        /// `top K [binary] [per user]`: judge the models' lists, not their
        /// predicted ratings; `perUser` gives a row per user instead of the means.
        var topN: (k: Int, binary: Bool, perUser: Bool)?
    }

    /// The model named by `token`, refusing one whose scores are not ratings.
    static func model(_ token: Token, in session: Session, ranking: Bool = false) throws -> TrainedModel {
        guard let trained = session.workspace.models[token.text] else {
            throw ShellError(session.workspace.unknownModelMessage(token.text), at: token)
        }
        // Every model makes lists; only those whose scores are ratings have rating errors.
        guard ranking || Evaluation.predictsRatings(trained.model) else {
            let how = trained.model.scoreScale == .counts ? "by how many rated them" : "for a ranking"
            throw ShellError("'\(trained.name)' is \(MovieSpace.kind(of: trained)): it scores movies \(how), "
                             + "not by a predicted rating, so it has no rating errors to measure (judge its lists: "
                             + "evaluate \(trained.name) on TABLE top 10)", at: token)
        }
        return trained
    }

    /// Reads `on TABLE` (or takes the piped table) and the ratings in it.
    static func target(_ call: inout Invocation, usage: String) throws -> Target {
        var name = "(piped table)", token: Token?
        if call.arguments.take("on") {
            let t = try call.arguments.expectName("a table of held-out ratings", usage: usage)
            (name, token) = (t.text, t)
        } else if call.input == nil {
            throw ShellError("expected 'on TABLE', the ratings to evaluate on (like test from "
                             + "'train, test = split ratings 80%'); usage: \(usage)", at: call.arguments.peek ?? call.arguments.endToken)
        }
        var topN: (k: Int, binary: Bool, perUser: Bool)?
        if call.arguments.take("top") {
            let k = try call.arguments.expectInteger("the length of the lists", in: 1...10_000, usage: usage)
            let binary = call.arguments.take("binary")
            var perUser = false
            if let per = call.arguments.peek, per.isWord("per") {
                _ = call.arguments.next()
                guard call.arguments.take("user") else {
                    throw ShellError("expected 'per user'; usage: \(usage)", at: call.arguments.peek ?? call.arguments.endToken)
                }
                perUser = true
            }
            topN = (k, binary, perUser)
        }
        try call.arguments.expectEnd(usage: usage)
        let anchor = token ?? call.arguments.verb
        guard let table = call.input ?? call.session.workspace.table(name) else {
            throw call.session.unknownTable(anchor)
        }
        let ratings: HeldOutRatings
        do throws(RecLabError) {
            ratings = try HeldOutRatings(table: table)
        } catch {
            throw ShellError("cannot evaluate on '\(name)': \(error.message)", at: anchor)
        }
        guard ratings.count > 0 else { throw ShellError("'\(name)' has no rows to evaluate on", at: anchor) }
        return Target(ratings: ratings, name: name, token: token, topN: topN)
    }

    /// Evaluates one model, refusing when no row was held out of its
    /// training (every row is one of its training ratings).
    static func evaluate(_ trained: TrainedModel, on target: Target, session: Session, at modelToken: Token) throws -> Result {
        let report = try Evaluation.evaluate(trained.model, on: target.ratings, cancel: session.cancellation)
        if report.heldOut == 0 {
            throw ShellError("every row of '\(target.name)' is a rating '\(trained.name)' was trained on: evaluate on ratings "
                             + "held out of training (train, test = split ratings 80%, then train on train)",
                             at: target.token ?? modelToken)
        }
        return Result(trained: trained, report: report)
    }

    /// One row per result: model, algorithm, rows, coverage, rmse, mae,
    /// rmse_all, mae_all (with a leading rank when `ranked`).
    static func table(_ results: [Result], ranked: Bool) throws -> Table {
        func errors(_ name: String, _ values: [Double]) -> Column {
            Column(name: name, decimals: values.map { $0.isNaN ? 0 : $0 }, validity: Validity(values.map { !$0.isNaN }),
                   fractionDigits: 4)
        }
        let reports = results.map(\.report)
        var columns = [
            Column(name: "model", texts: results.map(\.trained.name)),
            Column(name: "algorithm", texts: results.map(\.trained.model.algorithm)),
            Column(name: "rows", counts: reports.map { Int64($0.heldOut) }),
            Column(name: "coverage", decimals: reports.map(\.coverage), fractionDigits: 3),
            errors("rmse", reports.map(\.model.rmse)), errors("mae", reports.map(\.model.mae)),
            errors("rmse_all", reports.map(\.all.rmse)), errors("mae_all", reports.map(\.all.mae)),
        ]
        if ranked { columns.insert(Column(name: "rank", integers: results.indices.map { Int64($0 + 1) }), at: 0) }
        return try Table(columns: columns)
    }

    /// The lines under the table: which rows the fallback predicted, and why
    /// (one line for models with the same story), then what the columns cover.
    static func notes(_ results: [Result], on target: Target, named: Bool) -> [String] {
        var stories: [(models: [String], text: String)] = []
        for result in results where result.report.fallbackCount + result.report.leftOut > 0 {
            let report = result.report, table = result.trained.table
            var parts: [String] = []
            if report.fallbackCount > 0 {
                let reasons: [(PredictionSource, String)] = [
                    (.unknownItem, "with a movie not in '\(table)'"), (.unknownUser, "with a user not in '\(table)'"),
                    (.declined, "that \(result.trained.model.algorithm) could not score"),
                ]
                let why = reasons.filter { report.count($0.0) > 0 }
                    .map { "\(NumberFormatting.grouped(report.count($0.0))) \($0.1)" }.joined(separator: ", ")
                parts.append("\(NumberFormatting.grouped(report.fallbackCount)) of \(NumberFormatting.grouped(report.heldOut)) "
                             + "rows predicted by the fallback (bias, damping 5, trained on '\(table)'): \(why)")
            }
            if report.leftOut > 0 {
                parts.append("\(NumberFormatting.grouped(report.leftOut)) rows left out: ratings in '\(table)', "
                             + "which the model was trained on")
            }
            let text = parts.joined(separator: "; ")
            if let k = stories.firstIndex(where: { $0.text == text }) {
                stories[k].models.append(result.trained.name)
            } else {
                stories.append(([result.trained.name], text))
            }
        }
        var lines = stories.map { (named ? $0.models.joined(separator: ", ") + ": " : "") + $0.text }
        lines.append("rmse, mae: the rows the model scored; rmse_all, mae_all: every held-out row of '\(target.name)', "
                     + "fallback included; predictions as the models give them, not clipped")
        return lines
    }

    /// The outcome of `evaluate` and `compare`: the whole table, then the
    /// notes; bound or piped, the table alone.
    static func outcome(_ table: Table, notes: [String]) -> Outcome {
        .report([.table(table, rows: table.rowCount), .text(notes.joined(separator: "\n"))])
    }
}
