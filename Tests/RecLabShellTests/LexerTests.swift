import Testing
@testable import RecLabShell

@Suite struct LexerTests {
    @Test func wordsNumbersStringsAndSymbols() throws {
        let tokens = try Lexer.tokens(#"top = filter avg count >= 20 and genres contains "Sci-Fi" | head 5 # note"#)
        #expect(tokens.map(\.text) == ["top", "=", "filter", "avg", "count", ">=", "20", "and", "genres", "contains", "Sci-Fi", "|", "head", "5"])
        #expect(tokens[6].number == 20)
        #expect(tokens[10].kind == .string)
        #expect(tokens[10].range == 49..<57)
    }

    @Test func pathsKeyValuesAndPercentages() throws {
        let tokens = try Lexer.tokens("load ../data/ratings-2020.csv; train userknn nbrs=15; split ratings 80% seed 1e3")
        #expect(tokens.map(\.text) == ["load", "../data/ratings-2020.csv", ";", "train", "userknn", "nbrs", "=", "15", ";", "split", "ratings", "80%", "seed", "1e3"])
        #expect(tokens[11].kind == .percent(80))
        #expect(tokens[13].number == 1000)
    }

    @Test func escapedQuotesInStrings() throws {
        let tokens = try Lexer.tokens(#"rate me "The \"Best\" Movie" 4"#)
        #expect(tokens[2].text == #"The "Best" Movie"#)
    }

    @Test func unterminatedStringPointsAtTheQuote() {
        #expect(throws: ShellError("unterminated string: add the closing \"", range: 7..<14)) {
            try Lexer.tokens(#"filter "Heat ("#)
        }
    }

    @Test func loneBangSuggestsNotEqual() {
        #expect(throws: ShellError.self) { try Lexer.tokens("filter rating ! 3") }
    }
}
