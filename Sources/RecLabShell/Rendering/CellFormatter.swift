/// Turns cells into the text shown in a table, one column at a time.
///
/// Integers print plainly (no separators: ids and timestamps stay
/// readable as ids), decimals with a fixed number of digits per column so
/// the points line up, missing values as ``missingMarker``, and text with
/// control characters made visible so a stray newline or escape sequence in
/// the data cannot break the table or the terminal.
public struct CellFormatter: Sendable {
    /// Digits after the point for computed decimals (columns whose
    /// ``RecLab/Column/fractionDigits`` is `nil`).
    public var precision: Int
    /// What a missing cell shows; empty by default.
    public var missingMarker: String

    /// Creates a formatter.
    public init(precision: Int = 4, missingMarker: String = "") {
        self.precision = precision
        self.missingMarker = missingMarker
    }

    /// How `column`'s cells align: numbers right, text left.
    public static func alignment(of column: Column) -> CellAlignment {
        column.type.isNumeric ? .right : .left
    }

    /// The number of digits after the point this formatter gives every
    /// value of a decimal `column`: the file's own digits (at least one, so
    /// 4 reads `4.0`), or ``precision`` for computed values.
    public func fractionDigits(for column: Column) -> Int {
        if let digits = column.fractionDigits { return max(1, digits) }
        return max(0, precision)
    }

    /// The shown text of row `row` of `column` (``missingMarker`` for a row
    /// the column does not have).
    public func format(_ column: Column, row: Int) -> String {
        guard row >= 0 && row < column.count else { return missingMarker }
        return format(column, rows: row..<(row + 1)).first ?? missingMarker
    }

    /// The shown text of rows `rows` of `column`, touching no other row.
    ///
    /// - Complexity: O(`rows.count`).
    public func format(_ column: Column, rows: Range<Int>) -> [String] {
        let rows = rows.clamped(to: 0..<column.count)
        var cells: [String] = []
        cells.reserveCapacity(rows.count)
        switch column.storage {
        case .int32(let values):
            for i in rows { cells.append(column.isMissing(i) ? missingMarker : String(values[i])) }
        case .int64(let values):
            for i in rows { cells.append(column.isMissing(i) ? missingMarker : String(values[i])) }
        case .decimal(let values):
            let digits = fractionDigits(for: column)
            for i in rows {
                cells.append(column.isMissing(i) ? missingMarker : values[i].formatted(fractionDigits: digits))
            }
        case .text(let codes, let dictionary):
            for i in rows {
                let code = Int(codes[i])
                if column.isMissing(i) || !dictionary.indices.contains(code) {
                    cells.append(missingMarker)
                } else {
                    cells.append(CellFormatter.shown(dictionary[code]))
                }
            }
        }
        return cells
    }

    /// The most Unicode scalars of one cell or header that any rendering
    /// shows; longer text is cut there and ends in `…`. No terminal is this
    /// wide and no title this long, but a damaged file can hold a 2 MB
    /// field, and measuring and storing it whole for every shown row made
    /// one `join` take 20 s.
    public static let longestShownText = 1_000

    /// `text` as a cell or header shows it: cut to ``longestShownText``
    /// scalars, then made ``visible(_:)``.
    ///
    /// - Complexity: O(min(n, ``longestShownText``)): a longer text is
    ///   never read past the cut, even one grapheme cluster of a million
    ///   combining marks.
    public static func shown(_ text: String) -> String {
        visible(cut(text, toScalars: longestShownText))
    }

    /// The first `limit - 1` scalars of `text` and `…`, or `text` when it
    /// has at most `limit` scalars.
    static func cut(_ text: String, toScalars limit: Int) -> String {
        if text.utf8.count <= limit { return text }
        let scalars = text.unicodeScalars
        var index = scalars.startIndex, count = 0
        while index != scalars.endIndex && count < limit {
            scalars.formIndex(after: &index)
            count += 1
        }
        if index == scalars.endIndex { return text }
        return String(scalars[..<scalars.index(before: index)]) + "…"
    }

    /// `text` with control characters replaced by visible stand-ins: line
    /// breaks by `↵`, tabs by a space, other controls by `�`.
    public static func visible(_ text: String) -> String {
        // Plain printable text (the usual case) is returned as is.
        let needsCleaning = text.unicodeScalars.contains { scalar in
            let value = scalar.value
            return value < 0x20 || (0x7F...0x9F).contains(value) || value == 0x2028 || value == 0x2029
        }
        if !needsCleaning { return text }
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for character in text {
            if character == "\t" {
                result.append(" ")
            } else if character.isNewline {
                result.append("↵")
            } else if character.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
                result.append("\u{FFFD}")
            } else {
                result.append(character)
            }
        }
        return result
    }
}
