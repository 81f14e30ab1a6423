import RecLab

extension ModelEvaluation {
    /// `evaluate … top K` and `compare … top K`: each model's top-K lists
    /// for every user of the held-out ratings, scored by LensKit's ranking
    /// metrics (``TopNEvaluation``); ranked by ndcg when `ranked`.
    static func rank(_ models: [(TrainedModel, Token)], on target: Target, k: Int, binary: Bool,
                     session: Session, ranked: Bool) throws -> Outcome {
        var results: [(trained: TrainedModel, evaluation: TopNEvaluation)] = []
        for (trained, _) in models {
            let evaluation = try TopNEvaluation.evaluate(trained.model, on: target.ratings, k: k, binary: binary,
                                                         cancel: session.cancellation)
            results.append((trained, evaluation))
        }
        if ranked {
            // A stable sort: equal ndcg keeps the order the models were given.
            results = results.enumerated().sorted { a, b in
                let (x, y) = (a.element.evaluation.means[0], b.element.evaluation.means[0])
                return x != y ? x > y : a.offset < b.offset
            }.map(\.element)
        }
        var columns = [
            Column(name: "model", texts: results.map(\.trained.name)),
            Column(name: "algorithm", texts: results.map(\.trained.model.algorithm)),
            Column(name: "users", counts: results.map { Int64($0.evaluation.users.count) }),
        ]
        for (m, metric) in rankingMetrics.enumerated() {
            columns.append(Column(name: metric.name, decimals: results.map { $0.evaluation.means[m] }, fractionDigits: 4))
        }
        columns.append(Column(name: "coverage", decimals: results.map(\.evaluation.coverage), fractionDigits: 3))
        columns.append(Column(name: "popularity", decimals: results.map(\.evaluation.meanPopularity), fractionDigits: 1))
        if ranked { columns.insert(Column(name: "rank", integers: results.indices.map { Int64($0 + 1) }), at: 0) }
        let table = try Table(columns: columns)
        var notes: [String] = []
        for result in results {
            let empty = result.evaluation.users.count { $0.list.isEmpty }
            if empty > 0 {
                notes.append("\(result.trained.name): \(NumberFormatting.counted(empty, "user")) of '\(target.name)' got no list, "
                             + "scored 0")
            }
        }
        notes.append("top-\(k) lists from each model's unrated training movies, scored against '\(target.name)' "
                     + (binary ? "with every held-out movie a gain of 1" : "with the held-out ratings as gains")
                     + " (LensKit's definitions); coverage: share of the movies recommended to anyone; "
                     + "popularity: mean training ratings of a recommended movie")
        return outcome(table, notes: notes)
    }

    /// `evaluate … top K per user`: a row per held-out user, with their
    /// held-out count, their list's length and each metric.
    static func perUser(_ trained: TrainedModel, on target: Target, k: Int, binary: Bool, session: Session) throws -> Outcome {
        let evaluation = try TopNEvaluation.evaluate(trained.model, on: target.ratings, k: k, binary: binary,
                                                     cancel: session.cancellation)
        let rows = evaluation.users
        var columns = [
            Column(name: "userId", integers: rows.map(\.user)),
            Column(name: "held_out", counts: rows.map { Int64($0.heldOut) }),
            Column(name: "listed", counts: rows.map { Int64($0.list.count) }),
        ]
        for (m, metric) in rankingMetrics.enumerated() {
            columns.append(Column(name: metric.name, decimals: rows.map { $0.scores[m] }, fractionDigits: 4))
        }
        return .table(try Table(columns: columns))
    }
}
