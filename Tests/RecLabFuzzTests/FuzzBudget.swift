import Foundation

/// How much the fuzzer runs: a budget CI finishes in well under three
/// minutes, or a long campaign from `RECLAB_FUZZ_ITERATIONS` (statements;
/// files, checkpoints and person files in proportion) and `RECLAB_FUZZ_SEED`.
enum FuzzBudget {
    private static let environment = ProcessInfo.processInfo.environment

    /// The run's seed (a campaign passes a new one each run).
    static let seed = environment["RECLAB_FUZZ_SEED"].flatMap { UInt64($0) } ?? 20_261_206

    /// Generated statements.
    static let statements = environment["RECLAB_FUZZ_ITERATIONS"].flatMap { Int($0) } ?? 3_000
    /// Generated or mutated data files (each loaded and queried).
    static let files = max(20, statements / 15)
    /// Damaged model files (each loaded and, if it loads, queried).
    static let checkpoints = max(35, statements / 20)
    /// Damaged person files.
    static let personFiles = max(20, statements / 60)

    /// Seconds a statement may run before it is cancelled and reported.
    static let timeLimit = environment["RECLAB_FUZZ_TIME_LIMIT"].flatMap { TimeInterval($0) } ?? 10

    /// Where the findings are appended (`RECLAB_FUZZ_REPORT`), if anywhere.
    static let reportFile = environment["RECLAB_FUZZ_REPORT"]

    /// Prints (and appends to the report file) a run's figures and findings.
    static func report(_ title: String, runner: FuzzRunner, cases: Int, seconds: Double) {
        let f = runner.findings
        var lines = ["reclab fuzz \(title): seed \(runner.seed), \(cases) cases, \(runner.statements) statements "
            + "(\(runner.errors) refused, \(runner.avoided) left out as known issues) in \(String(format: "%.1f", seconds)) s "
            + "(\(String(format: "%.1f", runner.executing)) s in the session, \(String(format: "%.1f", runner.settingUp)) s setting up) "
            + "(\(String(format: "%.0f", Double(runner.statements) / max(seconds, 0.001))) statements/s); "
            + "findings: \(f.counts.map { "\($0.key.rawValue) \($0.value)" }.sorted().joined(separator: ", "))"]
        lines += runner.avoidedBy.map { "  left out: \($0.value) × \($0.key.rawValue)" }.sorted()
        lines += f.lines.map { "  " + $0 }
        let text = lines.joined(separator: "\n") + "\n"
        print(text, terminator: "")
        if let reportFile, let data = text.data(using: .utf8) {
            if let handle = FileHandle(forWritingAtPath: reportFile) {
                handle.seekToEndOfFile()
                handle.write(data)
                try? handle.close()
            } else {
                _ = FileManager.default.createFile(atPath: reportFile, contents: data)
            }
        }
    }
}
