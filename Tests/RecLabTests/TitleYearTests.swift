import Testing
@testable import RecLab

@Suite struct TitleYearTests {
    @Test func yearsAtTheEndOfTitles() {
        #expect(TitleYear.year(in: "Toy Story (1995)") == 1995)
        #expect(TitleYear.year(in: "Toy Story (1995)  ") == 1995)
        #expect(TitleYear.year(in: "Babylon 5 (1994-1998)") == 1994)
        #expect(TitleYear.year(in: "Fargo (2014-)") == 2014)
        #expect(TitleYear.year(in: "Stranger Things (2016\u{2013})") == 2016)
        #expect(TitleYear.year(in: "City of Lost Children, The (Cité des enfants perdus, La) (1995)") == 1995)
    }

    @Test func titlesWithoutAYear() {
        #expect(TitleYear.year(in: "Babylon 5") == nil)
        #expect(TitleYear.year(in: "unknown") == nil)
        #expect(TitleYear.year(in: "Blade Runner (Director's Cut)") == nil)
        #expect(TitleYear.year(in: "Numbers (12345)") == nil)
        #expect(TitleYear.year(in: "Far Future (3001)") == nil)
        #expect(TitleYear.year(in: "") == nil)
    }

    @Test func addsAYearColumn() throws {
        let movies = try Table(columns: [
            Column(name: "movieId", integers: [1, 2, 3]),
            Column(name: "title", texts: ["Toy Story (1995)", "Babylon 5", nil]),
        ])
        let withYear = try TitleYear.addingYear(to: movies)
        #expect(withYear.columnNames == ["movieId", "title", "year"])
        #expect(withYear.cell("year", 0) == .integer(1995))
        #expect(withYear.cell("year", 1) == .missing)
        #expect(withYear.cell("year", 2) == .missing)
        #expect(throws: RecLabError.self) { try TitleYear.addingYear(to: movies, titleColumn: "name") }
    }
}
