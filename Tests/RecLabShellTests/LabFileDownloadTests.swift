import Foundation
import RecLabTestSupport
import Testing
@testable import RecLabShell

/// The Crash Course sheets fetched when no data folder has them, from a
/// server on 127.0.0.1 serving the real files, so the lab replays on a
/// machine that has only reclab.
@Suite final class LabFileDownloadTests {
    let server: LocalHTTPServer
    let folder: TempFolder
    var cache: URL { folder.url.appendingPathComponent("cache") }

    init() throws {
        server = try LocalHTTPServer()
        folder = try TempFolder()
        for name in ["jabril-movie-ratings.csv", "jgb-movie-ratings.csv"] {
            let sheet = TestData.root.appendingPathComponent("crashcourse/\(name)")
            server.serve(name, .init(body: Array(try Data(contentsOf: sheet))))
        }
    }

    deinit { server.stop() }

    /// A session whose data folders are empty, fetching lab files from the local server.
    func harness() -> SessionHarness {
        let h = SessionHarness()
        h.session.dataFolders = [folder.url.appendingPathComponent("no-data")]
        var source = MovieLensSource(baseURL: server.baseURL, checksums: [:], cache: cache)
        source.labFilesURL = server.baseURL
        h.session.movieLensSource = source
        return h
    }

    /// The files in the sheet's cache folder, hidden ones included.
    var cached: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: cache.appendingPathComponent("crashcourse").path)) ?? []).sorted()
    }

    @Test func aSheetNoFolderHasIsDownloadedOnceCheckedAndKept() throws {
        let h = harness()
        let printed = h.run("rate jabril from crashcourse/jabril-movie-ratings.csv")
        let lines = printed.split(separator: "\n").map(String.init)
        #expect(lines == [
            "downloaded crashcourse/jabril-movie-ratings.csv (53.0 KB) from \(server.baseURL.absoluteString)jabril-movie-ratings.csv, "
                + "SHA-256 checked; kept in \(cache.path)/crashcourse",
            "jabril: 85 ratings imported, 915 blank",
        ])
        #expect(cached == ["jabril-movie-ratings.csv"])
        #expect(server.requests == ["jabril-movie-ratings.csv"])

        server.stop()  // from now on the cache answers
        let again = harness()
        #expect(again.run("rate jabril2 from crashcourse/jabril-movie-ratings.csv") == "jabril2: 85 ratings imported, 915 blank\n")
        #expect(again.run("load ./crashcourse/jgb-movie-ratings.csv").hasPrefix("error: cannot download crashcourse/jgb-movie-ratings.csv"))
    }

    @Test func aFileWithTheWrongBytesIsRefusedAndNothingIsKept() throws {
        var body = Array(try Data(contentsOf: TestData.root.appendingPathComponent("crashcourse/jgb-movie-ratings.csv")))
        body[body.count / 2] ^= 1
        server.serve("jgb-movie-ratings.csv", .init(body: body))
        let h = harness()
        let error = try #require(h.failure("rate jgb from crashcourse/jgb-movie-ratings.csv"))
        #expect(error.message.hasPrefix("jgb-movie-ratings.csv from \(server.baseURL.absoluteString)jgb-movie-ratings.csv failed its checksum (SHA-256 "))
        #expect(error.message.contains("refused, nothing kept"))
        #expect(cached.isEmpty)
        #expect(h.session.people["jgb"] == nil)
    }

    @Test(arguments: [404, 500])
    func aServerErrorSaysWhatToDownloadByHand(_ status: Int) throws {
        server.serve("jgb-movie-ratings.csv", .init(status: status, body: Array("no".utf8)))
        let h = harness()
        let error = try #require(h.failure("load crashcourse/jgb-movie-ratings.csv"))
        #expect(error.message == "cannot download crashcourse/jgb-movie-ratings.csv: the server answered HTTP \(status); download "
            + "\(server.baseURL.absoluteString)jgb-movie-ratings.csv yourself into \(cache.path)/crashcourse (or a folder given with --data)")
        #expect(cached.isEmpty)
        #expect(h.session.workspace.tables.isEmpty)
    }

    @Test func aTruncatedDownloadLeavesNothing() throws {
        let body = Array(try Data(contentsOf: TestData.root.appendingPathComponent("crashcourse/jgb-movie-ratings.csv")))
        server.serve("jgb-movie-ratings.csv", .init(body: body, sentBytes: 1000))
        let h = harness()
        let error = try #require(h.failure("load crashcourse/jgb-movie-ratings.csv"))
        #expect(error.message.contains("the connection closed after 1000 of \(body.count) bytes"), "\(error.message)")
        #expect(cached.isEmpty)
    }

    @Test func aPartialFileOfAKilledProcessIsRemovedByTheNextDownload() throws {
        let crashcourse = cache.appendingPathComponent("crashcourse")
        try FileManager.default.createDirectory(at: crashcourse, withIntermediateDirectories: true)
        let gone = crashcourse.appendingPathComponent(".jgb-movie-ratings.csv.reclab-tmp-2147483646-abcd1234")
        try Data("half".utf8).write(to: gone)
        let h = harness()
        #expect(h.run("rate jgb from crashcourse/jgb-movie-ratings.csv").hasSuffix("jgb: 135 ratings imported, 865 blank\n"))
        #expect(cached == ["jgb-movie-ratings.csv"])
    }

    /// The main job on a machine with no data folder: the release and both
    /// sheets are downloaded, and the replay is the transcript's, but for
    /// the lines saying so.
    @Test func theCrashCourseLabReplaysWithNothingButReclab() throws {
        let zip = try TestZips.zip(folder: TestData.root.appendingPathComponent("ml-latest-small"), as: "ml-latest-small",
                                   to: folder.url.appendingPathComponent("ml-latest-small.zip"))
        server.serve("ml-latest-small.zip", .init(body: zip))
        let h = harness()
        h.session.movieLensSource?.checksums = ["ml-latest-small.zip": .md5(TestZips.md5(zip))]
        let script = try String(contentsOf: TestData.repository.appendingPathComponent("sessions/crashcourse.reclab"), encoding: .utf8)
        #expect(ScriptRunner().run(script, name: "sessions/crashcourse.reclab", in: h.session))
        let lines = h.printed.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.filter { $0.hasPrefix("downloaded ") }.count == 3)
        let transcript = try String(contentsOf: TestData.repository.appendingPathComponent("Tests/RecLabShellTests/Transcripts/crashcourse.txt"),
                                    encoding: .utf8)
        #expect(lines.filter { !$0.hasPrefix("downloaded ") }.joined(separator: "\n") == transcript)
        #expect(Set(server.requests) == ["ml-latest-small.zip", "jabril-movie-ratings.csv", "jgb-movie-ratings.csv"])
    }

    @Test func aPathThatIsNoLabFileIsNotDownloaded() throws {
        let h = harness()
        let error = try #require(h.failure("load crashcourse/nobody-movie-ratings.csv"))
        #expect(!error.message.contains("download"), "\(error.message)")
        #expect(server.requests.isEmpty)
    }
}
