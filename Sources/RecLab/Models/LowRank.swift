/// Plain regularised low-rank factorisation, as the LinkedIn Learning
/// recommendations tutorial fits it: a vector of `features` numbers per user
/// (the rows of U) and per movie (the rows of M), with the prediction u·m
/// and no biases, minimising over the observed ratings
///
///     ½ Σ (u·m − r)² + (reg / 2)(‖U‖² + ‖M‖²)
///
/// with a full-batch optimiser: L-BFGS by default, or Polak–Ribière+
/// conjugate gradient as the tutorial's `scipy.optimize.fmin_cg` (both reach
/// the same cost; L-BFGS in about a third of the iterations, see
/// Benchmarks/README.md).
///
/// The tutorial factors the raw ratings; it subtracts each movie's mean
/// rating first only in its later lesson on new users (then adds it back to
/// each prediction). `normalize` does the same here; it is off by default.
public struct LowRank: Sendable {
    /// The settings the model was created with.
    public let parameters: Parameters
    /// The ratings the model was trained on.
    public let matrix: RatingMatrix
    /// Each movie's mean training rating, by item index, when `normalize` is on.
    public let itemMeans: [Double]?
    /// The user vectors (rows of U, by user index), then the movie vectors
    /// (rows of M, by item index), each in a row of ``width`` numbers: the
    /// `features` numbers, then zeros (the gradient there is always 0, so
    /// the optimiser never moves them).
    var vectors: [Double]
    /// Iterations over the model's life (every `train` and `fit`).
    public internal(set) var iterationsTrained: Int
    /// How the last `train` or `fit` ended.
    public internal(set) var report: Report

    /// The number of features per vector.
    public var factors: Int { parameters.features }

    /// Numbers per row of ``vectors``: `features` rounded up to a multiple
    /// of 4, so the cost's inner loops work in whole `SIMD4<Double>` lanes.
    var width: Int { Self.width(features: parameters.features) }

    /// `features` rounded up to a multiple of 4.
    static func width(features: Int) -> Int { (features + 3) & ~3 }

    /// Where user index `u`'s vector starts in ``vectors``.
    @inline(__always)
    func userOffset(_ u: Int) -> Int { u * width }

    /// Where movie index `i`'s vector starts in ``vectors``.
    @inline(__always)
    func itemOffset(_ i: Int) -> Int { (matrix.userCount + i) * width }

    /// Movie index `i`'s vector (`factors` numbers).
    ///
    /// - Complexity: O(factors).
    public func itemVector(index i: Int) -> [Float] {
        vectors[itemOffset(i) ..< itemOffset(i) + factors].map(Float.init)
    }

    /// Movie `id`'s vector, or `nil` when nobody rated it in the training data.
    public func itemVector(of id: Int64) -> [Float]? { matrix.itemIndex(of: id).map { itemVector(index: $0) } }

    /// Every movie's vector, row by row in item-index order (`itemCount × factors`).
    ///
    /// - Complexity: O(items × factors).
    public var itemVectors: [Float] {
        var out: [Float] = []
        out.reserveCapacity(matrix.itemCount * factors)
        for i in 0 ..< matrix.itemCount { out.append(contentsOf: itemVector(index: i)) }
        return out
    }

    /// User index `u`'s vector (`factors` numbers), in full precision.
    public func userVector(index u: Int) -> [Double] {
        Array(vectors[userOffset(u) ..< userOffset(u) + factors])
    }

    /// The predicted rating of movie `item` by data user `user` (u·m, plus
    /// the movie's mean when normalised), or `nil` when either is not in the
    /// training data.
    ///
    /// - Complexity: O(factors).
    public func predict(user: Int64, item: Int64) -> Double? {
        guard let u = matrix.userIndex(of: user), let i = matrix.itemIndex(of: item) else { return nil }
        var z = itemMeans?[i] ?? 0
        let (pu, pi) = (userOffset(u), itemOffset(i))
        for f in 0 ..< factors { z += vectors[pu + f] * vectors[pi + f] }
        return z
    }
}
