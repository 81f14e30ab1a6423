import Foundation
import Testing
@testable import RecLab

/// The parallel path: files cut into chunks (threshold lowered so small
/// files are cut too) must read exactly as when parsed in one piece.
@Suite struct CSVChunkLayoutTests {
    func both(_ text: String, _ options: CSVOptions = .init()) throws -> (serial: Table, parallel: Table) {
        let path = TestFiles.write(text)
        let serial = try CSVReader.read(MappedFile(path: path), options: options, cancel: .never)
        let parallel = try CSVReader.read(MappedFile(path: path), options: options, cancel: .never, parallelThreshold: 16)
        return (serial, parallel)
    }

    func expectSame(_ a: Table, _ b: Table) {
        #expect(a.columnNames == b.columnNames)
        #expect(a.rowCount == b.rowCount)
        guard a.rowCount == b.rowCount else { return }
        for c in a.columns.indices {
            #expect(a.columns[c].type == b.columns[c].type)
            #expect(a.columns[c].fractionDigits == b.columns[c].fractionDigits)
            for r in 0..<a.rowCount where a.columns[c].value(at: r) != b.columns[c].value(at: r) {
                Issue.record("row \(r) column \(a.columns[c].name): \(a.columns[c].value(at: r)) vs \(b.columns[c].value(at: r))")
                return
            }
        }
    }

    @Test func plainRowsWithTextAndMissingCells() throws {
        var text = "userId,movieId,rating,genre\n"
        for i in 0..<3000 { text += "\(i % 97),\(i * 7),\(i % 10 == 0 ? "" : String(Double(i % 9) / 2 + 0.5)),g\(i % 13)\r\n" }
        let (s, p) = try both(text)
        #expect(s.rowCount == 3000)
        expectSame(s, p)
        #expect(p.cell("genre", 2999) == .text("g\(2999 % 13)"))
        #expect(p.cell("rating", 2990) == .missing)
    }

    @Test func quotedNewlinesAcrossCuts() throws {
        var text = "id,note\n"
        for i in 0..<400 { text += i % 3 == 0 ? "\(i),\"line one\nline two, \"\"quoted\"\"\nthree\"\n" : "\(i),plain \(i)\n" }
        let (s, p) = try both(text)
        #expect(s.rowCount == 400)
        expectSame(s, p)
        #expect(p.cell("note", 399) == .text("line one\nline two, \"quoted\"\nthree"))
    }

    @Test func literalQuotesThatFoolTheQuoteCount() throws {
        // An odd number of quotes in unquoted fields makes parity wrong; the
        // reader must notice and fall back to one chunk.
        var text = "id,size\n"
        for i in 0..<500 { text += i % 50 == 7 ? "\(i),5\" floppy\n" : "\(i),\"a\nb\"\n" }
        let (s, p) = try both(text)
        #expect(s.rowCount == 500)
        expectSame(s, p)
        #expect(p.cell("size", 7) == .text("5\" floppy"))
    }

    @Test func blankLinesAndNoTrailingNewline() throws {
        var text = "a,b\n"
        for i in 0..<600 { text += i % 5 == 0 ? "\n\(i),x\n" : "\(i),y\n" }
        text += "600,z"
        let (s, p) = try both(text)
        #expect(s.rowCount == 601)
        expectSame(s, p)
        #expect(p.cell("b", 600) == .text("z"))
    }

    @Test func wideningInALaterChunk() throws {
        var text = "a,b\n"
        for i in 0..<2000 { text += "\(i),\(i)\n" }
        text += "2000,3000000000\n2001,text\n"
        let (s, p) = try both(text)
        expectSame(s, p)
        #expect(p.column(named: "a")?.type == .integer)
        #expect(p.column(named: "b")?.type == .text)
        #expect(p.cell("b", 2000) == .text("3000000000"))
    }

    @Test func errorsInALaterChunkHaveTheRightLine() {
        var text = "a,b\n"
        for i in 0..<2000 { text += "\(i),x\n" }
        text += "oops\n"
        let path = TestFiles.write(text)
        #expect(throws: RecLabError("expected 2 fields, found 1", file: path, line: 2002)) {
            try CSVReader.read(MappedFile(path: path), options: .init(), cancel: .never, parallelThreshold: 16)
        }
        let quoted = TestFiles.write("a,b\n" + String(repeating: "1,x\n", count: 1000) + "2,\"never closed\n" + String(repeating: "3,y\n", count: 10))
        #expect(throws: RecLabError("quoted field opened here is never closed", file: quoted, line: 1002)) {
            try CSVReader.read(MappedFile(path: quoted), options: .init(), cancel: .never, parallelThreshold: 16)
        }
    }

    @Test func byteCounting() {
        let bytes = Array("a\nb\"c\n\n\"".utf8) + Array(repeating: UInt8(10), count: 1000)
        bytes.withUnsafeBufferPointer { b in
            let (newlines, quotes) = ByteCounting.count(10, 34, in: b.baseAddress!, b.count)
            #expect(newlines == 1003)
            #expect(quotes == 2)
        }
    }
}
