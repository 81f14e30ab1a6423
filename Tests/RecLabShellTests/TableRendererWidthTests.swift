import Testing
@testable import RecLabShell

@Suite("Table renderer width limit")
struct TableRendererWidthTests {
    @Test func neverWiderThanTheLimit() throws {
        let wide = try SampleTables.wide(rows: 7)
        let naturalWidth = boxLines(TableRenderer(maxWidth: nil).render(wide)).first?.displayWidth ?? 0
        for width in 20...160 {
            let rendered = TableRenderer(maxRows: 5, maxWidth: width).render(wide)
            let lines = rendered.split(separator: "\n")
            for line in lines {
                #expect(line.displayWidth <= width, "width \(width): \(line)")
            }
            let box = boxLines(rendered)
            #expect(Set(box.map(\.displayWidth)).count == 1, "width \(width)")
            #expect(box.count == 5 + 4)
            // The hint is left out where it would not fit, never cut.
            #expect(rendered.contains(width >= 28 ? "… 2 more rows (set rows all)" : "… 2 more rows\n"), "width \(width)")
            // Text was narrowed only as far as needed: the box fills the limit.
            if width < naturalWidth, !rendered.contains("more column") {
                #expect(box.first?.displayWidth == width, "width \(width)")
            }
        }
    }

    @Test func numbersAreNeverCut() throws {
        let wide = try SampleTables.wide(rows: 5)
        for width in 20...160 {
            let rendered = TableRenderer(maxWidth: width).render(wide)
            let header = boxLines(rendered)[1]
            // Every shown numeric column shows its values whole.
            if header.contains("movieId") {
                #expect(rendered.contains("107919"), "width \(width)")
            }
            if header.contains("score") {
                #expect(rendered.contains("4.5000"), "width \(width)")
            }
            if header.contains("timestamp") {
                #expect(rendered.contains("1700000004"), "width \(width)")
            }
        }
    }

    @Test func widestTextIsNarrowedFirst() throws {
        let wide = try SampleTables.wide(rows: 1)
        let natural = TableRenderer(maxWidth: nil).render(wide)
        let naturalWidth = boxLines(natural)[0].displayWidth
        // A little too wide: only the title (the widest text) gives way.
        let rendered = TableRenderer(maxWidth: naturalWidth - 10).render(wide)
        #expect(rendered.contains("Adventure|Animation|Children|Comedy|Fantasy"))
        #expect(rendered.contains("👨‍👩‍👧 family 🇫🇷 classic"))
        #expect(!rendered.contains("(2001)"))
        #expect(rendered.contains("…"))
        #expect(boxLines(rendered)[0].displayWidth == naturalWidth - 10)
    }

    @Test func dropsTrailingColumnsWhenTextCannotShrinkEnough() throws {
        let wide = try SampleTables.wide(rows: 2)
        let rendered = TableRenderer(maxWidth: 40).render(wide)
        let header = boxLines(rendered)[1]
        #expect(header.hasPrefix("│ rank │ movieId │"))
        #expect(!header.contains("timestamp"))
        let lastLine = rendered.split(separator: "\n").last.map(String.init) ?? ""
        #expect(lastLine.hasPrefix("… and "))
        #expect(lastLine.contains("more columns: "))
    }

    @Test func dropFooterNamesTheColumnsLeftOut() throws {
        let table = try Table(columns: [
            Column(name: "title", texts: ["A fairly long title for the test"]),
            Column(name: "year", integers: [2001]),
            Column(name: "timestamp", integers: [964_982_703]),
        ])
        #expect(TableRenderer(maxWidth: 30).render(table) == """
            ┌─────────────────────┬──────┐
            │ title               │ year │
            ├─────────────────────┼──────┤
            │ A fairly long titl… │ 2001 │
            └─────────────────────┴──────┘
            … and 1 more column: timestamp
            """)
        // The footer is cut to the limit too.
        #expect(TableRenderer(maxWidth: 20).render(table) == """
            ┌───────────┬──────┐
            │ title     │ year │
            ├───────────┼──────┤
            │ A fairly… │ 2001 │
            └───────────┴──────┘
            … and 1 more column…
            """)
    }

    @Test func aSingleColumnTooWideForTheLimitIsCut() throws {
        let table = try Table(columns: [Column(name: "n", integers: [1_234_567_890_123])])
        let rendered = TableRenderer(maxWidth: 10).render(table)
        #expect(rendered == """
            ┌────────┐
            │      n │
            ├────────┤
            │ 12345… │
            └────────┘
            """)
    }

    @Test func longHeadersOfNarrowedTextColumnsAreCutToo() throws {
        let table = try Table(columns: [
            Column(name: "a_really_long_column_name", texts: ["short", "also short"]),
            Column(name: "n", integers: [1, 2]),
        ])
        #expect(TableRenderer(maxWidth: 20).render(table) == """
            ┌──────────────┬───┐
            │ a_really_lo… │ n │
            ├──────────────┼───┤
            │ short        │ 1 │
            │ also short   │ 2 │
            └──────────────┴───┘
            """)
    }

    @Test func unlimitedWidthNeverCuts() throws {
        let wide = try SampleTables.wide(rows: 3)
        let rendered = TableRenderer(maxWidth: nil).render(wide)
        #expect(!rendered.contains("…"))
        #expect(rendered.contains("a very long title number 2 (2001)"))
    }
}
