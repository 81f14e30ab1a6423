import Foundation
import RecLab

/// Benchmark phases of the models (see README.md for the figures).
///
/// `small` is ml-latest-small, `10m` and `33m` the synthetic sets. The
/// ratings table (and, for the phases after it, the matrix and the model)
/// is made once per size and shared, so only the phase's own work is timed.
enum ModelBenchmarks {
    static var phases: [Phase] {
        ["small", "10m", "33m"].flatMap { size -> [Phase] in
            [
                Phase(name: "rating matrix", size: size) {
                    let table = try ModelInputs.inputs(size).table
                    return { _ = try RatingMatrix.build(from: table) }
                },
                Phase(name: "userknn train", size: size) {
                    let matrix = try ModelInputs.inputs(size).matrix
                    return { _ = try UserKNN.train(matrix) }
                },
                // What `train userknn` costs in the shell: both of the above.
                Phase(name: "matrix + userknn train", size: size) {
                    let table = try ModelInputs.inputs(size).table
                    return { _ = try UserKNN.train(RatingMatrix.build(from: table)) }
                },
                Phase(name: "userknn recommend (100)", size: size) {
                    let inputs = try ModelInputs.inputs(size)
                    let (model, person) = (inputs.model, inputs.person)
                    return {
                        let top = model.score(ratings: person).recommend(10)
                        precondition(top.count == 10, "recommended \(top.count)")
                    }
                },
            ]
        } + [
            Phase(name: "userknn recommend (jabril)", size: "small") {
                let model = try ModelInputs.inputs("small").model
                let person = try labPerson()
                return {
                    let top = model.score(ratings: person).recommend(10)
                    precondition(top.count == 10, "recommended \(top.count)")
                }
            },
        ]
    }

    /// The Crash Course lab's first person, read as the lab does.
    static func labPerson() throws -> [(item: Int64, rating: Double)] {
        let path = BenchData.shared.appendingPathComponent("crashcourse/jabril-movie-ratings.csv").path
        let table = try TableLoader.load(path: path)
        let items = try table.requireColumn("item"), ratings = try table.requireColumn("ratings")
        return (0 ..< table.rowCount).compactMap { row in
            guard let item = items.integer(at: row), let r = ratings.number(at: row), r > 0, r < 6 else { return nil }
            return (item, r)
        }
    }
}

/// The ratings of one size loaded once, with the matrix, the model and a
/// new person of 100 ratings made from them.
struct ModelInputs: Sendable {
    let table: Table
    let matrix: RatingMatrix
    let model: UserKNN
    /// 100 ratings of the first data user with at least 300, every third
    /// one: a real profile's overlap with everybody else, not random noise.
    let person: [(item: Int64, rating: Double)]

    private static let small = Result { try ModelInputs(size: "small") }
    private static let synthetic10m = Result { try ModelInputs(size: "10m") }
    private static let large = Result { try ModelInputs(size: "33m") }
    static func inputs(_ size: String) throws -> ModelInputs {
        switch size {
        case "small": try small.get()
        case "10m": try synthetic10m.get()
        case "33m": try large.get()
        default: throw RecLabError("no model inputs of size \(size)")
        }
    }

    init(size: String) throws {
        // The table the table phases read too, so a process holds it once.
        let table = try BenchTables.tables(size).ratings
        let matrix = try RatingMatrix.build(from: table)
        (self.table, self.matrix, model) = (table, matrix, try UserKNN.train(matrix))
        guard let u = (0 ..< matrix.userCount).first(where: { matrix.entries(ofUser: $0).count >= 300 }) else {
            throw RecLabError("no user with 300 ratings")
        }
        let entries = matrix.entries(ofUser: u)
        person = (0 ..< 100).map { n in
            let k = entries.lowerBound + 3 * n
            return (matrix.itemIds[Int(matrix.userItems[k])], matrix.userRatings[k])
        }
    }
}
