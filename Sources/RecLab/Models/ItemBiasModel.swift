/// A model that learns a bias per movie: how much better (or worse) a movie
/// is liked than the rest of the model explains (`bias`'s b_i, `mf`'s item
/// biases). `bias MODEL top|bottom` lists movies by it.
public protocol ItemBiasModel: Recommender {
    /// The learned bias of each item index of ``Recommender/matrix``.
    var itemBiases: [Double] { get }
}

extension ItemBiasModel {
    /// The `n` movies with the highest bias (the most appreciated), or the
    /// lowest when `lowest`, leaving out movies with fewer than `minCount`
    /// training ratings; exact ties by ascending id.
    ///
    /// - Complexity: O(items + s log s) for the s movies kept.
    public func moviesByBias(_ n: Int, lowest: Bool = false, minCount: Int = 0) -> [ScoredItem] {
        let biases = itemBiases
        let kept = biases.indices.filter { !biases[$0].isNaN && matrix.entries(ofItem: $0).count >= minCount }
        // Item indices ascend with ids, so comparing indices breaks ties by id.
        let order = kept.sorted { a, b in biases[a] != biases[b] ? (biases[a] > biases[b]) != lowest : a < b }
        return order.prefix(max(0, n)).map { ScoredItem(item: matrix.itemIds[$0], score: biases[$0]) }
    }
}

/// `bias`'s b_i: the damped mean of (rating − μ) over the movie's ratings.
extension BiasModel: ItemBiasModel {}

/// `mf`'s item biases, added to u·v inside the sigmoid.
extension MatrixFactorization: ItemBiasModel {}
extension ALSModel: ItemBiasModel {}
