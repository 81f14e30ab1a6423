import Foundation

extension LabFile {
    /// The largest file accepted: the sheets are about 54 KB, so a server
    /// sending more is not serving them.
    static let sizeLimit: Int64 = 16 << 20

    /// Downloads this file (from `mirror` when given) into `cache/PATH`,
    /// checking its SHA-256; returns where it is.
    ///
    /// The bytes stream into ``AtomicFile``: only a file that arrived whole
    /// and matched its checksum is renamed into place (flushed to disk),
    /// and on any failure, and on Ctrl-C, nothing is left in the cache.
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
        var bytes: Int64 = 0
        try AtomicFile.write(to: target.path) { (sink) throws(RecLabError) in
            var hasher = checksum.hasher()
            let started = DispatchTime.now()
            do throws(HTTPDownload.Failure) {
                bytes = try HTTPDownload.get(source, limit: LabFile.sizeLimit, cancel: cancel, progress: { [fileName] received, total in
                    let seconds = Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e9
                    progress?(MovieLensDownloadProgress(stage: .downloading, file: fileName, bytes: received, total: total, seconds: seconds))
                }) { chunk in
                    try sink.write(chunk)
                    hasher.update(chunk)
                }
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
        }
        return LabFileDownload(file: target, url: source, bytes: bytes)
    }
}
