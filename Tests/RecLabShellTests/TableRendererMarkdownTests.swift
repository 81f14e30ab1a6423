import Testing
@testable import RecLabShell

@Suite("Markdown tables")
struct TableRendererMarkdownTests {
    @Test func rendersAlignedMarkdownWithEscapedPipes() throws {
        let rendered = TableRenderer().renderMarkdown(try SampleTables.movies())
        #expect(rendered == """
            | movieId | title                   | genres               |
            |--------:|:------------------------|:---------------------|
            |    5618 | 千と千尋の神隠し (2001) | Animation            |
            |    4973 | Ame\u{301}lie 👍🏽 (2001)        |                      |
            |       1 | Toy Story (1995)        | Adventure\\|Animation |
            """)
    }

    @Test func rowLimitFooterFollowsABlankLine() throws {
        let rendered = TableRenderer(maxRows: 1).renderMarkdown(try SampleTables.ratings())
        #expect(rendered == """
            | userId | movieId | rating | timestamp |
            |-------:|--------:|-------:|----------:|
            |      1 |       1 |    4.0 | 964982703 |

            … 3 more rows (set rows all)
            """)
    }

    @Test func emptyTableKeepsItsHeader() throws {
        let rendered = TableRenderer().renderMarkdown(try SampleTables.ratings(rows: 0))
        #expect(rendered.hasSuffix("|-------:|--------:|-------:|----------:|\n\n(no rows)"))
    }

    @Test func escapesMarkdownSyntaxInCells() {
        #expect(TableRenderer.markdownEscaped("M*A*S*H") == "M\\*A\\*S\\*H")
        #expect(TableRenderer.markdownEscaped("a|b") == "a\\|b")
        #expect(TableRenderer.markdownEscaped("back\\slash") == "back\\\\slash")
        #expect(TableRenderer.markdownEscaped("<b>[x]</b>") == "\\<b\\>\\[x\\]\\</b\\>")
        #expect(TableRenderer.markdownEscaped("Toy Story (1995)") == "Toy Story (1995)")
    }

    @Test func markdownIsNotLimitedInWidth() throws {
        let wide = try SampleTables.wide(rows: 2)
        let rendered = TableRenderer(maxWidth: 40).renderMarkdown(wide)
        #expect(rendered.contains("a very long title number 1 (2001)"))
        #expect(rendered.contains("timestamp"))
        #expect(!rendered.contains("…"))
    }
}
