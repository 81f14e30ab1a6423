import Foundation

extension MatrixFactorization {
    /// The ridge penalty of fold-in, on the person's vector and bias alike.
    ///
    /// Trained user vectors are small (weight decay keeps them so), and a
    /// person with a handful of ratings should stay near the average user
    /// rather than fit those ratings exactly.
    public static let foldInRegularization = 1.0

    /// A new person's vector and bias, from their ratings against the fixed
    /// movie vectors: the regularised least-squares solution of
    /// `x·v_i + b ≈ logit((r_i − low) / (high − low)) − b_i` over the rated
    /// movies the model knows, with penalty λ‖(x, b)‖²
    /// (λ = ``foldInRegularization``).
    ///
    /// Working in the sigmoid's logit space makes the problem linear, so it
    /// is one (factors + 1)² Cholesky solve rather than an iterative fit;
    /// ratings are strictly inside (low, high), so every logit is finite.
    /// Later ratings of the same movie overwrite earlier ones; movies the
    /// model does not know are ignored. No known ratings give the zero
    /// vector and bias (the scores are then the movie biases alone).
    ///
    /// - Complexity: O(r × factors² + factors³) for r ratings.
    public func foldIn(ratings: [(item: Int64, rating: Double)]) -> (vector: [Double], bias: Double) {
        var latest: [Int: Double] = [:]
        for pair in ratings {
            if let i = matrix.itemIndex(of: pair.item) { latest[i] = pair.rating }
        }
        let d = factors + 1, items = state.items, span = high - low
        // The normal equations A x = y, A = λI + Σ w wᵀ with w = (v_i, 1).
        var a = [Double](repeating: 0, count: d * d)
        var y = [Double](repeating: 0, count: d)
        for p in 0 ..< d { a[p * d + p] = Self.foldInRegularization }
        var w = [Double](repeating: 0, count: d)
        for (i, r) in latest.sorted(by: { $0.key < $1.key }) {
            for f in 0 ..< factors { w[f] = Double(items.param(i, f)) }
            w[factors] = 1
            // Clamped so that an out-of-range rating cannot give an infinite logit.
            let p = min(max((r - low) / span, 1e-6), 1 - 1e-6)
            let target = log(p / (1 - p)) - Double(items.param(i, factors))
            for s in 0 ..< d {
                y[s] += w[s] * target
                for t in 0 ... s { a[s * d + t] += w[s] * w[t] }
            }
        }
        let x = Self.choleskySolve(&a, y, d)
        return (Array(x[0 ..< factors]), x[factors])
    }

    /// Solves A x = y for a symmetric positive definite A of which the lower
    /// triangle (row-major, `d × d`) is filled; A is overwritten by its
    /// Cholesky factor. A is λI plus a Gram matrix, so it is positive definite.
    ///
    /// - Complexity: O(d³).
    static func choleskySolve(_ a: inout [Double], _ y: [Double], _ d: Int) -> [Double] {
        for j in 0 ..< d {
            var diagonal = a[j * d + j]
            for k in 0 ..< j { diagonal -= a[j * d + k] * a[j * d + k] }
            let root = max(diagonal, 1e-300).squareRoot()
            a[j * d + j] = root
            for i in j + 1 ..< d {
                var sum = a[i * d + j]
                for k in 0 ..< j { sum -= a[i * d + k] * a[j * d + k] }
                a[i * d + j] = sum / root
            }
        }
        var x = y
        for i in 0 ..< d {
            for k in 0 ..< i { x[i] -= a[i * d + k] * x[k] }
            x[i] /= a[i * d + i]
        }
        for i in stride(from: d - 1, through: 0, by: -1) {
            for k in i + 1 ..< d { x[i] -= a[k * d + i] * x[k] }
            x[i] /= a[i * d + i]
        }
        return x
    }

    /// The predicted rating of every movie for a user with `vector` and
    /// `bias`: `sigmoid_range(x·v_i + b + b_i)`; NaN where `rated`. The dot
    /// products run in `Float` lanes, as training computes them (the
    /// vectors are `Float`); the squashing in `Double`.
    ///
    /// - Complexity: O(items × factors), split over the cores from 20k movies.
    func predictions(vector: [Double], bias: Double, rated: [Bool]) -> [Double] {
        let query = scoringQuery(vector: vector)
        let records = state.items.records
        return (try? Parallel.fill(count: matrix.itemCount, initial: 0.0, cancel: .never, minimumChunk: 20_000) { range, out in
            records.withUnsafeBufferPointer { items in
                guard let base = items.baseAddress else { return }
                for i in range {
                    out[i] = rated[i] ? .nan : squash(bias + Double(lanes(query, base, item: i)))
                }
            }
        }) ?? []
    }

    /// A person's vector in the records' lanes: the vector, 1 against the
    /// movie's bias lane, zeros in the padding; so one lane-wise product
    /// sum over a movie's record is u·v + b_i.
    func scoringQuery(vector: [Double]) -> [SIMD4<Float>] {
        var row = [Float](repeating: 0, count: state.width)
        for f in 0 ..< factors { row[f] = Float(vector[f]) }
        row[factors] = 1
        return (0 ..< state.width / 4).map { c in SIMD4(row[4 * c], row[4 * c + 1], row[4 * c + 2], row[4 * c + 3]) }
    }

    /// u·v + b_i for movie index `i`, in `Float` lanes as every score is
    /// computed (so `predict`, `recommend` and `explain` agree to the bit).
    @inline(__always)
    func lanes(_ query: [SIMD4<Float>], _ base: UnsafePointer<Float>, item i: Int) -> Float {
        let p = base + i * state.items.stride + MFTable.headerFloats
        var acc = SIMD4<Float>()
        for (c, q) in query.enumerated() {
            acc += q * UnsafeRawPointer(p + 4 * c).loadUnaligned(as: SIMD4<Float>.self)
        }
        return acc.sum()
    }

    /// b_u + u·v + b_i of movie index `i` for a vector and bias: what the
    /// score squashes (``squash(_:)``).
    ///
    /// - Complexity: O(factors).
    func logit(vector: [Double], bias: Double, item i: Int) -> Double {
        let query = scoringQuery(vector: vector)
        return state.items.records.withUnsafeBufferPointer { items in
            guard let base = items.baseAddress else { return .nan }
            return bias + Double(lanes(query, base, item: i))
        }
    }
}

extension MatrixFactorization: Recommender {
    /// `mf`.
    public static let algorithm = "mf"

    /// `factors`, `epochs` (trained so far), `lr`, `wd`, `valid`, `seed` and `bs`, as `train` takes them.
    public var settings: [(key: String, value: String)] {
        [("factors", String(parameters.factors)), ("epochs", String(epochsTrained)),
         ("lr", String(parameters.learningRate)), ("wd", String(parameters.weightDecay)),
         ("valid", Self.percent(parameters.validFraction)), ("seed", String(parameters.seed)),
         ("bs", String(parameters.batchSize))]
    }

    /// `20%` for 0.2, as `train` takes it (`12.5%`, never `20.000000000000004%`).
    static func percent(_ fraction: Double) -> String {
        let text = (fraction * 100).formatted(maxFractionDigits: 6)
        return (text.hasSuffix(".0") ? String(text.dropLast(2)) : text) + "%"
    }

    /// Folds the person in (``foldIn(ratings:)``) and predicts every movie
    /// they have not rated.
    ///
    /// - Complexity: O(r × factors² + factors³ + items × factors).
    public func itemScores(ratings: [(item: Int64, rating: Double)]) -> ItemScores {
        let (vector, bias) = foldIn(ratings: ratings)
        return .predicted(for: ratings, in: matrix) { predictions(vector: vector, bias: bias, rated: $0) }
    }

    /// Predicts every movie data user `id` has not rated from their trained
    /// vector and bias.
    ///
    /// - Throws: ``RecLabError`` when the user is not in the training data.
    /// - Complexity: O(items × factors).
    public func itemScores(user id: Int64) throws(RecLabError) -> ItemScores {
        try .predicted(forUser: id, in: matrix) { u, rated in
            predictions(vector: userVector(index: u).map(Double.init), bias: userBias(index: u), rated: rated)
        }
    }
}
