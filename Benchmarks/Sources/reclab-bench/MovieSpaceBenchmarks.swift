import Foundation
import RecLab
import RecLabShell

/// Benchmark phases of the movie-space verbs (`similar`, `pca`) on an `mf`
/// model of ml-latest-small trained with the defaults (figures in README.md).
enum MovieSpaceBenchmarks {
    static var phases: [Phase] {
        [
            // The default loop over `itemVector(index:)`, against mf's SIMD one (`mf similar`).
            Phase(name: "similar generic", size: "small") {
                let model = try MFInputs.small.get()
                return { _ = try model.similarItemsByVectors(to: 1028, count: 10) }
            },
            shell("similar (shell)", #"similar "Mary Poppins (1964)" 10 min 50"#),
            Phase(name: "pca 50", size: "small") {
                let model = try MFInputs.small.get()
                return { _ = try projection(model, movies: 50) }
            },
            Phase(name: "pca all movies", size: "small") {
                let model = try MFInputs.small.get()
                return { _ = try projection(model, movies: model.matrix.itemCount) }
            },
            shell("pca (shell)", "pca mf 50"),
        ]
    }

    /// The `movies` most-rated movies' vectors on two principal components.
    static func projection(_ model: MatrixFactorization, movies: Int) throws -> PrincipalComponents {
        let points = model.matrix.mostRatedItems(movies).map { model.itemVector(index: $0).map(Double.init) }
        return try PrincipalComponents(points: points)
    }

    /// One cell in a session holding ml-latest-small and the model as `mf`,
    /// output rendered and discarded.
    static func shell(_ name: String, _ cell: String) -> Phase {
        Phase(name: name, size: "small") {
            let model = try MFInputs.small.get()
            let session = Session(dataFolders: [BenchData.shared], output: { _ in })
            session.settings.width = 100
            guard session.execute("load movielens small") == nil else { throw RecLabError("cannot load movielens small") }
            session.workspace.bind(TrainedModel(name: "mf", model: model, table: "ratings", seconds: 0))
            return {
                if let error = session.execute(cell) { throw RecLabError("\(cell): \(error.message)") }
            }
        }
    }
}
