import Foundation
import Testing
@testable import RecLabShell

@Suite struct PeopleVerbTests {
    let h: SessionHarness

    init() {
        h = SessionHarness()
        h.run("load movielens small")
    }

    var crashcourse: String { TestData.root.appendingPathComponent("crashcourse").path }

    @Test func rateByWordsAndReadBack() {
        #expect(h.run(#"rate me "princess bride" 4.5"#).hasPrefix("me: Princess Bride, The (1987) → 4.5 (1 rating)\n(new person 'me'"))
        #expect(h.run("rate me 260 5").hasPrefix("me: Star Wars: Episode IV - A New Hope (1977) → 5.0 (2 ratings)"))
        #expect(h.session.people["me"]?.ratings == [1197: 4.5, 260: 5])
        #expect(h.run(#"unrate me "Princess Bride, The (1987)""#).hasPrefix("me: removed Princess Bride, The (1987) (1 rating left)"))
        // The file on disk says the same.
        let (people, warnings) = PeopleStore(folder: h.peopleFolder).loadAll()
        #expect(warnings.isEmpty)
        #expect(people.first?.ratings == [260: 5])
    }

    @Test func theLabSpreadsheetsImport() {
        #expect(h.run("rate jabril from \(crashcourse)/jabril-movie-ratings.csv") == "jabril: 85 ratings imported, 915 blank\n")
        #expect(h.run("rate jgb from \(crashcourse)/jgb-movie-ratings.csv") == "jgb: 135 ratings imported, 865 blank\n")
        #expect(h.run(#"ratings jabril "Princess Bride""#).contains("│    1197 │ Princess Bride, The (1987) │    4.5 │"))
        #expect(h.run("people").contains("│ jgb    │     135 │"))
    }

    @Test func badRatingsChangeNothing() {
        h.run("rate me 1 4")
        for (line, message) in [
            ("rate me 1 6", "a rating is a number from 0.5 to 5 in half steps (like 3 or 4.5), not '6'"),
            ("rate me 1 3.2", "a rating is a number from 0.5 to 5 in half steps (like 3 or 4.5), not '3.2'"),
            ("rate me 1 good", "a rating is a number from 0.5 to 5 in half steps (like 3 or 4.5), not 'good'"),
            (#"rate me "no such film at all" 4"#, "no movie titled 'no such film at all'; look for it with: find \"no such film at all\""),
            ("rate ../x 1 4", "'../x' cannot name a person: use letters, digits, _ and -, starting with a letter"),
            ("ratings nobody", "no person 'nobody' (people: me)"),
            ("unrate me 2", "me has not rated Jumanji (1995)"),
        ] {
            #expect(h.failure(line)?.message == message, "\(line)")
        }
        #expect(h.failure(#"rate me "star wars" 4"#)?.message.hasPrefix("'star wars' matches 13 movies: 260 Star Wars: Episode IV") == true)
        #expect(h.session.people["me"]?.ratings == [1: 4])
    }

    @Test func aSpreadsheetWithoutTheColumnsIsRefused() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("reclab-\(UUID().uuidString).csv")
        try "a,b\n1,2\n".write(to: file, atomically: true, encoding: .utf8)
        let message = h.failure("rate me from \(file.path)")?.message ?? ""
        #expect(message.contains("needs a movie column (item, movieId, movie_id, title, movie) and a rating column (rating, ratings, value); its columns are a, b"))
        #expect(h.session.people["me"] == nil)
    }
}

/// A rating is on disk before `rate` returns: kill the real shell with
/// SIGKILL right after it answers, and the rating is still there.
@Suite struct RatingDurabilityTests {
    static var binary: URL { TestData.repository.appendingPathComponent(".build/debug/reclab") }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: binary.path), "build the reclab executable first (swift build)"))
    func ratingSurvivesSIGKILL() throws {
        let workspace = FileManager.default.temporaryDirectory.appendingPathComponent("reclab-ws-\(UUID().uuidString)")
        let process = Process()
        process.executableURL = Self.binary
        process.arguments = ["--workspace", workspace.path, "--data", TestData.root.path]
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Never hang the suite: whatever happens, the shell dies in 30 s.
        DispatchQueue.global().asyncAfter(deadline: .now() + 30) {
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        }
        input.fileHandleForWriting.write(Data("load movielens small\nrate me \"princess bride\" 4.5\n".utf8))
        var seen = ""
        while !seen.contains("→ 4.5") {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            seen += String(decoding: chunk, as: UTF8.self)
        }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(seen.contains("me: Princess Bride, The (1987) → 4.5"))
        let (people, warnings) = PeopleStore(folder: workspace.appendingPathComponent("people")).loadAll()
        #expect(warnings.isEmpty)
        #expect(people.first?.ratings == [1197: 4.5])
    }
}
