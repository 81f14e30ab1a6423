import RecLab

/// Benchmark phases of this area (see README.md for the figures).
enum TableBenchmarks {
    static var phases: [Phase] { [] }
}
