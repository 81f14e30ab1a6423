import Foundation

/// Turns cells into the text shown in a table, one column at a time.
///
/// Integers print plainly (no separators: ids and timestamps stay
/// readable as ids) except counts (``RecLab/Column/isCount``: `100,836`),
/// decimals with a fixed number of digits per column so
/// the points line up, missing values as ``missingMarker``, and text with
/// control characters made visible so a stray newline or escape sequence in
/// the data cannot break the table or the terminal.
public struct CellFormatter: Sendable {
    /// Digits after the point for computed decimals (columns whose
    /// ``RecLab/Column/fractionDigits`` is `nil`).
    public var precision: Int
    /// What a missing cell shows; empty by default.
    public var missingMarker: String
    /// Whether integer columns of Unix seconds (``isUnixTime(_:)``) show
    /// as UTC dates and times, `2000-07-30 18:45:03` (`set dates on`).
    public var dates: Bool

    /// Creates a formatter.
    public init(precision: Int = 4, missingMarker: String = "", dates: Bool = false) {
        self.precision = precision
        self.missingMarker = missingMarker
        self.dates = dates
    }

    /// Whether `column` holds Unix seconds: an integer column whose name
    /// says `timestamp`, as MovieLens' and LensKit's do.
    public static func isUnixTime(_ column: Column) -> Bool {
        (column.type == .integer) && column.name.lowercased().contains("timestamp")
    }

    /// `seconds` since 1970 as a UTC date and time, `2000-07-30 18:45:03`
    /// (the way pandas' `to_datetime(…, unit="s")` prints it).
    public static func date(unixSeconds seconds: Int64) -> String {
        var time = time_t(seconds), parts = tm()
        guard gmtime_r(&time, &parts) != nil else { return String(seconds) }
        func two(_ n: Int32) -> String { n < 10 ? "0\(n)" : String(n) }
        return "\(parts.tm_year + 1900)-\(two(parts.tm_mon + 1))-\(two(parts.tm_mday)) "
            + "\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec))"
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
            for i in rows { cells.append(column.isMissing(i) ? missingMarker : integer(Int64(values[i]), column)) }
        case .int64(let values):
            for i in rows { cells.append(column.isMissing(i) ? missingMarker : integer(values[i], column)) }
        case .decimal(let values):
            let digits = fractionDigits(for: column)
            let byRow = column.digitsByRow
            for i in rows {
                let rowDigits = byRow.map { $0.indices.contains(i) && $0[i] >= 0 ? $0[i] : digits } ?? digits
                cells.append(column.isMissing(i) ? missingMarker : values[i].formatted(fractionDigits: rowDigits))
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

    /// An integer as text: grouped in thousands in a column of counts.
    private func integer(_ value: Int64, _ column: Column) -> String {
        if column.isCount { return NumberFormatting.grouped(Int(value)) }
        if dates && CellFormatter.isUnixTime(column) { return CellFormatter.date(unixSeconds: value) }
        return String(value)
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
