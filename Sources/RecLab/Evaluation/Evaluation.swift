/// A model that predicts one (user, movie) pair in O(its size) without
/// scoring every movie (the factorisations). Its prediction for a movie the
/// user has not rated must equal that movie's score in
/// ``Recommender/itemScores(user:)``; evaluation uses it as a shortcut.
public protocol PairPredictor: Recommender {
    /// The predicted rating of movie `item` by data user `user`, or `nil`
    /// when either is not in the training data.
    func predict(user: Int64, item: Int64) -> Double?
}

/// A model that scores a data user's chosen movies without scoring every
/// movie (the part of ``Recommender/itemScores(user:)`` evaluation needs).
public protocol UserItemScorer: Recommender {
    /// Data user `id`'s scores of the movies at item indices `items`, as
    /// ``Recommender/itemScores(user:)`` gives them (NaN: rated or not
    /// scored).
    func scores(user id: Int64, items: [Int]) throws(RecLabError) -> [Double]
}

extension UserKNN: UserItemScorer {}

extension ALSModel: PairPredictor {}
extension MatrixFactorization: PairPredictor {}
extension BiasModel: PairPredictor {}

/// Measuring how well a model predicts ratings it was not trained on
/// (LensKit's `Fallback(model, Bias(damping=5))` and its `rmse`/`mae`):
/// kept apart from the models, which know nothing of it.
public enum Evaluation {
    /// The damping of the fallback bias model (LensKit's usual `Bias(damping=5)`).
    public static let fallbackDamping = 5.0

    /// Whether the model's scores are predicted ratings: `popular`'s are
    /// counts of ratings, so errors against ratings mean nothing.
    public static func predictsRatings(_ model: any Recommender) -> Bool { model.scoresAreRatings }

    /// The fallback for `model`: a ``BiasModel`` with damping 5 trained on
    /// the model's own training ratings.
    ///
    /// - Complexity: O(ratings).
    public static func fallback(for model: any Recommender) throws(RecLabError) -> BiasModel {
        if let bias = model as? BiasModel, bias.parameters == BiasModel.Parameters(damping: fallbackDamping) { return bias }
        return try BiasModel.train(model.matrix, parameters: BiasModel.Parameters(damping: fallbackDamping))
    }

    /// Predicts every held-out row: the model's score where it gives one,
    /// else the fallback's μ + b_i + b_u (with b_u or b_i 0 for an unknown
    /// user or movie) and the reason. Neither is clipped to the rating scale.
    ///
    /// Rows are grouped by user and each known user is scored once
    /// (``Recommender/itemScores(user:)``), users spread over the cores; a
    /// ``PairPredictor`` is asked for each row instead. A row whose user
    /// rated the movie in the model's training ratings is no held-out
    /// rating: the model has seen it (and leaves rated movies out of its
    /// candidates), and so has the fallback, so it gets no prediction (NaN,
    /// `inTraining`) and is left out of the measures.
    ///
    /// - Parameters:
    ///   - fallback: the fallback model; `nil` trains ``fallback(for:)``.
    /// - Throws: ``RecLabError`` when the model does not predict ratings
    ///   (`popular`), or on cancellation (polled per user).
    /// - Complexity: O(rows + users × (one itemScores(user:))), or
    ///   O(rows × (log r + k)) for a ``PairPredictor``.
    public static func predict(_ model: any Recommender, on heldOut: HeldOutRatings, fallback: BiasModel? = nil,
                               cancel: Cancellation = .never) throws(RecLabError) -> [RowPrediction] {
        guard predictsRatings(model) else {
            let what = model.scoreScale == .counts ? "by their number of ratings" : "for a ranking"
            throw RecLabError("\(model.algorithm) scores movies \(what), not by a predicted rating, "
                              + "so it has no rating errors to measure")
        }
        let fallbackModel: BiasModel
        if let fallback { fallbackModel = fallback } else { fallbackModel = try Self.fallback(for: model) }
        let sources = try modelScores(model, on: heldOut, cancel: cancel)
        return (0 ..< heldOut.count).map { row in
            if let score = sources[row].score { return RowPrediction(value: score, source: .model) }
            if sources[row].source == .inTraining { return RowPrediction(value: .nan, source: .inTraining) }
            var value = fallbackModel.globalMean
            if let b = fallbackModel.itemBias(of: heldOut.items[row]) { value += b }
            if let b = fallbackModel.userBias(of: heldOut.users[row]) { value += b }
            return RowPrediction(value: value, source: sources[row].source)
        }
    }

    /// RMSE, MAE and coverage of `model` on the held-out rows, over the
    /// rows it scored and over all of them with the fallback's predictions
    /// (``predict(_:on:fallback:cancel:)``); training ratings among the
    /// rows are left out and counted.
    ///
    /// - Throws: as ``predict(_:on:fallback:cancel:)``.
    /// - Complexity: as ``predict(_:on:fallback:cancel:)``.
    public static func evaluate(_ model: any Recommender, on heldOut: HeldOutRatings, fallback: BiasModel? = nil,
                                cancel: Cancellation = .never) throws(RecLabError) -> EvaluationReport {
        let predictions = try predict(model, on: heldOut, fallback: fallback, cancel: cancel)
        var counts: [PredictionSource: Int] = [:]
        for source in PredictionSource.allCases where source != .model { counts[source] = 0 }
        for p in predictions where p.source != .model { counts[p.source, default: 0] += 1 }
        let scoredRows = predictions.indices.lazy.filter { predictions[$0].source == .model }
        let measured = predictions.indices.lazy.filter { predictions[$0].source != .inTraining }
        return EvaluationReport(rows: heldOut.count,
                                model: .of(predictions, heldOut.ratings, rows: scoredRows),
                                all: .of(predictions, heldOut.ratings, rows: measured),
                                counts: counts)
    }
}
