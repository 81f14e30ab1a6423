import Foundation

/// One measured step: a name, a data size, and the work to time.
struct Phase {
    var name: String
    var size: String
    /// A phase that prints a report (accuracy) rather than measuring speed;
    /// `--no-reports` (and so `run.sh`) leaves these out.
    var isReport = false
    /// Prepares the inputs (not timed) and returns the work to time.
    var prepare: () throws -> (() throws -> Void)
}

/// Where benchmark data lives, outside the repository.
enum BenchData {
    /// `$RECLAB_TEST_DATA` or `../shared/data` relative to the repository.
    static var shared: URL {
        if let env = ProcessInfo.processInfo.environment["RECLAB_TEST_DATA"] {
            return URL(fileURLWithPath: env)
        }
        return repository.deletingLastPathComponent().appendingPathComponent("shared/data")
    }

    /// The reclab repository (this package's parent folder).
    static var repository: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    /// The folder holding generated synthetic sets, `synth-33m/ratings.csv`
    /// etc.: `$RECLAB_BENCH_DATA`, else `$XDG_CACHE_HOME/reclab/bench`, else
    /// `~/.cache/reclab/bench` (where `run.sh` and `compare.sh` generate them).
    static var synthetic: URL {
        let environment = ProcessInfo.processInfo.environment
        if let folder = environment["RECLAB_BENCH_DATA"] { return URL(fileURLWithPath: folder) }
        let cache = environment["XDG_CACHE_HOME"].map { URL(fileURLWithPath: $0) }
            ?? FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".cache")
        return cache.appendingPathComponent("reclab/bench")
    }

    /// The ratings.csv of a size: `small` is ml-latest-small, `10m` and
    /// `33m` the synthetic sets.
    static func ratings(_ size: String) -> URL { file("ratings.csv", size) }

    /// The movies.csv beside ``ratings(_:)``.
    static func movies(_ size: String) -> URL { file("movies.csv", size) }

    private static func file(_ name: String, _ size: String) -> URL {
        size == "small" ? shared.appendingPathComponent("ml-latest-small/\(name)")
            : synthetic.appendingPathComponent("synth-\(size)/\(name)")
    }
}

/// A line of `/proc/self/status` in bytes (`VmHWM`, `VmRSS`), 0 if unknown.
func statusBytes(_ key: String) -> Int {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
    for line in status.split(separator: "\n") where line.hasPrefix(key + ":") {
        let kb = line.split(separator: " ").compactMap { Int($0) }.first ?? 0
        return kb * 1024
    }
    return 0
}

/// Peak resident memory of this process (VmHWM) since the last
/// ``resetPeakResident()``, or since it started.
func peakResidentBytes() -> Int { statusBytes("VmHWM") }

/// Resets the kernel's peak-RSS mark to the current RSS (Linux ≥ 4.0), so
/// the next ``peakResidentBytes()`` covers what follows; false if refused.
func resetPeakResident() -> Bool {
    guard let handle = FileHandle(forWritingAtPath: "/proc/self/clear_refs") else { return false }
    defer { try? handle.close() }
    return (try? handle.write(contentsOf: Data("5".utf8))) != nil
}

/// User + system CPU seconds of the whole process so far (every thread).
func processCPUSeconds() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
}

/// What one phase measured.
struct Measurement {
    var phase: Phase
    /// Wall-clock seconds of each repeat, ascending.
    var seconds: [Double]
    /// CPU seconds (all threads) of each repeat, ascending: on a shared
    /// machine less disturbed by other work than wall-clock time.
    var cpuSeconds: [Double]
    /// Peak RSS during the phase (its preparation and repeats), or of the
    /// whole process so far when ``peakIsPerPhase`` is false.
    var peakBytes: Int
    /// RSS when the phase began: inputs held from earlier phases.
    var heldBytes: Int
    var peakIsPerPhase: Bool

    var median: Double { seconds[seconds.count / 2] }

    /// The line `run.sh` and `compare.sh` read (`scripts/report.py`):
    /// engine, phase, size, runs, median, min, max (seconds), peak and held
    /// (MiB), what the engine runs (left to report.py for reclab), remark,
    /// median CPU seconds.
    var tsv: String {
        let mib = { (bytes: Int) in String(format: "%.0f", Double(bytes) / 1_048_576) }
        let note = peakIsPerPhase ? "" : "peak RSS of the process so far"
        return ["reclab", phase.name, phase.size, "\(seconds.count)", String(format: "%.6f", median),
                String(format: "%.6f", seconds.first!), String(format: "%.6f", seconds.last!),
                mib(peakBytes), mib(heldBytes), "", note, String(format: "%.6f", cpuSeconds[cpuSeconds.count / 2])]
            .joined(separator: "\t")
    }

    /// The human line printed as each phase ends.
    var line: String {
        func ms(_ s: Double) -> String { String(format: "%.1f ms", s * 1000) }
        let mib = { (bytes: Int) in String(format: "%.0f MiB", Double(bytes) / 1_048_576) }
        return "\(phase.name.padding(toLength: 28, withPad: " ", startingAt: 0)) \(phase.size.padding(toLength: 6, withPad: " ", startingAt: 0)) median \(ms(median))  [\(ms(seconds.first!)) – \(ms(seconds.last!))]  peak RSS \(mib(peakBytes)) (held before \(mib(heldBytes)))"
    }
}

/// Runs `phase` `repeats` times and returns its timings and memory, or the
/// error when its inputs are missing or it fails.
func measure(_ phase: Phase, repeats: Int) -> Result<Measurement, any Error> {
    let held = statusBytes("VmRSS")
    let perPhase = resetPeakResident()
    do {
        var seconds: [Double] = [], cpu: [Double] = []
        for _ in 0..<max(1, repeats) {
            let work = try phase.prepare()
            let (start, cpuStart) = (DispatchTime.now().uptimeNanoseconds, processCPUSeconds())
            try work()
            seconds.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
            cpu.append(processCPUSeconds() - cpuStart)
        }
        return .success(Measurement(phase: phase, seconds: seconds.sorted(), cpuSeconds: cpu.sorted(),
                                    peakBytes: peakResidentBytes(), heldBytes: held, peakIsPerPhase: perPhase))
    } catch {
        return .failure(error)
    }
}
