import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A fresh temporary folder holding the things a path may name besides a
/// plain file — a FIFO, a directory, a read-only file, symbolic links, a
/// character device when the system lets the tests make one — for tests
/// that reading and writing refuse them or go through them safely.
///
/// Everything is made inside the folder (never at a system path), and the
/// folder is removed when the value is released.
public final class HostileFolder {
    /// The folder.
    public let url: URL

    /// Makes the folder and, in it, each name ending in `.EXT`:
    /// `plain` ("plain\n", mode 0640), `fifo` (a named pipe), `folder` (a
    /// directory), `readonly` ("keep\n", mode 0444), `link-to-plain` and
    /// `link-to-fifo` (relative symbolic links), and `null`, a character
    /// device with /dev/null's numbers, when `mknod` is allowed.
    public init(extension ext: String = "txt") throws {
        self.ext = ext
        url = FileManager.default.temporaryDirectory.appendingPathComponent("reclab-hostile-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        try write("plain.\(ext)", "plain\n", mode: 0o640)
        guard mkfifo(path("fifo.\(ext)"), 0o644) == 0 else { throw CocoaError(.fileWriteUnknown) }
        try FileManager.default.createDirectory(atPath: path("folder.\(ext)"), withIntermediateDirectories: false)
        try write("readonly.\(ext)", "keep\n", mode: 0o444)
        guard symlink("plain.\(ext)", path("link-to-plain.\(ext)")) == 0,
              symlink("fifo.\(ext)", path("link-to-fifo.\(ext)")) == 0 else {
            throw CocoaError(.fileWriteUnknown)
        }
        // /dev/null is major 1, minor 3 (old-style encoding: major << 8 | minor).
        hasDevice = mknod(path("null.\(ext)"), S_IFCHR | 0o666, dev_t((1 << 8) | 3)) == 0
    }

    /// The extension of the names made.
    public let ext: String

    /// The names that are not regular files (reached through a link or
    /// not): each must be refused by a read or a write.
    public var refusedNames: [String] {
        ["fifo", "link-to-fifo", "folder"].map { "\($0).\(ext)" } + (hasDevice ? ["null.\(ext)"] : [])
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    /// Whether `null` (a character device node) could be made.
    public private(set) var hasDevice = false

    /// The path of `name` in the folder (which need not exist).
    public func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    /// Writes `text` to `name` with permission bits `mode`; returns its path.
    @discardableResult
    public func write(_ name: String, _ text: String, mode: mode_t = 0o644) throws -> String {
        let file = path(name)
        try Data(text.utf8).write(to: URL(fileURLWithPath: file))
        guard chmod(file, mode) == 0 else { throw CocoaError(.fileWriteNoPermission) }
        return file
    }

    /// The text of `name`, or nil when it cannot be read as a file.
    public func text(_ name: String) -> String? {
        var info = stat()
        guard stat(path(name), &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return nil }
        return try? String(contentsOfFile: path(name), encoding: .utf8)
    }

    /// The kind (`S_IFMT` bits) of `name` itself, not following a link.
    public func kind(_ name: String) -> mode_t {
        var info = stat()
        return lstat(path(name), &info) == 0 ? info.st_mode & S_IFMT : 0
    }

    /// The permission bits of `name` (following a link).
    public func permissions(_ name: String) -> mode_t {
        var info = stat()
        return stat(path(name), &info) == 0 ? info.st_mode & 0o7777 : 0
    }

    /// The names in the folder, sorted (hidden ones included).
    public var names: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []).sorted()
    }

    /// Runs `body` while a helper thread keeps opening the folder's FIFOs
    /// for writing and closing them again, so code that wrongly opens one
    /// for reading sees an empty file instead of blocking the tests forever.
    public func unblockingFIFOs<T>(_ body: () throws -> T) rethrows -> T {
        let fifos = names.filter { kind($0) == S_IFIFO }.map(path)
        let done = Flag()
        let thread = Thread {
            while !done.isSet {
                for fifo in fifos {
                    let fd = open(fifo, O_WRONLY | O_NONBLOCK)
                    if fd >= 0 { close(fd) }
                }
                usleep(20_000)
            }
        }
        thread.start()
        defer { done.set() }
        return try body()
    }

    /// A process id no process has: the highest a pid can be on Linux,
    /// checked with `kill(pid, 0)`.
    public static var deadProcess: Int32 {
        var pid: Int32 = 4_194_303
        while kill(pid, 0) == 0 || errno != ESRCH { pid -= 1 }
        return pid
    }
}

/// A flag one thread sets and another reads.
private final class Flag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false
    var isSet: Bool { lock.withLock { value } }
    func set() { lock.withLock { value = true } }
}
