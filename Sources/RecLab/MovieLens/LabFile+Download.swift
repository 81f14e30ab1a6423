import Foundation
#if canImport(Glibc)
import Glibc
#endif

extension LabFile {
    /// The largest file accepted: the sheets are about 54 KB, so a server
    /// sending more is not serving them.
    static let sizeLimit: Int64 = 16 << 20

    /// Downloads this file (from `mirror` when given) into `cache/PATH`,
    /// checking its SHA-256; returns where it is.
    ///
    /// The bytes go to a hidden temporary file beside the target (named
    /// with the process id, so one left by a killed process is removed by
    /// the next download of the same file), are flushed to disk, and only
    /// a file that arrived whole and matched its checksum is renamed into
    /// place. On any failure, and on Ctrl-C, nothing is left in the cache.
    ///
    /// - Throws: one line saying what failed and, for anything the network
    ///   can cause, the URL to download by hand and where to put it.
    /// - Complexity: O(file size).
    public func download(into cache: URL, mirror: URL? = nil, cancel: Cancellation = .never,
                         progress: ((MovieLensDownloadProgress) -> Void)? = nil) throws(RecLabError) -> LabFileDownload {
        let source = url(mirror: mirror)
        let target = cache.appendingPathComponent(path)
        let folder = target.deletingLastPathComponent()
        let byHand = "download \(source.absoluteString) yourself into \(folder.path) (or a folder given with --data)"
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw RecLabError("cannot download \(path): the cache folder \(folder.path) cannot be created", subject: path)
        }
        removeAbandonedDownloads(in: folder)
        let partial = folder.appendingPathComponent("\(LabFile.partialPrefix)\(getpid())-\(UUID().uuidString.prefix(8))-\(fileName)")
        let fd = open(partial.path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw RecLabError("cannot download \(path): cannot write in \(folder.path)", subject: path) }
        var kept = false
        defer { if !kept { unlink(partial.path) } }
        var hasher = checksum.hasher()
        let started = DispatchTime.now()
        let bytes: Int64
        do throws(HTTPDownload.Failure) {
            defer { close(fd) }
            bytes = try HTTPDownload.get(source, limit: LabFile.sizeLimit, cancel: cancel, progress: { [fileName] received, total in
                let seconds = Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e9
                progress?(MovieLensDownloadProgress(stage: .downloading, file: fileName, bytes: received, total: total, seconds: seconds))
            }) { chunk in
                try HTTPDownload.writeAll(chunk, to: fd)
                hasher.update(chunk)
            }
            guard fsync(fd) == 0 else { throw HTTPDownload.Failure.consumer(String(cString: strerror(errno))) }
        } catch .cancelled {
            throw RecLabError.cancelled
        } catch {
            throw RecLabError("cannot download \(path): \(error.explanation); \(byHand)", subject: path)
        }
        let actual = hasher.finalizedHex()
        guard actual == checksum.hex else {
            throw RecLabError("\(fileName) from \(source.absoluteString) failed its checksum (\(checksum.algorithm) \(actual), "
                + "expected \(checksum.hex)); refused, nothing kept. Try again, or \(byHand)", subject: path)
        }
        guard rename(partial.path, target.path) == 0 else {
            throw RecLabError("cannot put \(fileName) into \(folder.path) (\(String(cString: strerror(errno))))", subject: path)
        }
        kept = true
        let dir = open(folder.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if dir >= 0 { fsync(dir); close(dir) }
        return LabFileDownload(file: target, url: source, bytes: bytes)
    }

    /// Temporary downloads are named `.reclab-partial-PID-RANDOM-NAME`.
    static let partialPrefix = ".reclab-partial-"

    /// Removes this file's temporary downloads whose process is gone.
    private func removeAbandonedDownloads(in folder: URL) {
        let prefix = LabFile.partialPrefix
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return }
        for name in names where name.hasPrefix(prefix) && name.hasSuffix("-" + fileName) {
            guard let pid = Int32(name.dropFirst(prefix.count).prefix { $0.isNumber }) else { continue }
            if kill(pid, 0) != 0 && errno == ESRCH { unlink(folder.appendingPathComponent(name).path) }
        }
    }
}
