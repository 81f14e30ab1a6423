import Foundation

/// One measured step: a name, a data size, and the work to time.
struct Phase {
    var name: String
    var size: String
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

    /// The folder holding generated synthetic sets (`$RECLAB_BENCH_DATA`,
    /// default `/tmp/reclab-bench`); `synth-33m/ratings.csv` etc.
    static var synthetic: URL {
        URL(fileURLWithPath: ProcessInfo.processInfo.environment["RECLAB_BENCH_DATA"] ?? "/tmp/reclab-bench")
    }

    /// The ratings.csv of a size: `small` is ml-latest-small, `33m` is
    /// the 33.8M synthetic set.
    static func ratings(_ size: String) -> URL {
        size == "small" ? shared.appendingPathComponent("ml-latest-small/ratings.csv")
            : synthetic.appendingPathComponent("synth-\(size)/ratings.csv")
    }
}

/// Peak resident memory of this process so far, in bytes (VmHWM).
func peakResidentBytes() -> Int {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
    for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
        let kb = line.split(separator: " ").compactMap { Int($0) }.first ?? 0
        return kb * 1024
    }
    return 0
}

/// Runs `phase` `repeats` times and prints median, min–max and peak RSS.
func measure(_ phase: Phase, repeats: Int) {
    do {
        var seconds: [Double] = []
        for _ in 0..<repeats {
            let work = try phase.prepare()
            let start = DispatchTime.now().uptimeNanoseconds
            try work()
            seconds.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
        }
        seconds.sort()
        let median = seconds[seconds.count / 2]
        func ms(_ s: Double) -> String { String(format: "%.1f ms", s * 1000) }
        let rss = Double(peakResidentBytes()) / 1_048_576
        print("\(phase.name.padding(toLength: 28, withPad: " ", startingAt: 0)) \(phase.size.padding(toLength: 6, withPad: " ", startingAt: 0)) median \(ms(median))  [\(ms(seconds.first!)) – \(ms(seconds.last!))]  peak RSS \(String(format: "%.0f", rss)) MiB")
    } catch {
        print("\(phase.name) \(phase.size): skipped (\(error))")
    }
}
