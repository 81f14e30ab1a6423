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
                    let bar = DownloadBar(session.progress)
                    defer { bar.finish() }
                    let download = try MovieLens.download(release, from: source, cancel: session.cancellation, progress: bar.show)
                    bar.finish()
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

/// The bar of a download: the bytes so far, the rate and (from the bar)
/// the time left; then the unzipping.
///
/// The engine reports from URLSession's queue while the cell's thread
/// waits; the lock keeps the reports in order and none after ``finish()``.
final class DownloadBar: @unchecked Sendable {
    private let progress: ((CommandProgress) -> Void)?
    private let lock = NSLock()
    private var finished = false

    init(_ progress: ((CommandProgress) -> Void)?) {
        self.progress = progress
    }

    /// Redraws the bar for `report`.
    func show(_ report: MovieLensDownloadProgress) {
        lock.lock()
        defer { lock.unlock() }
        guard !finished, let progress else { return }
        progress(.running(label: DownloadBar.label(report), fraction: DownloadBar.fraction(report), seconds: report.seconds))
    }

    /// Erases the bar (once).
    func finish() {
        lock.lock()
        defer { lock.unlock() }
        guard !finished else { return }
        finished = true
        progress?(.finished)
    }

    /// `download ml-32m.zip 48.2 MB/227.9 MB 5.1 MB/s`, `unzip ml-32m.zip`.
    static func label(_ report: MovieLensDownloadProgress) -> String {
        switch report.stage {
        case .unzipping:
            return "unzip \(report.file)"
        case .downloading:
            let done = NumberFormatting.byteSize(Int(report.bytes))
            let total = report.total.map { "/" + NumberFormatting.byteSize(Int($0)) } ?? ""
            let rate = report.seconds > 0 ? " " + NumberFormatting.byteSize(Int(Double(report.bytes) / report.seconds)) + "/s" : ""
            return "download \(report.file) \(done)\(total)\(rate)"
        }
    }

    /// How much is done; NaN when the server announced no length.
    static func fraction(_ report: MovieLensDownloadProgress) -> Double {
        guard let total = report.total, total > 0 else { return .nan }
        return Double(report.bytes) / Double(total)
    }
}
