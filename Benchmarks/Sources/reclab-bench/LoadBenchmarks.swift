import RecLab

/// Benchmark phases of this area (see README.md for the figures).
enum LoadBenchmarks {
    static var phases: [Phase] { [] }
}
