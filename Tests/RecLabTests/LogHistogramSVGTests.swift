import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import RecLab

/// A histogram's SVG on a log scale: the axis starts at 1 (no fake 0), bars
/// end at their counts' ticks, and a count of 1 is a visible stub.
struct LogHistogramSVGTests {
    /// The attributes of every element named `name`.
    func elements(_ name: String, in svg: SVGDocument) throws -> [(attributes: [String: String], text: String)] {
        let doc = try XMLDocument(data: Data(svg.text.utf8), options: [])
        return try doc.nodes(forXPath: "//*[local-name()='\(name)']").compactMap { node in
            guard let element = node as? XMLElement else { return nil }
            let pairs = (element.attributes ?? []).map { ($0.localName ?? $0.name ?? "", $0.stringValue ?? "") }
            return (Dictionary(pairs, uniquingKeysWith: { a, _ in a }), element.stringValue ?? "")
        }
    }

    @Test(arguments: [false, true]) func overlaidBarsStayUnderTheLegend(log: Bool) throws {
        let a = Histogram(edges: [0, 1, 2, 3], counts: [10, 50, 1000])
        let b = Histogram(edges: [0, 1, 2, 3], counts: [900, 5, 1])
        let svg = ChartSVG.histogram([("before", a), ("after", b)], title: "t", xTitle: "x", log: log)
        let rects = try elements("rect", in: svg).dropFirst().map { a in
            (y: Double(a.attributes["y"] ?? "") ?? .nan, height: Double(a.attributes["height"] ?? "") ?? .nan,
             width: Double(a.attributes["width"] ?? "") ?? .nan)
        }
        // Legend swatches are 14 × 14; the bars are the wider rectangles.
        let swatches = rects.filter { $0.width == 14 && $0.height == 14 }
        let bars = rects.filter { $0.width != 14 }
        try #require(swatches.count == 2 && bars.count == 6)
        let legendBottom = swatches.map { $0.y + $0.height }.max() ?? 0
        #expect(bars.allSatisfy { $0.y > legendBottom }, "\(bars) under \(legendBottom)")
    }

    @Test func theAxisStartsAtOneAndCountsOfOneShow() throws {
        let h = Histogram(edges: [0, 1, 2, 3, 4, 5], counts: [1000, 1, 0, 10, 2])
        let svg = ChartSVG.histogram([("x", h)], title: "t", xTitle: "x", log: true)
        // Tick labels of the count axis (written right-aligned left of it).
        let ticks = try elements("text", in: svg).filter { $0.attributes["text-anchor"] == "end" }
        #expect(ticks.map(\.text) == ["1", "10", "100", "1k"])
        let tickY = Dictionary(ticks.map { ($0.text, Double($0.attributes["y"] ?? "") ?? .nan - 4) }, uniquingKeysWith: { a, _ in a })
        // Bars (the first rect is the background), left to right.
        let bars = try elements("rect", in: svg).dropFirst().map { a in
            (x: Double(a.attributes["x"] ?? "") ?? .nan, y: Double(a.attributes["y"] ?? "") ?? .nan,
             height: Double(a.attributes["height"] ?? "") ?? .nan)
        }.sorted { $0.x < $1.x }
        try #require(bars.count == 4)  // the empty bin has no bar
        let (thousand, one, ten, two) = (bars[0], bars[1], bars[2], bars[3])
        // Bars end where their counts' ticks are (tick labels sit 4 px below their line).
        #expect(abs(thousand.y - ((tickY["1k"] ?? 0) - 4)) < 0.5)
        #expect(abs(ten.y - ((tickY["10"] ?? 0) - 4)) < 0.5)
        // The 1 sits on the axis' start: a stub, lower than a count of 2.
        #expect(abs(one.y + one.height - ((tickY["1"] ?? 0) - 4)) < 0.5)
        #expect(one.height >= 3 && one.height < two.height)
    }

    @Test func smallCountsGetAtLeastOneDecade() throws {
        let h = Histogram(edges: [0, 1, 2], counts: [1, 1])
        let svg = ChartSVG.histogram([("x", h)], title: "t", xTitle: "x", log: true)
        let ticks = try elements("text", in: svg).filter { $0.attributes["text-anchor"] == "end" }
        #expect(ticks.map(\.text) == ["1", "10"])
        #expect(try elements("rect", in: svg).count == 3)
    }
}
