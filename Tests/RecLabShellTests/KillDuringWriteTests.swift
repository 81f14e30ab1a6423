import Foundation
import Testing
import RecLab
@testable import RecLabShell

/// `save TABLE PATH` and `save model M PATH` killed with SIGKILL at random
/// moments: the file at PATH is always either the one that was there or
/// the whole new one, never a torn one; and once a save completes, no
/// temporary file of the killed ones is left beside it.
@Suite(.serialized) struct KillDuringWriteTests {
    static var binary: URL { TestData.repository.appendingPathComponent(".build/debug/reclab") }

    /// A folder with `ratings.csv`: 150,000 rows, enough that writing it
    /// takes a while and a kill lands in the middle.
    final class Fixture {
        let folder: URL
        init() throws {
            folder = FileManager.default.temporaryDirectory.appendingPathComponent("reclab-kill-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            var text = "userId,movieId,rating,timestamp\n"
            var generator = SystemRandomNumberGenerator()
            for row in 0..<150_000 {
                text += "\(row % 700 + 1),\(row / 700 + 1),\(Double(Int.random(in: 1...10, using: &generator)) / 2),\(1_500_000_000 + row)\n"
            }
            try text.write(to: folder.appendingPathComponent("ratings.csv"), atomically: true, encoding: .utf8)
        }
        deinit { try? FileManager.default.removeItem(at: folder) }
    }

    /// Runs reclab on `commands` (piped, one per line) in `folder`; kills it
    /// `killAfter` seconds after it printed `marker` (the cell before the
    /// save ended), or lets it finish. Returns what it printed and the
    /// seconds from `marker` to its end.
    @discardableResult
    static func run(_ commands: [String], in folder: URL, marker: String, killAfter: Double?) throws -> (text: String, seconds: Double) {
        let process = Process()
        process.executableURL = binary
        process.currentDirectoryURL = folder
        process.arguments = ["--workspace", folder.appendingPathComponent("ws").path]
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = output
        try process.run()
        DispatchQueue.global().asyncAfter(deadline: .now() + 60) {
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        }
        input.fileHandleForWriting.write(Data((commands.joined(separator: "\n") + "\n").utf8))
        try input.fileHandleForWriting.close()
        var seen = ""
        while !seen.contains(marker) {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            seen += String(decoding: chunk, as: UTF8.self)
        }
        let started = Date()
        if let killAfter {
            usleep(useconds_t(killAfter * 1e6))
            kill(process.processIdentifier, SIGKILL)
        }
        seen += String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (seen, Date().timeIntervalSince(started))
    }

    /// Everything in `folder` whose name starts with a dot (temporary files).
    static func hidden(in folder: URL) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { $0.hasPrefix(".") }
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: binary.path), "build the reclab executable first (swift build)"),
          arguments: [
              (["save ratings out.csv"], "ratings:"),
              (["train bias", "save model bias out.model"], "trained on"),
          ])
    func aKilledSaveLeavesTheOldFileOrTheNewOneWhole(_ save: [String], marker: String) throws {
        let fixture = try Fixture()
        let folder = fixture.folder
        let target = folder.appendingPathComponent(save.last!.split(separator: " ").last.map(String.init)!)
        let commands = ["load ratings.csv"] + save
        // The whole file, as a save that is not interrupted writes it, and how long that takes.
        let first = try Self.run(commands, in: folder, marker: marker, killAfter: nil)
        #expect(!first.text.contains("error"), "\(first.text)")
        let whole = try Data(contentsOf: target)
        // A model file is whole when it reads back (its CRC covers every byte).
        let isWhole: (Data) -> Bool = target.pathExtension == "model"
            ? { _ in (try? Checkpoint.read(from: target.path)) != nil }
            : { $0 == whole }
        let old = Data("the file that was there\n".utf8)
        var tornOrOther = 0, kept = 0, replaced = 0
        let cycles = 12
        for cycle in 0..<cycles {
            try old.write(to: target)
            // Kills spread from the save's start to a little past its end.
            try Self.run(commands, in: folder, marker: marker, killAfter: first.seconds * 1.2 * Double(cycle) / Double(cycles))
            let now = try Data(contentsOf: target)
            if now == old { kept += 1 } else if isWhole(now) { replaced += 1 } else { tornOrOther += 1 }
        }
        print("\(save.last!): of \(cycles) kills, \(kept) left the old file, \(replaced) the new one, \(tornOrOther) another")
        #expect(tornOrOther == 0, "kept \(kept), replaced \(replaced), torn \(tornOrOther)")
        // A save that completes cleans up what the killed ones left.
        let last = try Self.run(commands, in: folder, marker: marker, killAfter: nil)
        #expect(!last.text.contains("error"), "\(last.text)")
        #expect(isWhole(try Data(contentsOf: target)))
        #expect(Self.hidden(in: folder).isEmpty, "left behind: \(Self.hidden(in: folder))")
    }
}
