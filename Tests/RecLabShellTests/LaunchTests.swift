import Foundation
import Testing
@testable import RecLabShell

/// One run of the real `reclab` executable: arguments, standard input,
/// environment; what it printed and how it ended.
struct ReclabRun {
    static var binary: URL { TestData.repository.appendingPathComponent(".build/debug/reclab") }
    static var isBuilt: Bool { FileManager.default.isExecutableFile(atPath: binary.path) }

    var output = "", errors = "", status: Int32 = 0

    init(_ arguments: [String], input: String = "", environment: [String: String] = [:], in folder: URL) throws {
        let process = Process()
        process.executableURL = Self.binary
        process.arguments = arguments
        process.currentDirectoryURL = folder
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let id = UUID().uuidString
        let files = ["in", "out", "err"].map { folder.appendingPathComponent(".\($0)-\(id)") }
        try Data(input.utf8).write(to: files[0])
        for file in files.dropFirst() { FileManager.default.createFile(atPath: file.path, contents: nil) }
        process.standardInput = try FileHandle(forReadingFrom: files[0])
        process.standardOutput = try FileHandle(forWritingTo: files[1])
        process.standardError = try FileHandle(forWritingTo: files[2])
        try process.run()
        let pid = process.processIdentifier
        // Never hang the suite.
        DispatchQueue.global().asyncAfter(deadline: .now() + 30) { kill(pid, SIGKILL) }
        process.waitUntilExit()
        output = try String(contentsOf: files[1], encoding: .utf8)
        errors = try String(contentsOf: files[2], encoding: .utf8)
        status = process.terminationStatus
        for file in files { try? FileManager.default.removeItem(at: file) }
    }
}

/// `reclab FILE.csv` opens the data as a table, like `duckdb FILE`; a
/// shell runs its start-up file first (`--no-init` skips it); replays and
/// `-c` never read it.
@Suite(.enabled(if: ReclabRun.isBuilt, "build the reclab executable first (swift build)"))
struct LaunchTests {
    let folder: URL
    let home: URL

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("reclab-launch-\(UUID().uuidString)")
        home = folder.appendingPathComponent("home")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        try "userId,movieId,rating,timestamp\n1,2,3.5,964982703\n2,3,4,964982224\n"
            .write(to: folder.appendingPathComponent("my ratings.csv"), atomically: true, encoding: .utf8)
    }

    func reclab(_ arguments: [String], input: String = "", config: String? = nil) throws -> ReclabRun {
        var environment = ["HOME": home.path, "XDG_CONFIG_HOME": config ?? home.appendingPathComponent(".config").path]
        environment["RECLAB_DATA"] = folder.path
        return try ReclabRun(arguments + ["--workspace", folder.appendingPathComponent("ws").path],
                             input: input, environment: environment, in: folder)
    }

    @Test func aDataFileOpensAsATableBeforeTheFirstCommand() throws {
        let run = try reclab(["my ratings.csv"], input: "tables\nsum = stats my_ratings by userId\n")
        #expect(run.output.hasPrefix("my_ratings: 2 rows × 4 columns\n"), "\(run.output)")
        #expect(run.output.contains("│ my_ratings │    2 │       4 │"))
        #expect(run.status == 0 && run.errors.isEmpty, "\(run.errors)")
        // With -c, the file opens first and the commands run on it.
        let c = try reclab(["my ratings.csv", "-c", "head my_ratings 1"])
        #expect(c.output.contains("│      1 │       2 │    3.5 │ 964982703 │"), "\(c.output)")
        // A file that is not there: one line, and a failing status when not a shell.
        let missing = try reclab(["nothere.csv", "-c", "tables"])
        #expect(missing.status == 1 && missing.errors.contains("nothere.csv: no such file"), "\(missing.errors)")
    }

    @Test func theStartUpFileRunsBeforeTheShellUnlessToldNot() throws {
        try "set rows 1\n# a comment\nset dates on\n".write(to: home.appendingPathComponent(".reclabrc"), atomically: true, encoding: .utf8)
        let shell = try reclab(["my ratings.csv"], input: "set\nsort my_ratings by rating\n")
        #expect(shell.output.contains("rows       1\n") && shell.output.contains("dates      on\n"), "\(shell.output)")
        #expect(shell.output.contains("│ 2000-07-30 18:45:03 │") && shell.output.contains("… 1 more row (set rows all)"))
        let bare = try reclab(["--no-init"], input: "set\n")
        #expect(bare.output.hasPrefix("rows       20\n"), "\(bare.output)")
        // $XDG_CONFIG_HOME/reclab/init.reclab comes before ~/.reclabrc.
        let config = folder.appendingPathComponent("config")
        try FileManager.default.createDirectory(at: config.appendingPathComponent("reclab"), withIntermediateDirectories: true)
        try "set precision 2\n".write(to: config.appendingPathComponent("reclab/init.reclab"), atomically: true, encoding: .utf8)
        let xdg = try reclab([], input: "set\n", config: config.path)
        #expect(xdg.output.contains("precision  2\n") && xdg.output.contains("rows       20\n"), "\(xdg.output)")
        // Replays and -c stay reproducible: no start-up file.
        #expect(try reclab(["-c", "set"]).output.hasPrefix("rows       20\n"))
    }

    @Test func aFailingStartUpLineIsReportedAndTheShellGoesOn() throws {
        try "set rows many\nset precision 1\n".write(to: home.appendingPathComponent(".reclabrc"), atomically: true, encoding: .utf8)
        let run = try reclab([], input: "set\n")
        #expect(run.errors.contains(".reclabrc:1: error: expected rows (a number), found 'many'"), "\(run.errors)")
        #expect(run.output.contains("precision  1\n"))
    }

    @Test func dataFilesAreToldFromScripts() throws {
        #expect(StartupFiles.isDataFile("ratings.csv") && StartupFiles.isDataFile("x/u.data") && StartupFiles.isDataFile("RATINGS.DAT"))
        #expect(StartupFiles.isDataFile("a.tsv") && !StartupFiles.isDataFile("lab.reclab") && !StartupFiles.isDataFile(".csv"))
        #expect(StartupFiles.loadCell(#"my "odd" \path.csv"#) == #"load "my \"odd\" \\path.csv""#)
        #expect(try Lexer.tokens(StartupFiles.loadCell(#"my "odd" \path.csv"#)).last?.text == #"my "odd" \path.csv"#)
    }
}
