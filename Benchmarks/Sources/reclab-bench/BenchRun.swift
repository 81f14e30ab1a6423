import Foundation

/// Runs the selected phases and writes what they measured: a line each as
/// they end, and on request a Markdown table, tab-separated results and the
/// person `compare.sh` hands to the peers.
struct BenchRun {
    var options: BenchOptions

    /// Measures each phase in turn; a phase that fails (its data missing,
    /// say) is reported as skipped and the run goes on.
    func run(_ phases: [Phase]) throws {
        print("phase                        size   time (median of \(options.repeats), min – max), peak RSS during the phase (RSS held before it)")
        var measured: [Measurement] = []
        for phase in phases {
            // Each phase's lines at once, even into a pipe, so run.sh and compare.sh show progress.
            defer { fflush(nil) }
            switch measure(phase, repeats: options.repeats) {
            case .success(let m):
                print(m.line)
                measured.append(m)
                try append(m.tsv)
            case .failure(let error):
                let synthetic = BenchData.ratings(phase.size)
                let why = ["10m", "33m"].contains(phase.size) && !FileManager.default.fileExists(atPath: synthetic.path)
                    ? "no \(synthetic.path): Benchmarks/run.sh --sizes \(phase.size) generates it" : "\(error)"
                print("\(phase.name) \(phase.size): skipped (\(why))")
                try append(["reclab", phase.name, phase.size, "0", "", "", "", "", "", "", "skipped: \(why)"]
                    .joined(separator: "\t"))
            }
        }
        if options.markdown { print(); print(markdown(measured)) }
        if let path = options.personFile { try writePerson(to: path) }
    }

    /// Appends one line to `--results`, if given.
    private func append(_ line: String) throws {
        guard let path = options.results else { return }
        if !FileManager.default.fileExists(atPath: path) { _ = FileManager.default.createFile(atPath: path, contents: nil) }
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        defer { try? handle.close() }
        try handle.seekToEnd()
        try handle.write(contentsOf: Data((line.replacingOccurrences(of: "\n", with: " ") + "\n").utf8))
    }

    /// The run as a Markdown table.
    func markdown(_ measured: [Measurement]) -> String {
        let mib = { (bytes: Int) in grouped((bytes + 524_288) / 1_048_576) + " MiB" }
        var lines = ["| phase | size | median of \(options.repeats) | min – max | CPU | peak RSS | held before |",
                     "|---|---|---:|---:|---:|---:|---:|"]
        for m in measured {
            let name = m.phase.name.replacingOccurrences(of: "|", with: "\\|")
            let cpu = seconds(m.cpuSeconds[m.cpuSeconds.count / 2])
            lines.append("| \(name) | \(m.phase.size) | \(seconds(m.median)) | \(seconds(m.seconds.first!)) – \(seconds(m.seconds.last!)) | \(cpu) | \(mib(m.peakBytes)) | \(mib(m.heldBytes)) |")
        }
        return lines.joined(separator: "\n")
    }

    /// `1,237`: thousands separated by commas, as the README writes them.
    func grouped(_ n: Int) -> String {
        let digits = String(n)
        return digits.enumerated().map { k, c in (k > 0 && (digits.count - k) % 3 == 0 ? "," : "") + String(c) }.joined()
    }

    /// `87.3 ms`, `1.23 s`.
    func seconds(_ s: Double) -> String {
        s < 1 ? String(format: "%.1f ms", s * 1000) : String(format: "%.2f s", s)
    }

    /// Writes the `userknn recommend (100)` person of the one selected size
    /// as `movieId,rating` lines, and reclab's top 10 for them to `PATH.top10`.
    private func writePerson(to path: String) throws {
        guard options.sizes.count == 1, let size = options.sizes.first else {
            throw RecLabBenchError("--write-person needs exactly one --size")
        }
        let inputs = try ModelInputs.inputs(size)
        let rows = inputs.person.map { "\($0.item),\($0.rating)" }
        try (["movieId,rating"] + rows).joined(separator: "\n").appending("\n").write(toFile: path, atomically: true, encoding: .utf8)
        let top = inputs.model.score(ratings: inputs.person).recommend(10)
        try (["movieId,score"] + top.map { "\($0.item),\($0.score)" }).joined(separator: "\n").appending("\n")
            .write(toFile: path + ".top10", atomically: true, encoding: .utf8)
    }
}

/// A mistake in how `reclab-bench` was called.
struct RecLabBenchError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
