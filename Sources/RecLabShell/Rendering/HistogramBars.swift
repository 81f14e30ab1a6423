import Foundation

/// A histogram drawn in the terminal as horizontal bars of Unicode blocks,
/// one line per bin (per series), each labelled with its bin and its
/// count, over an axis of counts.
///
/// ```
///   0.5 │██▌                 1,370
///   1.0 │█████▏              2,811
///       └────┬────┬────┬────
///            0   1k   2k  count
/// ```
struct HistogramBars {
    /// The histograms, on the same edges; the second (if any) is drawn with
    /// a lighter block so both can be told apart without colour.
    var series: [(name: String, histogram: Histogram)]
    /// Whether bar lengths follow log10 of the counts.
    var log: Bool
    /// The widest a line may be (at least 30 is used).
    var width: Int

    private static let glyphs: [Character] = ["█", "░", "▒", "▓"]
    private static let eighths: [String] = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"]

    /// The bars, the axis and (for several series) a legend.
    ///
    /// - Complexity: O(bins × width).
    func render() -> String {
        guard let first = series.first?.histogram else { return "" }
        let edges = first.edges
        let labels = (0 ..< first.counts.count).map { HistogramBars.binLabel(edges, $0, discrete: first.isDiscrete) }
        let labelWidth = labels.map(\.count).max() ?? 0
        let counts = series.map(\.histogram.counts)
        let countWidth = counts.flatMap { $0 }.map { NumberFormatting.grouped($0).count }.max() ?? 1
        let barWidth = max(10, max(30, width) - labelWidth - countWidth - 3)
        let most = Double(counts.flatMap { $0 }.max() ?? 0)
        // A log axis starts at a count of 1 (log 0 has no place on it), at
        // least one decade long; see `logLength`.
        let top = log ? max(1, Foundation.log10(max(1, most))) : max(1, most)
        let length = { (c: Int) -> Double in
            log ? HistogramBars.logLength(c, decades: top, cells: barWidth) : Double(c) / top * Double(barWidth)
        }
        var lines: [String] = []
        for b in labels.indices {
            for (k, c) in counts.enumerated() where b < c.count {
                let label = k == 0 ? labels[b].padded(toWidth: labelWidth, alignment: .right) : String(repeating: " ", count: labelWidth)
                let bar = HistogramBars.bar(length(c[b]), glyph: HistogramBars.glyphs[k % HistogramBars.glyphs.count], fine: k == 0)
                let pad = String(repeating: " ", count: max(0, barWidth - bar.count))
                lines.append(label + " │" + bar + pad + " " + NumberFormatting.grouped(c[b]).padded(toWidth: countWidth, alignment: .right))
            }
        }
        lines += axis(barWidth: barWidth, indent: labelWidth + 1, top: top)
        if series.count > 1 {
            lines.append(series.enumerated().map { "\(HistogramBars.glyphs[$0.offset % HistogramBars.glyphs.count]) \($0.element.name)" }
                .joined(separator: "   "))
        }
        return lines.map { String($0.reversed().drop { $0 == " " }.reversed()) }.joined(separator: "\n")
    }

    /// A bar's length in cells on a log axis of `decades` decades from 1
    /// over `cells` cells: log10(count) of the way, but at least half a cell
    /// for any count, so a count of 1 (which sits on the axis' start) shows
    /// as a stub ▌, unlike an empty bin. Half a cell is less than a count of
    /// 2 needs whenever a decade spans more than 1.7 cells.
    static func logLength(_ count: Int, decades: Double, cells: Int) -> Double {
        guard count > 0 else { return 0 }
        return max(0.5, Foundation.log10(Double(count)) / decades * Double(cells))
    }

    /// A bar of `length` cells: whole blocks, then an eighth-block for the
    /// rest (only for the first series; others round to whole cells).
    static func bar(_ length: Double, glyph: Character, fine: Bool) -> String {
        guard length.isFinite, length > 0 else { return "" }
        if !fine { return String(repeating: glyph, count: max(1, Int(length.rounded()))) }
        let eighthsTotal = max(1, Int((length * 8).rounded()))
        return String(repeating: glyph, count: eighthsTotal / 8) + eighths[eighthsTotal % 8]
    }

    /// The axis line with ticks at round counts (powers of ten on a log
    /// scale, starting with 1 at the corner), and their labels.
    private func axis(barWidth: Int, indent: Int, top: Double) -> [String] {
        var ticks: [(position: Int, label: String)] = []
        if log {
            for k in 0 ... Int(top.rounded(.down)) {
                let p = Int((Double(k) / top * Double(barWidth)).rounded())
                if p < barWidth { ticks.append((p, HistogramBars.compact(pow(10, Double(k))))) }
            }
        } else {
            let t = AxisTicks(lower: 0, upper: top, target: max(2, barWidth / 12))
            for v in t.values {
                let p = Int((v / top * Double(barWidth)).rounded())
                if p < barWidth { ticks.append((p, HistogramBars.compact(v))) }
            }
        }
        var axis = Array(repeating: "─", count: barWidth)
        var labels = Array(repeating: Character(" "), count: indent + barWidth + 12)
        var free = 0
        for t in ticks {
            if t.position > 0 { axis[t.position] = "┬" }
            let text = Array(t.label)
            let start = max(indent + 1 + t.position - text.count / 2, free)
            guard start + text.count <= labels.count else { continue }
            for (i, ch) in text.enumerated() { labels[start + i] = ch }
            free = start + text.count + 1
        }
        let title = log ? "count (log)" : "count"
        var tickLine = String(labels)
        while tickLine.hasSuffix(" ") { tickLine.removeLast() }
        tickLine += "  " + title
        return [String(repeating: " ", count: indent) + "└" + axis.joined(), tickLine]
    }

    /// `1.5k`, `20k`, `3M`: counts short enough for an axis.
    static func compact(_ v: Double) -> String { ChartSVG.compact(v) }

    /// The bin's value (discrete bins) or its range `lo–hi`.
    static func binLabel(_ edges: [Double], _ k: Int, discrete: Bool) -> String {
        guard k + 1 < edges.count else { return "" }
        if discrete { return SVGDocument.number((edges[k] + edges[k + 1]) / 2) }
        return number(edges[k]) + "–" + number(edges[k + 1])
    }

    /// A bin edge, compact for large values.
    private static func number(_ v: Double) -> String {
        abs(v) >= 10_000 ? compact(v) : SVGDocument.number(v)
    }
}
