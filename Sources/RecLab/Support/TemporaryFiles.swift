import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The hidden temporary files ``AtomicFile`` writes beside a target:
/// `.NAME.reclab-tmp-PID-RANDOM`, unique per process and per write, so two
/// reclabs (or two writes) never share one, and one left behind by a killed
/// process can be told apart from one still being written.
enum TemporaryFiles {
    static let marker = ".reclab-tmp-"

    /// A fresh temporary path for `target`, in the target's folder.
    static func path(for target: String, in folder: String) -> String {
        let random = String(UInt32.random(in: .min ... .max), radix: 16)
        let suffix = String(repeating: "0", count: 8 - random.count) + random
        return (folder as NSString).appendingPathComponent("\(prefix(for: target))\(getpid())-\(suffix)")
    }

    /// Removes the temporary files for `target` in `folder` that a process
    /// which no longer exists left behind (never reading them); those of
    /// live processes may still be being written, and stay.
    static func removeAbandoned(for target: String, in folder: String) {
        let prefix = prefix(for: target)
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
        for name in names where name.hasPrefix(prefix) {
            let rest = name.dropFirst(prefix.count).split(separator: "-", omittingEmptySubsequences: false)
            guard rest.count == 2, rest[1].count == 8, rest[1].allSatisfy(\.isHexDigit),
                  let pid = Int32(rest[0]), pid > 0, processIsGone(pid) else { continue }
            let path = (folder as NSString).appendingPathComponent(name)
            var info = stat()
            if lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG { unlink(path) }
        }
    }

    /// Whether no process `pid` exists (so whatever it left is abandoned).
    static func processIsGone(_ pid: Int32) -> Bool {
        kill(pid, 0) != 0 && errno == ESRCH
    }

    /// `.NAME.reclab-tmp-`, the name cut to 128 bytes so the whole stays
    /// under the 255 bytes a file name may have.
    private static func prefix(for target: String) -> String {
        var name = ""
        for character in (target as NSString).lastPathComponent {
            guard name.utf8.count + character.utf8.count <= 128 else { break }
            name.append(character)
        }
        return ".\(name)\(marker)"
    }
}
