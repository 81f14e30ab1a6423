/// A running sum with Kahan compensation, in the form pandas' grouped sums
/// and means use, so item means come out bit for bit as LensKit's.
struct CompensatedSum {
    private(set) var total = 0.0
    private var compensation = 0.0

    mutating func add(_ value: Double) {
        let y = value - compensation
        let t = total + y
        compensation = (t - total) - y
        // An infinite term makes the compensation NaN; pandas then resets it.
        if compensation.isNaN { compensation = 0 }
        total = t
    }
}

/// The normalised item vectors, stored aligned with both layouts of the
/// rating matrix so that training can walk item → raters → their items.
struct ItemVectors: Sendable {
    /// x_ui for each by-item entry.
    var byItem: [Double]
    /// x_ui for each by-user entry.
    var byUser: [Double]
    /// The by-user position of each by-item entry (the same rating).
    var userPosition: [Int]
}

extension ItemKNN {
    /// μ_i per item index: pandas' compensated sum over the item's ratings
    /// (in ascending user order) divided by their count.
    ///
    /// - Complexity: O(ratings).
    static func itemMeans(_ matrix: RatingMatrix) -> [Double] {
        var means = [Double](repeating: 0, count: matrix.itemCount)
        for i in 0 ..< matrix.itemCount {
            let entries = matrix.entries(ofItem: i)
            guard !entries.isEmpty else { continue }
            var sum = CompensatedSum()
            for k in entries { sum.add(matrix.itemRatings[k]) }
            means[i] = sum.total / Double(entries.count)
        }
        return means
    }

    /// x_ui = (r_ui − μ_i) · (1 / ‖c_i‖), with LensKit's arithmetic: the
    /// norm is the square root of the squares summed in ascending user
    /// order, and each value is multiplied by its reciprocal (not divided).
    /// Zero-norm items get the zero vector.
    ///
    /// - Complexity: O(ratings).
    static func normalisedVectors(_ matrix: RatingMatrix, means: [Double]) -> ItemVectors {
        var byItem = [Double](repeating: 0, count: matrix.ratingCount)
        for i in 0 ..< matrix.itemCount {
            let entries = matrix.entries(ofItem: i)
            var squares = 0.0
            for k in entries {
                let c = matrix.itemRatings[k] - means[i]
                byItem[k] = c
                squares += c * c
            }
            let norm = squares.squareRoot()
            let reciprocal = norm > 0 ? 1 / norm : 0
            for k in entries { byItem[k] *= reciprocal }
        }
        // Items ascend in the outer loop and each user's items ascend in the
        // by-user layout, so a cursor per user lands every value in place.
        var byUser = [Double](repeating: 0, count: matrix.ratingCount)
        var userPosition = [Int](repeating: 0, count: matrix.ratingCount)
        var cursor = matrix.userOffsets
        for i in 0 ..< matrix.itemCount {
            for k in matrix.entries(ofItem: i) {
                let u = Int(matrix.itemUsers[k])
                byUser[cursor[u]] = byItem[k]
                userPosition[k] = cursor[u]
                cursor[u] += 1
            }
        }
        return ItemVectors(byItem: byItem, byUser: byUser, userPosition: userPosition)
    }
}
