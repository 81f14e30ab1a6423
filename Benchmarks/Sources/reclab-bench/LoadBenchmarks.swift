import Foundation
import RecLab

/// Benchmark phases of this area (see README.md for the figures).
enum LoadBenchmarks {
    static var phases: [Phase] {
        ["small", "10m", "33m"].map { size in
            Phase(name: "load ratings.csv", size: size) {
                let path = BenchData.ratings(size).path
                return {
                    let table = try CSVReader.read(path: path)
                    let expected = ["small": 100_836, "10m": 10_000_000, "33m": 33_800_000][size]
                    precondition(table.rowCount == expected, "read \(table.rowCount) rows")
                }
            }
        } + [
            Phase(name: "load movies.csv", size: "small") {
                let path = BenchData.shared.appendingPathComponent("ml-latest-small/movies.csv").path
                return { _ = try CSVReader.read(path: path) }
            },
        ]
    }
}
