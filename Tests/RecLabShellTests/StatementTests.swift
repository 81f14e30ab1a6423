import Testing
@testable import RecLabShell

@Suite struct StatementTests {
    @Test func bindingAndPipeline() throws {
        let s = try #require(try Statement.parse(Lexer.tokens("top = stats ratings by movieId | filter count > 20")))
        #expect(s.targets.map(\.text) == ["top"])
        #expect(s.calls.map(\.verb.text) == ["stats", "filter"])
        #expect(s.calls[1].arguments.map(\.text) == ["count", ">", "20"])
    }

    @Test func multipleBinding() throws {
        let s = try #require(try Statement.parse(Lexer.tokens("train, test = split ratings 80% seed 42")))
        #expect(s.targets.map(\.text) == ["train", "test"])
    }

    @Test func keyValueArgumentsAreNotBindings() throws {
        let s = try #require(try Statement.parse(Lexer.tokens("train userknn nbrs=15")))
        #expect(s.targets.isEmpty)
        #expect(s.calls[0].arguments.count == 4)
    }

    @Test func emptyPipeStageIsAnError() {
        #expect(throws: ShellError.self) { try Statement.parse(Lexer.tokens("head ratings | | head")) }
        #expect(throws: ShellError.self) { try Statement.parse(Lexer.tokens("x =")) }
        #expect(throws: ShellError.self) { try Statement.parse(Lexer.tokens("_ = head ratings")) }
    }

    @Test func semicolonsSplitStatements() throws {
        #expect(Statement.split(try Lexer.tokens("set rows 5; ; help")).count == 2)
    }
}
