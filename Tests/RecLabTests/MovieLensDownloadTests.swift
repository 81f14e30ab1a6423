import Foundation
import RecLabTestSupport
import Synchronization
import Testing
@testable import RecLab

/// Downloading a release from a local server: a zip built at test time from
/// the shared data, served on 127.0.0.1; nothing reaches the internet.
@Suite final class MovieLensDownloadTests {
    let small: MovieLensRelease
    let server: LocalHTTPServer
    let root: URL
    /// The cache folder, inside ``root`` so that escapes can be looked for.
    var cache: URL { root.appendingPathComponent("cache") }

    init() throws {
        small = try MovieLensRelease.named("small")
        server = try LocalHTTPServer()
        root = try TestZips.folder()
        try FileManager.default.createDirectory(at: root.appendingPathComponent("cache"), withIntermediateDirectories: true)
    }

    deinit {
        server.stop()
        try? FileManager.default.removeItem(at: root)
    }

    /// The zip of the shared ml-latest-small, as GroupLens lays it out.
    func smallZip() throws -> [UInt8] {
        try TestZips.zip(folder: TestFiles.data.appendingPathComponent("ml-latest-small"), as: "ml-latest-small",
                         to: root.appendingPathComponent("ml-latest-small.zip"))
    }

    func source(_ checksums: [String: ZipChecksum]) -> MovieLensSource {
        MovieLensSource(baseURL: server.baseURL, checksums: checksums, cache: cache)
    }

    /// `download` fails; returns its message.
    func failure(_ release: MovieLensRelease, _ source: MovieLensSource,
                 cancel: Cancellation = .never) -> String? {
        do {
            _ = try MovieLens.download(release, from: source, cancel: cancel)
            return nil
        } catch {
            return error.message
        }
    }

    @Test func downloadsChecksUnzipsAndLoads() throws {
        let zip = try smallZip()
        server.serve("ml-latest-small.zip", .init(body: zip))
        let events = Mutex<[MovieLensDownloadProgress]>([])
        let result = try MovieLens.download(small, from: source(["ml-latest-small.zip": .md5(TestZips.md5(zip))])) { p in
            events.withLock { $0.append(p) }
        }
        #expect(result.folder.path == cache.path + "/ml-latest-small")
        #expect(result.bytes == Int64(zip.count) && !result.checksumFromServer)
        let shared = TestZips.contents(of: TestFiles.data.appendingPathComponent("ml-latest-small"))
        #expect(TestZips.contents(of: cache) == (["ml-latest-small"] + shared.map { "ml-latest-small/" + $0 }).sorted())
        let downloads = events.withLock { $0.filter { $0.stage == .downloading } }
        #expect(downloads.last?.bytes == Int64(zip.count) && downloads.last?.total == Int64(zip.count))
        #expect(events.withLock { $0.contains { $0.stage == .unzipping } })

        let tables = try MovieLens.load(release: small, searchFolders: [cache])
        #expect(tables.map(\.name) == ["ratings", "movies", "tags", "links"])
        #expect(tables[0].table.rowCount == 100_836)
        #expect(server.requests == ["ml-latest-small.zip"])
    }

    @Test func aSHA256FromTheTableIsCheckedToo() throws {
        let zip = try smallZip()
        server.serve("ml-latest-small.zip", .init(body: zip))
        let result = try MovieLens.download(small, from: source(["ml-latest-small.zip": .sha256(TestZips.sha256(zip))]))
        #expect(result.checksum == .sha256(TestZips.sha256(zip)))
        let wrong = String(TestZips.sha256(zip).reversed())
        try FileManager.default.removeItem(at: result.folder)
        let message = failure(small, source(["ml-latest-small.zip": .sha256(wrong)]))
        #expect(message?.contains("failed its checksum (SHA-256 \(TestZips.sha256(zip)), expected \(wrong))") == true)
    }

    @Test func aZipMissingFromTheTableIsCheckedAgainstTheServedMD5() throws {
        let zip = try smallZip()
        server.serve("ml-latest-small.zip", .init(body: zip))
        server.serve("ml-latest-small.zip.md5", .init(body: Array("MD5 (ml-latest-small.zip) = \(TestZips.md5(zip))\n".utf8)))
        let result = try MovieLens.download(small, from: source([:]))
        #expect(result.checksumFromServer && result.checksum == .md5(TestZips.md5(zip)))
        #expect(server.requests == ["ml-latest-small.zip.md5", "ml-latest-small.zip"])

        try FileManager.default.removeItem(at: result.folder)
        server.serve("ml-latest-small.zip.md5", .init(body: Array("\(String(repeating: "0", count: 32))  ml-latest-small.zip\n".utf8)))
        #expect(failure(small, source([:]))?.contains("failed its checksum") == true)
        server.serve("ml-latest-small.zip.md5", .init(status: 404, body: Array("gone".utf8)))
        #expect(failure(small, source([:]))?.hasPrefix("cannot download ml-latest-small.zip: its checksum (ml-latest-small.zip.md5) could not be fetched: the server answered HTTP 404") == true)
        #expect(TestZips.contents(of: cache).isEmpty)
    }

    @Test func aWrongChecksumIsRefusedAndLeavesNothing() throws {
        let zip = try smallZip()
        server.serve("ml-latest-small.zip", .init(body: zip))
        let wrong = "0e33842e24a9c977be4e0107933c0723"
        let message = try #require(failure(small, source(["ml-latest-small.zip": .md5(wrong)])))
        #expect(message.hasPrefix("ml-latest-small.zip from \(server.baseURL.absoluteString)ml-latest-small.zip failed its checksum (MD5 \(TestZips.md5(zip)), expected \(wrong)); refused, nothing kept"))
        #expect(TestZips.contents(of: cache).isEmpty)
        #expect(MovieLens.locate(small, in: [cache]) == nil)
    }

    @Test func aTruncatedDownloadLeavesNothing() throws {
        let zip = try smallZip()
        server.serve("ml-latest-small.zip", .init(body: zip, sentBytes: zip.count / 2))
        let message = try #require(failure(small, source(["ml-latest-small.zip": .md5(TestZips.md5(zip))])))
        #expect(message.hasPrefix("cannot download ml-latest-small.zip: the connection closed after "))
        #expect(message.contains("of \(zip.count) bytes"))
        #expect(message.hasSuffix("download \(server.baseURL.absoluteString)ml-latest-small.zip yourself and unzip it into \(cache.path) (or a folder given with --data)"))
        #expect(TestZips.contents(of: cache).isEmpty)
    }

    @Test func serverErrorsLeaveNothing() throws {
        for status in [500, 404] {
            server.serve("ml-latest-small.zip", .init(status: status, body: Array("<html>error</html>".utf8)))
            let message = try #require(failure(small, source(["ml-latest-small.zip": .md5(String(repeating: "a", count: 32))])))
            #expect(message.hasPrefix("cannot download ml-latest-small.zip: the server answered HTTP \(status); download http://127.0.0.1:"))
            #expect(TestZips.contents(of: cache).isEmpty)
        }
    }

    @Test func offlineSaysWhatToDownloadAndWhere() throws {
        server.stop()
        let message = try #require(failure(small, source(["ml-latest-small.zip": .md5(String(repeating: "a", count: 32))])))
        #expect(message == "cannot download ml-latest-small.zip: could not connect to 127.0.0.1; download "
            + "\(server.baseURL.absoluteString)ml-latest-small.zip yourself and unzip it into \(cache.path) (or a folder given with --data)")
        // The same line when the checksum would have come from the server.
        #expect(failure(small, source([:])) == message)
        #expect(TestZips.contents(of: cache).isEmpty)
    }

    @Test func aMirrorServesFromItsOwnFolder() throws {
        let zip = try smallZip()
        server.serve("mirror/movielens/ml-latest-small.zip", .init(body: zip))
        let base = try #require(MovieLensSource.baseURL(parsing: server.baseURL.absoluteString + "mirror/movielens"))
        let mirror = MovieLensSource(baseURL: base, checksums: ["ml-latest-small.zip": .md5(TestZips.md5(zip))], cache: cache)
        #expect(try MovieLens.download(small, from: mirror).folder.lastPathComponent == "ml-latest-small")
        #expect(server.requests == ["mirror/movielens/ml-latest-small.zip"])
        for bad in ["ftp://example.org/movielens", "files.grouplens.org/datasets", "http://", ""] {
            #expect(MovieLensSource.baseURL(parsing: bad) == nil, "\(bad)")
        }
    }

    @Test(arguments: ["../evil", "../../../evil", "ml-latest-small/../../evil", "/ABSOLUTE", "..\\evil", "C:/evil"])
    func anEntryEscapingTheFolderIsRefused(path: String) throws {
        let absolute = root.appendingPathComponent("absolute-evil").path
        let entry = path == "/ABSOLUTE" ? absolute : path
        let zipURL = root.appendingPathComponent("ml-latest-small.zip")
        let zip = try TestZips.zip([
            .file("ml-latest-small/ratings.csv", Array("userId,movieId,rating,timestamp\n1,1,4.0,964982703\n".utf8)),
            .file("ml-latest-small/movies.csv", Array("movieId,title,genres\n1,Toy Story (1995),Comedy\n".utf8)),
            .file(entry, Array("pwned\n".utf8)),
        ], to: zipURL)
        #expect(try TestZips.paths(in: zipURL).contains(entry))  // the zip really holds it
        try FileManager.default.removeItem(at: zipURL)
        let before = TestZips.contents(of: root)
        server.serve("ml-latest-small.zip", .init(body: zip))
        let message = failure(small, source(["ml-latest-small.zip": .md5(TestZips.md5(zip))]))
        #expect(TestZips.contents(of: root) == before)
        #expect(!FileManager.default.fileExists(atPath: absolute))
        #expect(TestZips.contents(of: cache).isEmpty)
        #expect(message == "ml-latest-small.zip holds an unsafe entry '\(entry)' (a link, or a path outside its folder); refused, nothing kept")
    }

    @Test func aSymbolicLinkIsRefused() throws {
        let zip = try TestZips.zip([
            .file("ml-latest-small/movies.csv", Array("movieId,title,genres\n1,Toy Story (1995),Comedy\n".utf8)),
            .link("ml-latest-small/ratings.csv", to: "/etc/passwd"),
        ], to: root.appendingPathComponent("links.zip"))
        server.serve("ml-latest-small.zip", .init(body: zip))
        let message = try #require(failure(small, source(["ml-latest-small.zip": .md5(TestZips.md5(zip))])))
        #expect(message.hasPrefix("ml-latest-small.zip holds an unsafe entry 'ml-latest-small/ratings.csv'"))
        #expect(TestZips.contents(of: cache).isEmpty)
    }

    @Test func ctrlCStopsTheDownloadAndLeavesNothing() throws {
        let zip = try smallZip()
        server.serve("ml-latest-small.zip", .init(body: zip, bytesPerTick: 16 * 1024))  // ~1.6 MB/s: under a second
        let cancel = Cancellation()
        let seen = Mutex(0)
        do {
            _ = try MovieLens.download(small, from: source(["ml-latest-small.zip": .md5(TestZips.md5(zip))]), cancel: cancel) { p in
                if p.stage == .downloading, p.bytes > 0 { seen.withLock { $0 += 1 }; cancel.cancel() }
            }
            Issue.record("expected Ctrl-C to stop the download")
        } catch {
            #expect(error.isCancellation)
        }
        #expect(seen.withLock { $0 } >= 1)
        #expect(TestZips.contents(of: cache).isEmpty)
    }

    @Test func aFolderLeftByAKilledDownloadIsRemoved() throws {
        let abandoned = cache.appendingPathComponent(".reclab-partial-\(Int32.max)-dead")
        try FileManager.default.createDirectory(at: abandoned, withIntermediateDirectories: true)
        let zip = try smallZip()
        server.serve("ml-latest-small.zip", .init(body: zip))
        _ = try MovieLens.download(small, from: source(["ml-latest-small.zip": .md5(TestZips.md5(zip))]))
        #expect(!FileManager.default.fileExists(atPath: abandoned.path))
    }

    @Test func releasesKeepTheirOwnFolderNamesAndFormats() throws {
        // ml-10m's zip unpacks to ml-10M100K, with `::` files.
        let movies = try [UInt8](Data(contentsOf: URL(fileURLWithPath: TestFiles.real("ml-10m-movies/movies.dat"))))
        let tenM = try TestZips.zip([
            .file("ml-10M100K/", []),
            .file("ml-10M100K/ratings.dat", Array("1::122::5::838985046\n1::185::4.5::838983525\n".utf8)),
            .file("ml-10M100K/movies.dat", movies),
        ], to: root.appendingPathComponent("ml-10m.zip"))
        server.serve("ml-10m.zip", .init(body: tenM))
        // ml-100k's: tab-separated u.data, pipe-separated Latin-1 u.item.
        let hundredK = try TestZips.zip(folder: TestFiles.data.appendingPathComponent("ml-100k"), as: "ml-100k",
                                        to: root.appendingPathComponent("ml-100k.zip"))
        server.serve("ml-100k.zip", .init(body: hundredK))
        let source = source(["ml-10m.zip": .md5(TestZips.md5(tenM)), "ml-100k.zip": .md5(TestZips.md5(hundredK))])

        let tenMRelease = try MovieLensRelease.named("10m")
        #expect(try MovieLens.download(tenMRelease, from: source).folder.lastPathComponent == "ml-10M100K")
        let ten = try MovieLens.load(release: tenMRelease, searchFolders: [cache])
        #expect(ten[0].table.rowCount == 2 && ten[0].table.cell("rating", 1) == .decimal(4.5))
        #expect(ten[1].table.rowCount == 10_681)

        let hundredKRelease = try MovieLensRelease.named("ml-100k")
        _ = try MovieLens.download(hundredKRelease, from: source)
        let hundred = try MovieLens.load(release: hundredKRelease, searchFolders: [cache])
        #expect(hundred[0].table.rowCount == 100_000)
        #expect(hundred[1].table.cell("title", 1004) == .text("Double vie de Véronique, La (Double Life of Veronique, The) (1991)"))
        #expect(TestZips.contents(of: cache).filter { !$0.contains("/") } == ["ml-100k", "ml-10M100K"])
    }

    @Test func aZipWithoutTheReleaseIsRefused() throws {
        let zip = try TestZips.zip([.file("something-else/readme.txt", Array("hi\n".utf8))],
                                   to: root.appendingPathComponent("other.zip"))
        server.serve("ml-latest-small.zip", .init(body: zip))
        #expect(failure(small, source(["ml-latest-small.zip": .md5(TestZips.md5(zip))]))
            == "ml-latest-small.zip holds no folder ml-latest-small; refused, nothing kept")
        #expect(TestZips.contents(of: cache).isEmpty)
    }
}

@Suite struct MovieLensChecksumTests {
    @Test func digestsMatchTheStandardsTestVectors() {
        // RFC 1321 and FIPS 180-2 give these for "abc".
        for (checksum, hex) in [(ZipChecksum.md5(""), "900150983cd24fb0d6963f7d28e17f72"),
                                (.sha256(""), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")] {
            var hasher = checksum.hasher()
            Array("ab".utf8).withUnsafeBytes { hasher.update($0) }
            Array("c".utf8).withUnsafeBytes { hasher.update($0) }
            #expect(hasher.finalizedHex() == hex)
        }
    }

    @Test func publishedMD5FilesAreRead() {
        #expect(ZipChecksum.publishedMD5(in: "MD5 (ml-latest.zip) = 0E33842E24A9C977BE4E0107933C0723\n")
            == .md5("0e33842e24a9c977be4e0107933c0723"))
        #expect(ZipChecksum.publishedMD5(in: "0e33842e24a9c977be4e0107933c0723  ml-latest.zip\n")
            == .md5("0e33842e24a9c977be4e0107933c0723"))
        #expect(ZipChecksum.publishedMD5(in: "<html>Not Found</html>") == nil)
        #expect(ZipChecksum.publishedMD5(in: "") == nil)
    }

    @Test func everyReleaseButLatestHasAKnownChecksum() {
        let missing = MovieLensRelease.all.map { $0.zipName + ".zip" }.filter { MovieLensChecksums.published[$0] == nil }
        #expect(missing == ["ml-latest.zip"])
        for checksum in MovieLensChecksums.published.values {
            let digits = if case .md5 = checksum { 32 } else { 64 }
            #expect(checksum.hex.count == digits && checksum.hex.allSatisfy(\.isHexDigit))
        }
    }

    @Test func entryPathsThatEscapeAreRecognised() {
        #expect(SafeZipExtraction.safeComponents(of: "ml-1m/ratings.dat") == ["ml-1m", "ratings.dat"])
        #expect(SafeZipExtraction.safeComponents(of: "./ml-1m//x/") == ["ml-1m", "x"])
        #expect(SafeZipExtraction.safeComponents(of: "a..b/c") == ["a..b", "c"])
        for bad in ["../x", "a/../../x", "a/..", "/etc/passwd", "\\x", "a\\..\\x", "C:x", "c:/x", "a\0b"] {
            #expect(SafeZipExtraction.safeComponents(of: bad) == nil, "\(bad)")
        }
    }
}
