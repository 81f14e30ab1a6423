import RecLab

/// Benchmark phases of this area (see README.md for the figures).
enum SessionBenchmarks {
    static var phases: [Phase] { [] }
}
