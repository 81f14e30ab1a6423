extension ImplicitMF {
    /// A new person's vector from the movies they rated, their rating
    /// values ignored, solved against the final movie vectors as LensKit's
    /// `_train_implicit_row_lu` does: (YᵀY + reg·I + weight·Σ q_i q_iᵀ) x
    /// = (1 + weight)·Σ q_i over the known movies i.
    ///
    /// Movies the model does not know are ignored, a movie rated twice
    /// counts once; with none known the vector is 0 (every score 0).
    ///
    /// - Complexity: O(r × k² + k³) for r ratings and k features.
    public func foldIn(ratings: [(item: Int64, rating: Double)]) -> [Double] {
        let known = Set(ratings.compactMap { matrix.itemIndex(of: $0.item) }).sorted().map(Int32.init)
        let k = factors
        var x = [Double](repeating: 0, count: k)
        guard !known.isEmpty else { return x }
        let scratch = ALSScratch(m: k, longest: known.count)
        defer { scratch.release() }
        known.withUnsafeBufferPointer { others in
            gram.withUnsafeBufferPointer { g in
                items.withUnsafeBufferPointer { q in
                    x.withUnsafeMutableBufferPointer { out in
                        guard let o = others.baseAddress, let g = g.baseAddress, let q = q.baseAddress,
                              let out = out.baseAddress else { return }
                        Self.solveRow(others: o, count: known.count, gram: g, other: q, k: k,
                                      weight: parameters.weight, scratch: scratch, out: out)
                    }
                }
            }
        }
        return x
    }

    /// x·q_i for every movie, NaN where `rated`: no offset, no clamp.
    ///
    /// - Complexity: O(items × k).
    public func scores(vector: [Double], rated: [Bool]) -> [Double] {
        Self.dotScores(vector: vector, rows: items, offsets: nil, count: matrix.itemCount, rated: rated)
    }
}

extension ImplicitMF: UserVectorModel {
    /// `implicit`.
    public static let algorithm = "implicit"
    /// Scores rank movies; they are not ratings.
    public static let scoreScale = ScoreScale.ranking

    /// `features`, `iters`, `reg`, `weight` and `seed`, as `train` takes them.
    public var settings: [(key: String, value: String)] {
        [("features", String(parameters.features)), ("iters", String(parameters.iterations)),
         ("reg", UserKNN.format(parameters.regularization)), ("weight", UserKNN.format(parameters.weight)),
         ("seed", String(parameters.seed))]
    }
}

/// `similar` and `pca` over the movie vectors.
extension ImplicitMF: MovieVectorModel {}
