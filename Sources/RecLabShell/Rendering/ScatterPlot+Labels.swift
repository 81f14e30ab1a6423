extension ScatterPlot {
    /// A label written on the plot.
    public struct PlacedLabel: Sendable, Equatable {
        /// The label's text.
        public var text: String
        /// The line of ``Drawing/lines`` it is on.
        public var line: Int
        /// The display cells it takes on that line.
        public var columns: Range<Int>
    }

    /// Where a label may go relative to its point's cell, in order of
    /// preference: beside it on its row, then diagonally above or below,
    /// then two rows up or down with a leader (`╎` in the blank cell
    /// between label and point), so that crowded points still get a label
    /// where the rows above or below them have room.
    private static func spots(row r: Int, column c: Int, width w: Int) -> [(row: Int, start: Int, leader: [Int])] {
        var spots = [(r, c + 2, [Int]()), (r, c - 1 - w, [])]
        for dr in [-1, 1] { spots += [(r + dr, c + 1, []), (r + dr, c - w, [])] }
        for dr in [-2, 2] { spots += [(r + dr, c, [r + dr / 2]), (r + dr, c - w + 1, [r + dr / 2])] }
        return spots
    }

    /// Writes the labels of `drawn` points on `canvas`, most important
    /// first, at most `limit` of them. A label has a blank cell (or the
    /// frame) either side on its row, so it touches no other label or
    /// point; it never leaves the plotting area, never hides its own point
    /// or a point already labelled, and hides the dots of at most a third
    /// of its cells. Among the spots that qualify, the one hiding fewest
    /// dots wins, then the nearest.
    ///
    /// - Returns: each placed label's text, canvas row and first column.
    /// - Complexity: O(labels × spots × label width).
    static func placeLabels(_ drawn: [(point: Point, cellRow: Int, cellColumn: Int)], on canvas: inout BrailleCanvas,
                            limit: Int) -> [(text: String, row: Int, column: Int)] {
        var placed: [(text: String, row: Int, column: Int)] = []
        var labelled = Set<Int>()  // cells of labelled points, which no label may hide
        for (point, r, c) in drawn where placed.count < limit {
            guard let label = point.label, !label.isEmpty, !canvas.hasText(row: r, column: c) else { continue }
            let w = label.displayWidth
            var best: (cost: Int, row: Int, start: Int, leader: [Int])?
            for (rank, spot) in spots(row: r, column: c, width: w).enumerated() {
                let cells = spot.start ..< spot.start + w
                // The cells either side stay blank, so the label touches
                // neither another label nor another point's dots.
                guard canvas.contains(row: spot.row, columns: cells), !canvas.hasText(row: spot.row, columns: cells),
                      canvas.isBlankOrOutside(row: spot.row, column: spot.start - 1),
                      canvas.isBlankOrOutside(row: spot.row, column: spot.start + w),
                      !cells.contains(where: { labelled.contains(spot.row * canvas.columns + $0) }),
                      spot.leader.allSatisfy({ canvas.isBlank(row: $0, columns: c ..< c + 1)
                          && !canvas.hasText(row: $0, column: c - 1) && !canvas.hasText(row: $0, column: c + 1) })
                else { continue }
                let hidden = canvas.dotCells(row: spot.row, columns: cells)
                guard hidden * 3 <= w else { continue }
                let cost = hidden * 100 + rank
                if best.map({ cost < $0.cost }) ?? true { best = (cost, spot.row, spot.start, spot.leader) }
            }
            guard let best else { continue }
            canvas.write(label, row: best.row, column: best.start)
            for row in best.leader { canvas.write("╎", row: row, column: c) }
            labelled.insert(r * canvas.columns + c)
            placed.append((label, best.row, best.start))
        }
        return placed
    }
}
