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
        let opened = try open(path, flags: O_RDONLY)
        close(opened.descriptor)
        return opened.bytes
    }

    /// Opens `path` to append to it, creating it when there is nothing
    /// there; the caller closes ``Opened/descriptor``.
    ///
    /// - Throws: ``RecLabError`` naming `path` when it is not a regular
    ///   file, is read-only, or cannot be opened or read.
    static func openForAppending(_ path: String) throws(RecLabError) -> Opened {
        try checkWritable(path)
        return try open(path, flags: O_RDWR | O_APPEND | O_CREAT)
    }

    /// Checks that `path` is nothing or a regular file that may be written.
    static func checkWritable(_ path: String) throws(RecLabError) {
        var info = stat()
        guard stat(path, &info) == 0 else { return }
        try requireRegular(info, path)
        // Root may write anything: the permission bits say whether to.
        if info.st_mode & 0o222 == 0 { throw RecLabError("read-only file", file: path) }
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
        guard fd >= 0 else { throw failure(flags == O_RDONLY ? "cannot read" : "cannot write", path) }
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

    private static func requireRegular(_ info: stat, _ path: String) throws(RecLabError) {
        let kind: String
        switch info.st_mode & S_IFMT {
        case S_IFREG: return
        case S_IFIFO: kind = "a FIFO"
        case S_IFDIR: kind = "a folder"
        case S_IFCHR: kind = "a character device"
        case S_IFBLK: kind = "a block device"
        case S_IFSOCK: kind = "a socket"
        default: kind = "something else"
        }
        throw RecLabError("\(kind), not a regular file", file: path)
    }

    private static func failure(_ what: String, _ path: String) -> RecLabError {
        RecLabError("\(what) (\(String(cString: strerror(errno))))", file: path)
    }
}
