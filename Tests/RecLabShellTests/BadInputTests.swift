import Foundation
import Testing
@testable import RecLabShell

/// Bad commands through a whole session: each gives one line saying what
/// is wrong, a caret under the word to blame, a suggestion when one is
/// obvious, and leaves tables, `_` and settings as they were.
@Suite struct BadInputTests {
    // MARK: Unknown names

    @Test func unknownTableSuggestsTheNearest() throws {
        let h = try SessionHarness.withMovieLens()
        h.refuses("head ratngs", blaming: "ratngs", with: "unknown table 'ratngs'; did you mean 'ratings'?")
        h.refuses("describe moveis", blaming: "moveis", with: "unknown table 'moveis'; did you mean 'movies'?")
        h.refuses("join ratings moveis", blaming: "moveis", with: "unknown table 'moveis'; did you mean 'movies'?")
        h.refuses("save ratngs out.csv", blaming: "ratngs", with: "unknown table 'ratngs'; did you mean 'ratings'?")
        h.refuses("drop ratngs", blaming: "ratngs", with: "unknown table 'ratngs'; did you mean 'ratings'?")
        h.refuses("filter ratings movieId in gud", blaming: "gud") { $0.hasPrefix("unknown table 'gud'") }
    }

    @Test func unknownTableInAnEmptyWorkspace() {
        let h = SessionHarness()
        h.refuses("head ratings", blaming: "ratings", with: "unknown table 'ratings' (no tables yet: try 'load movielens small')")
        h.refuses("describe", blaming: nil) { $0.hasPrefix("no table to work on") }
    }

    @Test func unknownColumnSuggestsTheNearest() throws {
        let h = try SessionHarness.withMovieLens()
        h.refuses("filter ratings ratng > 4", blaming: "ratng", with: "unknown column 'ratng'; did you mean 'rating'?")
        h.refuses("sort ratings by ratng", blaming: "ratng", with: "unknown column 'ratng'; did you mean 'rating'?")
        h.refuses("sort ratings by rating desc, usrId", blaming: "usrId", with: "unknown column 'usrId'; did you mean 'userId'?")
        h.refuses("stats ratings by moveId", blaming: "moveId", with: "unknown column 'moveId'; did you mean 'movieId'?")
        h.refuses("stats ratings by movieId of ratng", blaming: "ratng", with: "unknown column 'ratng'; did you mean 'rating'?")
        h.refuses("top ratings 5 by ratng", blaming: "ratng", with: "unknown column 'ratng'; did you mean 'rating'?")
        h.refuses("select movies title yr", blaming: "yr") { $0.hasPrefix("unknown column 'yr'") }
        h.refuses("filter ratings nope > 3", blaming: "nope", with: "unknown column 'nope' (columns: userId, movieId, rating, timestamp)")
        h.refuses("join ratings movies on moveId", blaming: "moveId", with: "unknown column 'moveId'; did you mean 'movieId'?")
        h.refuses("sample ratings 10 by usr", blaming: "usr") { $0.hasPrefix("unknown column 'usr'") }
    }

    @Test func unknownVerbSuggestsTheNearest() throws {
        let h = try SessionHarness.withMovieLens()
        h.refuses("flter ratings rating > 4", blaming: "flter", with: "unknown verb 'flter'; did you mean 'filter'?")
        h.refuses("haed ratings", blaming: "haed", with: "unknown verb 'haed'; did you mean 'head'?")
        h.refuses("x = sotr ratings by rating", blaming: "sotr", with: "unknown verb 'sotr'; did you mean 'sort'?")
        h.refuses("movies", blaming: "movies", with: "unknown verb 'movies'; to show the table, write 'head movies'")
        h.refuses("ratings", blaming: "ratings", with: "'ratings PERSON' shows a person's ratings; to show the table 'ratings', write 'head ratings'")
        h.refuses("frobnicate", blaming: "frobnicate", with: "unknown verb 'frobnicate'; type 'help' for the list")
        h.refuses("head ratings | flter rating > 4", blaming: "flter", with: "unknown verb 'flter'; did you mean 'filter'?")
    }

    @Test func unknownSetOption() throws {
        let h = try SessionHarness.withMovieLens()
        h.refuses("set rowz 5", blaming: "rowz", with: "unknown option 'rowz'; did you mean 'rows'?")
        h.refuses("set colour red", blaming: "colour") { $0.hasPrefix("unknown option 'colour'; usage: set ") }
        h.refuses("set rows many", blaming: "many") { $0.hasPrefix("expected rows (a number), found 'many'") }
        h.refuses("set rows 0", blaming: "0", with: "rows must be a whole number from 1 to 1000000")
        h.refuses("set rows 5 6", blaming: "6", with: "unexpected '6'; usage: set rows N|all")
        h.refuses("set timer maybe", blaming: "maybe", with: "expected 'on' or 'off', found 'maybe'")
        h.refuses("set timer", with: "expected 'on' or 'off'")
        h.refuses("set width 5", blaming: "5", with: "width must be a whole number from 20 to 1000")
    }

    @Test func helpForNoSuchVerb() throws {
        let h = try SessionHarness.withMovieLens()
        h.refuses("help nosuchverb", blaming: "nosuchverb", with: "no verb 'nosuchverb'; type 'help' for the list")
        h.refuses("help fliter", blaming: "fliter", with: "no verb 'fliter'; did you mean 'filter'?")
        h.refuses("help head tail", blaming: "tail") { $0.hasPrefix("unexpected 'tail'") }
    }

    // MARK: Types in filter

    @Test func typeMismatchInFilter() throws {
        let h = try SessionHarness.withMovieLens()
        h.refuses("filter movies title > 3", blaming: "3") {
            $0.hasPrefix("cannot compare text column 'title' with the number 3") && $0.contains("quotes")
        }
        h.refuses("filter ratings rating == \"x\"", blaming: "\"x\"") {
            $0.hasPrefix("cannot compare decimal column 'rating' with the text \"x\"")
        }
        h.refuses("filter ratings rating contains \"4\"", blaming: "contains") {
            $0.hasPrefix("'contains' needs a text column, but 'rating' holds decimal numbers")
        }
        h.refuses("filter ratings rating matches \"^4\"", blaming: "matches") {
            $0.hasPrefix("'matches' needs a text column, but 'rating' holds decimal numbers")
        }
        h.refuses("filter movies title == Heat", blaming: "Heat", with: "put text in double quotes: \"Heat\"")
        h.refuses("filter ratings rating > 10%", blaming: "10%") { $0.hasPrefix("a percentage makes no sense here") }
        h.refuses("filter ratings rating > userId", blaming: "userId") { $0.hasPrefix("comparing two columns is not supported") }
    }

    @Test func typeMismatchBlamesTheRightTestOfSeveral() throws {
        let h = try SessionHarness.withMovieLens()
        h.refuses("filter movies year > 1990 and title > 3 or title == \"Heat\"", blaming: "3") {
            $0.hasPrefix("cannot compare text column 'title' with the number 3")
        }
        h.refuses("filter movies title contains \"a\" and year contains \"19\"", blaming: "contains") {
            $0.hasPrefix("'contains' needs a text column, but 'year' holds")
        }
    }

    @Test func invalidRegularExpressionIsOneLine() throws {
        let h = try SessionHarness.withMovieLens()
        h.refuses("filter movies title matches \"(Star\"", blaming: "\"(Star\"") { $0.hasPrefix("invalid regular expression \"(Star\"") }
        h.refuses("filter movies title matches \"[a-\"", blaming: "\"[a-\"") { $0.hasPrefix("invalid regular expression \"[a-\"") }
    }

    @Test func membershipWithoutAMatchingColumn() throws {
        let h = try SessionHarness.withMovieLens()
        h.refuses("filter ratings userId in movies", blaming: "movies", with: "table 'movies' has no column 'userId' to match")
    }

    // MARK: Syntax

    @Test func unterminatedString() throws {
        let h = try SessionHarness.withMovieLens()
        h.refuses("filter movies title == \"Heat", blaming: "\"Heat", with: "unterminated string: add the closing \"")
        h.refuses("load \"ratings.csv", blaming: "\"ratings.csv", with: "unterminated string: add the closing \"")
    }

    @Test func incompleteConditions() throws {
        let h = try SessionHarness.withMovieLens()
        h.refuses("filter ratings rating >", with: "expected a value after '>'")
        #expect(h.failure("filter ratings rating >")?.range == 24..<25)  // just after the '>'
        h.refuses("filter ratings (rating > 3", blaming: "(", with: "this '(' is never closed")
        h.refuses("filter ratings rating > 3)", blaming: ")") { $0.hasPrefix("unexpected ')'") }
        h.refuses("filter ratings rating > 3 4", blaming: "4", with: "unexpected '4': join conditions with 'and' or 'or'")
        h.refuses("filter ratings rating 3", blaming: "3") { $0.hasPrefix("expected a comparison after 'rating'") }
        h.refuses("filter ratings rating > 3 and", with: "expected a column name")
        h.refuses("filter ratings", blaming: nil) { $0.hasPrefix("expected a condition such as") }
        h.refuses("filter ratings rating ! 3", blaming: "!") { $0.hasPrefix("unexpected '!': did you mean '!=' or 'not'?") }
        h.refuses("filter movies title is there", blaming: "there", with: "expected 'missing' after 'is'")
    }

    @Test func badNumbers() throws {
        let h = try SessionHarness.withMovieLens()
        h.refuses("head ratings five", blaming: "five", with: "expected the number of rows (a number), found 'five'; usage: head [TABLE] [N]")
        h.refuses("tail ratings 5 more", blaming: "more", with: "unexpected 'more'; usage: tail [TABLE] [N]")
        h.refuses("head ratings 2.5", blaming: "2.5", with: "the number of rows must be a whole number from 0 to 2147483647")
        h.refuses("head ratings -3", blaming: "-3", with: "the number of rows must be a whole number from 0 to 2147483647")
        h.refuses("top ratings by mean", blaming: "by") { $0.hasPrefix("expected the number of rows (a number), found 'by'") }
        h.refuses("top ratings 5 rating", blaming: "rating") { $0.hasPrefix("expected 'by', found 'rating'") }
        h.refuses("top ratings 5 by", with: "expected a column name; usage: top [TABLE] N by COL")
        h.refuses("sample ratings seed 3", blaming: "seed") { $0.hasPrefix("expected a number of rows or a percentage") }
        h.refuses("sample ratings 10 seed x", blaming: "x") { $0.hasPrefix("expected the seed (a number), found 'x'") }
        h.refuses("sample ratings 200000", blaming: "200000", with: "cannot sample 200000 rows from a table of 100836")
        h.refuses("sample ratings 2e5", blaming: "2e5", with: "cannot sample 200000 rows from a table of 100836")
    }

    @Test func bindings() throws {
        let h = try SessionHarness.withMovieLens()
        h.refuses("x = ", blaming: "=", with: "nothing after '=': write NAME = COMMAND")
        h.refuses("a, b = head ratings", blaming: "b", with: "'head' gives 1 table but 2 names were given")
        h.refuses("a, b, c = split ratings 80%", blaming: "c", with: "'split' gives 2 tables but 3 names were given")
        h.refuses("_ = head ratings", blaming: "_", with: "'_' is always the last result; pick another name")
        h.refuses("x = set rows 5", blaming: "x", with: "'set' gives no table to bind to 'x'")
        h.refuses("x = load movielens small", blaming: "x") { $0.hasPrefix("'load' names its tables itself") }
        h.refuses("ratings = help", blaming: "ratings", with: "'help' gives no table to bind to 'ratings'")
    }

    @Test func pipes() throws {
        let h = try SessionHarness.withMovieLens()
        h.refuses("| head", blaming: "|", with: "a '|' needs a command on each side")
        h.refuses("head ratings |", blaming: "|", with: "a '|' needs a command on each side")
        h.refuses("head ratings | | head", blaming: "|") { $0 == "a '|' needs a command on each side" }
        h.refuses("set rows 5 | head", blaming: "head", with: "'set' gives no table to pipe into 'head'")
        h.refuses("head ratings | 5", blaming: "5", with: "expected a verb, found '5'")
    }

    @Test func splitSamplePivot() throws {
        let h = try SessionHarness.withMovieLens()
        h.refuses("a, b = split ratings 80", blaming: "80") { $0.hasPrefix("expected a percentage such as 80%") }
        h.refuses("a, b = split ratings", with: "expected a percentage such as 80%; usage: A, B = split [TABLE] P% [seed S] | A, B = split [TABLE] [last] P%|N by COL [seed S]")
        h.refuses("a, b = split ratings 180%", blaming: "180%", with: "a percentage must be from 0% to 100%")
        h.refuses("sample ratings 0%", blaming: "0%", with: "a percentage must be above 0% and at most 100%")
        h.refuses("sample ratings 101%", blaming: "101%", with: "a percentage must be above 0% and at most 100%")
        h.refuses("pivot ratings rows userId cols movieId values rating agg median", blaming: "median") {
            $0.hasPrefix("unknown aggregate 'median'") && $0.contains("mean")
        }
        h.refuses("pivot ratings rows userId cols movieId", with: "expected 'values'; usage: pivot [TABLE] rows COL cols COL values COL [agg mean|max|min|sum|count|first]")
        h.refuses("pivot ratings rows timestamp cols userId values rating", blaming: nil) { $0.hasPrefix("pivot would have") }
        h.refuses("pivot movies rows movieId cols year values title agg mean", blaming: nil) {
            $0.hasPrefix("cannot take the mean of text column 'title'")
        }
    }

    @Test func statsAndJoinMistakes() throws {
        let h = try SessionHarness.withMovieLens()
        h.refuses("stats movies by year", blaming: nil) { $0.hasPrefix("no 'rating' column to summarise") }
        h.refuses("stats movies by year of title", blaming: nil) { $0.hasPrefix("cannot take statistics of text column 'title'") }
        h.refuses("join ratings tags", blaming: nil) { $0.hasPrefix("the tables share several columns") }
        h.refuses("join ratings movies on movieId outer", blaming: "outer") { $0.hasPrefix("unexpected 'outer'") }
        h.refuses("join ratings movies on rating", blaming: "rating",
                  with: "table 'movies' has no column 'rating' (columns: movieId, title, genres, year)")
    }

    // MARK: Pipelines change nothing

    @Test func failingPipelineBindsNothing() throws {
        let h = try SessionHarness.withMovieLens()
        h.refuses("x = head ratings | filter nope > 3", blaming: "nope") { $0.hasPrefix("unknown column 'nope'") }
        #expect(h.session.workspace.table("x") == nil)
        h.refuses("ratings = head ratings 3 | sort by nope", blaming: "nope") { $0.hasPrefix("unknown column 'nope'") }
        h.refuses("a, b = split ratings 50% | head 3", blaming: nil) { _ in true }
        #expect(h.session.workspace.table("a") == nil)
    }

    @Test func aSyntaxErrorLaterInTheLineRunsNothingBeforeIt() throws {
        let h = try SessionHarness.withMovieLens()
        h.refuses("set rows 5; x = head ratings; a, b = ", blaming: "=") { $0.hasPrefix("nothing after '='") }
        h.refuses("set rows 5; | head", blaming: "|") { $0.hasPrefix("a '|' needs a command on each side") }
    }

    // MARK: Files written and read by the shell

    @Test func saveToAnUnwritablePath() throws {
        let h = try SessionHarness.withMovieLens()
        let dir = try TempFolder()
        let nowhere = dir.path("no/such/folder/x.csv")
        let folder = dir.path("no/such/folder")
        h.refuses("save ratings \(nowhere)", blaming: nowhere, with: "\(nowhere): cannot write here (no such folder \(folder))")
        #expect(!FileManager.default.fileExists(atPath: nowhere))
        h.refuses("save ratings /proc/x.csv", blaming: "/proc/x.csv", with: "/proc/x.csv: cannot write here (no permission to write in /proc)")
        h.refuses("save ratings \(dir.url.path)", blaming: dir.url.path, with: "\(dir.url.path): is a directory, not a file; nothing written")
        h.refuses("save session \(nowhere)", blaming: nowhere, with: "\(nowhere): cannot write here (no such folder \(folder))")
        let file = try dir.write("plain.txt", "x")
        h.refuses("save ratings \(file)/x.csv", blaming: "\(file)/x.csv", with: "\(file)/x.csv: cannot write here (\(file) is not a folder)")
        h.refuses("save ratings", with: "expected a file path; usage: save TABLE PATH|- | save session PATH | save model MODEL PATH")
    }

    @Test func runMissingScript() throws {
        let h = try SessionHarness.withMovieLens()
        let dir = try TempFolder()
        let path = dir.path("nope.reclab")
        h.refuses("run \(path)", blaming: path, with: "\(path): no such file")
        h.refuses("run \(dir.url.path)", blaming: dir.url.path, with: "\(dir.url.path): is a directory, not a file")
        let binary = try dir.write("bin.reclab", Data([0x00, 0x01, 0x02]))
        h.refuses("run \(binary)", blaming: binary, with: "\(binary) is not a text script")
    }

    @Test func scriptRunningItselfStopsWithOneError() throws {
        let h = SessionHarness()
        let dir = try TempFolder()
        let path = dir.path("self.reclab")
        try dir.write("self.reclab", "set precision 3\nrun \(path)\n")
        let error = h.failure("run \(path)")
        #expect(error != nil)
        let errors = h.printed.split(separator: "\n").filter { $0.contains("error:") }
        #expect(errors.count == 1, "\(h.printed)")
        #expect(errors.first?.hasPrefix("\(path):2: error: scripts nested too deeply") == true, "\(h.printed)")
        #expect(h.session.settings.precision == 3)
        #expect(h.session.runDepth == 0)
        #expect(h.run("set rows 4").isEmpty)
    }

    @Test func scriptErrorIsReportedOnceWithItsLine() throws {
        let h = SessionHarness()
        let dir = try TempFolder()
        let path = dir.path("bad.reclab")
        try dir.write("bad.reclab", "# a comment\nset rows 6\nsett rows 3\nset rows 7\n")
        #expect(h.session.perform("run \(path)", caretIndent: 8) == false)
        let errors = h.printed.split(separator: "\n").filter { $0.contains("error:") }
        #expect(errors == ["\(path):3: error: unknown verb 'sett'; did you mean 'set'?"], "\(h.printed)")
        #expect(h.session.settings.rows == 6)
    }

    @Test func aScriptStoppedHalfwayKeepsItsEarlierCellsOnce() throws {
        let h = SessionHarness()
        let dir = try TempFolder()
        let path = dir.path("half.reclab")
        try dir.write("half.reclab", "set rows 6\nset precision 2\nset rows many\nset rows 9\n")
        #expect(h.failure("run \(path)")?.isReported == true)
        #expect(h.session.settings.rows == 6)
        #expect(h.session.settings.precision == 2)
        #expect(h.session.recordedCells == ["set rows 6", "set precision 2"])
    }

    @Test func pathWithSpacesSuggestsQuotes() throws {
        let h = try SessionHarness.withMovieLens()
        h.refuses("load my ratings.csv", blaming: "ratings.csv",
                  with: "unexpected 'ratings.csv': a path with spaces goes in double quotes: load \"my ratings.csv\"")
    }

    // MARK: What a user sees

    @Test func performPrintsACaretAndOneErrorLine() throws {
        let h = try SessionHarness.withMovieLens()
        _ = h.failure("")
        #expect(h.session.perform("sort ratings by ratng", caretIndent: 8) == false)
        #expect(h.printed == """
                                    ^^^^^
            error: unknown column 'ratng'; did you mean 'rating'?

            """)
    }

    @Test func oddCharactersNeverCrash() throws {
        let h = try SessionHarness.withMovieLens()
        for line in ["\"", "\\", "=", ",", "(", ")", ";;;", "|||", "a,", "a, = head", "= head ratings", "head ratings 1e400",
                     "head ratings 99999999999999999999", "filter ratings rating > 1e400", "filter ratings rating > -",
                     "filter ratings ((((rating > 3", "filter ratings not", "filter ratings not not", "sort ratings by",
                     "sort ratings by rating,", "top ratings -1 by rating", "sample ratings -5", "select ratings rating rating",
                     "head ratings \u{0}", "filter movies title == \"\u{1F600}", "ñ = head ratings", "head 🎬"] {
            let before = WorkspaceSnapshot(h.session)
            if let error = h.failure(line) {
                #expect(!error.message.contains("\n"), "\(line): \(error.message)")
                #expect(WorkspaceSnapshot(h.session) == before, "\(line)")
                if let range = error.range { #expect(range.lowerBound >= 0 && range.lowerBound <= line.count + 1, "\(line)") }
            }
        }
    }
}
