import Foundation

extension BPRModel {
    /// Trains on `matrix`: vectors start as normal draws × 0.1 and biases
    /// at 0; each epoch draws as many triples as there are ratings, each a
    /// rating (u, i) chosen uniformly and a movie j that u did not rate
    /// chosen uniformly, and takes one gradient step on
    /// ln σ(x_ui − x_uj) − λ(‖p_u‖² + ‖q_i‖² + ‖q_j‖² + b_i² + b_j²).
    ///
    /// The same seed gives the same model (one core, one generator).
    /// `cancel` is polled every 65,536 triples and told as each epoch ends
    /// (stage `bpr`, detail `epoch 3 of 80`).
    ///
    /// - Throws: ``RecLabError`` for settings out of range, a matrix with no
    ///   ratings, or cancellation.
    /// - Complexity: O(epochs × r × (k + log n)) for r ratings, k features
    ///   and users of at most n ratings, expected (a user who rated most
    ///   movies takes more draws to find one they did not).
    public static func train(_ matrix: RatingMatrix, parameters: Parameters = Parameters(),
                             cancel: Cancellation = .never) throws(RecLabError) -> BPRModel {
        try parameters.validate()
        guard matrix.ratingCount > 0 else { throw RecLabError("there are no ratings to train on") }
        let k = parameters.features
        var start = SeededGenerator(seed: ALSModel.mix(parameters.seed, 1))
        var users = (0 ..< matrix.userCount * k).map { _ in 0.1 * start.normal() }
        var items = (0 ..< matrix.itemCount * k).map { _ in 0.1 * start.normal() }
        var biases = [Double](repeating: 0, count: matrix.itemCount)
        var owner = [Int32](repeating: 0, count: matrix.ratingCount)
        for u in 0 ..< matrix.userCount { for e in matrix.entries(ofUser: u) { owner[e] = Int32(u) } }
        var generator = SeededGenerator(seed: ALSModel.mix(parameters.seed, 2))
        let (lr, reg, count, itemCount) = (parameters.learningRate, parameters.regularization, matrix.ratingCount,
                                           matrix.itemCount)
        for epoch in 0 ..< parameters.epochs {
            var done = 0
            while done < count {
                try cancel.check()
                let end = min(count, done + 65_536)
                users.withUnsafeMutableBufferPointer { p in
                    items.withUnsafeMutableBufferPointer { q in
                        biases.withUnsafeMutableBufferPointer { b in
                            guard let p = p.baseAddress, let q = q.baseAddress, let b = b.baseAddress else { return }
                            let (items, biases) = (UnsafePointer(q), UnsafePointer(b))
                            for _ in done ..< end {
                                let r = generator.next(below: count)
                                let u = Int(owner[r]), i = Int(matrix.userItems[r])
                                guard let j = negative(for: matrix.entries(ofUser: u), in: matrix.userItems,
                                                       itemCount: itemCount, using: &generator) else { continue }
                                step(user: p + u * k, positive: i, negative: j, items: items, biases: biases, k: k, lr: lr,
                                     reg: reg, updateItems: true)
                            }
                        }
                    }
                }
                done = end
            }
            cancel.report("bpr", fraction: Double(epoch + 1) / Double(parameters.epochs),
                          detail: "epoch \(epoch + 1) of \(parameters.epochs)")
        }
        return BPRModel(parameters: parameters, matrix: matrix, users: users, items: items, itemBiases: biases)
    }

    /// A movie index not among `rated` (ascending item indices, a row of
    /// `items`), drawn uniformly by rejection; `nil` when every movie is rated.
    ///
    /// - Complexity: O(log n) per draw, expected draws itemCount / (itemCount − n).
    @inline(__always)
    static func negative(for rated: Range<Int>, in items: [Int32], itemCount: Int,
                         using generator: inout SeededGenerator) -> Int? {
        guard rated.count < itemCount else { return nil }
        while true {
            let j = generator.next(below: itemCount)
            var low = rated.lowerBound, high = rated.upperBound
            while low < high {
                let mid = (low + high) / 2
                if Int(items[mid]) < j { low = mid + 1 } else { high = mid }
            }
            if low == rated.upperBound || Int(items[low]) != j { return j }
        }
    }

    /// One gradient step for triple (u, i, j): with x = b_i − b_j +
    /// p_u·(q_i − q_j) and g = σ(−x), p_u moves by lr(g(q_i − q_j) − λp_u)
    /// and, when `updateItems`, q_i by lr(g p_u − λq_i), q_j by
    /// lr(−g p_u − λq_j), b_i by lr(g − λb_i), b_j by lr(−g − λb_j), all
    /// from the values before the step.
    ///
    /// - Complexity: O(k).
    @inline(__always)
    static func step(user p: UnsafeMutablePointer<Double>, positive i: Int, negative j: Int,
                     items: UnsafePointer<Double>, biases: UnsafePointer<Double>, k: Int, lr: Double,
                     reg: Double, updateItems: Bool) {
        // Fold-in reads the model's own arrays and never writes them
        // (`updateItems` false); training passes memory it owns.
        let (qi, qj) = (UnsafeMutablePointer(mutating: items + i * k), UnsafeMutablePointer(mutating: items + j * k))
        let b = UnsafeMutablePointer(mutating: biases)
        var x = b[i] - b[j]
        for f in 0 ..< k { x += p[f] * (qi[f] - qj[f]) }
        let g = 1 / (1 + exp(x))
        for f in 0 ..< k {
            let (pf, a, b) = (p[f], qi[f], qj[f])
            p[f] = pf + lr * (g * (a - b) - reg * pf)
            if updateItems {
                qi[f] = a + lr * (g * pf - reg * a)
                qj[f] = b + lr * (-g * pf - reg * b)
            }
        }
        if updateItems {
            b[i] += lr * (g - reg * b[i])
            b[j] += lr * (-g - reg * b[j])
        }
    }
}
