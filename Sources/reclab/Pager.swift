import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Shows text a screen at a time through `$PAGER` (default `less -FRX`:
/// quit at the end of a short text, keep colours, leave the text on the
/// screen), as psql does; when no pager can be started, prints the text.
enum Pager {
    /// The pager command: `$PAGER`, else `less -FRX`.
    static var command: String {
        let given = ProcessInfo.processInfo.environment["PAGER"] ?? ""
        return given.trimmingCharacters(in: .whitespaces).isEmpty ? "less -FRX" : given
    }

    /// Pipes `text` into the pager and waits for it to end.
    static func show(_ text: String) {
        var pid: pid_t = 0
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else { return Terminal.write(text) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, fds[0], STDIN_FILENO)
        posix_spawn_file_actions_addclose(&actions, fds[1])
        let arguments = ["/bin/sh", "-c", command]
        var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        let spawned = posix_spawn(&pid, "/bin/sh", &actions, nil, &argv, environ)
        close(fds[0])
        guard spawned == 0 else {
            close(fds[1])
            return Terminal.write(text)
        }
        // A pager that quits early (q) closes the pipe: the rest is dropped.
        let previous = signal(SIGPIPE, SIG_IGN)
        let bytes = Array(text.utf8)
        bytes.withUnsafeBytes { raw in
            guard let base = raw.baseAddress else { return }
            var offset = 0
            while offset < raw.count {
                let written = Glibc.write(fds[1], base + offset, raw.count - offset)
                if written <= 0 { break }
                offset += written
            }
        }
        close(fds[1])
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        signal(SIGPIPE, previous)
    }
}
