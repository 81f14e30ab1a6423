/// How `similar` measures the closeness of two movie vectors.
public enum SimilarityMetric: String, Sendable, CaseIterable {
    /// The cosine of the angle between the vectors (higher is closer).
    case cosine
    /// The sum of absolute differences, as the low-rank tutorial ranks
    /// movies (lower is closer).
    case l1

    /// Whether a higher value means closer.
    public var higherIsCloser: Bool { self == .cosine }
}

extension MatrixFactorization {
    /// The `count` movies closest to movie `id` by their vectors (biases
    /// left out), closest first, exact ties by ascending id. The movie itself
    /// is a candidate (cosine 1, difference 0), so it normally comes first;
    /// other movies rated fewer than `minCount` times in the training data
    /// are left out. A movie with a zero vector has cosine 0 to everything.
    ///
    /// - Throws: ``RecLabError`` when no training rating has movie `id`
    ///   (it has no vector).
    /// - Complexity: O(items × factors + items × count) worst case.
    public func similarItems(to id: Int64, count: Int, metric: SimilarityMetric = .cosine,
                             minCount: Int = 0) throws(RecLabError) -> [ScoredItem] {
        guard let target = matrix.itemIndex(of: id) else {
            throw RecLabError("movie \(id) has no vector: nobody rated it in the training data", subject: String(id))
        }
        let width = state.width, stride = state.items.stride, k = factors
        let values: [Double] = state.items.records.withUnsafeBufferPointer { items in
            // The query row with its bias lane cleared, so whole-lane sums
            // see only the vector; the candidate's bias lane is taken out after.
            let offset = MFTable.headerFloats
            var query = [Float](items[target * stride + offset ..< target * stride + offset + width])
            query[k] = 0
            return query.withUnsafeBufferPointer { q in
                guard let q = q.baseAddress, let base = items.baseAddress else { return [] }
                let qv = (0 ..< width / 4).map { UnsafeRawPointer(q + 4 * $0).loadUnaligned(as: SIMD4<Float>.self) }
                let queryNorm = qv.reduce(0) { $0 + ($1 * $1).sum() }.squareRoot()
                return (0 ..< matrix.itemCount).map { i -> Double in
                    if i != target, matrix.entries(ofItem: i).count < minCount { return .nan }
                    let row = base + i * stride + offset, bias = row[k]
                    switch metric {
                    case .cosine:
                        var dot = SIMD4<Float>(), squares = SIMD4<Float>()
                        for (c, q) in qv.enumerated() {
                            let v = UnsafeRawPointer(row + 4 * c).loadUnaligned(as: SIMD4<Float>.self)
                            dot += q * v
                            squares += v * v
                        }
                        let norm = max(0, squares.sum() - bias * bias).squareRoot()
                        return norm == 0 || queryNorm == 0 ? 0 : Double(dot.sum()) / (Double(norm) * Double(queryNorm))
                    case .l1:
                        var sum = SIMD4<Float>()
                        for (c, q) in qv.enumerated() {
                            let v = UnsafeRawPointer(row + 4 * c).loadUnaligned(as: SIMD4<Float>.self)
                            sum += absolute(q - v)
                        }
                        return Double(sum.sum() - abs(bias))
                    }
                }
            }
        }
        // ItemScores ranks by descending score; l1 ranks by ascending difference.
        let sign = metric.higherIsCloser ? 1.0 : -1.0
        let ranked = ItemScores(matrix: matrix, values: values.map { $0 * sign }, rated: [], ratingCount: 0,
                                knownCount: 0, problem: nil).recommend(count)
        return ranked.map { ScoredItem(item: $0.item, score: $0.score * sign) }
    }
}

/// The lane-wise absolute value.
@inline(__always)
private func absolute(_ x: SIMD4<Float>) -> SIMD4<Float> { x.replacing(with: -x, where: x .< 0) }
