import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// How far the download of a release has got, for a progress bar.
public struct MovieLensDownloadProgress: Sendable, Equatable {
    /// What is being done.
    public enum Stage: Sendable, Equatable {
        /// Bytes of the zip arriving.
        case downloading
        /// Bytes of the release's files written from the zip.
        case unzipping
    }

    /// The stage.
    public var stage: Stage
    /// The zip's file name (`ml-latest-small.zip`).
    public var file: String
    /// Bytes done so far in this stage.
    public var bytes: Int64
    /// The stage's total bytes, when known (a server may not announce it).
    public var total: Int64?
    /// Seconds since the stage began.
    public var seconds: Double
}

/// A release downloaded, checked and unzipped into the cache.
public struct MovieLensDownload: Sendable, Equatable {
    /// The release's folder in the cache.
    public var folder: URL
    /// Where the zip came from.
    public var url: URL
    /// The zip's size.
    public var bytes: Int64
    /// The checksum it matched.
    public var checksum: ZipChecksum
    /// Whether that checksum was read from the `.md5` served beside the zip
    /// (not in the table of known checksums).
    public var checksumFromServer: Bool
}

extension MovieLens {
    /// The largest zip accepted: ml-latest, the largest release, is ~350 MB.
    static let downloadLimit: Int64 = 4 << 30

    /// Downloads `release`'s zip from `source`, checks it, and unzips it
    /// into `source.cache`; returns where the release's folder now is.
    ///
    /// The zip must match `source.checksums[zip name]`, or, for a zip not in
    /// the table, the MD5 in the `.md5` file served beside it. Everything
    /// happens in a hidden temporary folder inside the cache (its name
    /// holds the process id, so one left by a killed process is removed
    /// by the next download); only a release that downloaded whole, matched
    /// its checksum and unzipped safely (see ``SafeZipExtraction``) is
    /// renamed into place. On any failure, and on Ctrl-C, the temporary
    /// folder is removed and the cache is as it was.
    ///
    /// - Throws: one line saying what failed and, for anything the network
    ///   can cause, the URL to download by hand and the folder to unzip it
    ///   into.
    /// - Complexity: O(zip size + unpacked size).
    public static func download(_ release: MovieLensRelease, from source: MovieLensSource,
                                cancel: Cancellation = .never,
                                progress: ((MovieLensDownloadProgress) -> Void)? = nil) throws(RecLabError) -> MovieLensDownload {
        let zipName = release.zipName + ".zip"
        let url = source.zipURL(for: release)
        let files = FileManager.default
        func refusal(_ why: String) -> RecLabError {
            RecLabError("cannot download \(zipName): \(why); download \(url.absoluteString) yourself and unzip it into "
                + "\(source.cache.path) (or a folder given with --data)", subject: release.name)
        }
        do {
            try files.createDirectory(at: source.cache, withIntermediateDirectories: true)
        } catch {
            throw refusal("the cache folder \(source.cache.path) cannot be created")
        }
        removeAbandonedWork(in: source.cache)
        let work = source.cache.appendingPathComponent(".reclab-partial-\(getpid())-\(UUID().uuidString.prefix(8))")
        do {
            try files.createDirectory(at: work, withIntermediateDirectories: false)
        } catch {
            throw refusal("cannot write in the cache folder \(source.cache.path)")
        }
        defer { try? files.removeItem(at: work) }

        var checksum = source.checksums[zipName]
        let fromServer = checksum == nil
        if checksum == nil {
            var text: [UInt8] = []
            do {
                _ = try HTTPDownload.get(source.md5URL(for: release), limit: 4096, cancel: cancel) { text += $0 }
            } catch {
                if error == .cancelled { throw RecLabError.cancelled }
                throw refusal("its checksum (\(zipName).md5) could not be fetched: \(describe(error))")
            }
            checksum = ZipChecksum.publishedMD5(in: String(decoding: text, as: UTF8.self))
        }
        guard let checksum else {
            throw refusal("\(source.md5URL(for: release).absoluteString) holds no MD5")
        }

        let zip = work.appendingPathComponent(zipName)
        let fd = open(zip.path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW, 0o644)
        guard fd >= 0 else { throw refusal("cannot write in the cache folder \(source.cache.path)") }
        var hasher = checksum.hasher()
        let started = DispatchTime.now()
        let bytes: Int64
        do {
            defer { close(fd) }
            bytes = try HTTPDownload.get(url, limit: downloadLimit, cancel: cancel, progress: { received, total in
                progress?(MovieLensDownloadProgress(stage: .downloading, file: zipName, bytes: received, total: total,
                                                    seconds: seconds(since: started)))
            }) { chunk in
                try writeAll(chunk, to: fd)
                hasher.update(chunk)
            }
        } catch {
            if error == .cancelled { throw RecLabError.cancelled }
            throw refusal(describe(error))
        }
        let actual = hasher.finalizedHex()
        guard actual == checksum.hex else {
            throw RecLabError("\(zipName) from \(url.absoluteString) failed its checksum (\(checksum.algorithm) \(actual), "
                + "expected \(checksum.hex)); refused, nothing kept. Try again, or download it yourself and unzip it into "
                + "\(source.cache.path) (or a folder given with --data)", subject: release.name)
        }

        func unzipRefusal(_ failure: SafeZipExtraction.Failure) -> RecLabError {
            let refused = "refused, nothing kept"
            switch failure {
            case .cancelled: return RecLabError.cancelled
            case .unsafeEntry(let path):
                return RecLabError("\(zipName) holds an unsafe entry '\(path)' (a link, or a path outside its folder); \(refused)",
                                   subject: release.name)
            case .damaged(let why): return RecLabError("\(zipName) is damaged (\(why)); \(refused)", subject: release.name)
            case .tooLarge(let limit):
                return RecLabError("\(zipName) unpacks to more than \(limit >> 30) GB; \(refused)", subject: release.name)
            case .cannotWrite(let why):
                return RecLabError("cannot unzip \(zipName) into \(source.cache.path) (\(why)); nothing kept", subject: release.name)
            }
        }

        let unzipped = work.appendingPathComponent("unzipped")
        let unzipStarted = DispatchTime.now()
        do {
            try files.createDirectory(at: unzipped, withIntermediateDirectories: false)
            try SafeZipExtraction.extract(zip: zip, into: unzipped, cancel: cancel) { written, total in
                progress?(MovieLensDownloadProgress(stage: .unzipping, file: zipName, bytes: written, total: total,
                                                    seconds: seconds(since: unzipStarted)))
            }
        } catch let failure as SafeZipExtraction.Failure {
            throw unzipRefusal(failure)
        } catch {
            throw RecLabError("cannot unzip \(zipName) in \(source.cache.path)", subject: release.name)
        }
        try? files.removeItem(at: zip)
        return MovieLensDownload(folder: try moveIntoPlace(release, from: unzipped, cache: source.cache, zipName: zipName),
                                 url: url, bytes: bytes, checksum: checksum, checksumFromServer: fromServer)
    }


    /// Renames the release's folder out of `unzipped` into `cache`: the
    /// folder the zip holds (`ml-10M100K` for `10m`), or `unzipped` itself
    /// when the zip holds the files without a folder.
    private static func moveIntoPlace(_ release: MovieLensRelease, from unzipped: URL, cache: URL,
                                      zipName: String) throws(RecLabError) -> URL {
        let required = release.tables.filter(\.required).map(\.file.rawValue)
        let bare = required.allSatisfy { FileManager.default.fileExists(atPath: unzipped.appendingPathComponent($0).path) }
        guard let found = locate(release, in: [unzipped]) ?? (bare ? unzipped : nil) else {
            throw RecLabError("\(zipName) holds no folder \(release.folderName); refused, nothing kept", subject: release.name)
        }
        let target = cache.appendingPathComponent(found == unzipped ? release.folderName : found.lastPathComponent)
        if rename(found.path, target.path) != 0 {
            // Another reclab may have put the same release there meanwhile.
            guard isFolder(target) else {
                throw RecLabError("cannot move \(release.folderName) into \(cache.path) (\(String(cString: strerror(errno))))",
                                  subject: release.name)
            }
        }
        return target
    }

    /// Removes temporary folders left in `cache` by a reclab that was killed
    /// mid-download (their process is gone).
    private static func removeAbandonedWork(in cache: URL) {
        let prefix = ".reclab-partial-"
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: cache.path) else { return }
        for name in names where name.hasPrefix(prefix) {
            guard let pid = Int32(name.dropFirst(prefix.count).prefix { $0.isNumber }) else { continue }
            if kill(pid, 0) != 0 && errno == ESRCH {
                try? FileManager.default.removeItem(at: cache.appendingPathComponent(name))
            }
        }
    }

    private static func describe(_ failure: HTTPDownload.Failure) -> String {
        switch failure {
        case .unreachable(let why): return why
        case .status(let code): return "the server answered HTTP \(code)"
        case .truncated(let received, let expected):
            return "the connection closed after \(received) of \(expected) bytes"
        case .tooLarge(let limit): return "the server sent more than \(limit) bytes"
        case .consumer(let why): return "cannot write it to the cache (\(why))"
        case .cancelled: return "stopped"
        }
    }

    private static func seconds(since start: DispatchTime) -> Double {
        Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
    }

    /// Writes all of `bytes` to `fd`.
    private static func writeAll(_ bytes: UnsafeRawBufferPointer, to fd: Int32) throws {
        var offset = 0
        while offset < bytes.count, let base = bytes.baseAddress {
            let n = Glibc.write(fd, base + offset, bytes.count - offset)
            if n < 0 {
                if errno == EINTR { continue }
                throw RecLabError(String(cString: strerror(errno)))
            }
            offset += n
        }
    }
}
