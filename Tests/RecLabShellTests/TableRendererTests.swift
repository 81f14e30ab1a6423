import Testing
@testable import RecLabShell

/// Tables shaped like the lab's data.
enum SampleTables {
    /// The first rows of MovieLens `ratings.csv`.
    static func ratings(rows: Int = 4) throws -> Table {
        let users: [Int64] = [1, 1, 1, 1, 1, 1]
        let movies: [Int64] = [1, 3, 6, 47, 50, 70]
        let ratings: [Double] = [4, 4, 4, 5, 5, 3]
        let times: [Int64] = [964_982_703, 964_981_247, 964_982_224, 964_983_815, 964_982_931, 964_982_400]
        return try Table(columns: [
            Column(name: "userId", integers: Array(users.prefix(rows))),
            Column(name: "movieId", integers: Array(movies.prefix(rows))),
            Column(name: "rating", decimals: Array(ratings.prefix(rows)), fractionDigits: 1),
            Column(name: "timestamp", integers: Array(times.prefix(rows))),
        ])
    }

    /// Movies with titles in several scripts, emoji and a missing genre.
    static func movies() throws -> Table {
        try Table(columns: [
            Column(name: "movieId", integers: [5618, 4973, 1]),
            Column(name: "title", texts: ["千と千尋の神隠し (2001)", "Ame\u{301}lie 👍🏽 (2001)", "Toy Story (1995)"]),
            Column(name: "genres", texts: ["Animation", nil, "Adventure|Animation"]),
        ])
    }

    /// Many columns with long text, for width limits.
    static func wide(rows: Int = 5) throws -> Table {
        let n = rows
        return try Table(columns: [
            Column(name: "rank", integers: (0..<n).map { Int64($0 + 1) }),
            Column(name: "movieId", integers: (0..<n).map { Int64(100_000 + $0 * 7919) }),
            Column(name: "title", texts: (0..<n).map { "千と千尋の神隠し Spirited Away, a very long title number \($0) (2001)" }),
            Column(name: "genres", texts: (0..<n).map { _ in "Adventure|Animation|Children|Comedy|Fantasy" }),
            Column(name: "score", decimals: (0..<n).map { 4.5 - Double($0) / 3 }),
            Column(name: "count", integers: (0..<n).map { Int64(329 - $0) }),
            Column(name: "tags", texts: (0..<n).map { $0 % 2 == 0 ? "👨‍👩‍👧 family 🇫🇷 classic" : nil }),
            Column(name: "timestamp", integers: (0..<n).map { Int64(1_700_000_000 + $0) }),
        ])
    }
}

/// The lines of a rendered table that belong to the box (not footers).
func boxLines(_ rendered: String) -> [Substring] {
    rendered.split(separator: "\n").filter { line in
        guard let first = line.first else { return false }
        return "┌│├└".contains(first)
    }
}

@Suite("Table renderer")
struct TableRendererTests {
    @Test func rendersRatingsExactly() throws {
        let rendered = TableRenderer(maxRows: 2).render(try SampleTables.ratings())
        #expect(rendered == """
            ┌────────┬─────────┬────────┬───────────┐
            │ userId │ movieId │ rating │ timestamp │
            ├────────┼─────────┼────────┼───────────┤
            │      1 │       1 │    4.0 │ 964982703 │
            │      1 │       3 │    4.0 │ 964981247 │
            └────────┴─────────┴────────┴───────────┘
            … 2 more rows (set rows all)
            """)
    }

    @Test func rendersUnicodeTextAlignedAndMissingAsEmpty() throws {
        let rendered = TableRenderer().render(try SampleTables.movies())
        #expect(rendered == """
            ┌─────────┬─────────────────────────┬─────────────────────┐
            │ movieId │ title                   │ genres              │
            ├─────────┼─────────────────────────┼─────────────────────┤
            │    5618 │ 千と千尋の神隠し (2001) │ Animation           │
            │    4973 │ Ame\u{301}lie 👍🏽 (2001)        │                     │
            │       1 │ Toy Story (1995)        │ Adventure|Animation │
            └─────────┴─────────────────────────┴─────────────────────┘
            """)
        let widths = boxLines(rendered).map(\.displayWidth)
        #expect(Set(widths).count == 1)
    }

    @Test func everyBoxLineHasTheSameWidth() throws {
        for table in [try SampleTables.ratings(), try SampleTables.movies(), try SampleTables.wide()] {
            let lines = boxLines(TableRenderer(maxWidth: nil).render(table))
            #expect(lines.count >= 4)
            #expect(Set(lines.map(\.displayWidth)).count == 1)
        }
    }

    @Test func missingMarkerIsConfigurable() throws {
        let rendered = TableRenderer(missingMarker: "·").render(try SampleTables.movies())
        #expect(rendered.contains("│ ·                   │"))
        let cells = CellFormatter().format(try SampleTables.movies().columns[2], rows: 0..<3)
        #expect(cells == ["Animation", "", "Adventure|Animation"])
    }

    @Test func missingNumbersAreEmptyCells() throws {
        let table = try Table(columns: [
            Column(name: "id", integers: [1, 0, 3], validity: Validity([true, false, true])),
            Column(name: "mean", decimals: [0, 2.5], validity: Validity([false, true])).gather([0, 1, 0]),
        ])
        #expect(TableRenderer().render(table) == """
            ┌────┬────────┐
            │ id │   mean │
            ├────┼────────┤
            │  1 │        │
            │    │ 2.5000 │
            │  3 │        │
            └────┴────────┘
            """)
    }

    @Test func decimalsFromFilesUseTheirDigitsWithAtLeastOne() {
        let formatter = CellFormatter(precision: 4)
        let oneDigit = Column(name: "rating", decimals: [4, 3.5, 0.5], fractionDigits: 1)
        #expect(formatter.format(oneDigit, rows: 0..<3) == ["4.0", "3.5", "0.5"])
        let noDigits = Column(name: "rating", decimals: [4, 5], fractionDigits: 0)
        #expect(formatter.format(noDigits, rows: 0..<2) == ["4.0", "5.0"])
        let threeDigits = Column(name: "x", decimals: [1.5, -0.125], fractionDigits: 3)
        #expect(formatter.format(threeDigits, rows: 0..<2) == ["1.500", "-0.125"])
    }

    @Test func singleCellsFormatLikeColumns() {
        let formatter = CellFormatter(precision: 3)
        let scores = Column(name: "score", decimals: [4.12345])
        #expect(formatter.format(scores, row: 0) == "4.123")
        #expect(formatter.format(scores, row: 1) == "")
        #expect(formatter.format(scores, row: Int.max) == "")
        #expect(formatter.format(scores, row: -1) == "")
    }

    @Test func computedDecimalsUseTheSessionPrecision() {
        let means = Column(name: "mean", decimals: [4.429022082, 4, 3.25])
        #expect(CellFormatter(precision: 4).format(means, rows: 0..<3) == ["4.4290", "4.0000", "3.2500"])
        #expect(CellFormatter(precision: 2).format(means, rows: 0..<3) == ["4.43", "4.00", "3.25"])
        #expect(CellFormatter(precision: 0).format(means, rows: 0..<3) == ["4", "4", "3"])
    }

    @Test func nanAndInfinityShowAsSuch() throws {
        let table = try Table(columns: [Column(name: "v", decimals: [.nan, .infinity, -.infinity, 1])])
        #expect(TableRenderer().render(table) == """
            ┌────────┐
            │      v │
            ├────────┤
            │    NaN │
            │    inf │
            │   -inf │
            │ 1.0000 │
            └────────┘
            """)
    }

    @Test func integersHaveNoThousandsSeparators() throws {
        let table = try Table(columns: [Column(name: "timestamp", integers: [1_700_000_000, -5_000_000_000])])
        let rendered = TableRenderer().render(table)
        #expect(rendered.contains("1700000000"))
        #expect(rendered.contains("-5000000000"))
        #expect(!rendered.contains(","))
    }

    @Test func rowLimitFooterCountsTheRest() throws {
        let ratings = try SampleTables.ratings(rows: 6)
        #expect(TableRenderer(maxRows: 5).render(ratings).hasSuffix("└────────┴─────────┴────────┴───────────┘\n… 1 more row (set rows all)"))
        #expect(!TableRenderer(maxRows: 6).render(ratings).contains("more"))
        let big = try Table(columns: [Column(name: "n", integers: (0..<100_836).map { Int64($0) })])
        let rendered = TableRenderer(maxRows: 2).render(big)
        #expect(rendered.hasSuffix("\n… 100,834 more rows (set rows all)"))
        #expect(boxLines(rendered).count == 6)
    }

    @Test func tableWithNoRowsShowsHeaderAndNote() throws {
        let empty = try SampleTables.ratings(rows: 0)
        #expect(TableRenderer().render(empty) == """
            ┌────────┬─────────┬────────┬───────────┐
            │ userId │ movieId │ rating │ timestamp │
            └────────┴─────────┴────────┴───────────┘
            (no rows)
            """)
    }

    @Test func tableWithNoColumnsSaysSo() {
        #expect(TableRenderer().render(.empty) == "(empty table)")
        #expect(TableRenderer().renderMarkdown(.empty) == "(empty table)")
    }

    @Test func controlCharactersInTextCannotBreakTheTable() throws {
        let table = try Table(columns: [Column(name: "note", texts: ["line one\nline two", "tab\there", "esc\u{1B}[31mred"])])
        let rendered = TableRenderer().render(table)
        #expect(rendered.contains("line one↵line two"))
        #expect(rendered.contains("tab here"))
        #expect(!rendered.contains("\u{1B}"))
        #expect(boxLines(rendered).count == rendered.split(separator: "\n").count)
        #expect(Set(boxLines(rendered).map(\.displayWidth)).count == 1)
    }

    @Test func summaryCountsRowsAndColumns() throws {
        let big = try Table(columns: (0..<4).map { Column(name: "c\($0)", integers: Array(repeating: 0, count: 100_836)) })
        #expect(TableRenderer.summary(name: "ratings", table: big) == "ratings: 100,836 rows × 4 columns")
        let one = try Table(columns: [Column(name: "a", integers: [1])])
        #expect(TableRenderer.summary(name: "x", table: one) == "x: 1 row × 1 column")
        #expect(TableRenderer.summary(name: "e", table: .empty) == "e: 0 rows × 0 columns")
    }

    @Test func rendersOnlyTheShownRowsOfAHugeTable() throws {
        let rowCount = 5_000_000
        let huge = try Table(columns: [
            Column(name: "userId", int32: Array(repeating: 7, count: rowCount)),
            Column(name: "rating", decimals: Array(repeating: 3.5, count: rowCount), fractionDigits: 1),
        ])
        let clock = ContinuousClock()
        var rendered = ""
        let elapsed = clock.measure { rendered = TableRenderer(maxRows: 20).render(huge) }
        #expect(boxLines(rendered).count == 20 + 4)
        #expect(rendered.hasSuffix("… 4,999,980 more rows (set rows all)"))
        // Formatting every row would take seconds; reading 20 takes microseconds.
        #expect(elapsed < .milliseconds(200))
    }
}

/// A damaged file's huge field or column name is shown cut, in every
/// rendering, and never read past the cut.
@Suite struct HugeCellTests {
    @Test func aHugeCellIsCutInTheBoxMarkdownAndNotebook() throws {
        let huge = String(repeating: "é", count: 2_000_000)
        let table = try Table(columns: [Column(name: "title", texts: [huge, "Heat (1995)"])])
        let markdown = TableRenderer().renderMarkdown(table)
        let cell = try #require(markdown.split(separator: "\n").dropFirst(2).first)
        #expect(cell.hasPrefix("| " + String(repeating: "é", count: CellFormatter.longestShownText - 1) + "… "))
        #expect(markdown.split(separator: "\n").allSatisfy { $0.count <= CellFormatter.longestShownText + 8 })
        let notebook = NotebookTable(table, renderer: TableRenderer())
        #expect(notebook.rows[0][0].unicodeScalars.count == CellFormatter.longestShownText)
        #expect(notebook.rows[1][0] == "Heat (1995)")
        let boxed = TableRenderer(maxWidth: 40).render(table)
        #expect(Set(boxLines(boxed).map(\.displayWidth)) == [40])
    }

    @Test func aHugeColumnNameIsCutAndAClusterOfAMillionMarksIsNotReadWhole() throws {
        let cluster = "e" + String(repeating: "\u{301}", count: 1_000_000)
        let table = try Table(columns: [Column(name: String(repeating: "n", count: 5_000), texts: [cluster])])
        let notebook = NotebookTable(table, renderer: TableRenderer())
        #expect(notebook.headers[0] == String(repeating: "n", count: CellFormatter.longestShownText - 1) + "…")
        #expect(notebook.rows[0][0].unicodeScalars.count == CellFormatter.longestShownText)
        #expect(notebook.rows[0][0].hasSuffix("…"))
    }

    @Test func textUpToTheLimitIsShownWhole() {
        let exact = String(repeating: "千", count: CellFormatter.longestShownText)
        #expect(CellFormatter.shown(exact) == exact)
        #expect(CellFormatter.shown(exact + "x") == String(repeating: "千", count: CellFormatter.longestShownText - 1) + "…")
    }
}
