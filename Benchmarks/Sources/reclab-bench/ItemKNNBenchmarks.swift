import Foundation
import RecLab

/// Benchmark phases of ItemKNN, the bias model and popularity (see
/// README.md, "ItemKNN, bias, popular", for the figures).
enum ItemKNNBenchmarks {
    static var phases: [Phase] {
        [
            Phase(name: "itemknn train", size: "small") {
                let matrix = try RatingMatrix.build(from: CSVReader.read(path: BenchData.ratings("small").path))
                return { _ = try ItemKNN.train(matrix) }
            },
            Phase(name: "itemknn recommend", size: "small") {
                let matrix = try RatingMatrix.build(from: CSVReader.read(path: BenchData.ratings("small").path))
                let model = try ItemKNN.train(matrix)
                let person = try ModelBenchmarks.labPerson()
                return {
                    let top = model.itemScores(ratings: person).recommend(10)
                    precondition(top.count == 10, "recommended \(top.count)")
                }
            },
            Phase(name: "itemknn recommend user 414", size: "small") {
                // User 414 rated 2,698 movies, the most in ml-latest-small.
                let matrix = try RatingMatrix.build(from: CSVReader.read(path: BenchData.ratings("small").path))
                let model = try ItemKNN.train(matrix)
                return {
                    let top = try model.itemScores(user: 414).recommend(10)
                    precondition(top.count == 10, "recommended \(top.count)")
                }
            },
            Phase(name: "bias train", size: "small") {
                let matrix = try RatingMatrix.build(from: CSVReader.read(path: BenchData.ratings("small").path))
                return { _ = try BiasModel.train(matrix) }
            },
            Phase(name: "bias recommend", size: "small") {
                let matrix = try RatingMatrix.build(from: CSVReader.read(path: BenchData.ratings("small").path))
                let model = try BiasModel.train(matrix)
                let person = try ModelBenchmarks.labPerson()
                return {
                    let top = model.itemScores(ratings: person).recommend(10)
                    precondition(top.count == 10, "recommended \(top.count)")
                }
            },
            Phase(name: "popular train", size: "small") {
                let matrix = try RatingMatrix.build(from: CSVReader.read(path: BenchData.ratings("small").path))
                return { _ = PopularModel.train(matrix) }
            },
        ]
    }
}
