import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Opens person files so that nothing at a person's path can block reclab
/// or swallow a rating: a FIFO, a folder or a device is refused before it
/// is opened (`stat`), and again on the open descriptor (`fstat`), which is
/// opened non-blocking in case something else was put there in between.
/// Symbolic links are followed.
enum PersonFileAccess {
    /// An open person file and the bytes it held when opened.
    struct Opened {
        let descriptor: Int32
        let bytes: [UInt8]
    }

    /// Opens `path` to read it and returns its bytes; `nil` when there is
    /// no file there.
    ///
    /// - Throws: ``RecLabError`` naming `path` when it is not a regular
    ///   file or cannot be read.
    static func read(_ path: String) throws(RecLabError) -> [UInt8]? {
        guard try check(path) else { return nil }
        return try UserFile.read(path, limit: sizeLimit, what: "a person file")
    }

    /// Far above any person's file (a rating line is about 20 bytes).
    static let sizeLimit = 256 << 20

    /// Opens `path` to append to it, creating it when there is nothing
    /// there; the caller closes ``Opened/descriptor``.
    ///
    /// - Throws: ``RecLabError`` naming `path` when it is not a regular
    ///   file, is read-only, or cannot be opened or read.
    static func openForAppending(_ path: String) throws(RecLabError) -> Opened {
        try checkWritable(path)
        return try open(path, flags: O_RDWR | O_APPEND | O_CREAT)
    }

    /// Checks that `path` is nothing or a file that may be written: the
    /// write seam's own refusals (``WriteTarget``), so a person file is
    /// refused exactly where `save` would refuse.
    static func checkWritable(_ path: String) throws(RecLabError) {
        _ = try WriteTarget.resolve(path)
    }

    /// Whether something is at `path`, refusing anything but a regular file.
    private static func check(_ path: String) throws(RecLabError) -> Bool {
        var info = stat()
        guard stat(path, &info) == 0 else {
            if errno == ENOENT { return false }
            throw failure("cannot read", path)
        }
        try requireRegular(info, path)
        return true
    }

    private static func open(_ path: String, flags: Int32) throws(RecLabError) -> Opened {
        let fd = Glibc.open(path, flags | O_NONBLOCK | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw failure("cannot write", path) }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            close(fd)
            throw failure("cannot read", path)
        }
        do throws(RecLabError) {
            try requireRegular(info, path)
            return Opened(descriptor: fd, bytes: try readAll(fd, path))
        } catch {
            close(fd)
            throw error
        }
    }

    private static func readAll(_ fd: Int32, _ path: String) throws(RecLabError) -> [UInt8] {
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        var offset: off_t = 0
        while true {
            let n = chunk.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, offset) }
            if n < 0 {
                if errno == EINTR { continue }
                throw failure("cannot read", path)
            }
            if n == 0 { return bytes }
            bytes += chunk[..<n]
            offset += off_t(n)
        }
    }

    /// Refuses anything but a regular file, in the read and write seams' words.
    private static func requireRegular(_ info: stat, _ path: String) throws(RecLabError) {
        if let kind = UserFile.kindRefusal(info.st_mode) { throw RecLabError("\(kind), not a file", file: path) }
    }

    private static func failure(_ what: String, _ path: String) -> RecLabError {
        RecLabError("\(what) (\(String(cString: strerror(errno))))", file: path)
    }
}
