#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Opening a file the user named, for reading: the one seam every such read
/// goes through (`load`, `load model`, `run`, `rate … from`).
///
/// Only a regular file is opened. Its kind is looked up before it is
/// opened, because opening is not harmless for the other kinds: opening a
/// FIFO blocks until something writes to it, and opening a device may do
/// anything the device does (`/dev/zero` then never ends). The file is
/// opened without blocking and its kind checked again on the open file, in
/// case the path changed in between.
public enum UserFile {
    /// The message for a path where nothing is.
    public static let missing = "no such file"

    /// A file opened for reading, which the caller closes.
    public struct Opened: Sendable {
        /// The open file.
        public var descriptor: Int32
        /// Its size in bytes when it is a regular file; 0 for a pipe.
        public var size: Int
        /// Whether it is a pipe (only when pipes were allowed).
        public var isPipe: Bool
    }

    /// What a file of kind `mode` is, when it is not a regular file
    /// ("is a named pipe (FIFO)"); nil for a regular file.
    public static func kindRefusal(_ mode: mode_t) -> String? {
        switch mode & S_IFMT {
        case S_IFREG: return nil
        case S_IFDIR: return "is a directory"
        case S_IFIFO: return "is a named pipe (FIFO)"
        case S_IFCHR, S_IFBLK: return "is a device"
        case S_IFSOCK: return "is a socket"
        default: return "is not a regular file"
        }
    }

    /// Opens `path` for reading; `allowingPipes` also lets a pipe through
    /// (a script handed to the command line as `<(…)` or `/dev/stdin`).
    ///
    /// - Throws: ``RecLabError`` naming `path`: no such file, not a regular
    ///   file (what it is instead), or why it cannot be opened.
    public static func openForReading(_ path: String, allowingPipes: Bool = false) throws(RecLabError) -> Opened {
        var info = stat()
        guard stat(path, &info) == 0 else { throw openFailure(path) }
        try checkKind(info.st_mode, path: path, allowingPipes: allowingPipes)
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { throw openFailure(path) }
        guard fstat(fd, &info) == 0 else {
            let error = openFailure(path)
            close(fd)
            throw error
        }
        do {
            try checkKind(info.st_mode, path: path, allowingPipes: allowingPipes)
        } catch {
            close(fd)
            throw error
        }
        let isPipe = info.st_mode & S_IFMT == S_IFIFO
        // A pipe is read blocking, as a pipe from a shell expects.
        if isPipe { _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK) }
        return Opened(descriptor: fd, size: isPipe ? 0 : Int(info.st_size), isPipe: isPipe)
    }

    /// The bytes of the file at `path`, refused when there are more than
    /// `limit` of them (`what` names what the file should be: "a script").
    ///
    /// - Throws: as ``openForReading(_:allowingPipes:)``, and for a file
    ///   longer than `limit` (found before reading it when it is a regular
    ///   file, after `limit` bytes when it is a pipe).
    /// - Complexity: O(min(size, limit)).
    public static func read(_ path: String, limit: Int, what: String, allowingPipes: Bool = false) throws(RecLabError) -> [UInt8] {
        let file = try openForReading(path, allowingPipes: allowingPipes)
        defer { close(file.descriptor) }
        let most = MappedFile.formatBytes(limit)
        guard file.size <= limit else {
            throw RecLabError("file is \(MappedFile.formatBytes(file.size)), more than \(what) may be (\(most))", file: path)
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(file.size)
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = chunk.withUnsafeMutableBytes { systemRead(file.descriptor, $0.baseAddress!, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw RecLabError("cannot read (\(String(cString: strerror(errno))))", file: path)
            }
            if n == 0 { return bytes }
            bytes += chunk[..<n]
            // A file that grew, or a pipe that goes on.
            guard bytes.count <= limit else { throw RecLabError("holds more than \(most), the most \(what) may be", file: path) }
        }
    }

    private static func checkKind(_ mode: mode_t, path: String, allowingPipes: Bool) throws(RecLabError) {
        guard let refusal = kindRefusal(mode), !(allowingPipes && mode & S_IFMT == S_IFIFO) else { return }
        throw RecLabError("\(refusal), not a file", file: path)
    }

    private static func openFailure(_ path: String) -> RecLabError {
        errno == ENOENT || errno == ENOTDIR
            ? RecLabError(missing, file: path)
            : RecLabError("cannot open (\(String(cString: strerror(errno))))", file: path)
    }
}

/// `read(2)`, named apart from ``UserFile/read(_:limit:what:allowingPipes:)``.
private func systemRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
    #if canImport(Glibc)
    return Glibc.read(fd, buffer, count)
    #else
    return Darwin.read(fd, buffer, count)
    #endif
}
