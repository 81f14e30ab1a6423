import Foundation
import Testing
@testable import RecLab

/// Every model kind but mf (``CheckpointTests``) saved and loaded: the
/// loaded model scores every user and a new person to the same bits, has
/// the same settings and learned numbers, and a lowrank model fits on to
/// the same bits.
@Suite struct CheckpointKindsTests {
    /// One model of each kind, small, with settings away from the defaults
    /// (and both variants where a setting changes what is stored).
    static func models(_ matrix: RatingMatrix) throws -> [any CheckpointableModel] {
        [
            try LowRank.train(matrix, parameters: .init(features: 4, regularization: 0.5, iterations: 25, seed: 3)),
            try LowRank.train(matrix, parameters: .init(features: 5, iterations: 15, normalize: true, method: .conjugateGradient)),
            try ALSModel.train(matrix, parameters: .init(features: 3, iterations: 2, damping: 2, samples: 0, seed: 5)),
            try ALSModel.train(matrix, parameters: .init(features: 3, iterations: 1, samples: 4, burnIn: 2, seed: 6)),
            try ALSModel.train(matrix, parameters: .init(features: 2, iterations: 1, samples: 3, burnIn: 1, robustness: 0)),
            try BiasModel.train(matrix, parameters: .init(userDamping: 3, itemDamping: 0.5)),
            try BiasModel.train(matrix),
            PopularModel.train(matrix),
            try UserKNN.train(matrix, parameters: .init(neighbours: 9, minNeighbours: 2, minSimilarity: 0.05)),
            try UserKNN.train(matrix, parameters: .init(center: false)),
            try ItemKNN.train(matrix, parameters: .init(neighbours: 7, minNeighbours: 2, minSimilarity: -0.5)),
            try ItemKNN.train(matrix, parameters: .init(center: false)),
            try ImplicitMF.train(matrix, parameters: .init(features: 3, iterations: 2, regularization: 0.3, weight: 7, seed: 4)),
            try BPRModel.train(matrix, parameters: .init(features: 3, epochs: 2, learningRate: 0.1, regularization: 0.02, seed: 8)),
            try EASE.train(matrix, parameters: .init(regularization: 7.5, minRatings: 2)),
        ]
    }

    /// What a model predicts, as bits: `itemScores` for some data users,
    /// for a new person (an unknown movie and a repeated one among their
    /// ratings) and for nobody, and its settings.
    static func predictions(_ model: any Recommender) throws -> [String] {
        func bits(_ s: ItemScores) -> String {
            "\(s.values.map(\.bitPattern)) \(s.rated) \(s.ratingCount) \(s.knownCount) \(s.problem ?? "-")"
        }
        let ids = model.matrix.itemIds
        let person = [(item: ids[1], rating: 4.5), (item: 999_999, rating: 2.0), (item: ids[7], rating: 1.0),
                      (item: ids[1], rating: 3.5), (item: ids[20], rating: 5.0)]
        var out = ["\(model.algorithm) \(model.settings.map { "\($0.key)=\($0.value)" })",
                   bits(model.itemScores(ratings: person)), bits(model.itemScores(ratings: []))]
        for u in stride(from: 0, to: model.matrix.userCount, by: 9) {
            out.append(bits(try model.itemScores(user: model.matrix.userIds[u])))
        }
        return out
    }

    /// What a model learned, as bits, kind by kind.
    static func learned(_ model: any Recommender) -> [String] {
        func b(_ values: [Double]) -> String { "\(values.map(\.bitPattern))" }
        let m = model.matrix
        var out = ["\(m.userIds) \(m.itemIds) \(m.userOffsets) \(m.userItems) \(b(m.userRatings))",
                   "\(m.itemOffsets) \(m.itemUsers) \(b(m.itemRatings))"]
        switch model {
        case let x as LowRank:
            out += [b(x.vectors), x.itemMeans.map(b) ?? "-", "\(x.iterationsTrained) \(x.report) \(x.parameters)"]
        case let x as ALSModel:
            out += [b(x.users), b(x.items), b([x.globalMean, x.trainingRMSE, x.low, x.high]), "\(x.parameters)"]
            switch x.foldInPrior.kind {
            case .ridge(let reg, let damping): out.append(b([reg, damping]))
            case .bayesian(let mean, let precision, let noise, let scales): out += [b(mean), b(precision), b([noise]), b(scales)]
            }
        case let x as BiasModel:
            out += [b([x.globalMean]), b(x.itemBiases), b(x.userBiases), "\(x.parameters)"]
        case let x as PopularModel:
            out.append("\(x.ratingCounts)")
        case let x as UserKNN:
            out += [b(x.userMeans), b(x.userNorms), "\(x.parameters)"]
        case let x as ItemKNN:
            out += [b(x.itemMeans), "\(x.neighbourOffsets)", "\(x.neighbourItems)", b(x.neighbourSimilarities), "\(x.parameters)"]
        case let x as ImplicitMF:
            out += [b(x.users), b(x.items), b(x.gram), "\(x.parameters)"]
        case let x as BPRModel:
            out += [b(x.users), b(x.items), b(x.itemBiases), "\(x.parameters)"]
        case let x as EASE:
            out += ["\(x.kept) \(x.position)", "\(x.weights.map(\.bitPattern))", "\(x.parameters)"]
        default:
            out.append("unexpected kind \(model.algorithm)")
        }
        return out
    }

    static func roundTrip(_ model: any CheckpointableModel) throws -> any CheckpointableModel {
        try CheckpointTests.load(Checkpoint(model: model, info: ["name": model.algorithm]).encoded()).model
    }

    @Test func everyKindIsListedOnceUnderItsAlgorithmsName() {
        let kinds = Checkpoint.kinds.map { $0.checkpointKind }
        #expect(Set(kinds).count == kinds.count)
        #expect(Set(kinds) == ["mf", "lowrank", "als", "bias", "popular", "userknn", "itemknn", "implicit", "bpr", "ease"])
        for kind in Checkpoint.kinds { #expect(kind.checkpointKind == kind.algorithm) }
    }

    @Test func everyKindLoadsToTheSamePredictionsAndNumbers() throws {
        let matrix = try CheckpointTests.matrix()
        for model in try Self.models(matrix) {
            let loaded = try Self.roundTrip(model)
            #expect(type(of: loaded) == type(of: model))
            #expect(try Self.predictions(loaded) == (try Self.predictions(model)), "\(model.algorithm) \(model.settings)")
            #expect(Self.learned(loaded) == Self.learned(model), "\(model.algorithm) \(model.settings)")
        }
    }

    @Test func throughAFileWithItsNamedUsers() throws {
        let matrix = try CheckpointTests.matrix()
        let path = TestFiles.folder().appendingPathComponent("knn.model").path
        let model = try UserKNN.train(matrix)
        let written = try Checkpoint(model: model, info: ["name": "knn", "table": "ratings"],
                                     namedUsers: ["me": matrix.userIds[2]]).write(to: path)
        #expect(written == (try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int))
        let checkpoint = try Checkpoint.read(from: path)
        #expect(checkpoint.info == ["name": "knn", "table": "ratings"] && checkpoint.namedUsers == ["me": matrix.userIds[2]])
        #expect(try Self.predictions(checkpoint.model) == (try Self.predictions(model)))
    }

    @Test func aLoadedLowRankModelFitsOnToTheSameBits() throws {
        let matrix = try CheckpointTests.matrix()
        for method in LowRank.Method.allCases {
            let model = try LowRank.train(matrix, parameters: .init(features: 4, iterations: 10, normalize: method == .lbfgs,
                                                                    method: method))
            let loaded = try #require(try Self.roundTrip(model) as? LowRank)
            let (inMemory, fromFile) = (try model.fit(iterations: 12), try loaded.fit(iterations: 12))
            #expect(fromFile.iterationsTrained == 22 && fromFile.report.iterations == 12)
            #expect(Self.learned(fromFile) == Self.learned(inMemory), "\(method)")
            #expect(try Self.predictions(fromFile) == (try Self.predictions(inMemory)))
            // The fit did move the vectors, so the comparison means something.
            #expect(Self.learned(fromFile) != Self.learned(loaded))
        }
    }

    @Test func explanationsAreTheSameAfterLoading() throws {
        let matrix = try CheckpointTests.matrix()
        let (user, item) = (matrix.userIds[4], matrix.itemIds[30])
        let bias = try BiasModel.train(matrix, parameters: .init(damping: 2))
        let loadedBias = try #require(try Self.roundTrip(bias) as? BiasModel)
        #expect(try loadedBias.explain(user: user, item: item) == (try bias.explain(user: user, item: item)))
        let itemKNN = try ItemKNN.train(matrix)
        let loadedItemKNN = try #require(try Self.roundTrip(itemKNN) as? ItemKNN)
        #expect(loadedItemKNN.similarItems(to: item, count: 5) == itemKNN.similarItems(to: item, count: 5))
    }
}
