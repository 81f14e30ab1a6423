import Foundation

/// An SVG picture built element by element: text is escaped, numbers are
/// written compactly (`12.5`, not `12.500000`).
public struct SVGDocument: Sendable {
    /// Width in pixels.
    public let width: Double
    /// Height in pixels.
    public let height: Double
    private var body: [String] = []

    /// An empty picture of `width × height` pixels.
    public init(width: Double = 800, height: Double = 500) {
        self.width = width
        self.height = height
    }

    /// `text` with `&`, `<`, `>`, `"` and `'` escaped, and characters XML
    /// forbids (controls other than tab and newline) left out: safe in SVG,
    /// XML and HTML alike (`'` as `&#39;`, which HTML 4 knows too), so the
    /// notebook's HTML pages use it as well.
    public static func escaped(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\t", "\n": out.unicodeScalars.append(scalar)
            default:
                if scalar.value < 0x20 || (0xFFFE ... 0xFFFF).contains(scalar.value) { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// `value` with at most two decimals and no trailing zeros; 0 for a
    /// value that is not finite.
    public static func number(_ value: Double) -> String {
        guard value.isFinite else { return "0" }
        let hundredths = (value * 100).rounded()
        guard abs(hundredths) < 9e15 else {
            // Beyond Int64's exact range: no decimals matter any more.
            var s = String(format: "%.0f", value.rounded())
            if s == "-0" { s = "0" }
            return s
        }
        // Integer arithmetic, not String(format:): a polyline writes
        // thousands of these, and formatting dominated drawing it.
        let cents = Int64(hundredths), whole = cents / 100, part = abs(cents % 100)
        var s = cents < 0 && whole == 0 ? "-0" : String(whole)
        if part != 0 { s += part % 10 == 0 ? "." + String(part / 10) : (part < 10 ? ".0" : ".") + String(part) }
        return s
    }

    /// A rectangle.
    public mutating func rect(x: Double, y: Double, width: Double, height: Double, fill: String, opacity: Double = 1,
                              stroke: String? = nil) {
        var e = "<rect x=\"\(n(x))\" y=\"\(n(y))\" width=\"\(n(max(0, width)))\" height=\"\(n(max(0, height)))\" fill=\"\(fill)\""
        if opacity < 1 { e += " fill-opacity=\"\(n(opacity))\"" }
        if let stroke { e += " stroke=\"\(stroke)\"" }
        body.append(e + "/>")
    }

    /// A straight line.
    public mutating func line(x1: Double, y1: Double, x2: Double, y2: Double, stroke: String = "#333", width: Double = 1) {
        body.append("<line x1=\"\(n(x1))\" y1=\"\(n(y1))\" x2=\"\(n(x2))\" y2=\"\(n(y2))\" stroke=\"\(stroke)\" stroke-width=\"\(n(width))\"/>")
    }

    /// A line through `points`, in order.
    public mutating func polyline(_ points: [(x: Double, y: Double)], stroke: String, width: Double = 2) {
        let list = points.map { "\(n($0.x)),\(n($0.y))" }.joined(separator: " ")
        body.append("<polyline points=\"\(list)\" fill=\"none\" stroke=\"\(stroke)\" stroke-width=\"\(n(width))\"/>")
    }

    /// A dot.
    public mutating func circle(x: Double, y: Double, radius: Double, fill: String, opacity: Double = 1) {
        var e = "<circle cx=\"\(n(x))\" cy=\"\(n(y))\" r=\"\(n(radius))\" fill=\"\(fill)\""
        if opacity < 1 { e += " fill-opacity=\"\(n(opacity))\"" }
        body.append(e + "/>")
    }

    /// Text anchored at (`x`, `y`): `start`, `middle` or `end`; `rotate`
    /// turns it (−90 for a vertical axis title).
    public mutating func text(_ text: String, x: Double, y: Double, anchor: String = "start", size: Double = 12,
                              bold: Bool = false, rotate: Double = 0) {
        var e = "<text x=\"\(n(x))\" y=\"\(n(y))\" font-size=\"\(n(size))\" text-anchor=\"\(anchor)\""
        if bold { e += " font-weight=\"bold\"" }
        if rotate != 0 { e += " transform=\"rotate(\(n(rotate)) \(n(x)) \(n(y)))\"" }
        body.append(e + ">" + SVGDocument.escaped(text) + "</text>")
    }

    /// The whole document, with an XML declaration and a white background.
    public var text: String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <svg xmlns="http://www.w3.org/2000/svg" width="\(n(width))" height="\(n(height))" \
        viewBox="0 0 \(n(width)) \(n(height))" font-family="Helvetica, Arial, sans-serif">
        <rect width="100%" height="100%" fill="white"/>

        """ + body.joined(separator: "\n") + "\n</svg>\n"
    }

    /// Writes the document to `path` atomically (the old file or the new
    /// one, never half).
    ///
    /// - Throws: ``RecLabError`` naming the path when it cannot be written.
    public func write(to path: String) throws(RecLabError) {
        try AtomicFile.write(Array(text.utf8), to: path)
    }

    private func n(_ v: Double) -> String { SVGDocument.number(v) }
}
