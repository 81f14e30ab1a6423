#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Appending to a file the user's work lives in (a person's ratings), with
/// the refusals of ``AtomicFile``: a link is followed, and a FIFO, socket,
/// device, directory or read-only file is refused before it is opened
/// (opening a FIFO to write blocks until someone reads it).
public enum FileAppend {
    /// Appends `bytes` to the file at `path`, creating it (with `header`
    /// first) when missing, and flushes it to disk before returning.
    ///
    /// - Throws: ``RecLabError`` naming `path`, as ``AtomicFile/write(_:to:)``
    ///   does; nothing is appended then.
    /// - Complexity: O(bytes).
    public static func append(_ bytes: [UInt8], to path: String, header: [UInt8] = []) throws(RecLabError) {
        let target = try WriteTarget.resolve(path)
        var fd = open(target.real, O_WRONLY | O_APPEND | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o666)
        let created = fd >= 0
        if !created {
            guard errno == EEXIST else { throw target.cannotWrite() }
            fd = open(target.real, O_WRONLY | O_APPEND | O_NONBLOCK | O_NOFOLLOW | O_CLOEXEC)
            guard fd >= 0 else { throw AtomicFile.failure(path) }
        }
        defer { close(fd) }
        // What was opened must be what was checked (the path may have changed).
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG else {
            throw RecLabError("\(UserFile.kindRefusal(info.st_mode) ?? "is not a regular file"), not a file; nothing written", file: path)
        }
        let sink = AtomicFile.Sink(descriptor: fd, path: path)
        try sink.write(created ? header + bytes : bytes)
        guard fsync(fd) == 0 else { throw AtomicFile.failure(path) }
        if created { AtomicFile.syncFolder(target.folder) }
    }
}
