import RecLab

/// Benchmark phases of the charts (`hist`, `plot … by month`) on the
/// ratings tables of ``BenchTables`` (figures in README.md).
enum ChartBenchmarks {
    static var phases: [Phase] {
        BenchTables.sizes.flatMap { size -> [Phase] in
            let tables = { try BenchTables.tables(size) }
            return [
                Phase(name: "hist rating", size: size) {
                    let column = try rating(tables().ratings, "rating")
                    return { _ = try Histogram(column: column) }
                },
                Phase(name: "hist timestamp bins 100", size: size) {
                    let column = try rating(tables().ratings, "timestamp")
                    return { _ = try Histogram(column: column, binning: .count(100)) }
                },
                Phase(name: "timestamps by month", size: size) {
                    let column = try rating(tables().ratings, "timestamp")
                    return { _ = try TimeSeries(times: column, unit: .month) }
                },
            ]
        }
    }

    /// The column `name` of `ratings`.
    static func rating(_ ratings: Table, _ name: String) throws -> Column {
        guard let k = ratings.index(of: name) else { throw RecLabError("no column \(name)") }
        return ratings.columns[k]
    }
}
