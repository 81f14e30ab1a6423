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
                    precondition(table.rowCount > 0)
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
