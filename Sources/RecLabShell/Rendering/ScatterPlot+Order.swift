extension ScatterPlot {
    /// The indices of the points, farthest from the mean first, each axis
    /// in standard deviations (so both count alike, and a long tail's far
    /// end outranks a crowded edge): the order in which labels are worth placing.
    ///
    /// - Complexity: O(n log n).
    static func farthestFirst(x: [Double], y: [Double]) -> [Int] {
        let spread = { (v: [Double]) -> (mid: Double, span: Double) in
            let n = Double(max(1, v.count))
            let mean = v.reduce(0, +) / n
            let variance = v.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / n
            return (mean, max(variance.squareRoot(), .leastNormalMagnitude))
        }
        let (sx, sy) = (spread(x), spread(y))
        let distance = x.indices.map { k -> Double in
            let dx = (x[k] - sx.mid) / sx.span, dy = (y[k] - sy.mid) / sy.span
            let d = dx * dx + dy * dy
            return d.isFinite ? d : -1
        }
        return x.indices.sorted { a, b in distance[a] != distance[b] ? distance[a] > distance[b] : a < b }
    }
}
