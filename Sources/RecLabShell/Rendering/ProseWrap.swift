/// Prose (help, errors, explanations, notes under results) wrapped to the
/// terminal at word boundaries, as a reader expects: never inside a word or
/// a number, which the terminal's own wrapping does.
enum ProseWrap {
    /// `text` with each line wider than `width` cells broken at spaces.
    ///
    /// A continuation line is indented like its line's text: under a
    /// comment after code (`rate me 260 5   # the …`), under the text after
    /// a label and two or more spaces (`  recommend   the N …`, as `help`
    /// lists), else as far as the line itself is. Lines holding
    /// box-drawing or braille characters (tables, charts) are drawings,
    /// already fitted, and kept whole; so is a word wider than the line,
    /// which only the terminal can break.
    ///
    /// - Complexity: O(characters).
    static func wrap(_ text: String, width: Int) -> String {
        guard width > 0, text.contains(where: { $0 == " " }) else { return text }
        var lines: [Substring] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.displayWidth <= width || isDrawing(line) {
                lines.append(line)
            } else {
                lines += wrap(line: line, width: width)
            }
        }
        return lines.joined(separator: "\n")
    }

    /// Whether `line` is part of a table or a chart.
    static func isDrawing(_ line: Substring) -> Bool {
        line.unicodeScalars.contains { (0x2500...0x259F).contains($0.value) || (0x2800...0x28FF).contains($0.value) }
    }

    /// How far a continuation of `line` is indented.
    static func hangingIndent(_ line: Substring) -> Int {
        let leading = line.prefix { $0 == " " }.count
        // Code with a comment after it (`help`'s examples): under the comment.
        if let hash = line.range(of: "  # ") {
            return line[..<hash.upperBound].displayWidth
        }
        // A label and a gap of two or more spaces: the text starts after it.
        var index = line.index(line.startIndex, offsetBy: leading)
        var sawWord = false
        while index < line.endIndex {
            if line[index] == " " {
                let gap = line[index...].prefix { $0 == " " }.count
                if sawWord, gap >= 2 { return line[..<index].displayWidth + gap }
                if sawWord { break }
            } else {
                sawWord = true
            }
            index = line.index(after: index)
        }
        return leading
    }

    private static func wrap(line: Substring, width: Int) -> [Substring] {
        var indent = hangingIndent(line)
        // A hang that leaves under 20 columns is not worth keeping: then
        // deeper than the line by four, so it does not read as a new line.
        if indent > width - 20 { indent = min(line.prefix { $0 == " " }.count + 4, width / 2) }
        let pad = String(repeating: " ", count: indent)
        var out: [Substring] = []
        var current = ""
        var currentWidth = 0
        var firstLine = true
        let leading = line.prefix { $0 == " " }
        let words = line.dropFirst(leading.count).split(separator: " ", omittingEmptySubsequences: false)
        // Runs of spaces inside the line are kept: they align things.
        var pendingSpaces = 0
        for word in words {
            if word.isEmpty { pendingSpaces += 1; continue }
            let wordWidth = word.displayWidth
            if current.isEmpty {
                current = (firstLine ? String(leading) : pad) + word
                currentWidth = (firstLine ? leading.count : indent) + wordWidth
            } else if currentWidth + pendingSpaces + 1 + wordWidth <= width {
                current += String(repeating: " ", count: pendingSpaces + 1) + word
                currentWidth += pendingSpaces + 1 + wordWidth
            } else {
                out.append(Substring(current))
                firstLine = false
                current = pad + word
                currentWidth = indent + wordWidth
            }
            pendingSpaces = 0
        }
        if !current.isEmpty { out.append(Substring(current)) }
        return out
    }
}
