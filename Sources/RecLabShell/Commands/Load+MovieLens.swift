import Foundation

/// `load movielens NAME`: the release from the data folders or the cache,
/// or else downloaded into the cache first (when the session has a
/// ``Session/movieLensSource``).
enum MovieLensLoading {
    /// Loads the release `name` names and returns its tables to bind.
    static func load(_ name: Token, session: Session) throws -> Outcome {
        do throws(RecLabError) {
            let release = try MovieLensRelease.named(name.text)
            var folders = session.dataFolders
            if let source = session.movieLensSource {
                let cache = source.cache.standardizedFileURL.path
                if !folders.contains(where: { $0.standardizedFileURL.path == cache }) { folders.append(source.cache) }
                if MovieLens.locate(release, in: folders) == nil {
                    let cancel = session.cancellation
                    let download = try MovieLens.download(release, from: source, cancel: cancel) { report in
                        DownloadProgress.report(report, to: cancel)
                    }
                    session.output(report(download))
                }
            }
            return .named(try MovieLens.load(release: release, searchFolders: folders, cancel: session.cancellation))
        } catch where error.isCancellation {
            throw error
        } catch {
            throw ShellError(error.description, at: name)
        }
    }

    /// `downloaded ml-latest-small.zip (955.3 KB) from URL, MD5 checked; unzipped into FOLDER`.
    static func report(_ download: MovieLensDownload) -> String {
        let file = download.url.lastPathComponent
        let checked = download.checksum.algorithm + (download.checksumFromServer ? " (from \(file).md5)" : "") + " checked"
        return "downloaded \(file) (\(NumberFormatting.byteSize(Int(download.bytes)))) from \(download.url.absoluteString), "
            + "\(checked); unzipped into \(download.folder.path)\n"
    }
}

/// A download's reports as every operation's (``Cancellation/report(_:fraction:detail:)``):
/// stage `download ml-32m.zip` with the bytes so far and the rate as its
/// detail, then `unzip ml-32m.zip`. The session's one relay draws them.
enum DownloadProgress {
    /// Passes `report` on to `cancel`.
    static func report(_ report: MovieLensDownloadProgress, to cancel: Cancellation) {
        switch report.stage {
        case .unzipping:
            cancel.report("unzip \(report.file)", fraction: fraction(report))
        case .downloading:
            cancel.report("download \(report.file)", fraction: fraction(report), detail: detail(report))
        }
    }

    /// `48.2 MB/227.9 MB 5.1 MB/s`.
    static func detail(_ report: MovieLensDownloadProgress) -> String {
        let done = NumberFormatting.byteSize(Int(report.bytes))
        let total = report.total.map { "/" + NumberFormatting.byteSize(Int($0)) } ?? ""
        let rate = report.seconds > 0 ? " " + NumberFormatting.byteSize(Int(Double(report.bytes) / report.seconds)) + "/s" : ""
        return done + total + rate
    }

    /// How much is done; NaN when the server announced no length.
    static func fraction(_ report: MovieLensDownloadProgress) -> Double {
        guard let total = report.total, total > 0 else { return .nan }
        return Double(report.bytes) / Double(total)
    }
}
