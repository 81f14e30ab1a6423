import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import RecLab

/// SVG output is valid XML with the text escaped, whatever the labels hold.
struct SVGDocumentTests {
    /// Parses `text` as XML; records a failure with the parser's error.
    static func parse(_ text: String) -> XMLDocument? {
        do {
            return try XMLDocument(data: Data(text.utf8), options: [])
        } catch {
            Issue.record("not valid XML: \(error)\n\(text.prefix(400))")
            return nil
        }
    }

    @Test func textIsEscaped() throws {
        var svg = SVGDocument()
        let nasty = "Tom & Jerry <\"quoted\"> it's \u{1}bell"
        svg.text(nasty, x: 1, y: 2)
        let doc = try #require(SVGDocumentTests.parse(svg.text))
        let texts = try doc.nodes(forXPath: "//*[local-name()='text']")
        #expect(texts.first?.stringValue == "Tom & Jerry <\"quoted\"> it's bell")
    }

    @Test func numbersAreCompact() {
        #expect(SVGDocument.number(12.5) == "12.5")
        #expect(SVGDocument.number(3) == "3")
        #expect(SVGDocument.number(0.126) == "0.13")
        #expect(SVGDocument.number(-4.10) == "-4.1")
        #expect(SVGDocument.number(.nan) == "0")
        #expect(SVGDocument.number(-0.05) == "-0.05" && SVGDocument.number(0.07) == "0.07" && SVGDocument.number(-0.001) == "0")
        #expect(SVGDocument.number(1234.567) == "1234.57" && SVGDocument.number(-2.5) == "-2.5" && SVGDocument.number(99.999) == "100")
        #expect(SVGDocument.number(1e20) == "100000000000000000000" && SVGDocument.number(-7e16) == "-70000000000000000")
    }

    @Test func chartsAreValidXMLAt800By500() throws {
        let h = try Histogram(column: Column(name: "rating", decimals: [0.5, 3, 3.5, 4, 5]))
        let g = try Histogram(column: Column(name: "rating", decimals: [4, 4.5]), edges: h.edges)
        let charts = [
            ChartSVG.histogram([("rating", h)], title: "ratings <all>", xTitle: "rating", log: false),
            ChartSVG.histogram([("a", h), ("b & c", g)], title: "two", xTitle: "v", log: true),
            ChartSVG.line([(0, 1), (1, 3), (2, .nan), (3, 2)], title: "line", xTitle: "x", yTitle: "y"),
            ChartSVG.scatter([(0, 0, "A \"b\""), (1, 2, nil), (.infinity, 1, "gone")], title: "s", xTitle: "x", yTitle: "y"),
            ChartSVG.histogram([("empty", try Histogram(column: Column(name: "x", decimals: [])))], title: "e", xTitle: "x", log: true),
        ]
        for chart in charts {
            let doc = try #require(SVGDocumentTests.parse(chart.text))
            let root = try #require(doc.rootElement())
            let attributes = Dictionary((root.attributes ?? []).map { ($0.localName ?? $0.name ?? "", $0.stringValue ?? "") },
                                        uniquingKeysWith: { a, _ in a })
            #expect(root.localName == "svg")
            #expect(attributes["width"] == "800")
            #expect(attributes["height"] == "500")
        }
        let bars = try SVGDocumentTests.parse(charts[0].text)?.nodes(forXPath: "//*[local-name()='rect']") ?? []
        #expect(bars.count == 1 + 5)  // the background and one bar per non-empty bin
        #expect(!charts[3].text.contains("gone"))
    }

    @Test func writeIsAtomicAndReportsUnwritablePaths() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("svg-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("x.svg").path
        try SVGDocument().write(to: path)
        #expect(SVGDocumentTests.parse(try String(contentsOfFile: path, encoding: .utf8)) != nil)
        #expect(throws: RecLabError.self) { try SVGDocument().write(to: folder.appendingPathComponent("no/such/x.svg").path) }
    }
}
