import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes a whole file so that readers see the old file or the new one,
/// never half of it: the bytes go to a hidden file in the same folder,
/// are flushed to disk, and the hidden file is renamed over the target.
enum AtomicFile {
    /// Writes `bytes` to `path` atomically.
    ///
    /// - Throws: ``RecLabError`` naming `path`, saying why it cannot be
    ///   written (its folder missing or read-only, the disk full, …); any
    ///   earlier file at `path` is then left as it was.
    /// - Complexity: O(bytes).
    static func write(_ bytes: [UInt8], to path: String) throws(RecLabError) {
        let target = URL(fileURLWithPath: path)
        let temporary = target.deletingLastPathComponent()
            .appendingPathComponent(".\(target.lastPathComponent).\(getpid()).reclab-tmp").path
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { throw CSVWriter.cannotWrite(path) }
        func failure() -> RecLabError {
            let reason = String(cString: strerror(errno))
            close(fd)
            unlink(temporary)
            return RecLabError("cannot write (\(reason))", file: path)
        }
        var written = 0
        let failed = bytes.withUnsafeBytes { buffer -> Bool in
            guard let base = buffer.baseAddress else { return false }
            while written < buffer.count {
                let n = systemWrite(fd, base + written, buffer.count - written)
                if n < 0 {
                    if errno == EINTR { continue }
                    return true
                }
                written += n
            }
            return false
        }
        if failed { throw failure() }
        guard fsync(fd) == 0 else { throw failure() }
        close(fd)
        guard rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw RecLabError("cannot write (\(reason))", file: path)
        }
    }
}

/// `write(2)`, named apart from ``AtomicFile/write(_:to:)``.
private func systemWrite(_ fd: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
    #if canImport(Glibc)
    return Glibc.write(fd, bytes, count)
    #else
    return Darwin.write(fd, bytes, count)
    #endif
}
