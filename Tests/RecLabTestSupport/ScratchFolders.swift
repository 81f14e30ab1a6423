import Foundation
import Synchronization

/// Temporary folders a test process makes and removes when it exits, so
/// thousands of runs leave nothing behind in the system's temporary folder.
public enum ScratchFolders {
    private static let made = Mutex<[URL]>([])
    private static let registered = Mutex(false)

    /// A new, empty folder named `prefix-UUID` in the temporary folder,
    /// removed (with what is in it) when the process exits normally.
    public static func make(_ prefix: String) -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        remember(url)
        return url
    }

    /// Removes `url` at exit too (a folder a test names before making it).
    public static func remember(_ url: URL) {
        made.withLock { $0.append(url) }
        registered.withLock { done in
            guard !done else { return }
            done = true
            atexit { ScratchFolders.removeAll() }
        }
    }

    /// Removes every folder made so far.
    static func removeAll() {
        let urls = made.withLock { urls in
            defer { urls = [] }
            return urls
        }
        for url in urls { try? FileManager.default.removeItem(at: url) }
    }
}
