/// One movie and its predicted score.
public struct ScoredItem: Sendable, Equatable {
    /// The movie id.
    public var item: Int64
    /// The predicted score (a rating for rating models, not clamped; a count
    /// for `popular`).
    public var score: Double

    /// A movie and its score.
    public init(item: Int64, score: Double) {
        self.item = item
        self.score = score
    }
}

/// What any ``Recommender`` predicts for one person: a score for each
/// candidate movie it could score, which movies the person rated, and why
/// nothing was scored when that happens.
///
/// Candidates are the training items the person has not rated; movies nobody
/// in the training data rated are never candidates.
public struct ItemScores: Sendable {
    /// The training ratings the scores are indexed by.
    public let matrix: RatingMatrix
    /// The score per item index; NaN for a movie the person rated or one the
    /// model could not score.
    public let values: [Double]
    /// Whether the person rated each item index.
    public let rated: [Bool]
    /// How many distinct movies the person rated.
    public let ratingCount: Int
    /// How many of those are in the training data.
    public let knownCount: Int
    /// Why nothing was scored (one line a student can act on), or `nil`.
    public let problem: String?

    /// Scores over `matrix`'s items.
    public init(matrix: RatingMatrix, values: [Double], rated: [Bool], ratingCount: Int, knownCount: Int,
                problem: String?) {
        self.matrix = matrix
        self.values = values
        self.rated = rated
        self.ratingCount = ratingCount
        self.knownCount = knownCount
        self.problem = problem
    }

    /// The number of candidate movies (training items the person has not
    /// rated).
    public var candidateCount: Int { matrix.itemCount - knownCount }

    /// The number of movies that received a score.
    ///
    /// - Complexity: O(items).
    public var scoredCount: Int { values.reduce(0) { $1.isNaN ? $0 : $0 + 1 } }

    /// The score of movie `id`, or `nil` when it is not a candidate or could
    /// not be scored.
    public func score(ofItem id: Int64) -> Double? {
        guard let i = matrix.itemIndex(of: id), !values[i].isNaN else { return nil }
        return values[i]
    }

    /// Whether the person rated movie `id`.
    public func isRated(_ id: Int64) -> Bool {
        matrix.itemIndex(of: id).map { rated[$0] } ?? false
    }

    /// The `n` best movies that pass `include`: score descending, exact ties
    /// by ascending id.
    ///
    /// - Complexity: O(items + s log n) for s scored movies.
    public func recommend(_ n: Int, where include: (Int64) -> Bool = { _ in true }) -> [ScoredItem] {
        guard n > 0 else { return [] }
        // Item indices ascend with ids, so comparing the index breaks ties by id.
        var order: [Int] = []
        for i in values.indices where !values[i].isNaN && include(matrix.itemIds[i]) { order.append(i) }
        let better: (Int, Int) -> Bool = { values[$0] != values[$1] ? values[$0] > values[$1] : $0 < $1 }
        if order.count > 4 * n {
            order = Array(order.partialSorted(n, by: better))
        } else {
            order.sort(by: better)
        }
        return order.prefix(n).map { ScoredItem(item: matrix.itemIds[$0], score: values[$0]) }
    }
}

extension Array {
    /// The `n` first elements in `areInIncreasingOrder`, sorted, found with a
    /// bounded selection instead of a full sort.
    ///
    /// - Complexity: O(count × n) worst case, O(count) typically for small n.
    func partialSorted(_ n: Int, by areInIncreasingOrder: (Element, Element) -> Bool) -> [Element] {
        var best: [Element] = []
        best.reserveCapacity(n + 1)
        for element in self {
            if best.count == n, let last = best.last, !areInIncreasingOrder(element, last) { continue }
            var position = best.count
            while position > 0, areInIncreasingOrder(element, best[position - 1]) { position -= 1 }
            best.insert(element, at: position)
            if best.count > n { best.removeLast() }
        }
        return best
    }
}
