import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Replaces a whole file so that readers see the old file or the new one,
/// never half of it, and never destroys what is at the path: the one seam
/// every write of a file the user named goes through (`save`, `export`,
/// charts `to PATH.svg`, person files).
///
/// The target is resolved and checked first (see ``WriteTarget``): a link
/// is followed and the file it names replaced, the link kept; a FIFO,
/// socket, device, directory or read-only file is refused, root or not.
/// The bytes go to a hidden temporary file in the real file's folder (see
/// ``TemporaryFiles``; one left by a killed process is removed first),
/// with the old file's permission bits and owner, are flushed to disk, and
/// the temporary file is renamed over the target; then the folder is
/// flushed too, so the rename survives a power cut.
public enum AtomicFile {
    /// Where the bytes of a write go.
    public struct Sink {
        let descriptor: Int32
        let path: String

        /// Writes all of `bytes`.
        public func write(_ bytes: [UInt8]) throws(RecLabError) {
            guard bytes.withUnsafeBytes({ writeAll($0) }) else { throw AtomicFile.failure(path) }
        }

        /// Writes all of `buffer`.
        public func write(_ buffer: UnsafeRawBufferPointer) throws(RecLabError) {
            guard writeAll(buffer) else { throw AtomicFile.failure(path) }
        }

        /// Whether all of `buffer` was written (`errno` says why not).
        private func writeAll(_ buffer: UnsafeRawBufferPointer) -> Bool {
            guard let base = buffer.baseAddress else { return true }
            var written = 0
            while written < buffer.count {
                let n = systemWrite(descriptor, base + written, buffer.count - written)
                if n < 0 {
                    if errno == EINTR { continue }
                    return false
                }
                written += n
            }
            return true
        }
    }

    /// Writes `bytes` to `path` atomically.
    ///
    /// - Throws: ``RecLabError`` naming `path`: what is there may not be
    ///   replaced, or it cannot be written (the folder missing or
    ///   read-only, the disk full, …); what was at `path` is left as it was.
    /// - Complexity: O(bytes).
    public static func write(_ bytes: [UInt8], to path: String) throws(RecLabError) {
        try write(to: path) { (sink) throws(RecLabError) in try sink.write(bytes) }
    }

    /// Writes to `path` atomically what `fill` writes to its sink; when
    /// `fill` throws (Ctrl-C, say), nothing is left behind and what was at
    /// `path` stays.
    ///
    /// - Throws: as ``write(_:to:)``, and what `fill` throws.
    public static func write(to path: String, _ fill: (Sink) throws(RecLabError) -> Void) throws(RecLabError) {
        let target = try WriteTarget.resolve(path)
        TemporaryFiles.removeAbandoned(for: target.real, in: target.folder)
        let temporary = TemporaryFiles.path(for: target.real, in: target.folder)
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o666)
        guard fd >= 0 else { throw target.cannotWrite() }
        var isOpen = true
        do throws(RecLabError) {
            if let old = target.existing { keepOwnerAndBits(of: old, on: fd) }
            try fill(Sink(descriptor: fd, path: path))
            guard fsync(fd) == 0 else { throw failure(path) }
            isOpen = false
            guard close(fd) == 0 else { throw failure(path) }
            try target.recheck()
            guard rename(temporary, target.real) == 0 else { throw failure(path) }
        } catch {
            if isOpen { close(fd) }
            unlink(temporary)
            throw error
        }
        syncFolder(target.folder)
    }

    /// Checks that `path` may be written, as ``write(_:to:)`` would, before
    /// a long job whose result goes there (writes nothing).
    ///
    /// - Throws: ``RecLabError`` naming `path`, as ``write(_:to:)`` does.
    public static func checkTarget(_ path: String) throws(RecLabError) {
        let target = try WriteTarget.resolve(path)
        var info = stat()
        guard stat(target.folder, &info) == 0, info.st_mode & S_IFMT == S_IFDIR, access(target.folder, W_OK) == 0 else {
            throw target.cannotWrite()
        }
    }

    /// The error for a file that cannot be created at `path`: its folder is
    /// missing, is not a folder, or is not writable.
    public static func cannotWrite(_ path: String, errno code: Int32 = 0) -> RecLabError { WriteTarget.cannotWrite(path, errno: code) }

    /// Flushes `folder`'s entries to disk (a rename or a new file in it).
    static func syncFolder(_ folder: String) {
        let fd = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { return }
        _ = fsync(fd)
        close(fd)
    }

    /// Gives the new file the replaced file's permission bits, and, when
    /// root writes, its owner (so a student's file stays the student's).
    private static func keepOwnerAndBits(of old: stat, on fd: Int32) {
        if old.st_uid != geteuid() || old.st_gid != getegid() { _ = fchown(fd, old.st_uid, old.st_gid) }
        // After the owner: changing the owner clears the set-id bits.
        _ = fchmod(fd, old.st_mode & 0o7777)
    }

    static func failure(_ path: String) -> RecLabError {
        RecLabError("cannot write (\(String(cString: strerror(errno))))", file: path)
    }
}

/// `write(2)`, named apart from ``AtomicFile/write(_:to:)``.
func systemWrite(_ fd: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
    #if canImport(Glibc)
    return Glibc.write(fd, bytes, count)
    #else
    return Darwin.write(fd, bytes, count)
    #endif
}
