import Foundation
import Testing
import RecLabTestSupport
@testable import RecLabShell
#if canImport(Glibc)
import Glibc
#endif

/// Every verb that writes or reads a file the user names, pointed at what
/// is not a plain file (a FIFO, a directory, a device, a read-only file,
/// links to them): one line, nothing written, nothing blocks; a link to a
/// plain file is written through, the link kept, the file's bits kept.
@Suite struct HostilePathTests {
    /// A verb that writes a file: the statement before the path, and the
    /// extension its path needs.
    struct Writer: CustomStringConvertible, Sendable {
        var statement: String
        var ext: String
        var description: String { "\(statement) PATH.\(ext)" }
    }

    static let writers = [
        Writer(statement: "save tiny", ext: "csv"),
        Writer(statement: "save session", ext: "reclab"),
        Writer(statement: "save model popular", ext: "model"),
        Writer(statement: "export", ext: "md"),
        Writer(statement: "export", ext: "html"),
        Writer(statement: "hist tiny rating to", ext: "svg"),
    ]

    /// A session with `tiny` (four ratings) loaded, a `popular` model
    /// trained on it, and a chart among its cells (so `export` has a
    /// picture to write).
    static func session() throws -> SessionHarness {
        let h = SessionHarness()
        let data = try TempFolder()
        let file = try data.write("tiny.csv", "userId,movieId,rating\n1,10,4\n1,20,3\n2,10,5\n2,30,2\n")
        // Replayed as a script, so the cells are the notebook's.
        let script = "load \(file)\ntrain popular on tiny\nhist tiny rating\n"
        try #require(ScriptRunner().run(script, name: "setup", in: h.session), "\(h.printed)")
        return h
    }

    /// What a write to `name` (not a regular file) must say.
    static func writeRefusal(_ path: String, _ name: String) -> String {
        "\(path): \(kind(of: name)), not a file; nothing written"
    }

    /// What a read of `name` (not a regular file) must say.
    static func readRefusal(_ path: String, _ name: String) -> String {
        "\(path): \(kind(of: name)), not a file"
    }

    static func kind(of name: String) -> String {
        name.hasPrefix("folder") ? "is a directory" : name.hasPrefix("null") ? "is a device" : "is a named pipe (FIFO)"
    }

    @Test(arguments: writers) func writesRefuseWhatIsNotAFile(_ writer: Writer) throws {
        let h = try Self.session()
        let folder = try HostileFolder(extension: writer.ext)
        let before = folder.names
        for name in folder.refusedNames {
            let path = folder.path(name)
            let kind = folder.kind(name)
            h.refuses("\(writer.statement) \(path)", blaming: path, with: Self.writeRefusal(path, name))
            #expect(folder.kind(name) == kind, "\(name) replaced")
        }
        let readOnly = folder.path("readonly.\(writer.ext)")
        h.refuses("\(writer.statement) \(readOnly)", blaming: readOnly,
                  with: "\(readOnly): read-only file; nothing written (make it writable with chmod u+w, or choose another path)")
        #expect(folder.text("readonly.\(writer.ext)") == "keep\n")
        #expect(folder.permissions("readonly.\(writer.ext)") == 0o444)
        #expect(folder.names == before, "left behind: \(Set(folder.names).subtracting(before))")
    }

    @Test(arguments: writers) func aNameTooLongIsSaidToBeTooLong(_ writer: Writer) throws {
        let h = try Self.session()
        let folder = try HostileFolder(extension: writer.ext)
        let before = folder.names
        let name = String(repeating: "é", count: 150) + ".\(writer.ext)"  // 300-odd bytes
        let path = folder.path(name)
        h.refuses("\(writer.statement) \(path)", blaming: path) {
            $0.contains("a file name may have at most 255 bytes; this one has \(name.utf8.count)")
        }
        // Just under the limit (with room for export's NAME_files folder):
        // written, though the temporary name beside it would be longer.
        let longest = String(repeating: "a", count: 255 - max(writer.ext.utf8.count + 1, "_files".count)) + ".\(writer.ext)"
        let out = h.run("\(writer.statement) \(folder.path(longest))")
        #expect(!out.contains("error"), "\(out)")
        #expect(Set(folder.names).subtracting(before).filter { !$0.hasSuffix("_files") } == [longest])
    }

    @Test(arguments: writers) func writesGoThroughALinkAndKeepTheBits(_ writer: Writer) throws {
        let h = try Self.session()
        let folder = try HostileFolder(extension: writer.ext)
        let link = folder.path("link-to-plain.\(writer.ext)")
        let out = h.run("\(writer.statement) \(link)")
        #expect(!out.contains("error"), "\(out)")
        #expect(folder.kind("link-to-plain.\(writer.ext)") == S_IFLNK, "the link was replaced")
        let written = FileManager.default.contents(atPath: folder.path("plain.\(writer.ext)")) ?? Data()
        #expect(written != Data("plain\n".utf8) && !written.isEmpty, "the file behind the link was not written")
        #expect(folder.permissions("plain.\(writer.ext)") == 0o640)
        #expect(!folder.names.contains { $0.contains("reclab-tmp") }, "\(folder.names)")
    }

    @Test func aReplacedFileKeepsItsOwnerWhenRootWrites() throws {
        guard geteuid() == 0 else { return }
        let h = try Self.session()
        let folder = try HostileFolder(extension: "csv")
        let plain = folder.path("plain.csv")
        try #require(chown(plain, 4321, 4322) == 0)
        #expect(!h.run("save tiny \(plain)").contains("error"))
        var info = stat()
        try #require(stat(plain, &info) == 0)
        #expect(info.st_uid == 4321 && info.st_gid == 4322 && info.st_mode & 0o7777 == 0o640)
    }

    @Test func aTemporaryFileOfAKilledProcessIsRemovedByTheNextWrite() throws {
        let h = try Self.session()
        let folder = try HostileFolder(extension: "csv")
        let dead = try folder.write(".plain.csv.reclab-tmp-\(HostileFolder.deadProcess)-0badc0de", "half a file")
        // Process 1 is alive: its temporary file may be in use, and stays.
        let alive = try folder.write(".plain.csv.reclab-tmp-1-0badc0de", "in use")
        let other = try folder.write(".other.csv.reclab-tmp-\(HostileFolder.deadProcess)-0badc0de", "another target's")
        #expect(!h.run("save tiny \(folder.path("plain.csv"))").contains("error"))
        #expect(!FileManager.default.fileExists(atPath: dead))
        #expect(FileManager.default.fileExists(atPath: alive))
        #expect(FileManager.default.fileExists(atPath: other))
        #expect(folder.text("plain.csv")?.hasPrefix("userId,movieId,rating\n") == true)
    }

    @Test func exportWritesNoPicturesWhenItsNotebookIsRefused() throws {
        let h = try Self.session()
        let folder = try HostileFolder(extension: "md")
        let before = folder.names
        h.refuses("export \(folder.path("fifo.md"))") { _ in true }
        #expect(folder.names == before, "\(folder.names)")
        let exported = h.run("export \(folder.path("plain.md"))")
        #expect(!exported.contains("error"), "\(exported)")
        let pictures = (try? FileManager.default.contentsOfDirectory(atPath: folder.path("plain_files"))) ?? []
        #expect(pictures.count == 1 && pictures[0].hasSuffix(".svg"), "\(pictures) \(folder.names) \(exported)")
    }

    // MARK: Reading

    @Test func loadRefusesWhatIsNotAFile() throws {
        let h = try Self.session()
        let folder = try HostileFolder(extension: "csv")
        folder.unblockingFIFOs {
            for name in folder.refusedNames {
                let path = folder.path(name)
                h.refuses("load \(path)", blaming: path, with: Self.readRefusal(path, name))
                h.refuses("rate me from \(path)", blaming: path, with: Self.readRefusal(path, name))
            }
        }
        #expect(h.session.people["me"] == nil)
    }

    @Test func loadModelRefusesWhatIsNotAFile() throws {
        let h = try Self.session()
        let folder = try HostileFolder(extension: "model")
        folder.unblockingFIFOs {
            for name in folder.refusedNames {
                let path = folder.path(name)
                h.refuses("load model \(path)", blaming: path, with: Self.readRefusal(path, name))
            }
        }
    }

    @Test func runRefusesWhatIsNotAFileWithoutBlocking() throws {
        let h = try Self.session()
        let folder = try HostileFolder(extension: "reclab")
        folder.unblockingFIFOs {
            for name in folder.refusedNames {
                let path = folder.path(name)
                h.refuses("run \(path)", blaming: path, with: Self.readRefusal(path, name))
            }
        }
    }

    @Test func runRefusesAScriptLargerThanAnyScriptIs() throws {
        let h = try Self.session()
        let folder = try HostileFolder(extension: "reclab")
        let path = folder.path("huge.reclab")
        // Sparse: 17 MB that take no room and no time to make.
        try #require(FileManager.default.createFile(atPath: path, contents: nil) && truncate(path, 17_000_000) == 0)
        h.refuses("run \(path)", blaming: path, with: "\(path): file is 17 MB, more than a script may be (16 MB)")
    }
}
