import Foundation
import Testing
import RecLabTestSupport
@testable import RecLab
#if canImport(Glibc)
import Glibc
#endif

/// The read seam (``UserFile``): only regular files are opened (a FIFO
/// would block, a device pour forever), and what is read is bounded.
@Suite struct UserFileTests {
    static func refusal(_ name: String) -> String {
        (name.hasPrefix("folder") ? "is a directory" : name.hasPrefix("null") ? "is a device" : "is a named pipe (FIFO)") + ", not a file"
    }

    @Test func tablesAndModelsRefuseWhatIsNotARegularFile() throws {
        let folder = try HostileFolder(extension: "csv")
        folder.unblockingFIFOs {
            for name in folder.refusedNames {
                let path = folder.path(name)
                #expect(throws: RecLabError(Self.refusal(name), file: path)) { try CSVReader.read(path: path) }
                #expect(throws: RecLabError(Self.refusal(name), file: path)) { try Checkpoint.read(from: path) }
            }
        }
        #expect(try CSVReader.read(path: folder.path("link-to-plain.csv")).columnNames == ["plain"])
    }

    @Test func readRefusesWhatIsNotARegularFileAndBoundsTheRest() throws {
        let folder = try HostileFolder()
        for name in folder.refusedNames {
            #expect(throws: RecLabError(Self.refusal(name), file: folder.path(name))) {
                try UserFile.read(folder.path(name), limit: 100, what: "a script")
            }
        }
        #expect(try UserFile.read(folder.path("link-to-plain.txt"), limit: 6, what: "a script") == Array("plain\n".utf8))
        #expect(throws: RecLabError("file is 6 bytes, more than a script may be (5 bytes)", file: folder.path("plain.txt"))) {
            try UserFile.read(folder.path("plain.txt"), limit: 5, what: "a script")
        }
        #expect(throws: RecLabError(UserFile.missing, file: folder.path("nothing"))) {
            try UserFile.read(folder.path("nothing"), limit: 5, what: "a script")
        }
    }

    @Test func aPipeIsReadWhenAllowedAndBounded() throws {
        // A pipe as `reclab <(…)` hands one over; here a FIFO of our own in a
        // temporary folder, holding `text`. This process keeps it open for a
        // moment (so the text waits in it for the reader), then lets go (the
        // reader then sees its end).
        let fifos = try HostileFolder()
        func pipe(_ name: String, holding text: String) throws -> String {
            let path = fifos.path(name)
            try #require(mkfifo(path, 0o600) == 0)
            let fd = open(path, O_RDWR)
            try #require(fd >= 0)
            _ = Array(text.utf8).withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            DispatchQueue.global().asyncAfter(deadline: .now() + 0.5) { close(fd) }
            return path
        }
        let script = try pipe("script", holding: "set rows 3\n")
        #expect(try UserFile.read(script, limit: 100, what: "a script", allowingPipes: true) == Array("set rows 3\n".utf8))
        let long = try pipe("long", holding: String(repeating: "x", count: 101))
        #expect(throws: RecLabError("holds more than 100 bytes, the most a script may be", file: long)) {
            try UserFile.read(long, limit: 100, what: "a script", allowingPipes: true)
        }
        let folder = try HostileFolder()
        #expect(throws: RecLabError("is a named pipe (FIFO), not a file", file: folder.path("fifo.txt"))) {
            try UserFile.read(folder.path("fifo.txt"), limit: 100, what: "a script")
        }
    }
}
