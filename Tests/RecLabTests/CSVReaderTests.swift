import Foundation
import Testing
@testable import RecLab

@Suite struct CSVReaderTests {
    func read(_ text: String, _ options: CSVOptions = .init(), name: String = "test.csv") throws(RecLabError) -> Table {
        try CSVReader.read(path: TestFiles.write(text, name: name), options: options)
    }

    func error(_ text: String, _ options: CSVOptions = .init(), name: String = "test.csv") -> RecLabError? {
        do { _ = try read(text, options, name: name); return nil } catch { return error }
    }

    @Test func readsTypedColumnsWithHeader() throws {
        let t = try read("userId,movieId,rating,timestamp\n1,31,2.5,1260759144\n1,1029,3.0,1260759179\n")
        #expect(t.columnNames == ["userId", "movieId", "rating", "timestamp"])
        #expect(t.rowCount == 2)
        #expect(t.cell("movieId", 1) == .integer(1029))
        #expect(t.cell("rating", 0) == .decimal(2.5))
        #expect(t.column(named: "rating")?.fractionDigits == 1)
        guard case .int32 = t.columns[3].storage else { Issue.record("timestamp should fit 32 bits"); return }
    }

    /// Found by the fuzzer: each column was one stack frame, and 5,000
    /// columns overflowed the stack. (Kept under the 64 KiB that header
    /// detection samples: a longer header line is another open issue.)
    @Test func aFileOfFiveThousandColumnsLoads() throws {
        let n = 5_000
        let kinds = ["7", "9000000000", "2.5", "x"]  // int32, int64, decimal, text
        let header = (0..<n).map { "c\($0)" }.joined(separator: ",")
        let row = (0..<n).map { kinds[$0 % 4] }.joined(separator: ",")
        let t = try read(header + "\n" + row + "\n" + row + "\n")
        #expect(t.columnNames.count == n && t.rowCount == 2)
        #expect(t.cell("c4", 1) == .integer(7) && t.cell("c4997", 0) == .integer(9_000_000_000))
        #expect(t.cell("c4998", 1) == .decimal(2.5) && t.cell("c4999", 0) == .text("x"))
    }

    /// Found by the fuzzer: one pass widened one column, so a file whose
    /// second line repeated a header of 100,000 names (every column text,
    /// past the sample) parsed 100,000 times. A pass now widens every
    /// column that needs it, each to the kind all its cells fit.
    @Test func onePassWidensEveryColumnThatNeedsIt() throws {
        let n = 3_000
        let header: String = (0..<n).map { "c\($0)" }.joined(separator: ",")
        let first: String = (0..<n).map { $0 % 2 == 0 ? "1" : "2.5" }.joined(separator: ",")
        let second: String = (0..<n).map { $0 % 3 == 0 ? "x" : "9000000000" }.joined(separator: ",")
        let path = TestFiles.write([header, first, second, ""].joined(separator: "\n"), name: "widen.csv")
        let file = try MappedFile(path: path)
        let dataStart = file.bytes.firstIndex(of: 10).map { $0 + 1 } ?? 0
        // Every column starts as int32, as if the sample had seen no row.
        let plans = (0..<n).map { CSVColumnPlan(name: "c\($0)", enforced: nil, sample: []) }
        let (table, passes) = try CSVReader.parse(file, data: dataStart..<file.bytes.count, dialect: CSVDialect(.comma, quoting: .doubleQuote),
                                                  plans: plans, parallelThreshold: 1 << 30, cancel: .never)
        #expect(passes == 2)
        #expect(table.cell("c0", 0) == .text("1") && table.cell("c3", 1) == .text("x"))
        #expect(table.cell("c1", 0) == .decimal(2.5) && table.cell("c1", 1) == .decimal(9_000_000_000))
        #expect(table.cell("c2", 0) == .integer(1) && table.cell("c2", 1) == .integer(9_000_000_000))
        #expect(table.cell("c4", 1) == .integer(9_000_000_000))
    }

    /// Found by the fuzzer: a header line longer than the 64 KiB sample was
    /// cut, and the file refused ("expected 2 fields, found 3").
    @Test func aHeaderLongerThanTheSampleIsReadWhole() throws {
        let t = try read("a," + String(repeating: "b", count: 70_000) + ",c\n1,2,3\n4,5,6\n")
        #expect(t.columnNames.count == 3 && t.columnNames.last == "c")
        #expect(t.rowCount == 2 && t.cell("c", 1) == .integer(6))
    }

    @Test func detectsDelimiters() throws {
        #expect(try read("a\tb\n1\t2\n").columnNames == ["a", "b"])
        #expect(try read("a|b\n1|2\n").cell("b", 0) == .integer(2))
        #expect(try read("a;b\n1;2\n").cell("b", 0) == .integer(2))
        let dat = try read("1::Toy Story (1995)::Animation|Children's|Comedy\n2::Jumanji (1995)::Adventure\n")
        #expect(dat.columnNames == ["column1", "column2", "column3"])
        #expect(dat.cell("column2", 0) == .text("Toy Story (1995)"))
        #expect(dat.cell("column3", 0) == .text("Animation|Children's|Comedy"))
    }

    @Test func quotedFieldsWithDelimitersQuotesAndNewlines() throws {
        let t = try read("id,title,note\n1,\"Shawshank Redemption, The (1994)\",\"say \"\"hi\"\"\"\n2,\"two\nlines\",x\n")
        #expect(t.rowCount == 2)
        #expect(t.cell("title", 0) == .text("Shawshank Redemption, The (1994)"))
        #expect(t.cell("note", 0) == .text("say \"hi\""))
        #expect(t.cell("title", 1) == .text("two\nlines"))
    }

    @Test func crlfBomAndNoTrailingNewline() throws {
        let t = try CSVReader.read(path: TestFiles.write([0xEF, 0xBB, 0xBF] + Array("a,b\r\n1,x\r\n2,y".utf8)))
        #expect(t.columnNames == ["a", "b"])
        #expect(t.rowCount == 2)
        #expect(t.cell("b", 1) == .text("y"))
        #expect(t.cell("b", 0) == .text("x"))
    }

    @Test func emptyCellsAreMissing() throws {
        let t = try read("a,b,c\n1,,x\n,2.5,\n3,4,z\n")
        #expect(t.cell("a", 1) == .missing)
        #expect(t.cell("b", 0) == .missing)
        #expect(t.cell("c", 1) == .missing)
        #expect(t.cell("b", 2) == .decimal(4))
        #expect(t.column(named: "b")?.type == .decimal)
    }

    @Test func blankLinesAreSkipped() throws {
        let t = try read("a,b\n1,2\n\n3,4\n\n")
        #expect(t.rowCount == 2)
        #expect(t.cell("a", 1) == .integer(3))
    }

    @Test func typesWidenAcrossTheFile() throws {
        var text = "id,v,w\n"
        for i in 0..<2000 { text += "\(i),\(i),\(i)\n" }
        text += "2000,2.25,hello\n2001,5000000000,007\n"
        let t = try read(text)
        #expect(t.column(named: "v")?.type == .decimal)
        #expect(t.cell("v", 2000) == .decimal(2.25))
        #expect(t.cell("v", 2001) == .decimal(5_000_000_000))
        #expect(t.column(named: "v")?.fractionDigits == 2)
        #expect(t.cell("w", 5) == .text("5"))
        #expect(t.cell("w", 2001) == .text("007"))
        #expect(t.column(named: "w")?.type == .text)
    }

    @Test func bigIntegersUse64Bits() throws {
        let t = try read("a\n1\n-9000000000\n")
        guard case .int64 = t.columns[0].storage else { Issue.record("expected int64"); return }
        #expect(t.cell("a", 1) == .integer(-9_000_000_000))
    }

    @Test func decimalsParseExactly() throws {
        let t = try read("x\n0.1\n-3.75\n1e-3\n123456789.123456789\n 4.5 \n")
        #expect(t.cell("x", 0) == .decimal(0.1))
        #expect(t.cell("x", 1) == .decimal(-3.75))
        #expect(t.cell("x", 2) == .decimal(0.001))
        #expect(t.cell("x", 3) == .decimal(123456789.123456789))
        #expect(t.cell("x", 4) == .decimal(4.5))
        #expect(t.column(named: "x")?.fractionDigits == 6)
    }

    @Test func headerDetection() throws {
        #expect(try read("name,city\nAlice,Paris\nBob,London\n").rowCount == 2)
        #expect(try read("1,2\n3,4\n").columnNames == ["column1", "column2"])
        #expect(try read("a,a\nb,c\n").columnNames == ["column1", "column2"])  // repeated names above text: data
        #expect(error("a,a\n1,2\n")?.description.hasSuffix(":1: duplicate column name 'a'") == true)  // above numbers: a header
        #expect(try read("x,y\nx,z\n").rowCount == 2)  // first row repeats below: data
        #expect(CSVHeaderDetection.firstRowIsHeader([["title", "genres"], ["Heat (1995)", "Action"]]))
        #expect(!CSVHeaderDetection.firstRowIsHeader([["1", "Toy Story"], ["2", "Heat"]]))
        #expect(try read("a,b\n1,2\n", CSVOptions(header: .absent)).rowCount == 2)
    }

    @Test func headerOnlyGivesAnEmptyTable() throws {
        let t = try read("userId,movieId\n")
        #expect(t.columnNames == ["userId", "movieId"])
        #expect(t.rowCount == 0)
    }

    @Test func columnNamesOverride() throws {
        let t = try read("1\t2\n", CSVOptions(columnNames: ["u", "m"]))
        #expect(t.columnNames == ["u", "m"])
        #expect(error("1\t2\n", CSVOptions(header: .present, columnNames: ["u"]))?.message == "1 column names given, but the file has 2 fields")
        #expect(error("\n1\t2\n", CSVOptions(header: .absent, columnNames: ["u"]))?.description.hasSuffix(":2: expected 1 field, found 2") == true)
    }

    @Test func latin1FallbackForInvalidUTF8() throws {
        let path = TestFiles.write(Array("1::Mis".utf8) + [0xE9] + Array("rables, Les (1995)::Drama\n".utf8), name: "movies.dat")
        let t = try CSVReader.read(path: path)
        #expect(t.cell("column2", 0) == .text("Misérables, Les (1995)"))
    }

    @Test func quotesAreLiteralInDoubleColonFiles() throws {
        let t = try read("51372::\"Great Performances\" Cats (1998)::Musical\n7789::11'09\"01 - September 11 (2002)::Drama\n")
        #expect(t.cell("column2", 0) == .text("\"Great Performances\" Cats (1998)"))
        #expect(t.cell("column2", 1) == .text("11'09\"01 - September 11 (2002)"))
    }

    @Test func raggedRowsAreErrorsWithTheLine() {
        let e = error("a,b,c,d\n1,2,3,4\n1,2,3\n", name: "ratings.csv")
        #expect(e?.description.hasSuffix("ratings.csv:3: expected 4 fields, found 3") == true)
        #expect(error("a,b\n1,2\n1,2,3\n")?.message == "expected 2 fields, found 3")
        #expect(error("a,b\n1,2\n1,2,3\n")?.line == 3)
    }

    @Test func unterminatedQuoteReportsWhereItOpened() {
        let e = error("a,b\n1,x\n2,\"open\n3,y\n")
        #expect(e?.line == 3)
        #expect(e?.message == "quoted field opened here is never closed")
    }

    @Test func fileProblems() {
        #expect(throws: RecLabError("no such file", file: "/nonexistent/x.csv")) { try CSVReader.read(path: "/nonexistent/x.csv") }
        let dir = TestFiles.folder().path
        #expect(throws: RecLabError("is a directory, not a file", file: dir)) { try CSVReader.read(path: dir) }
        #expect(error("")?.message == "empty file")
        #expect(error("\n\r\n  \n")?.message == "empty file")
        #expect(error(String(decoding: [0x50, 0x4B, 0x03, 0x04, 0x00, 0x00], as: UTF8.self))?.message == "not a text file (it contains NUL bytes)")
        #expect(error("a,a\n1,2\n", CSVOptions(header: .present))?.message == "duplicate column name 'a'")
    }

    @Test func tooBigForMemory() {
        #expect(throws: RecLabError.self) { try MappedFile.checkFits(size: 8_000_000_000, available: 4_000_000_000, path: "big.csv") }
        do { try MappedFile.checkFits(size: 8_000_000_000, available: 4_000_000_000, path: "big.csv") } catch {
            #expect(error.description == "big.csv: file is 8.0 GB but only 4.0 GB of memory is available; loading it needs about 12 GB")
        }
        #expect(throws: Never.self) { try MappedFile.checkFits(size: 1000, available: 4_000_000_000, path: "small.csv") }
    }

    @Test func enforcedTypesReportTheCell() {
        let options = CSVOptions(columnTypes: ["rating": .number])
        let e = error("userId,rating\n1,4.5\n2,abc\n", options, name: "ratings.csv")
        #expect(e?.message == "'abc' in column rating is not a number")
        #expect(e?.line == 3)
        let zip = try? read("zip\n02139\n", CSVOptions(columnTypes: ["zip": .text]))
        #expect(zip?.cell("zip", 0) == .text("02139"))
    }

    @Test func cancellationStops() {
        let cancel = Cancellation()
        cancel.cancel()
        #expect(throws: RecLabError.cancelled) { try CSVReader.read(path: TestFiles.write("a\n1\n"), cancel: cancel) }
    }
}
