/// How ``ItemKNN`` arrived at (or declined) one movie's score for one
/// person: the movies they rated that are its neighbours, and the
/// arithmetic `score = μ_i + Σ sim·c / Σ |sim|`.
public struct ItemKNNExplanation: Sendable {
    /// One of the person's rated movies used as a neighbour.
    public struct Neighbour: Sendable, Equatable {
        /// The rated movie's id.
        public var item: Int64
        /// Its similarity to the explained movie.
        public var similarity: Double
        /// The person's rating of it.
        public var rating: Double
        /// That rating minus the rated movie's mean, c_j (the rating itself
        /// when not centring).
        public var centredRating: Double
    }

    /// Why a movie got no score.
    public enum Reason: Sendable, Equatable, CustomStringConvertible {
        /// The person rated it, so it is not a candidate.
        case ratedByPerson
        /// Fewer of the person's rated movies are its neighbours than
        /// `min_nbrs`.
        case tooFewNeighbours(found: Int, needed: Int)
        /// Its neighbours' similarities add up to 0 (possible only with
        /// `min_sim` ≤ 0), so the weighted average is undefined.
        case zeroSimilarity

        /// One line for the user.
        public var description: String {
            switch self {
            case .ratedByPerson:
                return "already rated, so not a candidate"
            case .tooFewNeighbours(let found, let needed):
                return found == 0 ? "none of the rated movies is a neighbour of it"
                    : "only \(found) rated movie\(found == 1 ? " is a neighbour" : "s are neighbours"); min_nbrs is \(needed)"
            case .zeroSimilarity:
                return "its neighbours' similarities add up to 0"
            }
        }
    }

    /// The movie id.
    public var item: Int64
    /// μ_i, the movie's mean rating in the training data (0 when not
    /// centring).
    public var itemMean: Double
    /// How many movies are its neighbours in the model (similarity ≥
    /// `min_sim`), rated by the person or not.
    public var neighbourCount: Int
    /// How many of them the person rated.
    public var ratedNeighbourCount: Int
    /// The neighbours used: the first `nbrs` the person rated, most similar
    /// first (LensKit's order for exact ties).
    public var neighbours: [Neighbour]
    /// The most neighbours used (`nbrs`).
    public var maxNeighbours: Int
    /// The least number of neighbours needed for a score (`min_nbrs`).
    public var minNeighbours: Int
    /// Σ sim·c over the neighbours used.
    public var weightedSum: Double
    /// Σ |sim| over the neighbours used.
    public var similaritySum: Double
    /// The score, exactly as recommendations have it, or `nil`.
    public var score: Double?
    /// Why there is no score, or `nil` when there is one.
    public var reason: Reason?
}

extension ItemKNN {
    /// The neighbours and arithmetic behind movie `id`'s score for a new
    /// person, or `nil` when nobody in the training data rated the movie.
    ///
    /// - Complexity: O(items + neighbours of the movie).
    public func explain(ratings: [(item: Int64, rating: Double)], item id: Int64) -> ItemKNNExplanation? {
        explain(ItemProfile(ratings: ratings, matrix: matrix, means: parameters.center ? itemMeans : nil), item: id)
    }

    /// The neighbours and arithmetic behind movie `id`'s score for data
    /// user `user`, or `nil` when nobody in the training data rated the
    /// movie.
    ///
    /// - Throws: ``RecLabError`` when the user is not in the training data.
    /// - Complexity: as ``explain(ratings:item:)``.
    public func explain(user: Int64, item id: Int64) throws(RecLabError) -> ItemKNNExplanation? {
        explain(try profile(user: user), item: id)
    }

    /// Walks the movie's row in order, as scoring does, so the sums are
    /// the same additions in the same order.
    private func explain(_ profile: ItemProfile, item id: Int64) -> ItemKNNExplanation? {
        guard let i = matrix.itemIndex(of: id) else { return nil }
        let row = neighbourEntries(ofItem: i)
        var used: [ItemKNNExplanation.Neighbour] = []
        var ratedCount = 0, weighted = 0.0, total = 0.0
        for e in row {
            let j = Int(neighbourItems[e])
            guard profile.rated[j] else { continue }
            ratedCount += 1
            guard used.count < parameters.neighbours else { continue }
            let s = neighbourSimilarities[e]
            used.append(.init(item: matrix.itemIds[j], similarity: s, rating: profile.ratings[j],
                              centredRating: profile.centred[j]))
            weighted += profile.centred[j] * s
            total += abs(s)
        }
        let mean = itemMeans[i]
        var score: Double?
        var reason: ItemKNNExplanation.Reason?
        if profile.rated[i] {
            reason = .ratedByPerson
        } else if ratedCount < parameters.minNeighbours {
            reason = .tooFewNeighbours(found: ratedCount, needed: parameters.minNeighbours)
        } else {
            var value = weighted / total
            if ratedCount == 1, let only = used.first {
                value = single(centred: only.centredRating, similarity: only.similarity)
            }
            if value.isNaN { reason = .zeroSimilarity } else { score = parameters.center ? value + mean : value }
        }
        return ItemKNNExplanation(
            item: id, itemMean: mean, neighbourCount: row.count, ratedNeighbourCount: ratedCount, neighbours: used,
            maxNeighbours: parameters.neighbours, minNeighbours: parameters.minNeighbours,
            weightedSum: weighted, similaritySum: total, score: score, reason: reason)
    }
}
