import RecLab
import RecLabShell

/// Benchmark phases of the charts (`hist`, `plot … by month`, `plot X Y`) on
/// the ratings tables of ``BenchTables`` (figures in README.md).
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
                Phase(name: "plot X Y points", size: size) {
                    let ratings = try tables().ratings
                    let (t, r) = (try rating(ratings, "timestamp"), try rating(ratings, "rating"))
                    return { _ = try LinePoints(x: t, y: r) }
                },
                // The whole verb: the line through every row, drawn in the
                // terminal (100 wide) and as SVG (kept in memory, not written).
                shell("plot timestamp rating (shell)", size: size, "plot ratings timestamp rating", tables),
            ]
        }
    }

    /// One cell in a session holding the synthetic `ratings`, its output
    /// rendered and discarded.
    static func shell(_ name: String, size: String, _ cell: String, _ tables: @escaping () throws -> BenchTables) -> Phase {
        Phase(name: name, size: size) {
            let session = Session(dataFolders: [], output: { _ in })
            session.settings.width = 100
            session.workspace.bind("ratings", try tables().ratings)
            return {
                if let error = session.execute(cell) { throw RecLabError(error.message) }
            }
        }
    }

    /// The column `name` of `ratings`.
    static func rating(_ ratings: Table, _ name: String) throws -> Column {
        guard let k = ratings.index(of: name) else { throw RecLabError("no column \(name)") }
        return ratings.columns[k]
    }
}
