import Foundation
import RecLabTestSupport
import Synchronization
import Testing
@testable import RecLabShell

/// `load movielens small` end to end, downloading from a server on
/// 127.0.0.1 that serves a zip built at test time from the shared data.
@Suite final class LoadMovieLensDownloadTests {
    let server: LocalHTTPServer
    let folder: TempFolder
    let zip: [UInt8]
    var cache: URL { folder.url.appendingPathComponent("cache") }

    init() throws {
        server = try LocalHTTPServer()
        folder = try TempFolder()
        zip = try TestZips.zip(folder: TestData.root.appendingPathComponent("ml-latest-small"), as: "ml-latest-small",
                               to: folder.url.appendingPathComponent("ml-latest-small.zip"))
        server.serve("ml-latest-small.zip", .init(body: zip))
    }

    deinit { server.stop() }

    /// A session that finds nothing in its data folders and downloads from
    /// the local server, expecting `checksum` (by default the zip's own).
    func harness(checksum: String? = nil) -> SessionHarness {
        let h = SessionHarness()
        h.session.dataFolders = [folder.url.appendingPathComponent("no-data")]
        h.session.movieLensSource = MovieLensSource(baseURL: server.baseURL,
                                                    checksums: ["ml-latest-small.zip": .md5(checksum ?? TestZips.md5(zip))],
                                                    cache: cache)
        return h
    }

    @Test func downloadsOnceThenLoadsFromTheCache() throws {
        let h = harness()
        let printed = h.run("load movielens small")
        let lines = printed.split(separator: "\n").map(String.init)
        #expect(lines.first == "downloaded ml-latest-small.zip (\(NumberFormatting.byteSize(zip.count))) from "
            + "\(server.baseURL.absoluteString)ml-latest-small.zip, MD5 checked; unzipped into \(cache.path)/ml-latest-small")
        #expect(lines.dropFirst().map { $0.split(separator: ":").first.map(String.init) ?? "" } == ["ratings", "movies", "tags", "links"])
        #expect(h.session.workspace.tables["ratings"]?.rowCount == 100_836)
        #expect(server.requests == ["ml-latest-small.zip"])

        server.stop()  // the cache answers now; the network is not asked
        let again = harness()
        let second = again.run("load movielens ml-latest-small")
        #expect(!second.contains("downloaded") && !second.contains("error"), "\(second)")
        #expect(again.session.workspace.tables["movies"]?.rowCount == 9_742)
        #expect(server.requests == ["ml-latest-small.zip"])
    }

    @Test func theBarShowsBytesAndRateOnlyThroughTheProgressChannel() throws {
        server.serve("ml-latest-small.zip", .init(body: zip, bytesPerTick: 32 * 1024))  // ~0.3 s
        let h = harness()
        let events = Mutex<[CommandProgress]>([])
        h.session.progress = { event in events.withLock { $0.append(event) } }
        (h.session.relay.delay, h.session.relay.interval) = (0, 0)
        let printed = h.run("load movielens small")
        #expect(!printed.contains("|") && !printed.contains("MB/s"))
        let seen = events.withLock { $0 }
        let downloads = seen.compactMap { event -> (String, Double)? in
            if case .running(let label, let fraction, _) = event, label.hasPrefix("download ml-latest-small.zip ") { (label, fraction) } else { nil }
        }
        #expect(downloads.count >= 2)
        #expect(downloads.last?.0.hasPrefix("download ml-latest-small.zip \(NumberFormatting.byteSize(zip.count))/\(NumberFormatting.byteSize(zip.count)) ") == true)
        #expect(downloads.last?.0.hasSuffix("/s") == true && downloads.last?.1 == 1)
        #expect(Swift.zip(downloads.dropLast(), downloads.dropFirst()).allSatisfy { $0.1 <= $1.1 })
        #expect(seen.last == .finished)
    }

    @Test func aWrongChecksumIsRefusedWithOneLineAndChangesNothing() throws {
        let h = harness(checksum: String(repeating: "0", count: 32))
        let before = WorkspaceSnapshot(h.session)
        h.refuses("load movielens small", blaming: "small") {
            $0.hasPrefix("ml-latest-small.zip from \(self.server.baseURL.absoluteString)ml-latest-small.zip failed its checksum (MD5 ")
                && $0.contains("refused, nothing kept")
        }
        #expect(WorkspaceSnapshot(h.session) == before)
        #expect(TestZips.contents(of: cache).isEmpty)
    }

    @Test func offlineSaysWhatToDownloadAndWhereToPutIt() throws {
        server.stop()
        let h = harness()
        h.refuses("load movielens small", blaming: "small") {
            $0 == "cannot download ml-latest-small.zip: could not connect to 127.0.0.1; download "
                + "\(self.server.baseURL.absoluteString)ml-latest-small.zip yourself and unzip it into \(self.cache.path) "
                + "(or a folder given with --data)"
        }
        #expect(TestZips.contents(of: cache).isEmpty)
    }

    @Test func ctrlCDuringTheDownloadCancelsTheCell() throws {
        server.serve("ml-latest-small.zip", .init(body: zip, bytesPerTick: 8 * 1024))  // ~1.2 s
        let h = harness()
        (h.session.relay.delay, h.session.relay.interval) = (0, 0)
        h.session.progress = { [session = h.session] event in
            if case .running = event { session.cancellation.cancel() }
        }
        let error = try #require(h.failure("load movielens small"))
        #expect(error.message == RecLabError.cancelled.message)
        #expect(h.session.workspace.tables.isEmpty)
        #expect(TestZips.contents(of: cache).isEmpty)
    }
}
