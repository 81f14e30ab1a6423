import Foundation

extension Session {
    /// The file a path typed by the user means (``resolve(path:)``); when
    /// it is nowhere but names a ``LabFile`` (`crashcourse/jabril-movie-ratings.csv`),
    /// the file is looked for in the download cache and, failing that,
    /// downloaded there first, with a bar and a line saying so. So the
    /// Crash Course lab replays on a machine without the data folder.
    func resolveFetching(_ path: Token) throws -> String {
        let resolved = resolve(path: path.text)
        guard !FileManager.default.fileExists(atPath: resolved), let known = LabFile.named(path.text),
              let source = movieLensSource else { return resolved }
        let cached = source.cache.appendingPathComponent(known.path)
        if FileManager.default.fileExists(atPath: cached.path) { return cached.path }
        let download: LabFileDownload
        let cancel = cancellation
        do throws(RecLabError) {
            download = try known.download(into: source.cache, mirror: source.labFilesURL, cancel: cancel) { report in
                DownloadProgress.report(report, to: cancel)
            }
        } catch where error.isCancellation {
            throw error
        } catch {
            throw ShellError(error.message, at: path)
        }
        output("downloaded \(known.path) (\(NumberFormatting.byteSize(Int(download.bytes)))) from "
            + "\(download.url.absoluteString), \(known.checksum.algorithm) checked; kept in \(download.file.deletingLastPathComponent().path)\n")
        return download.file.path
    }
}
