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
        // A pipe as `reclab <(…)` hands one over: /proc/self/fd/N.
        func pipe(holding text: String) throws -> String {
            var ends: [Int32] = [0, 0]
            try #require(Glibc.pipe(&ends) == 0)
            _ = Array(text.utf8).withUnsafeBytes { write(ends[1], $0.baseAddress, $0.count) }
            close(ends[1])
            return "/proc/self/fd/\(ends[0])"
        }
        let script = try pipe(holding: "set rows 3\n")
        #expect(try UserFile.read(script, limit: 100, what: "a script", allowingPipes: true) == Array("set rows 3\n".utf8))
        let long = try pipe(holding: String(repeating: "x", count: 101))
        #expect(throws: RecLabError("holds more than 100 bytes, the most a script may be", file: long)) {
            try UserFile.read(long, limit: 100, what: "a script", allowingPipes: true)
        }
        for path in [script, long] { close(Int32(path.split(separator: "/").last!)!) }
        let folder = try HostileFolder()
        #expect(throws: RecLabError("is a named pipe (FIFO), not a file", file: folder.path("fifo.txt"))) {
            try UserFile.read(folder.path("fifo.txt"), limit: 100, what: "a script")
        }
    }
}
