import Foundation
import RecLab

/// Benchmark phases of the models (see README.md for the figures).
enum ModelBenchmarks {
    static var phases: [Phase] {
        [
            Phase(name: "rating matrix", size: "small") {
                let table = try CSVReader.read(path: BenchData.ratings("small").path)
                return { _ = try RatingMatrix.build(from: table) }
            },
            Phase(name: "userknn train", size: "small") {
                let matrix = try RatingMatrix.build(from: CSVReader.read(path: BenchData.ratings("small").path))
                return { _ = try UserKNN.train(matrix) }
            },
            Phase(name: "userknn recommend", size: "small") {
                let matrix = try RatingMatrix.build(from: CSVReader.read(path: BenchData.ratings("small").path))
                let model = try UserKNN.train(matrix)
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
