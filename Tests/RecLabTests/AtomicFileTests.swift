import Foundation
import Testing
import RecLabTestSupport
@testable import RecLab
#if canImport(Glibc)
import Glibc
#endif

/// The write seam (``AtomicFile``, ``WriteTarget``): what is
/// at a path is never destroyed, links are written through, and temporary
/// files never pile up. These run as root in CI, where permissions alone
/// would let every write through.
@Suite struct AtomicFileTests {
    static func kind(of name: String) -> String {
        name.hasPrefix("folder") ? "is a directory" : name.hasPrefix("null") ? "is a device" : "is a named pipe (FIFO)"
    }

    @Test func refusesWhatIsNotARegularFileAndLeavesItThere() throws {
        let folder = try HostileFolder()
        let before = folder.names
        for name in folder.refusedNames {
            let path = folder.path(name)
            let kind = folder.kind(name)
            #expect(throws: RecLabError("\(Self.kind(of: name)), not a file; nothing written", file: path)) {
                try AtomicFile.write(Array("new\n".utf8), to: path)
            }
            #expect(folder.kind(name) == kind, "\(name) was replaced")
        }
        #expect(folder.names == before, "left behind: \(Set(folder.names).subtracting(before))")
    }

    @Test func refusesAReadOnlyFileEvenAsRoot() throws {
        let folder = try HostileFolder()
        let path = folder.path("readonly.txt")
        #expect(throws: RecLabError("read-only file; nothing written (make it writable with chmod u+w, or choose another path)", file: path)) {
            try AtomicFile.write(Array("new\n".utf8), to: path)
        }
        #expect(folder.text("readonly.txt") == "keep\n")
        #expect(folder.permissions("readonly.txt") == 0o444)
    }

    @Test func writesThroughALinkKeepingTheLinkAndTheBits() throws {
        let folder = try HostileFolder()
        try AtomicFile.write(Array("new\n".utf8), to: folder.path("link-to-plain.txt"))
        #expect(folder.kind("link-to-plain.txt") == S_IFLNK)
        #expect(folder.text("plain.txt") == "new\n")
        #expect(folder.permissions("plain.txt") == 0o640)
        #expect(!folder.names.contains { $0.contains("reclab-tmp") }, "\(folder.names)")
    }

    @Test func aLinkToAFileNotYetMadeMakesTheFileItNames() throws {
        let folder = try HostileFolder()
        try FileManager.default.createDirectory(atPath: folder.path("sub"), withIntermediateDirectories: false)
        try #require(symlink("sub/later.txt", folder.path("later-link.txt")) == 0)
        try AtomicFile.write(Array("made\n".utf8), to: folder.path("later-link.txt"))
        #expect(folder.kind("later-link.txt") == S_IFLNK)
        #expect(folder.text("sub/later.txt") == "made\n")
        // The temporary file was made beside the real file, and is gone.
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path("sub")) == ["later.txt"])
    }

    @Test func aTemporaryFileOfAKilledProcessIsRemovedUnread() throws {
        let folder = try HostileFolder()
        let dead = try folder.write(".plain.txt.reclab-tmp-\(HostileFolder.deadProcess)-0badc0de", "half")
        let alive = try folder.write(".plain.txt.reclab-tmp-1-0badc0de", "being written")
        let notOurs = try folder.write(".plain.txt.reclab-tmp-\(HostileFolder.deadProcess).txt", "someone's file")
        try AtomicFile.write(Array("new\n".utf8), to: folder.path("plain.txt"))
        #expect(!FileManager.default.fileExists(atPath: dead))
        #expect(FileManager.default.fileExists(atPath: alive) && FileManager.default.fileExists(atPath: notOurs))
        #expect(folder.text("plain.txt") == "new\n")
    }

    @Test func temporaryNamesDifferPerWriteAndNameTheProcess() {
        let a = TemporaryFiles.path(for: "/x/out.csv", in: "/x"), b = TemporaryFiles.path(for: "/x/out.csv", in: "/x")
        #expect(a != b)
        #expect(a.hasPrefix("/x/.out.csv.reclab-tmp-\(getpid())-"))
        let long = String(repeating: "é", count: 200) + ".csv"
        #expect(URL(fileURLWithPath: TemporaryFiles.path(for: long, in: "/x")).lastPathComponent.utf8.count < 255)
    }

    @Test func aWriteThatFailsHalfwayLeavesTheOldFileAndNoTemporary() throws {
        let folder = try HostileFolder()
        let before = folder.names
        #expect(throws: RecLabError.cancelled) {
            try AtomicFile.write(to: folder.path("plain.txt")) { (sink) throws(RecLabError) in
                try sink.write(Array("half".utf8))
                throw .cancelled
            }
        }
        #expect(folder.text("plain.txt") == "plain\n")
        #expect(folder.names == before)
    }

    @Test func refusesTheFileItsOwnOutputGoesTo() throws {
        let folder = try HostileFolder()
        let fd = open(folder.path("plain.txt"), O_WRONLY | O_APPEND)
        try #require(fd >= 0)
        defer { close(fd) }
        #expect(throws: RecLabError("is where reclab's standard output goes; nothing written", file: folder.path("link-to-plain.txt"))) {
            try WriteTarget.resolve(folder.path("link-to-plain.txt"), guarded: [fd: "output"])
        }
    }

    @Test func csvSaveGoesThroughTheSeam() throws {
        let folder = try HostileFolder(extension: "csv")
        let table = try CSVReader.read(path: TestFiles.write("a,b\n1,2\n"))
        #expect(throws: RecLabError("is a named pipe (FIFO), not a file; nothing written", file: folder.path("fifo.csv"))) {
            try CSVWriter.write(table, to: folder.path("fifo.csv"))
        }
        #expect(folder.kind("fifo.csv") == S_IFIFO)
        try CSVWriter.write(table, to: folder.path("link-to-plain.csv"))
        #expect(folder.text("plain.csv") == "a,b\n1,2\n" && folder.permissions("plain.csv") == 0o640)
        #expect(folder.kind("link-to-plain.csv") == S_IFLNK)
    }
}
