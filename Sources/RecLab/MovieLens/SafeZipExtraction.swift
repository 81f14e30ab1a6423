import Foundation
import ZIPFoundation
#if canImport(Glibc)
import Glibc
#endif

/// Unzipping a downloaded archive without letting any entry reach outside
/// the folder it is unzipped into ("zip slip").
///
/// Every entry is checked before anything is written: an absolute path, a
/// `..` component, a drive letter or a symbolic link refuses the whole
/// archive. Files are then created with `O_EXCL | O_NOFOLLOW`, so nothing
/// already there (a link planted by an earlier entry, say) is followed or
/// overwritten, and each file's CRC-32 is checked.
enum SafeZipExtraction {
    /// Why an archive was refused.
    enum Failure: Error, Equatable {
        /// An entry would be written outside the target, or is a link.
        case unsafeEntry(String)
        /// Not a zip, or a damaged one.
        case damaged(String)
        /// The entries add up to more than the limit.
        case tooLarge(UInt64)
        /// Writing failed (a full disk).
        case cannotWrite(String)
        /// Ctrl-C.
        case cancelled
    }

    /// At most this much unpacked, far above any MovieLens release: a zip
    /// claiming more is not one (or is a zip bomb).
    static let sizeLimit: UInt64 = 16 << 30

    /// Unzips `zip` into the existing, empty folder `target`; `progress`
    /// gets the bytes written so far and the total, at most ten times a
    /// second.
    ///
    /// On failure what was written stays in `target`; the caller removes it.
    ///
    /// - Complexity: O(unpacked size).
    static func extract(zip: URL, into target: URL, cancel: Cancellation,
                        progress: ((_ written: Int64, _ total: Int64) -> Void)? = nil) throws(Failure) {
        let archive: Archive
        do {
            archive = try Archive(url: zip, accessMode: .read)
        } catch {
            throw .damaged("not a readable zip")
        }
        var entries: [(entry: Entry, components: [String])] = []
        var total: UInt64 = 0
        for entry in archive {
            guard entry.type != .symlink else { throw .unsafeEntry(entry.path) }
            guard let components = safeComponents(of: entry.path) else { throw .unsafeEntry(entry.path) }
            total += entry.uncompressedSize
            guard total <= sizeLimit else { throw .tooLarge(sizeLimit) }
            if !components.isEmpty { entries.append((entry, components)) }
        }
        var written: Int64 = 0
        var lastReport = DispatchTime(uptimeNanoseconds: 0)
        for (entry, components) in entries {
            if cancel.isCancelled { throw .cancelled }
            let url = components.reduce(target) { $0.appendingPathComponent($1) }
            if entry.type == .directory {
                try makeFolder(url)
                continue
            }
            try makeFolder(url.deletingLastPathComponent())
            let fd = open(url.path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW, 0o644)
            guard fd >= 0 else { throw .cannotWrite("\(entry.path): \(String(cString: strerror(errno)))") }
            defer { close(fd) }
            let crc: UInt32
            var entryWritten: UInt64 = 0
            do {
                crc = try archive.extract(entry, skipCRC32: false) { data in
                    if cancel.isCancelled { throw Failure.cancelled }
                    // The sizes were checked as declared; hold the entry to its own.
                    entryWritten += UInt64(data.count)
                    guard entryWritten <= entry.uncompressedSize else { throw Failure.damaged("\(entry.path) is longer than it says") }
                    try write(data, to: fd, name: entry.path)
                    written += Int64(data.count)
                    let now = DispatchTime.now()
                    if now.uptimeNanoseconds - lastReport.uptimeNanoseconds >= 100_000_000 {
                        lastReport = now
                        progress?(written, Int64(total))
                    }
                }
            } catch let failure as Failure {
                throw failure
            } catch {
                throw .damaged("\(entry.path) cannot be unpacked")
            }
            guard crc == entry.checksum else { throw .damaged("\(entry.path) fails its CRC-32") }
            // On disk before the release's folder is renamed into the cache.
            guard fsync(fd) == 0 else { throw .cannotWrite("\(entry.path): \(String(cString: strerror(errno)))") }
        }
        progress?(written, Int64(total))
    }

    /// The folders and file name an entry path stands for, with `.` and
    /// empty parts dropped; `nil` when it escapes: absolute (`/x`, `\x`,
    /// `C:x`), any `..` part, or a NUL. Backslashes count as separators,
    /// as Windows tools write them.
    ///
    /// - Complexity: O(path length).
    static func safeComponents(of path: String) -> [String]? {
        guard !path.hasPrefix("/"), !path.hasPrefix("\\"), !path.contains("\0") else { return nil }
        let parts = path.split(whereSeparator: { $0 == "/" || $0 == "\\" }).map(String.init)
        if let first = parts.first, first.count >= 2, first.dropFirst().first == ":" { return nil }
        guard !parts.contains("..") else { return nil }
        return parts.filter { $0 != "." }
    }

    private static func makeFolder(_ url: URL) throws(Failure) {
        do {
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        } catch {
            throw .cannotWrite("cannot create \(url.lastPathComponent)")
        }
    }

    private static func write(_ data: Data, to fd: Int32, name: String) throws(Failure) {
        var failed = false
        data.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count, let base = buffer.baseAddress {
                let n = Glibc.write(fd, base + offset, buffer.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    failed = true
                    return
                }
                offset += n
            }
        }
        if failed { throw .cannotWrite("\(name): \(String(cString: strerror(errno)))") }
    }
}
