import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where a write to a path the user named really goes, and whether it may:
/// the checks ``AtomicFile`` and person files' appends (`PersonFileAccess`) make before writing.
///
/// Links are followed to the file they name, which is the one replaced (so
/// a link stays a link). What exists there must be a regular file with a
/// write bit: a FIFO, socket, device or directory, a read-only file, or a
/// file this process has open as its standard input, output or error, is
/// refused. The checks look at the mode bits themselves, because root may
/// write anything and reclab is run as root in CI and containers.
struct WriteTarget {
    /// The path as the user gave it (for messages).
    let path: String
    /// The file to create or replace: `path` with its links followed.
    let real: String
    /// What was at ``real`` when it was resolved (its bits and owner), nil
    /// when nothing was.
    let existing: stat?

    /// The folder ``real`` is in (where its temporary file goes).
    var folder: String {
        let folder = (real as NSString).deletingLastPathComponent
        return folder.isEmpty ? "." : folder
    }

    /// Resolves `path`, refusing what must not be written.
    ///
    /// - Parameter guarded: descriptors whose files must not be replaced,
    ///   with the names of the streams they are (tests pass their own).
    static func resolve(_ path: String, guarded: [Int32: String] = standardStreams) throws(RecLabError) -> WriteTarget {
        var info = stat()
        if stat(path, &info) == 0 {
            let real = realPath(path) ?? path
            try check(info, of: path, guarded: guarded)
            return WriteTarget(path: path, real: real, existing: info)
        }
        guard errno == ENOENT else { throw cannotWrite(path, errno: errno) }
        return WriteTarget(path: path, real: try danglingEnd(of: path), existing: nil)
    }

    /// Standard input, output and error: replacing the file one of them
    /// goes to (`save t /dev/stdout` with the output sent to a file) would
    /// cut reclab off from it.
    static let standardStreams: [Int32: String] = [0: "input", 1: "output", 2: "error"]

    /// Refuses when what is at ``real`` now (just before the rename) is not
    /// what may be replaced: something else may have been put there while
    /// the file was being written.
    func recheck() throws(RecLabError) {
        var info = stat()
        guard lstat(real, &info) == 0 else { return }
        try WriteTarget.check(info, of: path, guarded: [:])
    }

    /// The error for a file that cannot be created (just after the failed
    /// call, whose `errno` says why).
    func cannotWrite() -> RecLabError { WriteTarget.cannotWrite(path, real: real, errno: errno) }

    /// The error for a file that cannot be created at `path` (whose links
    /// lead to `real`), saying why: from `code` (the failed call's `errno`)
    /// when it tells more than the folder does — a name too long, a
    /// read-only or full disk — else from the folder: missing, not a
    /// folder, or not writable.
    static func cannotWrite(_ path: String, real: String? = nil, errno code: Int32 = 0) -> RecLabError {
        let file = URL(fileURLWithPath: real ?? path)
        let folder = file.deletingLastPathComponent().path
        let name = file.lastPathComponent
        var isDirectory: ObjCBool = false
        let reason: String
        switch code {
        case ENAMETOOLONG where name.utf8.count > Int(NAME_MAX):
            reason = "a file name may have at most \(NAME_MAX) bytes; this one has \(name.utf8.count)"
        case ENAMETOOLONG:
            reason = "the path is longer than the system allows (\(PATH_MAX) bytes)"
        case EROFS:
            reason = "the disk of \(folder) is mounted read-only"
        case ENOSPC, EDQUOT:
            reason = "no space left on the disk of \(folder)"
        case ELOOP:
            reason = "too many symbolic links on the way"
        default:
            if !FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory) {
                reason = "no such folder \(folder)"
            } else if !isDirectory.boolValue {
                reason = "\(folder) is not a folder"
            } else {
                reason = "no permission to write in \(folder)"
            }
        }
        return RecLabError("cannot write here (\(reason))", file: path)
    }

    private static func check(_ info: stat, of path: String, guarded: [Int32: String]) throws(RecLabError) {
        if let refusal = UserFile.kindRefusal(info.st_mode) {
            throw RecLabError("\(refusal), not a file; nothing written", file: path)
        }
        if info.st_mode & 0o222 == 0 || access(path, W_OK) != 0 {
            throw RecLabError("read-only file; nothing written (make it writable with chmod u+w, or choose another path)", file: path)
        }
        for (descriptor, stream) in guarded.sorted(by: { $0.key < $1.key }) {
            var open = stat()
            if fstat(descriptor, &open) == 0, open.st_dev == info.st_dev, open.st_ino == info.st_ino {
                throw RecLabError("is where reclab's standard \(stream) goes; nothing written", file: path)
            }
        }
    }

    /// `path` with every link resolved, when it exists.
    private static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// Where a missing `path` would be created: itself, or the far end of
    /// the chain of links that starts there (a link to a file not yet made).
    private static func danglingEnd(of path: String) throws(RecLabError) -> String {
        var current = path
        for _ in 0 ..< 40 {
            var info = stat()
            guard lstat(current, &info) == 0, info.st_mode & S_IFMT == S_IFLNK else { return current }
            var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
            let n = readlink(current, &buffer, buffer.count - 1)
            guard n > 0 else { throw cannotWrite(path, errno: errno) }
            let destination = String(decoding: buffer[..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
            current = destination.hasPrefix("/")
                ? destination
                : ((current as NSString).deletingLastPathComponent as NSString).appendingPathComponent(destination)
        }
        throw RecLabError("too many symbolic links; nothing written", file: path)
    }
}
