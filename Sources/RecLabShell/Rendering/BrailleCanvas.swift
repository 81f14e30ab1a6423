/// A grid of terminal cells, each holding 2 × 4 braille dots or one
/// character of text: what the scatter plot (and later line plots) draw on.
///
/// Dots are addressed in dot coordinates (x right, y down); text is written
/// over whole cells and hides the dots under it.
struct BrailleCanvas: Sendable {
    /// What one cell shows.
    enum Cell: Sendable, Equatable {
        /// Dots, as the low byte of the braille code point (0 = blank).
        case dots(UInt8)
        /// A character of text.
        case text(Character)
        /// The right half of a wide character written in the cell before.
        case continuation
    }

    /// Width in cells.
    let columns: Int
    /// Height in cells.
    let rows: Int
    private var cells: [Cell]

    /// A blank canvas of `columns × rows` cells (each at least 1).
    init(columns: Int, rows: Int) {
        self.columns = max(1, columns)
        self.rows = max(1, rows)
        cells = Array(repeating: .dots(0), count: self.columns * self.rows)
    }

    /// Width in dots.
    var dotColumns: Int { columns * 2 }
    /// Height in dots.
    var dotRows: Int { rows * 4 }

    /// The bit of each dot of a cell, by [row][column] within the cell (Unicode's braille numbering).
    private static let bits: [[UInt8]] = [[0x01, 0x08], [0x02, 0x10], [0x04, 0x20], [0x40, 0x80]]

    /// Sets the dot at (`x`, `y`); outside the canvas it does nothing.
    mutating func setDot(x: Int, y: Int) {
        guard x >= 0, x < dotColumns, y >= 0, y < dotRows else { return }
        let index = (y / 4) * columns + x / 2
        guard case .dots(let old) = cells[index] else { return }
        cells[index] = .dots(old | BrailleCanvas.bits[y % 4][x % 2])
    }

    /// Whether cells `columns` of `row` are all blank (no dots, no text).
    func isBlank(row: Int, columns range: Range<Int>) -> Bool {
        guard row >= 0, row < rows, range.lowerBound >= 0, range.upperBound <= columns else { return false }
        return range.allSatisfy { cells[row * columns + $0] == .dots(0) }
    }

    /// Whether cells `columns` of `row` all lie on the canvas.
    func contains(row: Int, columns range: Range<Int>) -> Bool {
        row >= 0 && row < rows && range.lowerBound >= 0 && range.upperBound <= columns
    }

    /// How many of cells `columns` of `row` hold dots.
    func dotCells(row: Int, columns range: Range<Int>) -> Int {
        guard contains(row: row, columns: range) else { return 0 }
        return range.filter { if case .dots(let bits) = cells[row * columns + $0] { bits != 0 } else { false } }.count
    }

    /// Whether cell (`row`, `column`) is blank or off the canvas.
    func isBlankOrOutside(row: Int, column: Int) -> Bool {
        guard row >= 0, row < rows, column >= 0, column < columns else { return true }
        return cells[row * columns + column] == .dots(0)
    }

    /// Whether any of cells `columns` of `row` holds text.
    func hasText(row: Int, columns range: Range<Int>) -> Bool {
        range.contains { hasText(row: row, column: $0) }
    }

    /// Whether cell (`row`, `column`) holds text; outside the canvas, no.
    func hasText(row: Int, column: Int) -> Bool {
        guard row >= 0, row < rows, column >= 0, column < columns else { return false }
        if case .dots = cells[row * columns + column] { return false }
        return true
    }

    /// Writes `text` from cell (`row`, `column`), a wide character taking
    /// two cells; what would fall outside the canvas is dropped.
    mutating func write(_ text: String, row: Int, column: Int) {
        guard row >= 0, row < rows else { return }
        var c = column
        for character in text {
            let w = character.displayWidth
            guard w > 0 else { continue }
            guard c >= 0, c + w <= columns else { break }
            cells[row * columns + c] = .text(character)
            if w == 2 { cells[row * columns + c + 1] = .continuation }
            c += w
        }
    }

    /// Row `row` as text: braille characters for dots, a space for a blank cell.
    func line(_ row: Int) -> String {
        var out = ""
        for column in 0 ..< columns {
            switch cells[row * columns + column] {
            case .dots(0): out.append(" ")
            case .dots(let bits): out.unicodeScalars.append(Unicode.Scalar(0x2800 + UInt32(bits)) ?? " ")
            case .text(let character): out.append(character)
            case .continuation: break
            }
        }
        return out
    }
}
