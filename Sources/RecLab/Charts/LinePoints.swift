/// The points of a line chart of one numeric column against another, in
/// order of x, thinned when there are more rows than a picture can show.
///
/// Rows where either value is missing or not a finite number are left out
/// and counted in ``skipped``. Up to 4 × `slices` rows, every row is a
/// point. Beyond that the x range is cut into `slices` equal slices and
/// each keeps four rows: its first and last by x, and its lowest and
/// highest y (M4 aggregation), so a line drawn through them at the
/// picture's resolution (a slice no wider than a pixel or a dot) covers
/// the same pixels as a line through every row, spikes included, while
/// drawing costs O(slices) whatever the number of rows.
public struct LinePoints: Sendable {
    /// The points, ascending by x (rows with equal x in table order).
    public var points: [Point]
    /// The rows with both values (drawn, or represented by their slice).
    public var rows: Int
    /// The rows left out for a missing or non-finite value.
    public var skipped: Int
    /// Whether the rows were thinned to four per slice.
    public var isThinned: Bool

    /// One point of the line.
    public struct Point: Sendable, Equatable {
        /// Horizontal value.
        public var x: Double
        /// Vertical value.
        public var y: Double

        /// The point (`x`, `y`).
        public init(x: Double, y: Double) {
            self.x = x
            self.y = y
        }
    }

    /// A row's point and its position in the table, which breaks ties.
    private struct Row: Sendable {
        var x: Double, y: Double, index: Int
        func before(_ other: Row) -> Bool { x != other.x ? x < other.x : index < other.index }
    }

    /// The four rows a slice keeps. Empty, its rows hold infinities, so
    /// the first row seen replaces each of them without a test for "unset".
    private struct Slice: Sendable {
        var first = Row(x: .infinity, y: 0, index: -1), last = Row(x: -.infinity, y: 0, index: -1)
        var lowest = Row(x: 0, y: .infinity, index: -1), highest = Row(x: 0, y: -.infinity, index: -1)

        var isEmpty: Bool { first.index < 0 }

        /// Adds a row that comes after every row added so far, as rows do
        /// within one core's stretch: ties keep the earlier row, except for
        /// `last`, which takes the later.
        @inline(__always)
        mutating func append(_ x: Double, _ y: Double, _ index: Int) {
            if x < first.x { first = Row(x: x, y: y, index: index) }
            if x >= last.x { last = Row(x: x, y: y, index: index) }
            if y < lowest.y { lowest = Row(x: x, y: y, index: index) }
            if y > highest.y { highest = Row(x: x, y: y, index: index) }
        }

        /// Adds what a later stretch of rows kept.
        mutating func merge(_ s: Slice) {
            guard !s.isEmpty else { return }
            if isEmpty { self = s; return }
            if s.first.before(first) { first = s.first }
            if last.before(s.last) { last = s.last }
            if s.lowest.y < lowest.y { lowest = s.lowest }
            if s.highest.y > highest.y { highest = s.highest }
        }
    }

    /// The line of `y` against `x` (columns of equal length).
    ///
    /// - Throws: ``RecLabError`` when a column is text, or on cancellation.
    /// - Complexity: O(n) in two passes split over the cores when
    ///   thinning; O(n log n) up to 4 × `slices` rows.
    public init(x: Column, y: Column, slices: Int = 1000, cancel: Cancellation = .never) throws(RecLabError) {
        for c in [x, y] where c.type == .text { throw RecLabError("'\(c.name)' is not numeric") }
        let n = min(x.count, y.count), slices = max(1, slices)
        guard n > 4 * slices else {
            var all: [Row] = []
            for i in 0 ..< n {
                if let a = x.number(at: i), let b = y.number(at: i), a.isFinite, b.isFinite { all.append(Row(x: a, y: b, index: i)) }
            }
            all.sort { $0.before($1) }
            points = all.map { Point(x: $0.x, y: $0.y) }
            rows = all.count
            skipped = max(x.count, y.count) - rows
            isThinned = false
            return
        }
        // Pass 1: the range of x (over rows with an x; a row without a y
        // can only widen the slices a little).
        let (low, high) = try LinePoints.range(of: x, rows: n, cancel: cancel)
        // Pass 2: each slice's first, last, lowest and highest row.
        let parts = try LinePoints.slices(x, y, rows: n, low: low, high: high, count: slices, cancel: cancel)
        var merged = parts.first?.slices ?? []
        for part in parts.dropFirst() { for k in part.slices.indices { merged[k].merge(part.slices[k]) } }
        rows = parts.reduce(0) { $0 + $1.rows }
        skipped = max(x.count, y.count) - rows
        points = LinePoints.points(of: merged)
        isThinned = true
    }

    /// `points`, ascending by x, thinned the same way to four per slice
    /// when there are more than 4 × `slices` (a terminal chart thins a
    /// thinned line again to its own dot columns).
    ///
    /// - Complexity: O(points).
    public static func thinned(_ points: [Point], slices: Int) -> [Point] {
        let slices = max(1, slices)
        guard points.count > 4 * slices, let low = points.first?.x, let high = points.last?.x, high > low else { return points }
        let scale = Double(slices) / (high / 2 - low / 2) / 2
        var merged = [Slice](repeating: Slice(), count: slices)
        for (j, p) in points.enumerated() where p.x.isFinite && p.y.isFinite {
            let q = (p.x - low) * scale
            // Clamped before conversion: points out of order must not trap.
            merged[q.isFinite ? Int(min(Double(slices - 1), max(0, q))) : 0].append(p.x, p.y, j)
        }
        return LinePoints.points(of: merged)
    }

    /// The rows the slices kept, in order of x (and of rows within a slice).
    private static func points(of slices: [Slice]) -> [Point] {
        var out: [Point] = []
        out.reserveCapacity(4 * slices.count)
        for slice in slices where !slice.isEmpty {
            var kept: [Row] = []
            for r in [slice.first, slice.lowest, slice.highest, slice.last] where !kept.contains(where: { $0.index == r.index }) {
                kept.append(r)
            }
            out += kept.sorted { $0.before($1) }.map { Point(x: $0.x, y: $0.y) }
        }
        return out
    }

    /// The smallest and largest finite x.
    ///
    /// - Complexity: O(rows), split over the cores.
    private static func range(of x: Column, rows: Int, cancel: Cancellation) throws(RecLabError) -> (Double, Double) {
        let validity = x.validity
        let parts = try Parallel.map(Parallel.ranges(count: rows)) { range throws(RecLabError) -> (Double, Double) in
            var (low, high) = (Double.infinity, -Double.infinity)
            func scan<X: StatValue>(_ xs: [X]) throws(RecLabError) {
                for chunk in stride(from: range.lowerBound, to: range.upperBound, by: 1 << 20) {
                    try cancel.check()
                    let rows = chunk ..< Swift.min(range.upperBound, chunk + 1 << 20)
                    xs.withUnsafeBufferPointer { xb in
                        if let validity {
                            for j in rows where validity.isValid(j) {
                                let v = xb[j].asDouble
                                if v.isFinite { low = Swift.min(low, v); high = Swift.max(high, v) }
                            }
                        } else {
                            for j in rows {
                                let v = xb[j].asDouble
                                if v.isFinite { low = Swift.min(low, v); high = Swift.max(high, v) }
                            }
                        }
                    }
                }
            }
            switch x.storage {
            case .int32(let v): try scan(v)
            case .int64(let v): try scan(v)
            case .decimal(let v): try scan(v)
            case .text: break
            }
            return (low, high)
        }
        return (parts.map(\.0).min() ?? 0, parts.map(\.1).max() ?? 0)
    }

    /// Per core: each slice's four rows, and the rows with both values.
    ///
    /// - Complexity: O(rows), split over the cores.
    private static func slices(_ x: Column, _ y: Column, rows: Int, low: Double, high: Double, count: Int,
                               cancel: Cancellation) throws(RecLabError) -> [(slices: [Slice], rows: Int)] {
        let (xValid, yValid) = (x.validity, y.validity)
        let scale = high > low ? Double(count) / (high / 2 - low / 2) / 2 : 0
        return try Parallel.map(Parallel.ranges(count: rows)) { range throws(RecLabError) -> (slices: [Slice], rows: Int) in
            var slices = [Slice](repeating: Slice(), count: count)
            var kept = 0
            func scan<X: StatValue, Y: StatValue>(_ xs: [X], _ ys: [Y]) throws(RecLabError) {
                for chunk in stride(from: range.lowerBound, to: range.upperBound, by: 1 << 20) {
                    try cancel.check()
                    let rows = chunk ..< Swift.min(range.upperBound, chunk + 1 << 20)
                    // Unchecked buffers: the row loop is the whole cost of `plot X Y`.
                    slices.withUnsafeMutableBufferPointer { slice in
                        xs.withUnsafeBufferPointer { xb in
                            ys.withUnsafeBufferPointer { yb in
                                var counted = 0
                                defer { kept += counted }
                                for j in rows {
                                    if let xValid, !xValid.isValid(j) { continue }
                                    if let yValid, !yValid.isValid(j) { continue }
                                    let a = xb[j].asDouble, b = yb[j].asDouble
                                    guard a.isFinite, b.isFinite else { continue }
                                    // a lies within low...high, so q ≥ 0; q is not finite only for
                                    // ranges near ±1e308 or of subnormal width, which go to slice 0.
                                    let q = (a - low) * scale
                                    slice[q.isFinite ? Swift.min(count - 1, Int(q)) : 0].append(a, b, j)
                                    counted += 1
                                }
                            }
                        }
                    }
                }
            }
            func withY<X: StatValue>(_ xs: [X]) throws(RecLabError) {
                switch y.storage {
                case .int32(let v): try scan(xs, v)
                case .int64(let v): try scan(xs, v)
                case .decimal(let v): try scan(xs, v)
                case .text: break
                }
            }
            switch x.storage {
            case .int32(let v): try withY(v)
            case .int64(let v): try withY(v)
            case .decimal(let v): try withY(v)
            case .text: break
            }
            return (slices, kept)
        }
    }
}
