import Foundation
import Testing
@testable import RecLabShell

@Suite struct CompleterTests {
    let harness: SessionHarness
    var completer: Completer { Completer(session: harness.session) }

    init() {
        harness = SessionHarness()
        harness.run("load movielens small")
    }

    @Test func verbsAtTheStartOfACommand() {
        #expect(completer.complete(word: "he", before: "") == ["head", "help"])
        #expect(completer.complete(word: "fil", before: "x = stats ratings by movieId | ") == ["filter"])
    }

    @Test func tablesAndColumns() {
        let c = completer.complete(word: "mov", before: "stats ratings by ")
        #expect(c.contains("movieId"))
        #expect(completer.complete(word: "mov", before: "join ratings ").contains("movies"))
        #expect(completer.complete(word: "rat", before: "head ").contains("ratings"))
    }

    /// Each verb offers the keywords its own forms declare, so a keyword
    /// of another verb never stands in the way.
    @Test func keywordsAreEachVerbsOwn() {
        harness.run("ratings")
        // `rows` is pivot's, and head takes no column: only the table.
        #expect(completer.complete(word: "r", before: "head ") == ["ratings"])
        // After `by COL`, a column: it completes whole (`movielens` is
        // load's, and `movies` is a table).
        #expect(completer.complete(word: "mov", before: "stats ratings by ") == ["movieId"])
        #expect(completer.complete(word: "o", before: "stats ratings by movieId ") == ["of"])
        #expect(completer.complete(word: "r", before: "pivot ratings ").contains("rows"))
        #expect(completer.complete(word: "de", before: "sort ratings by rating ") == ["desc"])
        #expect(completer.complete(word: "mi", before: "filter movies year is ") == ["missing"])
        #expect(completer.complete(word: "mo", before: "set ") == ["mode"])
        #expect(Completer.keywords(of: Verbs.sample) == ["by", "seed"])
    }

    /// What may come next is read from the verb's forms.
    @Test func theFormsSayWhatComesNext() {
        let sort = FormNode.parse("sort [TABLE] by COL [asc|desc] [, COL [asc|desc]]...").afterVerb("sort")
        #expect(sort.next(after: []) == [.placeholder("TABLE"), .keyword("by")])
        #expect(sort.next(after: ["ratings", "by", "rating"]) == [.keyword("asc"), .keyword("desc"), .keyword(",")])
        #expect(sort.next(after: ["ratings", "to"]).isEmpty)
        let sample = FormNode.parse("sample [TABLE] N|P% [by COL[, COL]...] [seed S]").afterVerb("sample")
        #expect(sample.next(after: ["ratings", "10"]).contains(.keyword("seed")))
        // In the shell: a RIGHT table is a table, never a column.
        #expect(completer.complete(word: "mov", before: "join ratings ") == ["movies"])
        #expect(completer.complete(word: "", before: "top ratings 5 ") == ["by"])
        #expect(completer.complete(word: "s", before: "sample ratings 10 ") == ["seed"])
        // tune's `key=v1,v2...` is one placeholder, filled with the algorithm's settings.
        #expect(completer.complete(word: "r", before: "tune ease ") == ["reg="])
        let afterValues = completer.complete(word: "", before: "tune ease reg=30,300 ")
        #expect(afterValues.contains("min_ratings=") && afterValues.contains("on") && !afterValues.contains("v2"),
                "\(afterValues)")
    }

    @Test func loadCompletesFilesInTheDataFoldersToo() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("reclab-complete-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("lab-sheets"), withIntermediateDirectories: true)
        try "movieId,rating\n1,4\n".write(to: folder.appendingPathComponent("lab-sheets/jabril.csv"), atomically: true, encoding: .utf8)
        harness.session.dataFolders = [folder]
        #expect(completer.complete(word: "lab-sh", before: "load ") == ["lab-sheets/"])
        #expect(completer.complete(word: "lab-sheets/j", before: "load ") == ["lab-sheets/jabril.csv"])
        #expect(completer.complete(word: "lab-sheets/j", before: "rate me from ") == ["lab-sheets/jabril.csv"])
        #expect(harness.run("x = load lab-sheets/jabril.csv") == "x: 1 row × 2 columns\n")
    }

    @Test func titlesInsideQuotesCompleteAcrossSpaces() {
        // The editor passes only the last word ("Episode") of the open title.
        let c = completer.complete(word: "Episode", before: #"filter movies title == "Star Wars: "#)
        #expect(c.contains("Episode V - The Empire Strikes Back (1980)"))
        #expect(c.allSatisfy { $0.hasPrefix("Episode") })
        let one = completer.complete(word: "Brid", before: #"filter movies title == "princess "#)
        #expect(one == ["Bride, The (1987)\""])
    }

    @Test func releaseNamesAfterLoadMovielens() {
        #expect(completer.complete(word: "s", before: "load movielens ") == ["small"])
    }

    @Test func peopleModelsAlgorithmsAndSettings() {
        harness.run("rate jabril 1 4")
        harness.run("rate jgb 1 3")
        harness.run("rate me 2 3")
        harness.run("knn = train userknn")
        #expect(completer.complete(word: "j", before: "recommend ") == ["jabril", "jgb"])
        #expect(completer.complete(word: "u", before: "predict ") == ["user"])
        #expect(completer.complete(word: "", before: "blend jabril ") == ["jgb", "me"])  // not jabril again
        #expect(completer.complete(word: "k", before: "recommend me with ") == ["knn"])
        #expect(completer.complete(word: "ex", before: "recommend me 5 ") == ["exclude"])
        #expect(completer.complete(word: "Com", before: "recommend me genre ") == ["Comedy"])
        #expect(completer.complete(word: "user", before: "train ") == ["userknn"])
        #expect(completer.complete(word: "min", before: "train userknn nbrs=20 ") == ["min_nbrs=", "min_sim="])
        #expect(completer.complete(word: "mov", before: "train userknn on ") == ["movies"])
        #expect(completer.complete(word: "f", before: "rate me ") == ["from"])
        #expect(completer.complete(word: "k", before: "drop ") == ["knn"])
    }

    @Test func commonPrefix() {
        #expect(Completer.commonPrefix(["movieId", "movies"]) == "movie")
        #expect(Completer.commonPrefix([]) == "")
    }
}
