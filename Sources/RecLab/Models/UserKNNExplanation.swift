/// How ``UserKNN`` arrived at (or declined) one movie's score for one
/// person: the neighbours used and the arithmetic
/// `score = μ + Σ sim·c / Σ |sim|`.
public struct UserKNNExplanation: Sendable {
    /// One neighbour used for the movie.
    public struct Neighbour: Sendable, Equatable {
        /// The data user's id.
        public var user: Int64
        /// sim(v), the user's similarity to the person.
        public var similarity: Double
        /// The user's rating of the movie.
        public var rating: Double
        /// The rating minus the user's mean, c_vi.
        public var centredRating: Double
    }

    /// The movie id.
    public var item: Int64
    /// Whether the person rated the movie (then it is not a candidate).
    public var ratedByPerson: Bool
    /// How many data users rated the movie.
    public var raterCount: Int
    /// How many of them were similar enough to be considered.
    public var eligibleCount: Int
    /// The neighbours kept (at most `nbrs`), most similar first, ties by
    /// ascending user id.
    public var neighbours: [Neighbour]
    /// The least number of neighbours needed for a score (`min_nbrs`).
    public var minNeighbours: Int
    /// The person's mean μ.
    public var mean: Double
    /// Σ sim·c over the neighbours.
    public var weightedSum: Double
    /// Σ |sim| over the neighbours.
    public var similaritySum: Double
    /// The score, or `nil` when the movie was rated by the person or had
    /// fewer than ``minNeighbours`` neighbours.
    public var score: Double?
}

extension UserKNNScores {
    /// The neighbours and arithmetic behind movie `id`'s score, or `nil`
    /// when nobody in the training data rated it.
    ///
    /// - Complexity: O(raters of the movie × log `nbrs`).
    public func explain(item id: Int64) -> UserKNNExplanation? {
        let matrix = model.matrix
        guard let i = matrix.itemIndex(of: id) else { return nil }
        var heap = NeighbourHeap(capacity: model.parameters.neighbours)
        if problem == nil { model.selectNeighbours(ofItem: i, similarities: similarities, into: &heap) }
        let (weighted, total) = model.weightedSums(heap, similarities: similarities)
        let entries = matrix.entries(ofItem: i)
        let minimum = model.parameters.minSimilarity
        let eligible = problem != nil ? 0 : entries.reduce(0) { count, k in
            let s = similarities[Int(matrix.itemUsers[k])]
            return abs(s) < UserKNN.negligibleSimilarity || s < minimum ? count : count + 1
        }
        var neighbours = (0 ..< heap.count).map { slot in
            let k = Int(heap.entries[slot])
            return UserKNNExplanation.Neighbour(
                user: matrix.userIds[Int(matrix.itemUsers[k])], similarity: heap.similarities[slot],
                rating: matrix.itemRatings[k], centredRating: model.centred(entry: k))
        }
        neighbours.sort { $0.similarity != $1.similarity ? $0.similarity > $1.similarity : $0.user < $1.user }
        return UserKNNExplanation(
            item: id, ratedByPerson: items.rated[i], raterCount: entries.count, eligibleCount: eligible,
            neighbours: neighbours, minNeighbours: model.parameters.minNeighbours, mean: mean,
            weightedSum: weighted, similaritySum: total, score: items.values[i].isNaN ? nil : items.values[i])
    }
}
