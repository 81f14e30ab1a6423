import Testing
@testable import RecLabShell

/// The braille scatter plot: it fits the width, puts dots where the points
/// are and labels where there is room, and survives degenerate input.
@Suite struct ScatterPlotTests {
    /// The braille dots in `line` (code points U+2801…U+28FF).
    func dots(_ line: String) -> [Unicode.Scalar] {
        line.unicodeScalars.filter { (0x2801 ... 0x28FF).contains($0.value) }
    }

    /// A seeded spread of points, some labelled.
    func cloud(_ n: Int) -> [ScatterPlot.Point] {
        var state: UInt64 = 7
        func next() -> Double {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Double(state >> 11) / Double(1 << 53) * 2 - 1
        }
        return (0 ..< n).map { k in ScatterPlot.Point(x: next() * 3, y: next(), label: k < 10 ? "movie number \(k)" : nil) }
    }

    @Test func everyLineFitsTheWidth() {
        for width in [1, 12, 20, 33, 80, 133] {
            let drawing = ScatterPlot(points: cloud(60), width: width, height: 12, xTitle: "pc1", yTitle: "pc2").render()
            let widest = max(12, width)
            #expect(drawing.lines.allSatisfy { $0.displayWidth <= widest }, "\(width): \(drawing.text)")
            // y title, 12 rows, the axis, its labels.
            #expect(drawing.lines.count == 15 || drawing.lines.count == 16, "\(width): \(drawing.lines.count)")
            #expect(drawing.drawnPoints == 60)
        }
    }

    @Test func cornersGetTheRightBrailleDots() {
        let drawing = ScatterPlot(points: [.init(x: 0, y: 0), .init(x: 10, y: 5)], width: 40, height: 6).render()
        let rows = drawing.lines.filter { $0.contains("┤") || $0.contains("│") }
        #expect(rows.count == 6)
        // Top right: the dot in the cell's top row, right column (bit 0x08, ⠈);
        // bottom left: bottom row, left column (bit 0x40, ⡀).
        #expect(rows.first.map(dots) == ["\u{2808}"])
        #expect(rows.first?.hasSuffix("\u{2808}") == true)
        #expect(rows.last.map(dots) == ["\u{2840}"])
        let bottom = rows.last ?? ""
        #expect(bottom.firstIndex(of: "\u{2840}") == bottom.index(after: bottom.firstIndex { $0 == "┤" || $0 == "│" } ?? bottom.startIndex))
        #expect(drawing.lines.contains { $0.contains("└") && $0.contains("┬") })
    }

    @Test func labelsGoBesideTheirPointsWhenThereIsRoom() {
        let points: [ScatterPlot.Point] = [
            .init(x: 0, y: 0, label: "left"), .init(x: 10, y: 10, label: "top right"),
            .init(x: 5, y: 5, label: "middle"), .init(x: 5, y: 5, label: "second"), .init(x: 5, y: 5, label: "crowded out"),
            .init(x: 2, y: 8, label: String(repeating: "long ", count: 20)),
        ]
        let drawing = ScatterPlot(points: points, width: 60, height: 10).render()
        // The right edge has no room to the right: the label goes left of the dot.
        let top = drawing.lines.first { $0.contains("top right") } ?? ""
        #expect(top.hasSuffix("top right \u{2808}"), "\(drawing.text)")
        #expect(drawing.lines.contains { $0.contains("\u{2840} left") })
        // Three labels for one spot: right, then left, then on a row beside it.
        let middle = drawing.lines.first { $0.contains("middle") } ?? ""
        #expect(middle.contains(#/second [⠀-⣿] middle/#), "\(middle)")
        #expect(drawing.placedLabels == ["left", "top right", "middle", "second", "crowded out"])
        let rows = drawing.labels.map(\.line)
        #expect(abs(rows[4] - rows[2]) == 1, "\(drawing.text)")
        #expect(!drawing.text.contains("long"))
    }

    @Test func wideCharactersInLabelsStillFit() {
        let drawing = ScatterPlot(points: [.init(x: 0, y: 0, label: "千と千尋の神隠し"), .init(x: 1, y: 1)],
                                  width: 30, height: 4).render()
        #expect(drawing.placedLabels == ["千と千尋の神隠し"])
        #expect(drawing.lines.allSatisfy { $0.displayWidth <= 30 }, "\(drawing.text)")
    }

    @Test func onePointAndEqualPointsAreWidenedAroundTheirValue() {
        for points in [[ScatterPlot.Point(x: 3, y: -2)], Array(repeating: ScatterPlot.Point(x: 3, y: -2), count: 5)] {
            let drawing = ScatterPlot(points: points, width: 40, height: 8, xTitle: "x").render()
            #expect(drawing.drawnPoints == points.count)
            #expect(drawing.lines.flatMap(dots).count == 1)
            // The value sits in the middle of the widened range, between ticks.
            #expect(drawing.lines.contains { $0.contains("3.0") }, "\(drawing.text)")
        }
        let zero = ScatterPlot(points: [.init(x: 0, y: 0)], width: 40, height: 8).render()
        #expect(zero.lines.flatMap(dots).count == 1)
    }

    @Test func pointsThatAreNotNumbersAreLeftOut() {
        let points: [ScatterPlot.Point] = [
            .init(x: .nan, y: 1), .init(x: 1, y: .infinity), .init(x: 0, y: 0), .init(x: 2, y: 1, label: "kept"),
        ]
        let drawing = ScatterPlot(points: points, width: 40, height: 8).render()
        #expect(drawing.drawnPoints == 2 && drawing.placedLabels == ["kept"])
        let empty = ScatterPlot(points: [.init(x: .nan, y: .nan)], width: 40, height: 8, xTitle: "pc1").render()
        #expect(empty.drawnPoints == 0 && empty.lines.flatMap(dots).isEmpty)
        #expect(empty.lines.last?.hasSuffix("pc1") == true)
        // Extreme but finite coordinates do not overflow the mapping.
        let huge = ScatterPlot(points: [.init(x: -1e308, y: 1e308), .init(x: 1e308, y: -1e308)], width: 40, height: 8).render()
        #expect(huge.drawnPoints == 2 && huge.lines.allSatisfy { $0.displayWidth <= 40 })
    }

    @Test func aGivenRangeLeavesOutPointsBeyondIt() {
        let drawing = ScatterPlot(points: [.init(x: 0.5, y: 0.5), .init(x: 2, y: 0.5)], width: 40, height: 8,
                                  xRange: 0 ... 1, yRange: 0 ... 1).render()
        #expect(drawing.drawnPoints == 1)
    }

    @Test func ticksAreRoundNumbersInsideTheRange() {
        let ticks = AxisTicks(lower: 0, upper: 1, target: 5)
        #expect(ticks.values.map(ticks.label) == ["0.0", "0.2", "0.4", "0.6", "0.8", "1.0"])
        let wide = AxisTicks(lower: -830, upper: 790, target: 4)
        #expect(wide.values.map(wide.label) == ["-500", "0", "500"])
        let small = AxisTicks(lower: 0.0012, upper: 0.0049, target: 3)
        #expect(small.values.map(small.label) == ["0.002", "0.003", "0.004"])
        #expect(AxisTicks(lower: 1, upper: 1, target: 4).values.isEmpty)
        #expect(AxisTicks(lower: 0, upper: .infinity, target: 4).values.isEmpty)
        // Steps too small for decimals are written in scientific notation.
        let tiny = AxisTicks(lower: -2e-17, upper: 2e-17, target: 4)
        #expect(tiny.values.map(tiny.label) == ["-2e-17", "-1e-17", "0", "1e-17", "2e-17"])
        // Near 1e16 a step of 1 cannot advance k; the loop still ends.
        #expect(AxisTicks(lower: 1e16, upper: 1e16 + 4, target: 4).values.count <= 14)
    }
}

/// Completion for `similar`, `bias` and `pca`.
@Suite struct MovieSpaceCompletionTests {
    @Test func modelsWithTheRightSpaceAndTheVerbsKeywords() throws {
        let (h, _) = try SmallMF.session()
        h.run("train bias")
        h.run("train userknn")
        let completer = Completer(session: h.session)
        #expect(completer.complete(word: "", before: "bias ") == ["mf", "bias"])
        #expect(completer.complete(word: "", before: "pca ") == ["mf"])
        #expect(completer.complete(word: "", before: "similar 1 with ") == ["mf"])
        #expect(completer.complete(word: "", before: "similar 1 5 metric ") == ["cosine", "l1"])
        #expect(completer.complete(word: "m", before: "similar 1 5 ") == ["metric", "min"])
        #expect(completer.complete(word: "", before: "bias mf ") == ["top", "bottom", "min"])
        // In the order the form gives: after the count, only `min`.
        #expect(completer.complete(word: "", before: "bias mf bottom 5 ") == ["min"])
        #expect(completer.complete(word: "", before: "pca mf ") == ["to"])
        #expect(completer.complete(word: "", before: "hist ratings ") == ["userId", "movieId", "rating", "timestamp", "bins", "log", "to"])
        #expect(completer.complete(word: "", before: "similar 1 min ").isEmpty)
        // Titles still complete inside quotes.
        #expect(completer.complete(word: "Poppins", before: #"similar "Mary "#).contains("Poppins (1964)\""))
    }
}

/// Labels in a dense cloud: many find a spot, none overlaps another, the
/// frame, or a labelled point.
@Suite struct ScatterLabelTests {
    /// `n` points in a dense oval (sums of uniforms, so the edges are
    /// sparse), the 60 farthest from the centre labelled, farthest first.
    func denseCloud(_ n: Int) -> [ScatterPlot.Point] {
        var state: UInt64 = 11
        func next() -> Double {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Double(state >> 11) / Double(1 << 53) - 0.5
        }
        let xy = (0 ..< n).map { _ in (x: next() + next() + next(), y: next() + next() + next()) }
        let order = ScatterPlot.farthestFirst(x: xy.map(\.x), y: xy.map(\.y))
        let rank = Dictionary(uniqueKeysWithValues: order.enumerated().map { ($1, $0) })
        return order.map { k in
            ScatterPlot.Point(x: xy[k].x, y: xy[k].y, label: (rank[k] ?? n) < 60 ? "point number \(k)" : nil)
        }
    }

    @Test func aDenseCloudGetsManyLabelsThatNeverOverlap() throws {
        for (n, width, atLeast) in [(1000, 120, 12), (3000, 120, 12), (3000, 80, 9), (10000, 100, 6)] {
            let points = denseCloud(n)
            let drawing = ScatterPlot(points: points, width: width, height: 20, xTitle: "x", yTitle: "y").render()
            let context = "\(n) points, \(width) wide:\n\(drawing.text)"
            #expect(drawing.labels.count >= atLeast && drawing.labels.count <= 12, "\(drawing.labels.count) labels; \(context)")
            // The plotting area: right of the y axis, the 20 rows under the title.
            let frameColumn = try #require(drawing.lines[1].firstIndex { $0 == "┤" || $0 == "│" }
                .map { drawing.lines[1].prefix(upTo: $0).displayWidth })
            for label in drawing.labels {
                #expect((1 ... 20).contains(label.line) && label.columns.lowerBound > frameColumn
                        && label.columns.upperBound <= width, "\(label); \(context)")
                // Written whole where it says, its line's frame intact.
                let cells = Array(drawing.lines[label.line].map(String.init))
                #expect(cells.count >= label.columns.upperBound
                        && cells[label.columns].joined() == label.text, "\(label.text); \(context)")
                #expect(cells[frameColumn] == "┤" || cells[frameColumn] == "│")
            }
            // No two labels on a line overlap or touch.
            for (a, b) in allPairs(drawing.labels) where a.line == b.line {
                #expect(a.columns.upperBound < b.columns.lowerBound || b.columns.upperBound < a.columns.lowerBound,
                        "\(a.text) / \(b.text); \(context)")
            }
            #expect(Set(drawing.placedLabels).count == drawing.labels.count)
        }
    }

    @Test func morePlacesThanBesideThePoint() {
        // A point in a full row: no room beside it, room on the rows around.
        var points = (0 ..< 120).map { ScatterPlot.Point(x: Double($0), y: 5) }
        points.insert(ScatterPlot.Point(x: 60, y: 5, label: "in the crowd"), at: 0)
        points += [.init(x: 0, y: 0), .init(x: 0, y: 10)]
        let drawing = ScatterPlot(points: points, width: 70, height: 9).render()
        #expect(drawing.placedLabels == ["in the crowd"], "\(drawing.text)")
        let line = drawing.labels.first?.line ?? 0
        #expect(!drawing.lines[line].contains("⣀") && !drawing.lines[line].contains("⠤"), "\(drawing.text)")
    }

    /// Every unordered pair of `items`.
    func allPairs<T>(_ items: [T]) -> [(T, T)] {
        items.indices.flatMap { i in items.indices.filter { $0 > i }.map { (items[i], items[$0]) } }
    }
}
