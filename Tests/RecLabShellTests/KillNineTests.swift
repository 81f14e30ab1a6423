import Foundation
import Testing
@testable import RecLabShell
#if canImport(Glibc)
import Glibc
#endif

/// The real shell killed with SIGKILL at random moments, again and again:
/// every rating it acknowledged is in the person's file after the restart,
/// a whole-file rewrite (`rate P from SHEET`, `blend`) leaves the old file
/// or the new one and never a torn one, and no temporary file stays behind.
@Suite(.serialized) struct KillNineTests {
    static var binary: URL { TestData.repository.appendingPathComponent(".build/debug/reclab") }
    static let cycles = 30

    /// A fresh folder with `movies.csv`: movies 1…2000 titled `Movie ID (2000)`.
    let data = FileManager.default.temporaryDirectory.appendingPathComponent("reclab-kill-\(UUID().uuidString)")
    var workspace: URL { data.appendingPathComponent("workspace") }
    var people: URL { workspace.appendingPathComponent("people") }
    var store: PeopleStore { PeopleStore(folder: people) }

    init() throws {
        try FileManager.default.createDirectory(at: workspace, withIntermediateDirectories: true)
        let rows = (1...2000).map { "\($0),Movie \($0) (2000),Drama" }
        try (["movieId,title,genres"] + rows).joined(separator: "\n").appending("\n")
            .write(to: data.appendingPathComponent("movies.csv"), atomically: true, encoding: .utf8)
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: binary.path), "build the reclab executable first (swift build)"))
    func everyAcknowledgedRatingSurvives() throws {
        var generator = SystemRandomNumberGenerator()
        var acknowledged: [Int64: Double] = [:]
        var firstMovie: Int64 = 1
        let perCycle = 40
        // One undisturbed run says how long the ratings take after the load; the
        // kills fall over twice that, since a loaded machine may be slower.
        var window = 0.0...0.0
        var interrupted = 0  // cycles killed between two acknowledgements
        for cycle in 0...Self.cycles {
            let movies = firstMovie ..< firstMovie + Int64(perCycle)
            firstMovie += Int64(perCycle)
            var lines = ["load \(data.path)/movies.csv"]
            var sent: [Int64: Double] = [:]
            for movie in movies {
                let rating = Double(Int.random(in: 1...10, using: &generator)) / 2
                sent[movie] = rating
                lines.append("rate me \(movie) \(rating)")
            }
            let killAfter = cycle == 0 ? nil : Double.random(in: window, using: &generator)
            let run = try ShellRun(binary: Self.binary, workspace: workspace, lines: lines, killAfter: killAfter)
            if cycle == 0 { window = 0...max(0.05, 2 * run.seconds) }
            let acks = run.output.filter { $0.hasPrefix("me: Movie ") }
            for line in acks {
                let id = Int64(line.dropFirst("me: Movie ".count).prefix { $0.isNumber })!
                acknowledged[id] = sent[id]
            }
            if (1..<perCycle).contains(acks.count) { interrupted += 1 }
            #expect(!run.errors.contains("warning") && !run.errors.contains("error"), "cycle \(cycle): \(run.errors)")
            let (loaded, warnings) = store.loadAll()
            #expect(warnings.isEmpty, "cycle \(cycle)")
            let onDisk = loaded.first?.ratings ?? [:]
            let lost = acknowledged.filter { onDisk[$0.key] != $0.value }
            #expect(lost.isEmpty, "cycle \(cycle): acknowledged but not on disk: \(lost)")
            if !lost.isEmpty { break }
        }
        #expect(interrupted > 0, "some kills fell while the ratings were coming")
        #expect(try FileManager.default.contentsOfDirectory(atPath: people.path) == ["me.person"])
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: binary.path), "build the reclab executable first (swift build)"))
    func aRewriteLeavesTheOldFileOrTheNewOne() throws {
        var generator = SystemRandomNumberGenerator()
        // Three sheets rating the same 1500 movies differently, and a base person.
        let movies = Array(Int64(1)...1500)
        var sheets: [Person] = []
        for k in 0..<3 {
            var person = Person(name: "imp")
            var rows = ["movieId,rating"]
            for movie in movies {
                let rating = Double((Int(movie) + k) % 10 + 1) / 2
                person.rate(movie, rating)
                rows.append("\(movie),\(rating)")
            }
            sheets.append(person)
            try rows.joined(separator: "\n").write(to: data.appendingPathComponent("sheet\(k).csv"), atomically: true, encoding: .utf8)
        }
        var base = Person(name: "base")
        for movie in movies { base.rate(movie, 3) }
        try store.write(base)
        let blends = sheets.map { Person.blend([$0, base], as: "mix").ratings }

        var importedBefore: Set<Int> = []  // sheets whose import was sent (acknowledged or not)
        // One undisturbed run says how long the two rewrites take; the kills fall
        // over twice that (later runs are slower: the files they load are larger).
        var window = 0.0...0.0
        var interrupted = 0  // cycles killed before the blend was acknowledged
        for cycle in 0...Self.cycles {
            let k = cycle % sheets.count
            // `people` answers once the shell has started; the kill clock starts there.
            let lines = ["people", "rate imp from \(data.path)/sheet\(k).csv", "mix = blend imp base"]
            let killAfter = cycle == 0 ? nil : Double.random(in: window, using: &generator)
            let run = try ShellRun(binary: Self.binary, workspace: workspace, lines: lines, killAfter: killAfter)
            if cycle == 0 { window = 0...max(0.05, 2 * run.seconds) }
            if !run.output.contains(where: { $0.hasPrefix("mix: ") }) { interrupted += 1 }
            importedBefore.insert(k)
            #expect(!run.errors.contains("warning") && !run.errors.contains("error"), "cycle \(cycle): \(run.errors)")
            let (loaded, warnings) = store.loadAll()
            #expect(warnings.isEmpty, "cycle \(cycle): \(warnings)")
            let imp = loaded.first { $0.name == "imp" }?.ratings
            let mix = loaded.first { $0.name == "mix" }?.ratings
            if run.output.contains(where: { $0.hasPrefix("imp: 1,500 ratings imported") }) {
                #expect(imp == sheets[k].ratings, "cycle \(cycle): the acknowledged import")
            } else {
                #expect(imp == nil || importedBefore.contains { sheets[$0].ratings == imp }, "cycle \(cycle): old or new")
            }
            if run.output.contains(where: { $0.hasPrefix("mix: 1,500 ratings blended") }) {
                #expect(mix == blends[k], "cycle \(cycle): the acknowledged blend")
            } else {
                #expect(mix == nil || blends.contains(mix!), "cycle \(cycle): old or new")
            }
        }
        #expect(interrupted > 0, "some kills fell during the rewrites")
        // The next write to each file removes what a killed write left.
        _ = try ShellRun(binary: Self.binary, workspace: workspace, lines: ["rate imp from \(data.path)/sheet0.csv", "mix = blend imp base"], killAfter: nil)
        let left = try FileManager.default.contentsOfDirectory(atPath: people.path).sorted()
        #expect(left == ["base.person", "imp.person", "mix.person"])
    }
}

/// One run of the reclab executable on a workspace, fed `lines` on standard
/// input, killed with SIGKILL `killAfter` seconds after its first output
/// (or left to answer every line, then closed). Timed from its first
/// output, not its launch, since starting takes longer as people's files
/// grow: the kills fall on the work that follows.
struct ShellRun {
    /// The lines it printed on standard output (every acknowledgement).
    var output: [String] = []
    /// What it printed on standard error.
    var errors = ""
    /// From its first output to its last.
    var seconds = 0.0
    /// When each line of ``output`` was read, in seconds from the first.
    var arrivals: [Double] = []

    init(binary: URL, workspace: URL, lines: [String], killAfter: Double?) throws {
        let process = Process()
        process.executableURL = binary
        process.arguments = ["--workspace", workspace.path]
        let input = Pipe(), output = Pipe()
        let errorFile = workspace.deletingLastPathComponent().appendingPathComponent("stderr-\(UUID().uuidString)")
        FileManager.default.createFile(atPath: errorFile.path, contents: nil)
        process.standardInput = input
        process.standardOutput = output
        process.standardError = try FileHandle(forWritingTo: errorFile)
        // Written before the launch (it fits in the pipe), so a shell killed
        // at once cannot make this write fail with SIGPIPE.
        input.fileHandleForWriting.write(Data(lines.map { $0 + "\n" }.joined().utf8))
        try process.run()
        let pid = process.processIdentifier
        // Never hang the suite: whatever happens, the shell dies in 30 s.
        DispatchQueue.global().asyncAfter(deadline: .now() + 30) { kill(pid, SIGKILL) }
        if killAfter == nil { try input.fileHandleForWriting.close() }
        var text = ""
        var first: Date?
        while true {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            if first == nil, let killAfter {
                DispatchQueue.global().asyncAfter(deadline: .now() + killAfter) { kill(pid, SIGKILL) }
            }
            let now = Date()
            first = first ?? now
            text += String(decoding: chunk, as: UTF8.self)
            let lines = text.split(separator: "\n").count
            arrivals += Array(repeating: now.timeIntervalSince(first!), count: lines - arrivals.count)
        }
        seconds = arrivals.last ?? 0
        process.waitUntilExit()
        self.output = text.split(separator: "\n").map(String.init)
        errors = (try? String(contentsOf: errorFile, encoding: .utf8)) ?? ""
        try? FileManager.default.removeItem(at: errorFile)
    }
}
