import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The steps of ``MovieLens/download(_:from:cancel:progress:)``, each
/// throwing one line that says what failed and, where the network is to
/// blame, what to download by hand and where to put it.
struct ReleaseDownload {
    let release: MovieLensRelease
    let source: MovieLensSource
    let cancel: Cancellation
    let progress: ((MovieLensDownloadProgress) -> Void)?
    /// `ml-latest-small.zip`.
    let zipName: String
    /// Where the zip is downloaded from.
    let url: URL

    /// The largest zip accepted, far above any MovieLens release (the 32M
    /// zip is 239 MB): a server sending more is not serving MovieLens.
    static let sizeLimit: Int64 = 4 << 30

    init(release: MovieLensRelease, source: MovieLensSource, cancel: Cancellation,
         progress: ((MovieLensDownloadProgress) -> Void)?) {
        self.release = release
        self.source = source
        self.cancel = cancel
        self.progress = progress
        zipName = release.zipName + ".zip"
        url = source.zipURL(for: release)
    }

    /// The cache folder, created if need be, with a fresh hidden work folder
    /// in it (returned); work folders of killed processes are removed.
    func makeWorkFolder() throws(RecLabError) -> URL {
        let files = FileManager.default
        do {
            try files.createDirectory(at: source.cache, withIntermediateDirectories: true)
        } catch {
            throw refusal("the cache folder \(source.cache.path) cannot be created")
        }
        removeAbandonedWork()
        let work = source.cache.appendingPathComponent("\(ReleaseDownload.workPrefix)\(getpid())-\(UUID().uuidString.prefix(8))")
        do {
            try files.createDirectory(at: work, withIntermediateDirectories: false)
        } catch {
            throw refusal("cannot write in the cache folder \(source.cache.path)")
        }
        return work
    }

    /// The checksum from the table, or else the MD5 of the `.md5` served
    /// beside the zip (then `fromServer` is true).
    func expectedChecksum() throws(RecLabError) -> (checksum: ZipChecksum, fromServer: Bool) {
        if let known = source.checksums[zipName] { return (known, false) }
        var text: [UInt8] = []
        do {
            _ = try HTTPDownload.get(source.md5URL(for: release), limit: 4096, cancel: cancel) { text += $0 }
        } catch .cancelled {
            throw RecLabError.cancelled
        } catch .unreachable(let why) {
            throw refusal(why)
        } catch {
            throw refusal("its checksum (\(zipName).md5) could not be fetched: \(error.explanation)")
        }
        guard let published = ZipChecksum.publishedMD5(in: String(decoding: text, as: UTF8.self)) else {
            throw refusal("\(source.md5URL(for: release).absoluteString) holds no MD5")
        }
        return (published, true)
    }

    /// Downloads the zip to `file`, hashing it as it arrives; returns its
    /// size once it matched `checksum`.
    func fetch(to file: URL, checking checksum: ZipChecksum) throws(RecLabError) -> Int64 {
        let fd = open(file.path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW, 0o644)
        guard fd >= 0 else { throw refusal("cannot write in the cache folder \(source.cache.path)") }
        var hasher = checksum.hasher()
        let started = DispatchTime.now()
        let bytes: Int64
        do {
            defer { close(fd) }
            bytes = try HTTPDownload.get(url, limit: ReleaseDownload.sizeLimit, cancel: cancel, progress: { [progress, zipName] in
                progress?(MovieLensDownloadProgress(stage: .downloading, file: zipName, bytes: $0, total: $1,
                                                    seconds: ReleaseDownload.seconds(since: started)))
            }) { chunk in
                try HTTPDownload.writeAll(chunk, to: fd)
                hasher.update(chunk)
            }
        } catch .cancelled {
            throw RecLabError.cancelled
        } catch {
            throw refusal(error.explanation)
        }
        let actual = hasher.finalizedHex()
        guard actual == checksum.hex else {
            throw RecLabError("\(zipName) from \(url.absoluteString) failed its checksum (\(checksum.algorithm) \(actual), "
                + "expected \(checksum.hex)); refused, nothing kept. Try again, or download it yourself and unzip it into "
                + "\(source.cache.path) (or a folder given with --data)", subject: release.name)
        }
        return bytes
    }

    /// Unzips `zip` into the new folder `folder`, refusing unsafe entries.
    func unzip(_ zip: URL, into folder: URL) throws(RecLabError) {
        let started = DispatchTime.now()
        let refused = "refused, nothing kept"
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: false)
            try SafeZipExtraction.extract(zip: zip, into: folder, cancel: cancel) { [progress, zipName] written, total in
                progress?(MovieLensDownloadProgress(stage: .unzipping, file: zipName, bytes: written, total: total,
                                                    seconds: ReleaseDownload.seconds(since: started)))
            }
        } catch SafeZipExtraction.Failure.cancelled {
            throw RecLabError.cancelled
        } catch SafeZipExtraction.Failure.unsafeEntry(let path) {
            throw failure("\(zipName) holds an unsafe entry '\(path)' (a link, or a path outside its folder); \(refused)")
        } catch SafeZipExtraction.Failure.damaged(let why) {
            throw failure("\(zipName) is damaged (\(why)); \(refused)")
        } catch SafeZipExtraction.Failure.tooLarge(let limit) {
            throw failure("\(zipName) unpacks to more than \(limit >> 30) GB; \(refused)")
        } catch SafeZipExtraction.Failure.cannotWrite(let why) {
            throw failure("cannot unzip \(zipName) into \(source.cache.path) (\(why)); nothing kept")
        } catch {
            throw failure("cannot unzip \(zipName) into \(source.cache.path); nothing kept")
        }
    }

    /// Renames the release's folder out of `unzipped` into the cache: the
    /// folder the zip holds (`ml-10M100K` for `10m`), or `unzipped` itself
    /// when the zip holds the files without a folder.
    func moveIntoPlace(from unzipped: URL) throws(RecLabError) -> URL {
        let required = release.tables.filter(\.required).map(\.file.rawValue)
        let bare = required.allSatisfy { FileManager.default.fileExists(atPath: unzipped.appendingPathComponent($0).path) }
        guard let found = MovieLens.locate(release, in: [unzipped]) ?? (bare ? unzipped : nil) else {
            throw failure("\(zipName) holds no folder \(release.folderName); refused, nothing kept")
        }
        let target = source.cache.appendingPathComponent(found == unzipped ? release.folderName : found.lastPathComponent)
        if rename(found.path, target.path) != 0 {
            // Another reclab may have put the same release there meanwhile.
            guard MovieLens.isFolder(target) else {
                throw failure("cannot move \(release.folderName) into \(source.cache.path) (\(String(cString: strerror(errno))))")
            }
        }
        AtomicFile.syncFolder(source.cache.path)
        return target
    }

    /// The error for a failure the network may cause: what failed, and what
    /// to download by hand and where to unzip it.
    func refusal(_ why: String) -> RecLabError {
        failure("cannot download \(zipName): \(why); download \(url.absoluteString) yourself and unzip it into "
            + "\(source.cache.path) (or a folder given with --data)")
    }

    private func failure(_ message: String) -> RecLabError {
        RecLabError(message, subject: release.name)
    }

    /// Hidden work folders are named `.reclab-partial-PID-RANDOM`.
    static let workPrefix = ".reclab-partial-"

    /// Removes work folders left in the cache by a reclab that was killed
    /// mid-download (their process is gone).
    private func removeAbandonedWork() {
        let prefix = ReleaseDownload.workPrefix
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: source.cache.path) else { return }
        for name in names where name.hasPrefix(prefix) {
            guard let pid = Int32(name.dropFirst(prefix.count).prefix { $0.isNumber }) else { continue }
            if TemporaryFiles.processIsGone(pid) {
                try? FileManager.default.removeItem(at: source.cache.appendingPathComponent(name))
            }
        }
    }

    private static func seconds(since start: DispatchTime) -> Double {
        Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
    }
}
