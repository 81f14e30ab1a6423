import Foundation
import Testing
@testable import RecLab

@Suite struct CSVWriterTests {
    func roundTrip(_ table: Table, name: String = "out.csv") throws -> (Table, String) {
        let path = TestFiles.folder().appendingPathComponent(name).path
        try CSVWriter.write(table, to: path)
        let text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
        return (try CSVReader.read(path: path), text)
    }

    @Test func quotesWhenNeededAndWritesMissingAsEmpty() throws {
        let table = try Table(columns: [
            Column(name: "id", integers: [1, 2, 3]),
            Column(name: "title", texts: ["Shawshank Redemption, The (1994)", "say \"hi\"", nil]),
            Column(name: "rating", decimals: [4.5, 0, 3], validity: Validity([true, false, true]), fractionDigits: 1),
        ])
        let (back, text) = try roundTrip(table)
        #expect(text == "id,title,rating\n1,\"Shawshank Redemption, The (1994)\",4.5\n2,\"say \"\"hi\"\"\",\n3,,3.0\n")
        #expect(back.cell("title", 0) == .text("Shawshank Redemption, The (1994)"))
        #expect(back.cell("title", 1) == .text("say \"hi\""))
        #expect(back.cell("title", 2) == .missing)
        #expect(back.cell("rating", 1) == .missing)
        #expect(back.cell("rating", 2) == .decimal(3))
    }

    @Test func decimalsRoundTripExactly() throws {
        let values = [0.1, 1.0 / 3.0, -2.5e-9, 123456.789, 4.0]
        let table = try Table(columns: [Column(name: "x", decimals: values)])
        let (back, _) = try roundTrip(table)
        for (i, v) in values.enumerated() { #expect(back.cell("x", i) == .decimal(v)) }
    }

    @Test func newlinesInTextSurvive() throws {
        let table = try Table(columns: [Column(name: "note", texts: ["two\nlines", " padded "]), Column(name: "n", integers: [1, 2])])
        let (back, _) = try roundTrip(table)
        #expect(back.cell("note", 0) == .text("two\nlines"))
        #expect(back.cell("note", 1) == .text(" padded "))
    }

    @Test func tsvByExtension() throws {
        let table = try Table(columns: [Column(name: "a", integers: [1]), Column(name: "b", texts: ["x,y"])])
        let (back, text) = try roundTrip(table, name: "out.tsv")
        #expect(text == "a\tb\n1\tx,y\n")
        #expect(back.cell("b", 0) == .text("x,y"))
    }

    @Test func realFileRoundTrips() throws {
        let movies = try CSVReader.read(path: TestFiles.real("ml-latest-small/movies.csv"))
        let (back, _) = try roundTrip(movies)
        #expect(back.rowCount == movies.rowCount)
        for row in [0, 322, 9741] {
            for name in movies.columnNames { #expect(back.cell(name, row) == movies.cell(name, row)) }
        }
    }

    @Test func unwritablePathIsAnError() {
        #expect(throws: RecLabError.self) {
            try CSVWriter.write(Table.empty, to: "/nonexistent-folder/out.csv")
        }
    }
}
