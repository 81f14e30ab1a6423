/// Where one held-out row's prediction came from.
public enum PredictionSource: Sendable, Equatable, CaseIterable {
    /// The model scored it.
    case model
    /// The user is not in the model's training ratings.
    case unknownUser
    /// The user is known but nobody in the training ratings rated the movie.
    case unknownItem
    /// Both are known, but the model gave no score (a `userknn` with too
    /// few neighbours who rated the movie, say).
    case declined
    /// The user rated the movie in the training ratings: the row was not
    /// held out of training, so it is left out of the measures (no
    /// prediction).
    case inTraining
}

/// One held-out row's prediction.
public struct RowPrediction: Sendable, Equatable {
    /// The predicted rating (the model's, or the fallback's); NaN for a
    /// row left out (`inTraining`).
    public var value: Double
    /// Who predicted it and, for the fallback, why.
    public var source: PredictionSource
}

/// The root mean squared and mean absolute error over some rows.
public struct ErrorSummary: Sendable, Equatable {
    /// The number of rows.
    public var count: Int
    /// √(Σ e² / count), NaN over no rows.
    public var rmse: Double
    /// Σ |e| / count, NaN over no rows.
    public var mae: Double

    /// The errors of `predictions` against `ratings` at `rows`, summed in
    /// row order with compensation (the same rows give the same digits).
    static func of(_ predictions: [RowPrediction], _ ratings: [Double], rows: some Sequence<Int>) -> ErrorSummary {
        var squares = CompensatedSum(), absolute = CompensatedSum(), n = 0
        for row in rows {
            let e = predictions[row].value - ratings[row]
            squares.add(e * e)
            absolute.add(abs(e))
            n += 1
        }
        guard n > 0 else { return ErrorSummary(count: 0, rmse: .nan, mae: .nan) }
        return ErrorSummary(count: n, rmse: (squares.total / Double(n)).squareRoot(), mae: absolute.total / Double(n))
    }
}

/// How well a model predicts held-out ratings (``Evaluation/evaluate(_:on:fallback:cancel:)``).
public struct EvaluationReport: Sendable, Equatable {
    /// The number of rows given, those left out included.
    public var rows: Int
    /// The errors over the rows the model scored itself.
    public var model: ErrorSummary
    /// The errors over every held-out row, the fallback's predictions
    /// included.
    public var all: ErrorSummary
    /// The number of rows per source other than the model: the fallback's
    /// by reason, and `inTraining` for the rows left out (every such source
    /// present, 0 when none).
    public var counts: [PredictionSource: Int]

    /// The number of rows left out because they are training ratings.
    public var leftOut: Int { count(.inTraining) }
    /// The number of held-out rows measured: every row but those left out.
    public var heldOut: Int { rows - leftOut }
    /// The number of rows the model scored.
    public var scored: Int { model.count }
    /// The number of rows the fallback predicted.
    public var fallbackCount: Int { heldOut - scored }
    /// The share of held-out rows the model scored (NaN over none).
    public var coverage: Double { heldOut > 0 ? Double(scored) / Double(heldOut) : .nan }

    /// The number of rows from `source` (not the model).
    public func count(_ source: PredictionSource) -> Int { counts[source] ?? 0 }
}
