/// A person's ratings laid over a model's items: which training items they
/// rated, with the rating and the rating minus the item's mean.
struct ItemProfile {
    /// Whether the person rated each item index.
    var rated: [Bool]
    /// The person's rating per item index (0 where not rated).
    var ratings: [Double]
    /// The rating minus μ_i (the raw rating when there are no means).
    var centred: [Double]
    /// The item indices rated, ascending.
    var items: [Int]
    /// How many distinct movies the person rated, known or not.
    var ratingCount: Int

    /// How many of them are in the training data.
    var knownCount: Int { items.count }

    /// A new person's ratings, centred by `means` (per item index) when
    /// given; a later rating of the same movie overwrites
    /// an earlier one, and movies the training data lacks are dropped (they
    /// still count in ``ratingCount``).
    ///
    /// - Complexity: O(items + ratings).
    init(ratings given: [(item: Int64, rating: Double)], matrix: RatingMatrix, means: [Double]?) {
        let n = matrix.itemCount
        rated = [Bool](repeating: false, count: n)
        ratings = [Double](repeating: 0, count: n)
        centred = [Double](repeating: 0, count: n)
        items = []
        var distinct = Set<Int64>()
        for pair in given {
            distinct.insert(pair.item)
            guard let i = matrix.itemIndex(of: pair.item) else { continue }
            if !rated[i] { items.append(i) }
            rated[i] = true
            ratings[i] = pair.rating
            centred[i] = means.map { pair.rating - $0[i] } ?? pair.rating
        }
        items.sort()
        ratingCount = distinct.count
    }

    /// Data user `u`'s own training ratings, centred as above.
    ///
    /// - Complexity: O(items + the user's ratings).
    init(user u: Int, matrix: RatingMatrix, means: [Double]?) {
        let n = matrix.itemCount
        rated = [Bool](repeating: false, count: n)
        ratings = [Double](repeating: 0, count: n)
        centred = [Double](repeating: 0, count: n)
        items = []
        for k in matrix.entries(ofUser: u) {
            let i = Int(matrix.userItems[k]), r = matrix.userRatings[k]
            rated[i] = true
            ratings[i] = r
            centred[i] = means.map { r - $0[i] } ?? r
            items.append(i)
        }
        ratingCount = items.count
    }
}
