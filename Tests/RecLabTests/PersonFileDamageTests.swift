import Foundation
import Testing
@testable import RecLab
#if canImport(Glibc)
import Glibc
#endif

/// Person files that are not what reclab last wrote — a last line without
/// its newline, CRLF line ends, binary junk, a FIFO or a device at the
/// path — never lose an acknowledged rating and never block.
@Suite struct PersonFileDamageTests {
    let folder = TestFiles.folder()
    var store: PeopleStore { PeopleStore(folder: folder) }

    func file(_ name: String) -> URL { store.file(for: name) }
    func bytes(_ name: String) -> [UInt8] { Array(FileManager.default.contents(atPath: file(name).path) ?? Data()) }

    @Test func aLastLineWithoutItsNewlineIsReadAndTheNextRatingStartsANewLine() throws {
        try Data("# reclab person 1\nrate 10 4".utf8).write(to: file("me"))
        #expect(store.loadAll().people.first?.ratings == [10: 4])
        try store.appendRating("me", movie: 11, rating: 3)
        let (people, warnings) = store.loadAll()
        #expect(warnings.isEmpty)
        #expect(people.first?.ratings == [10: 4, 11: 3])
        #expect(String(decoding: bytes("me"), as: UTF8.self) == "# reclab person 1\nrate 10 4\nrate 11 3.0\n")
    }

    @Test func crlfLineEndsAreRead() throws {
        try Data("# reclab person 1\r\nrate 10 4\r\nskip 12\r\nrate 11 3.5\r\n".utf8).write(to: file("me"))
        var (people, warnings) = store.loadAll()
        #expect(warnings.isEmpty)
        #expect(people.first?.ratings == [10: 4, 11: 3.5])
        #expect(people.first?.skipped == [12])
        try store.appendRating("me", movie: 13, rating: 5)
        (people, warnings) = store.loadAll()
        #expect(warnings.isEmpty)
        #expect(people.first?.ratings == [10: 4, 11: 3.5, 13: 5])
    }

    @Test(arguments: [
        ("NUL byte", Array("# reclab person 1\nrate 1 4\nrate 2 \0 3\n".utf8), 3, "a NUL byte"),
        ("invalid UTF-8", Array("# reclab person 1\n".utf8) + [0x72, 0xFF, 0xFE, 0x0A], 2, "not UTF-8 text"),
        ("binary junk", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D], 1, "not UTF-8 text"),
    ])
    func aDamagedFileIsNeverAppendedTo(_ what: String, _ content: [UInt8], _ line: Int, _ reason: String) throws {
        try Data(content).write(to: file("me"))
        let error = #expect(throws: RecLabError.self, "\(what)") { try store.appendRating("me", movie: 7, rating: 4.5) }
        #expect(error?.description.hasPrefix("\(file("me").path):\(line): \(reason)") == true, "\(what): \(error?.description ?? "")")
        #expect(bytes("me") == content, "\(what): the file is unchanged")
        #expect(throws: RecLabError.self) { try store.appendSkip("me", movie: 7) }
        #expect(throws: RecLabError.self) { try store.write(Person(name: "me")) }
        #expect(bytes("me") == content, "\(what): the file is unchanged")
        let (people, warnings) = store.loadAll()
        #expect(people.map(\.name) == ["me"], "\(what): listed, as damaged")
        #expect(people.first?.damage?.hasPrefix("\(file("me").path):\(line): \(reason)") == true, "\(what)")
        #expect(warnings.contains { $0.hasPrefix("\(file("me").path):\(line): \(reason)") }, "\(what)")
    }

    @Test func theReadableLinesOfADamagedFileStillLoad() throws {
        try Data("# reclab person 1\nrate 1 4\nrate 2 \0 3\nrate 3 5\n".utf8).write(to: file("me"))
        #expect(store.loadAll().people.first?.ratings == [1: 4, 3: 5])
    }

    @Test func aFIFOIsRefusedAtOnceAndNeverBlocks() throws {
        #expect(mkfifo(file("pipe").path, 0o644) == 0)
        let store = self.store
        let refusal = Box<RecLabError?>(nil)
        #expect(finishesQuickly(unblocking: file("pipe")) {
            do throws(RecLabError) { try store.appendRating("pipe", movie: 1, rating: 4) } catch { refusal.value = error }
        })
        #expect(refusal.value?.description == "\(file("pipe").path): is a named pipe (FIFO), not a file; nothing written")
        #expect(finishesQuickly(unblocking: file("pipe")) {
            do throws(RecLabError) { try store.write(Person(name: "pipe")) } catch { refusal.value = error }
        })
        #expect(refusal.value?.description == "\(file("pipe").path): is a named pipe (FIFO), not a file; nothing written")
        let loaded = Box<[Person]>([])
        #expect(finishesQuickly(unblocking: file("pipe")) { loaded.value = store.loadAll().people })
        #expect(loaded.value.first?.damage == "\(file("pipe").path): is a named pipe (FIFO), not a file")
        #expect(isFIFO(file("pipe")), "the FIFO is left as it was")
    }

    @Test func aFolderOrADeviceIsRefused() throws {
        try FileManager.default.createDirectory(at: file("dir"), withIntermediateDirectories: false)
        // A copy of the null device (1, 3), made in the temporary folder only.
        #expect(mknod(file("null").path, S_IFCHR | 0o666, dev_t(1 << 8 | 3)) == 0)
        for (name, kind) in [("dir", "is a directory"), ("null", "is a device")] {
            let error = #expect(throws: RecLabError.self) { try store.appendRating(name, movie: 1, rating: 4) }
            #expect(error?.description == "\(file(name).path): \(kind), not a file; nothing written")
            #expect(throws: RecLabError.self) { try store.write(Person(name: name)) }
        }
        var isFolder: ObjCBool = false
        #expect(FileManager.default.fileExists(atPath: file("dir").path, isDirectory: &isFolder) && isFolder.boolValue)
        let people = store.loadAll().people
        #expect(people.map(\.name) == ["dir", "null"])
        #expect(people.allSatisfy { $0.damage != nil })
    }

    @Test func aReadOnlyFileIsRefusedEvenForRoot() throws {
        try store.appendRating("me", movie: 1, rating: 4)
        let before = bytes("me")
        #expect(chmod(file("me").path, 0o444) == 0)
        let error = #expect(throws: RecLabError.self) { try store.appendRating("me", movie: 2, rating: 3) }
        #expect(error?.description == "\(file("me").path): read-only file; nothing written (make it writable with chmod u+w, or choose another path)")
        #expect(throws: RecLabError.self) { try store.write(Person(name: "me")) }
        #expect(bytes("me") == before)
        let mode = try FileManager.default.attributesOfItem(atPath: file("me").path)[.posixPermissions] as? Int
        #expect(mode == 0o444)
    }

    @Test func aNewPersonFileStartsWithTheHeaderAndAnEmptyOneGetsIt() throws {
        _ = FileManager.default.createFile(atPath: file("me").path, contents: Data())
        try store.appendRating("me", movie: 1, rating: 4)
        #expect(String(decoding: bytes("me"), as: UTF8.self) == "# reclab person 1\nrate 1 4.0\n")
    }

    /// Runs `body` on another thread; if it has not returned within two
    /// seconds, opens `fifo` both ways so a blocked `open` returns, and
    /// reports failure.
    private func finishesQuickly(unblocking fifo: URL, _ body: @escaping @Sendable () -> Void) -> Bool {
        let done = DispatchSemaphore(value: 0)
        Thread { body(); done.signal() }.start()
        if done.wait(timeout: .now() + 2) == .success { return true }
        let fd = open(fifo.path, O_RDWR | O_NONBLOCK)
        close(fd)
        done.wait()
        return false
    }

    private func isFIFO(_ url: URL) -> Bool {
        var info = stat()
        return lstat(url.path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFIFO
    }
}

/// A value a test's other thread hands back.
private final class Box<Value>: @unchecked Sendable {
    var value: Value
    init(_ value: Value) { self.value = value }
}
