import Foundation
import Testing
@testable import RecLab

/// The block formatter behind `save` writes what the cell-by-cell
/// definitions (``CSVWriter/exactText(_:fractionDigits:)`` and
/// ``CSVWriter/appendText(_:delimiter:to:)``) say, in many blocks alike.
@Suite struct CSVRowFormatterTests {
    /// One line per row, from the definitions.
    private func expected(_ table: Table, delimiter: UInt8 = 44) -> String {
        (0 ..< table.rowCount).map { row in
            table.columns.map { column -> String in
                if column.isMissing(row) { return "" }
                switch column.storage {
                case .int32(let v): return String(v[row])
                case .int64(let v): return String(v[row])
                case .decimal(let v): return CSVWriter.exactText(v[row], fractionDigits: column.fractionDigits)
                case .text(let codes, let dictionary):
                    var bytes: [UInt8] = []
                    CSVWriter.appendText(dictionary[Int(codes[row])], delimiter: delimiter, to: &bytes)
                    return String(decoding: bytes, as: UTF8.self)
                }
            }.joined(separator: String(UnicodeScalar(delimiter))) + "\n"
        }.joined()
    }

    @Test func edgeValuesAsTheDefinitionsWriteThem() throws {
        let decimals: [Double] = [0, -0.0, 0.25, -0.05, 2.5, -2.5, 1e-7, 1e300, -1e300, 0.1 + 0.2, 4.5, 899_999_999_999_999.9,
                                  .infinity, -.infinity, 123.456, -0.04]
        let n = decimals.count
        let table = try Table(columns: [
            Column(name: "i", integers: (0 ..< n).map { Int64($0) * 7_919 - 50_000 }),
            Column(name: "big", integers: (0 ..< n).map { $0 % 2 == 0 ? Int64.min + Int64($0) : Int64.max - Int64($0) }),
            Column(name: "one", decimals: decimals, validity: Validity((0 ..< n).map { $0 != 3 }), fractionDigits: 1),
            Column(name: "two", decimals: decimals, fractionDigits: 2),
            Column(name: "free", decimals: decimals),
            Column(name: "t", texts: (0 ..< n).map { ["a,b", "say \"hi\"", nil, " pad", "", "plain"][$0 % 6] }),
        ])
        let text = String(decoding: CSVRowFormatter(table, delimiter: 44).format(0 ..< n), as: UTF8.self)
        #expect(text == expected(table))
        #expect(text.hasPrefix("-50000,-9223372036854775808,0.0,0.00,0.0,\"a,b\"\n"))
    }

    @Test func blocksJoinIntoTheWholeAndTheFileMatches() throws {
        var g = SeededGenerator(seed: 9)
        let n = 200_003
        let table = try Table(columns: [
            Column(name: "userId", integers: (0 ..< n).map { _ in Int64.random(in: 1 ... 330_000, using: &g) }),
            Column(name: "rating", decimals: (0 ..< n).map { _ in Double(Int.random(in: 1 ... 10, using: &g)) / 2 }, fractionDigits: 1),
            Column(name: "x", decimals: (0 ..< n).map { _ in Double.random(in: -1e6 ... 1e6, using: &g) }),
        ])
        let formatter = CSVRowFormatter(table, delimiter: 9)
        let pieces = [0 ..< 1, 1 ..< 70_000, 70_000 ..< n].map { String(decoding: formatter.format($0), as: UTF8.self) }
        #expect(pieces.joined() == expected(table, delimiter: 9))
        let path = TestFiles.folder().appendingPathComponent("blocks.tsv").path
        try CSVWriter.write(table, to: path)
        let back = try CSVReader.read(path: path)
        #expect(back.rowCount == n)
        for row in [0, 65_535, 65_536, 131_072, n - 1] {
            for name in table.columnNames { #expect(back.cell(name, row) == table.cell(name, row)) }
        }
    }
}
