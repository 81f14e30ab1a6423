import Foundation
import Testing
@testable import RecLab

@Suite struct PeopleStoreTests {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("reclab-people-\(UUID().uuidString)")
    var store: PeopleStore { PeopleStore(folder: folder) }

    @Test func ratingsSurviveAReload() throws {
        try store.appendRating("jabril", movie: 1197, rating: 4.5)
        try store.appendRating("jabril", movie: 1, rating: 3)
        try store.appendRating("jabril", movie: 1, rating: 3.5)
        try store.appendUnrating("jabril", movie: 1197)
        try store.appendRating("jgb", movie: 1197, rating: 3.5)
        let (people, warnings) = PeopleStore(folder: folder).loadAll()
        #expect(warnings.isEmpty)
        #expect(people.map(\.name) == ["jabril", "jgb"])
        #expect(people[0].ratings == [1: 3.5])
        #expect(people[1].ratings == [1197: 3.5])
        let text = try String(contentsOf: store.file(for: "jabril"), encoding: .utf8)
        #expect(text.hasPrefix("# reclab person 1\nrate 1197 4.5\nrate 1 3.0\n"))
    }

    @Test func anUnreadableLastLineWithoutNewlineIsSkippedWithAWarning() throws {
        try store.appendRating("me", movie: 10, rating: 4)
        let handle = try FileHandle(forWritingTo: store.file(for: "me"))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data("rate 11".utf8))
        try handle.close()
        let (people, warnings) = store.loadAll()
        #expect(people.first?.ratings == [10: 4])
        #expect(warnings.count == 1)
        #expect(warnings.first?.contains("me.person:3: cannot read 'rate 11'; line skipped") == true)
    }

    @Test func aGarbledFileIsReportedByLineAndOthersStillLoad() throws {
        try store.appendRating("ana", movie: 5, rating: 2)
        try store.appendRating("bo", movie: 6, rating: 5)
        try "# reclab person 1\nrate 5 2.0\nhello there\nrate 7 9.5\nrate x 3\n".write(to: store.file(for: "ana"), atomically: true, encoding: .utf8)
        try Data([0, 1, 2, 10]).write(to: folder.appendingPathComponent("zed.person"))
        let (people, warnings) = store.loadAll()
        #expect(people.map(\.name) == ["ana", "bo", "zed"])
        #expect(people[0].ratings == [5: 2])
        #expect(people[0].damage == nil && people[2].damage != nil)
        #expect(warnings.count == 4)
        #expect(warnings[0].hasSuffix("ana.person:3: cannot read 'hello there'; line skipped"))
        #expect(warnings[1].contains("ana.person:4:"))
        #expect(warnings[3].contains("zed.person:1: a NUL byte"))
    }

    @Test func writeReplacesTheWholeFile() throws {
        try store.appendRating("mix", movie: 1, rating: 1)
        var blended = Person(name: "mix")
        blended.rate(1197, 4)
        blended.rate(2, 2.5)
        try store.write(blended)
        let (people, _) = store.loadAll()
        #expect(people.first?.ratings == [2: 2.5, 1197: 4])
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["mix.person"], "no temporary file is left")
    }

    @Test func ratingsAndNamesAreChecked() {
        #expect(Person.isValidRating(0.5) && Person.isValidRating(5) && Person.isValidRating(3.5))
        #expect(!Person.isValidRating(0) && !Person.isValidRating(5.5) && !Person.isValidRating(3.2))
        #expect(Person.isValidName("jabril") && Person.isValidName("jgb-2"))
        #expect(!Person.isValidName("../evil") && !Person.isValidName("") && !Person.isValidName("9lives"))
    }

    @Test func anUnwritableFolderIsAClearError() {
        let store = PeopleStore(folder: URL(fileURLWithPath: "/proc/reclab-people"))
        #expect(throws: RecLabError.self) { try store.appendRating("me", movie: 1, rating: 4) }
    }
}

@Suite struct MovieLookupTests {
    let lookup: MovieLookup

    init() throws {
        let movies = try Table(columns: [
            Column(name: "movieId", integers: [1197, 260, 1196, 2, 3]),
            Column(name: "title", texts: ["Princess Bride, The (1987)", "Star Wars: Episode IV - A New Hope (1977)",
                                          "Star Wars: Episode V - The Empire Strikes Back (1980)", "Jumanji (1995)", "jumanji (1995)"]),
        ])
        lookup = try MovieLookup(movies: movies)
    }

    @Test func byIdExactCaseAndWords() throws {
        #expect(try lookup.find("260").id == 260)
        #expect(try lookup.find("Jumanji (1995)").id == 2)
        #expect(try lookup.find("princess bride").id == 1197)
        #expect(try lookup.find("PRINCESS BRIDE, THE (1987)").id == 1197)
    }

    @Test func ambiguousAndUnknownTitlesAreErrors() {
        #expect(throws: RecLabError.self) { try lookup.find("star wars") }
        #expect(throws: RecLabError.self) { try lookup.find("jumanji") }
        #expect(throws: RecLabError.self) { try lookup.find("Titanic") }
        #expect(throws: RecLabError.self) { try lookup.find("99999") }
    }
}
