import Testing
@testable import RecLab

/// `plot X Y`'s points: every row in order of x when few, four per slice
/// (first, last, lowest, highest) when many, so spikes survive thinning.
struct LinePointsTests {
    @Test func fewRowsAreAllKeptInOrderOfX() throws {
        let x = Column(name: "x", decimals: [3, 1, .nan, 2, 1, 5])
        let y = Column(name: "y", integers: [30, 10, 99, 20, 11, 50], validity: Validity([true, true, true, true, true, false]))
        let line = try LinePoints(x: x, y: y)
        // Equal x keep table order; NaN x and missing y are left out.
        #expect(line.points == [.init(x: 1, y: 10), .init(x: 1, y: 11), .init(x: 2, y: 20), .init(x: 3, y: 30)])
        #expect(line.rows == 4 && line.skipped == 2 && !line.isThinned)
    }

    @Test func manyRowsKeepEachSlicesExtremes() throws {
        // A random walk over 200,000 rows in shuffled order, with two spikes.
        var generator = SeededGenerator(seed: 9)
        let n = 200_000
        var walk = [Double](repeating: 0, count: n)
        for i in 1 ..< n { walk[i] = walk[i - 1] + Double(generator.next(below: 201) - 100) / 100 }
        walk[77_777] = 1e6
        walk[123_456] = -1e6
        var order = Array(0 ..< n)
        for i in stride(from: n - 1, to: 0, by: -1) { order.swapAt(i, generator.next(below: i + 1)) }
        let xs = order.map { Int64($0) }, ys = order.map { walk[$0] }
        let line = try LinePoints(x: Column(name: "t", integers: xs), y: Column(name: "v", decimals: ys), slices: 500)
        #expect(line.isThinned && line.rows == n && line.skipped == 0)
        #expect(line.points.count <= 4 * 500 && line.points.count >= 2 * 500)
        #expect(zip(line.points, line.points.dropFirst()).allSatisfy { $0.x <= $1.x })
        #expect(line.points.first == .init(x: 0, y: 0) && line.points.last == .init(x: Double(n - 1), y: walk[n - 1]))
        #expect(line.points.contains(.init(x: 77_777, y: 1e6)) && line.points.contains(.init(x: 123_456, y: -1e6)))
        // Each slice's lowest and highest y, by brute force, are among the points.
        let span = Double(n - 1)
        var lowest = [Double](repeating: .infinity, count: 500), highest = [Double](repeating: -.infinity, count: 500)
        for i in 0 ..< n {
            let k = min(499, Int(Double(i) / span * 500))
            lowest[k] = min(lowest[k], walk[i])
            highest[k] = max(highest[k], walk[i])
        }
        var shownLow = [Double](repeating: .infinity, count: 500), shownHigh = [Double](repeating: -.infinity, count: 500)
        for p in line.points {
            let k = min(499, Int(p.x / span * 500))
            shownLow[k] = min(shownLow[k], p.y)
            shownHigh[k] = max(shownHigh[k], p.y)
        }
        #expect(shownLow == lowest && shownHigh == highest)
    }

    @Test func aThinnedLineThinsAgainToFewerSlices() {
        var generator = SeededGenerator(seed: 4)
        let points = (0 ..< 5000).map { LinePoints.Point(x: Double($0), y: Double(generator.next(below: 1000))) }
        let thin = LinePoints.thinned(points, slices: 100)
        #expect(thin.count <= 400 && thin.first == points.first && thin.last == points.last)
        // Every slice of 50 points keeps its lowest and highest.
        for k in 0 ..< 100 {
            let slice = points[k * 50 ..< k * 50 + 50], kept = thin.filter { Int($0.x) / 50 == k }
            #expect(kept.map(\.y).min() == slice.map(\.y).min() && kept.map(\.y).max() == slice.map(\.y).max())
        }
        #expect(LinePoints.thinned(Array(points.prefix(300)), slices: 100) == Array(points.prefix(300)))
    }

    @Test func equalXAndTextAreHandled() throws {
        let n = 10_000
        let line = try LinePoints(x: Column(name: "x", integers: Array(repeating: 7, count: n)),
                                  y: Column(name: "y", integers: (0 ..< Int64(n)).map { $0 % 97 }))
        // One slice: its first row (y 0, also the lowest), its highest
        // (row 96) and its last (row 9,999: 9,999 mod 97 = 8), in table order.
        #expect(line.isThinned && line.points.map(\.y) == [0, 96, 8])
        #expect(throws: RecLabError.self) { try LinePoints(x: Column(name: "t", texts: ["a"]), y: Column(name: "y", integers: [1])) }
        let empty = try LinePoints(x: Column(name: "x", decimals: []), y: Column(name: "y", decimals: []))
        #expect(empty.points.isEmpty && empty.rows == 0 && empty.skipped == 0)
    }
}
