import Foundation
import Testing
@testable import RecLabShell
#if canImport(Glibc)
import Glibc
#endif

/// `rate`, `people` and `rate P from SHEET` on person files and sheets that
/// are not what reclab expects: nothing acknowledged is lost, bad input gets
/// one line and changes nothing.
@Suite struct PersonFileVerbTests {
    let h: SessionHarness

    init() throws {
        h = SessionHarness()
        h.run("load movielens small")
        try FileManager.default.createDirectory(at: h.peopleFolder, withIntermediateDirectories: true)
    }

    func file(_ name: String) -> URL { h.peopleFolder.appendingPathComponent("\(name).person") }

    /// A sheet in a fresh temporary folder.
    func sheet(_ text: String) throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("reclab-sheet-\(UUID().uuidString).csv")
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    @Test func rateAfterALastLineWithoutNewlineKeepsBothRatings() throws {
        try Data("# reclab person 1\nrate 1 4".utf8).write(to: file("me"))
        #expect(h.session.loadPeople().isEmpty)
        #expect(h.run("rate me 2 3").hasPrefix("me: Jumanji (1995) → 3.0 (2 ratings)"))
        let restarted = SessionHarness(reading: h.peopleFolder)
        #expect(restarted.session.loadPeople().isEmpty)
        #expect(restarted.session.people["me"]?.ratings == [1: 4, 2: 3])
    }

    @Test func crlfFilesLoadAndTakeNewRatings() throws {
        try Data("# reclab person 1\r\nrate 1 4\r\n".utf8).write(to: file("me"))
        #expect(h.session.loadPeople().isEmpty)
        #expect(h.run("rate me 2 3").hasPrefix("me: Jumanji (1995) → 3.0 (2 ratings)"))
        let restarted = SessionHarness(reading: h.peopleFolder)
        #expect(restarted.session.loadPeople().isEmpty)
        #expect(restarted.session.people["me"]?.ratings == [1: 4, 2: 3])
    }

    @Test func aDamagedFileIsRefusedByFileAndLineAndListedAsDamaged() throws {
        let content = Data("# reclab person 1\nrate 1 4\nrate\0 2 3\n".utf8)
        try content.write(to: file("me"))
        _ = h.session.loadPeople()
        let message = h.failure("rate me 2 4.5")?.message ?? ""
        #expect(message.hasPrefix("\(file("me").path):3: a NUL byte"), "\(message)")
        #expect(h.printed.isEmpty, "nothing is confirmed")
        #expect(h.session.people["me"]?.ratings == [1: 4])
        #expect(try Data(contentsOf: file("me")) == content)
        #expect(h.run("people").contains("damaged: me.person:3: a NUL byte"))
    }

    @Test func aFIFOAtThePersonPathIsRefusedAtOnce() throws {
        #expect(mkfifo(file("me").path, 0o644) == 0)
        let cell = UncheckedBox((h, String?.none))
        let done = DispatchSemaphore(value: 0)
        Thread { cell.value.1 = cell.value.0.failure("rate me 2 4.5")?.message; done.signal() }.start()
        let answered = done.wait(timeout: .now() + 2) == .success
        if !answered {
            // Let the blocked open return, so a failure cannot hang the suite.
            close(open(file("me").path, O_RDWR | O_NONBLOCK))
            done.wait()
        }
        #expect(answered, "rate answers at once")
        #expect(cell.value.1 == "\(file("me").path): is a named pipe (FIFO), not a file; nothing written")
    }

    @Test func onlyTheBadCellsOfASheetAreRefused() throws {
        let path = try sheet("movieId,rating\n1,4\n2,four\n3,\"3,5\"\n4,5\nabc,4\n6,\n7, 2.5 \n")
        #expect(h.run("rate me from \(path)") == "me: 3 ratings imported, 1 blank, 3 refused (line 3: 'four' is not a rating "
            + "from 0.5 to 5; line 4: '3,5' is not a rating from 0.5 to 5; did you mean 3.5?; line 6: movie 'abc' is not a movieId)\n")
        #expect(h.session.people["me"]?.ratings == [1: 4, 4: 5, 7: 2.5])
        let restarted = SessionHarness(reading: h.peopleFolder)
        _ = restarted.session.loadPeople()
        #expect(restarted.session.people["me"]?.ratings == [1: 4, 4: 5, 7: 2.5])
    }

    @Test func aSheetMayNameMoviesByTitle() throws {
        let path = try sheet("title,rating\nToy Story,5\nthe godfather,4.5\ngodfahter,3\nmatrix,4\n,3\n")
        #expect(h.run("rate me from \(path)") == "me: 3 ratings imported, 0 blank, 2 refused (line 4: no movie titled "
            + "'godfahter'; did you mean 'Godfather, The (1972)'?; line 6: no title)\n")
        #expect(h.session.people["me"]?.ratings == [1: 5, 858: 4.5, 2571: 4])
        // Both: the movieId wins, the title fills in an empty id.
        let both = try sheet("movieId,movie,rating\n1,Heat,2\n,Heat (1995),4\n")
        #expect(h.run("rate you from \(both)") == "you: 2 ratings imported, 0 blank\n")
        #expect(h.session.people["you"]?.ratings == [1: 2, 6: 4])
        // Titles need the table movies.
        h.run("drop movies")
        h.refuses("rate me from \(path)", blaming: path) { $0 == "\(path) names movies by title: load the table 'movies' first (load movielens small)" }
    }

    @Test func anImportOfNothingCreatesNobody() throws {
        let path = try sheet("movieId,rating\n1,\n2,four\n")
        let message = h.failure("rate me from \(path)")?.message
        #expect(message == "\(path): no rating imported: 1 blank, 1 refused (line 3: 'four' is not a rating from 0.5 to 5)")
        #expect(h.session.people["me"] == nil)
        #expect(!FileManager.default.fileExists(atPath: file("me").path))
    }
}

extension SessionHarness {
    /// A second session on the same people folder, as after a restart.
    convenience init(reading folder: URL) {
        self.init()
        session.peopleStore = PeopleStore(folder: folder)
    }
}

/// A value handed to another thread by a test that waits for it.
final class UncheckedBox<Value>: @unchecked Sendable {
    var value: Value
    init(_ value: Value) { self.value = value }
}
