import Foundation

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
        let job = ReleaseDownload(release: release, source: source, cancel: cancel, progress: progress)
        let work = try job.makeWorkFolder()
        defer { try? FileManager.default.removeItem(at: work) }
        let (checksum, fromServer) = try job.expectedChecksum()
        let zip = work.appendingPathComponent(job.zipName)
        let bytes = try job.fetch(to: zip, checking: checksum)
        let unzipped = work.appendingPathComponent("unzipped")
        try job.unzip(zip, into: unzipped)
        try? FileManager.default.removeItem(at: zip)
        return MovieLensDownload(folder: try job.moveIntoPlace(from: unzipped), url: job.url, bytes: bytes,
                                 checksum: checksum, checksumFromServer: fromServer)
    }
}
