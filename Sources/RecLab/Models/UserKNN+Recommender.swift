extension UserKNN: Recommender {
    /// `userknn`.
    public static let algorithm = "userknn"

    /// `nbrs`, `min_nbrs`, `min_sim` and `center`, as `train` takes them.
    public var settings: [(key: String, value: String)] {
        [("nbrs", String(parameters.neighbours)), ("min_nbrs", String(parameters.minNeighbours)),
         ("min_sim", Self.format(parameters.minSimilarity)), ("center", parameters.center ? "on" : "off")]
    }

    /// The scores of ``score(ratings:)``.
    public func itemScores(ratings: [(item: Int64, rating: Double)]) -> ItemScores {
        score(ratings: ratings).items
    }

    /// The scores of ``score(user:)``.
    public func itemScores(user id: Int64) throws(RecLabError) -> ItemScores {
        try score(user: id).items
    }

    /// A setting's value as typed: `0` rather than `0.0`.
    static func format(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }
}
