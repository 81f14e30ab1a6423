import RecLab
import Testing
@testable import RecLabShell

/// Terminal histogram bars on a log scale: the axis starts at 1 at its
/// corner, each bar ends at its count's tick, a count of 1 is a stub.
struct HistogramBarsTests {
    @Test func logBarsAreHonestAndCountsOfOneShow() throws {
        let h = Histogram(edges: [0, 1, 2, 3, 4, 5], counts: [2000, 1, 0, 10, 100])
        let lines = HistogramBars(series: [("x", h)], log: true, width: 80).render().split(separator: "\n").map(String.init)
        try #require(lines.count == 7)
        let bars = lines.prefix(5).map { line -> String in
            let afterAxis = line.split(separator: "│", maxSplits: 1).last.map(String.init) ?? ""
            return String(afterAxis.prefix { $0 != " " })
        }
        #expect(bars[1] == "▌")  // a count of 1: a stub
        #expect(bars[2] == "")   // an empty bin: nothing
        let axis = Array(lines[5]), labels = Array(lines[6])
        let corner = try #require(axis.firstIndex(of: "└"))
        // "1" where the bars start (right of the corner), then 10, 100, 1k at the ticks.
        #expect(labels[corner + 1] == "1", "\(lines.joined(separator: "\n"))")
        let ticks = axis.indices.filter { axis[$0] == "┬" }
        try #require(ticks.count == 3)
        for (tick, label) in zip(ticks, ["10", "100", "1k"]) {
            let text = String(labels[(tick - 2) ... min(labels.count - 1, tick + 2)]).trimmingCharacters(in: .whitespaces)
            #expect(text == label, "label under the tick at \(tick): '\(text)'")
        }
        // Each bar ends at its count's tick (within a cell): 10 → ticks[0], 100 → ticks[1].
        let barEnd = { (k: Int) in corner + 1 + bars[k].count }
        #expect(abs(barEnd(3) - ticks[0]) <= 1, "\(lines.joined(separator: "\n"))")
        #expect(abs(barEnd(4) - ticks[1]) <= 1)
    }

    @Test func singleCountsStillDrawOnALogScale() {
        let h = Histogram(edges: [0, 1, 2], counts: [1, 0])
        let text = HistogramBars(series: [("x", h)], log: true, width: 60).render()
        #expect(text.contains("│▌"), "\(text)")
        #expect(!text.contains("nan") && !text.contains("inf"))
    }
}

/// A terminal line chart of many points: thinned to its dot columns, a
/// single spike still shows.
struct LinePlotTests {
    @Test func aSpikeAmongManyPointsIsDrawn() {
        var points = (0 ..< 100_000).map { (x: Double($0), y: Double($0 % 7)) }
        points[61_234].y = 100
        let text = LinePlot(points: points, width: 60, height: 10, xTitle: "x", yTitle: "y", fromZero: true).render()
        let rows = text.split(separator: "\n").filter { $0.contains("┤") || $0.contains("│") }
        #expect(rows.count == 10)
        // The top row holds the spike's dots, and only a few columns of them.
        let top = rows.first.map { $0.unicodeScalars.filter { (0x2801 ... 0x28FF).contains($0.value) }.count } ?? 0
        #expect(top >= 1 && top <= 2, "\(text)")
        #expect(text.contains("100"), "\(text)")
    }
}
