import Foundation

/// Says which input crashed the process: the input about to run is kept
/// in a buffer a signal handler writes to standard error on a trap, and in
/// a file that survives a kill the handler never sees (the out-of-memory
/// killer). Then the previous handler (Swift's backtracer) runs as before.
enum CrashReporter {
    nonisolated(unsafe) private static var buffer = UnsafeMutablePointer<CChar>.allocate(capacity: capacity)
    nonisolated(unsafe) private static var length = 0
    nonisolated(unsafe) private static var previous: [Int32: sigaction] = [:]
    nonisolated(unsafe) private static var installed = false
    nonisolated(unsafe) private static var caseFile: Int32 = -1
    private static let capacity = 65_536
    private static let lock = NSLock()
    private static let signals = [SIGILL, SIGTRAP, SIGSEGV, SIGBUS, SIGABRT, SIGFPE]

    /// Installs the handler (once) and writes each input to `file` too.
    static func install(caseFile path: String) {
        lock.lock(); defer { lock.unlock() }
        if caseFile >= 0 { close(caseFile) }
        caseFile = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        // A stack overflow is reported too: the handler runs on a stack of
        // its own (on the thread that installs it, the one running cases).
        var stack = stack_t()
        stack.ss_sp = UnsafeMutableRawPointer.allocate(byteCount: 1 << 16, alignment: 16)
        stack.ss_size = 1 << 16
        sigaltstack(&stack, nil)
        guard !installed else { return }
        installed = true
        for sig in signals {
            var action = sigaction()
            action.__sigaction_handler.sa_handler = { sig in CrashReporter.report(sig) }
            sigemptyset(&action.sa_mask)
            action.sa_flags = SA_ONSTACK
            var old = sigaction()
            sigaction(sig, &action, &old)
            previous[sig] = old
        }
    }

    /// Records `text` (the case's seed, index and input) as the one running.
    static func running(_ text: String) {
        lock.lock(); defer { lock.unlock() }
        let bytes = Array(("\nreclab fuzz: the input running when the process died:\n" + text + "\n").utf8.prefix(capacity))
        bytes.withUnsafeBufferPointer { raw in
            raw.baseAddress!.withMemoryRebound(to: CChar.self, capacity: bytes.count) { buffer.update(from: $0, count: bytes.count) }
        }
        length = bytes.count
        if caseFile >= 0 {
            ftruncate(caseFile, 0)
            _ = bytes.withUnsafeBytes { pwrite(caseFile, $0.baseAddress, $0.count, 0) }
        }
    }

    /// The signal handler: only async-signal-safe calls.
    private static func report(_ sig: Int32) {
        _ = write(2, buffer, length)
        if var old = previous[sig] {
            sigaction(sig, &old, nil)
        } else {
            signal(sig, SIG_DFL)
        }
    }
}
