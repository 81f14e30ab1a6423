/// Formats a block of a table's rows as CSV lines, as ``CSVWriter`` writes
/// them, byte by byte: integers digit by digit, decimals through a fixed
/// point fast path, each text of a column's dictionary encoded (and quoted
/// where needed) once rather than once per row.
struct CSVRowFormatter: Sendable {
    private enum Cells: Sendable {
        case int32([Int32]), int64([Int64])
        case decimal([Double], digits: Int?)
        /// The codes, and each dictionary entry's bytes as written.
        case text([Int32], [[UInt8]])
    }

    private let columns: [(cells: Cells, validity: Validity?)]
    private let delimiter: UInt8

    init(_ table: Table, delimiter: UInt8) {
        self.delimiter = delimiter
        columns = table.columns.map { column in
            let cells: Cells
            switch column.storage {
            case .int32(let v): cells = .int32(v)
            case .int64(let v): cells = .int64(v)
            case .decimal(let v): cells = .decimal(v, digits: column.fractionDigits)
            case .text(let codes, let dictionary):
                cells = .text(codes, dictionary.map { text in
                    var bytes: [UInt8] = []
                    CSVWriter.appendText(text, delimiter: delimiter, to: &bytes)
                    return bytes
                })
            }
            return (cells, column.validity)
        }
    }

    /// The most bytes one cell of each column takes.
    private var cellBounds: [Int] {
        columns.map { column in
            switch column.cells {
            case .int32: 11
            case .int64: 20
            // The fixed form is at most 17 digits, a sign and a point; the
            // shortest form of any double (`-2.2250738585072014e-308`) 24.
            case .decimal: 32
            case .text(_, let texts): texts.reduce(0) { max($0, $1.count) }
            }
        }
    }

    /// The lines of `rows`, each ending in a newline.
    ///
    /// Column by column (one tight loop over each column's array), the
    /// cells go into one buffer with each cell's end noted; then the cells
    /// are interleaved into lines.
    ///
    /// - Complexity: O(rows × columns).
    func format(_ rows: Range<Int>) -> [UInt8] {
        let n = rows.count, width = columns.count
        guard n > 0, width > 0 else { return [] }
        let cells = UnsafeMutablePointer<UInt8>.allocate(capacity: n * cellBounds.reduce(0, +))
        defer { cells.deallocate() }
        let ends = UnsafeMutablePointer<Int>.allocate(capacity: n * width)
        defer { ends.deallocate() }
        var used = 0
        for (c, column) in columns.enumerated() {
            let validity = column.validity
            func each<T>(_ values: [T], _ write: (T, UnsafeMutablePointer<UInt8>) -> Int) {
                values.withUnsafeBufferPointer { v in
                    var k = c * n
                    for row in rows {
                        if validity?.isValid(row) ?? true { used += write(v[row], cells + used) }
                        ends[k] = used
                        k += 1
                    }
                }
            }
            switch column.cells {
            case .int32(let v): each(v) { CSVRowFormatter.writeInteger(Int64($0), to: $1) }
            case .int64(let v): each(v) { CSVRowFormatter.writeInteger($0, to: $1) }
            case .decimal(let v, let digits):
                each(v) { value, out in
                    if let digits, let written = CSVRowFormatter.writeFixed(value, digits: max(1, digits), to: out) {
                        return written
                    }
                    let text = Array(CSVWriter.exactText(value, fractionDigits: digits).utf8.prefix(32))
                    out.update(from: text, count: text.count)
                    return text.count
                }
            case .text(let codes, let texts):
                texts.withUnsafeBufferPointer { texts in
                    each(codes) { code, out in
                        let text = texts[Int(code)]
                        out.update(from: text, count: text.count)
                        return text.count
                    }
                }
            }
        }
        let delimiter = self.delimiter
        return [UInt8](unsafeUninitializedCapacity: used + n * width) { out, initialized in
            guard let base = out.baseAddress else { initialized = 0; return }
            var at = 0
            for k in 0 ..< n {
                for c in 0 ..< width {
                    let i = c * n + k
                    let start = i == 0 ? 0 : ends[i - 1]
                    (base + at).update(from: cells + start, count: ends[i] - start)
                    at += ends[i] - start
                    base[at] = c == width - 1 ? 10 : delimiter
                    at += 1
                }
            }
            initialized = at
        }
    }

    /// Writes `value` in decimal digits at `out`; returns the bytes written.
    @inline(__always)
    static func writeInteger(_ value: Int64, to out: UnsafeMutablePointer<UInt8>) -> Int {
        var at = 0
        if value < 0 { out[0] = 45; at = 1 }
        var magnitude = value.magnitude
        var digits = 1
        var power: UInt64 = 10
        while digits < 20, magnitude >= power { digits += 1; power = power &* 10 }
        var k = at + digits - 1
        repeat {
            out[k] = UInt8(truncatingIfNeeded: magnitude % 10) &+ 48
            magnitude /= 10
            k -= 1
        } while k >= at
        return at + digits
    }

    /// Writes `value` with `digits` digits after the point at `out` when
    /// that text reads back as exactly `value` (what
    /// ``CSVWriter/exactText(_:fractionDigits:)`` writes first, without its
    /// string work) and returns the bytes written; `nil`, writing nothing,
    /// when it does not or the value is out of its range.
    @inline(__always)
    static func writeFixed(_ value: Double, digits: Int, to out: UnsafeMutablePointer<UInt8>) -> Int? {
        guard value.isFinite, digits <= 15 else { return nil }
        let scale = CSVCell.powersOfTen[digits]
        let magnitude = abs(value)
        guard magnitude * scale < 9.0e15 else { return nil }
        let scaled = (magnitude * scale).rounded(.toNearestOrEven)
        // The text means scaled / 10^digits: it reads back as the double
        // nearest that quotient, which IEEE division gives too.
        let negative = value < 0 && scaled != 0
        let reread = scaled / scale
        guard (negative ? -reread : reread) == value else { return nil }
        let whole = Int64(scaled), unit = Int64(scale)
        var at = 0
        if negative { out[0] = 45; at = 1 }
        at += writeInteger(whole / unit, to: out + at)
        out[at] = 46
        at += 1
        var fraction = whole % unit
        var place = unit / 10
        while place > 0 {
            out[at] = UInt8(truncatingIfNeeded: fraction / place) &+ 48
            at += 1
            fraction %= place
            place /= 10
        }
        return at
    }
}
