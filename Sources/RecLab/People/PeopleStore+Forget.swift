import Foundation
#if canImport(Glibc)
import Glibc
#endif

extension PeopleStore {
    /// The folder forgotten people's files are moved to, inside ``folder``
    /// (which is read for `*.person` files only, so they are not loaded).
    public var forgottenFolder: URL { folder.appendingPathComponent("forgotten") }

    /// Moves `name`'s file into ``forgottenFolder`` (as `NAME.person`, or
    /// `NAME-2.person`, … when an earlier one is there), so the person is
    /// no longer loaded but nothing is deleted; returns where it went, or
    /// `nil` when the person had no file.
    ///
    /// The move is a rename within the folder's disk, flushed to disk
    /// before returning: after a crash the file is in one place or the other.
    public func moveAside(_ name: String) throws(RecLabError) -> URL? {
        let source = file(for: name)
        var info = stat()
        guard lstat(source.path, &info) == 0 else { return nil }
        do {
            try FileManager.default.createDirectory(at: forgottenFolder, withIntermediateDirectories: true)
        } catch {
            throw RecLabError("cannot create \(forgottenFolder.path) to keep \(name)'s file; nothing forgotten")
        }
        var target = forgottenFolder.appendingPathComponent("\(name).person")
        var k = 1
        while FileManager.default.fileExists(atPath: target.path) || (try? FileManager.default.destinationOfSymbolicLink(atPath: target.path)) != nil {
            k += 1
            target = forgottenFolder.appendingPathComponent("\(name)-\(k).person")
        }
        guard rename(source.path, target.path) == 0 else {
            throw RecLabError("cannot move \(source.path) to \(target.path): \(String(cString: strerror(errno))); nothing forgotten")
        }
        AtomicFile.syncFolder(forgottenFolder.path)
        AtomicFile.syncFolder(folder.path)
        return target
    }
}
