import Foundation
import RecLab

extension TableRenderer {
    /// The shown rows as CSV (or TSV with `delimiter` 9) exactly as `save`
    /// writes them: numbers plain (no thousands separators, timestamps as
    /// seconds), text quoted where it must be. The footer lines follow, as
    /// in every mode: the shell prints for a reader, and `save TABLE -`
    /// gives every row with nothing else.
    ///
    /// - Complexity: O(shown rows × columns).
    func renderDelimited(_ table: Table, delimiter: UInt8) -> String {
        let shown = min(table.rowCount, max(0, maxRows))
        var text = String(decoding: CSVWriter.bytes(table, rows: 0..<shown, delimiter: delimiter), as: UTF8.self)
        if text.hasSuffix("\n") { text.removeLast() }
        return ([text] + footer(table, shown: shown)).joined(separator: "\n")
    }

    /// The shown rows as a JSON array, one object per row on its own line:
    /// integers and decimals as numbers (NaN and infinities, which JSON has
    /// not, as null), text as strings, missing cells as null.
    ///
    /// - Complexity: O(shown rows × columns).
    func renderJSON(_ table: Table) -> String {
        let shown = min(table.rowCount, max(0, maxRows))
        let names = table.columns.map { TableRenderer.jsonString($0.name) }
        var lines: [String] = []
        lines.reserveCapacity(shown)
        for row in 0..<shown {
            let fields = table.columns.indices.map { c in
                names[c] + ":" + TableRenderer.jsonValue(table.columns[c].value(at: row))
            }
            lines.append("{" + fields.joined(separator: ",") + "}")
        }
        let array = lines.isEmpty ? "[]" : "[" + lines.joined(separator: ",\n") + "]"
        return ([array] + footer(table, shown: shown)).joined(separator: "\n")
    }

    /// `… N more rows (set rows all)` when rows were left out.
    private func footer(_ table: Table, shown: Int) -> [String] {
        let hidden = table.rowCount - shown
        guard hidden > 0 else { return [] }
        return ["… \(NumberFormatting.grouped(hidden)) more \(hidden == 1 ? "row" : "rows") \(ShownCells.showAllHint)"]
    }

    /// A cell's value as JSON.
    static func jsonValue(_ value: Value) -> String {
        switch value {
        case .integer(let n): return String(n)
        case .decimal(let d): return d.isFinite ? "\(d)" : "null"
        case .text(let t): return jsonString(t)
        case .missing: return "null"
        }
    }

    /// `text` as a JSON string: quotes, backslashes and control characters
    /// escaped.
    static func jsonString(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x2028 || scalar.value == 0x2029 {
                    result += String(format: "\\u%04x", scalar.value)
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result + "\""
    }
}
