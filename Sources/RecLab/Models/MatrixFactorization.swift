import Foundation

/// Matrix factorisation as fast.ai's `collab_learner` trains it
/// (`EmbeddingDotBias`): a vector and a bias per user and per movie, and the
/// prediction `sigmoid_range(u·v + b_u + b_i, low, high)`.
///
/// `(low, high)` is `(min rating − 0.5, max rating + 0.5)` of the training
/// data: (0, 5.5) on MovieLens, where fast.ai's lesson writes `y_range=(0,
/// 5.5)` by hand. Widening by half a star on both sides keeps every real
/// rating strictly inside the sigmoid's range, so the extreme ratings are
/// reachable with finite scores (and fold-in can take their logit).
///
/// Training minimises the mean squared error over minibatches with Adam
/// (fast.ai's: β₂ = 0.99, ε = 1e-5, decoupled weight decay `wd`) under
/// fast.ai's one-cycle schedule. The optimiser visits only the rows a batch
/// touches and applies what the dense one does to the others when they are
/// next touched (`MFKernel`; it tracks the dense optimiser within 0.01% of
/// validation RMSE on ml-latest-small, see Benchmarks/README.md); from 1M
/// ratings the batches come in blocks the cores train at once, see
/// ``train(_:parameters:cancel:observer:)``.
public struct MatrixFactorization: Sendable {
    /// The settings of `train mf`, named as in fast.ai.
    public struct Parameters: Sendable, Equatable {
        /// The length of each user and movie vector (`factors`).
        public var factors: Int
        /// The epochs of the one-cycle schedule `train` runs (`epochs`).
        public var epochs: Int
        /// The peak learning rate of the one-cycle schedule (`lr`).
        public var learningRate: Double
        /// Decoupled weight decay per step, scaled by the learning rate (`wd`).
        public var weightDecay: Double
        /// The fraction of the ratings held out to report valid loss (`valid`, 0 ≤ v < 1).
        public var validFraction: Double
        /// Seeds the split, the initial vectors and the shuffles (`seed`).
        public var seed: UInt64
        /// Ratings per optimiser step (`bs`).
        public var batchSize: Int

        /// fast.ai's `collab_learner` defaults as the course uses them.
        public init(factors: Int = 50, epochs: Int = 5, learningRate: Double = 0.005, weightDecay: Double = 0.1,
                    validFraction: Double = 0.2, seed: UInt64 = 42, batchSize: Int = 64) {
            self.factors = factors
            self.epochs = epochs
            self.learningRate = learningRate
            self.weightDecay = weightDecay
            self.validFraction = validFraction
            self.seed = seed
            self.batchSize = batchSize
        }

        /// Refuses settings training cannot use, naming the key.
        ///
        /// - Throws: ``RecLabError`` with `subject` the offending key.
        public func validate() throws(RecLabError) {
            guard factors >= 1, factors <= 1024 else {
                throw RecLabError("factors must be between 1 and 1024 (got \(factors))", subject: "factors")
            }
            guard epochs >= 0 else { throw RecLabError("epochs must be 0 or more (got \(epochs))", subject: "epochs") }
            guard learningRate.isFinite, learningRate > 0 else {
                throw RecLabError("lr must be a positive number (got \(learningRate))", subject: "lr")
            }
            guard weightDecay.isFinite, weightDecay >= 0, learningRate * weightDecay < 1 else {
                throw RecLabError("wd must be 0 or more, with lr × wd below 1 (got \(weightDecay))", subject: "wd")
            }
            guard validFraction.isFinite, validFraction >= 0, validFraction < 1 else {
                throw RecLabError("valid must be at least 0% and below 100% (got \(validFraction * 100)%)",
                                  subject: "valid")
            }
            guard batchSize >= 1, batchSize <= 1 << 20 else {
                throw RecLabError("bs must be between 1 and 1048576 (got \(batchSize))", subject: "bs")
            }
        }
    }

    /// One epoch's row of fast.ai's table.
    public struct EpochReport: Sendable, Equatable {
        /// The epoch's number over the model's life, from 0 as fast.ai prints it.
        public var epoch: Int
        /// The smoothed training loss at the epoch's end (fast.ai's exponential
        /// moving average of batch losses, β = 0.98, debiased).
        public var trainLoss: Double
        /// The mean squared error on the held-out ratings (NaN when none are held out).
        public var validLoss: Double
        /// √``validLoss``.
        public var rmse: Double
        /// Wall-clock seconds the epoch took, validation included.
        public var seconds: Double
    }

    /// The settings the model was created with.
    public let parameters: Parameters
    /// The ratings the model was trained on (held-out ones included: they
    /// are part of the data, just not used for the gradient).
    public let matrix: RatingMatrix
    /// The lowest prediction: the smallest rating − 0.5.
    public let low: Double
    /// The highest prediction: the largest rating + 0.5.
    public let high: Double
    /// One report per epoch trained, in order (``fit(epochs:cancel:observer:)`` appends).
    public internal(set) var history: [EpochReport]
    /// Whether the last `train` or `fit` was stopped by Ctrl-C: the model is
    /// then as of its last finished epoch.
    public internal(set) var stoppedEarly: Bool
    /// Vectors, biases and the optimiser's state.
    var state: MFState

    /// The number of factors per vector.
    public var factors: Int { parameters.factors }
    /// The number of epochs trained so far.
    public var epochsTrained: Int { history.count }

    /// Movie index `i`'s vector (`factors` numbers).
    ///
    /// - Complexity: O(factors).
    public func itemVector(index i: Int) -> [Float] {
        Array(state.items.params(i).prefix(factors))
    }

    /// Movie `id`'s vector, or `nil` when nobody rated it in the training data.
    public func itemVector(of id: Int64) -> [Float]? { matrix.itemIndex(of: id).map { itemVector(index: $0) } }

    /// Every movie's vector, row by row in item-index order (`itemCount × factors`).
    ///
    /// - Complexity: O(items × factors).
    public var itemVectors: [Float] {
        var out: [Float] = []
        out.reserveCapacity(matrix.itemCount * factors)
        for i in 0 ..< matrix.itemCount { out.append(contentsOf: state.items.params(i).prefix(factors)) }
        return out
    }

    /// Every movie's learned bias, by item index: how much better (or worse)
    /// it is liked than its vector alone explains.
    ///
    /// - Complexity: O(items).
    public var itemBiases: [Double] {
        (0 ..< matrix.itemCount).map { Double(state.items.param($0, factors)) }
    }

    /// User index `u`'s vector (`factors` numbers).
    public func userVector(index u: Int) -> [Float] {
        Array(state.users.params(u).prefix(factors))
    }

    /// User index `u`'s bias.
    public func userBias(index u: Int) -> Double { Double(state.users.param(u, factors)) }

    /// The predicted rating of movie `item` by data user `user`, or `nil`
    /// when either is not in the training data.
    ///
    /// - Complexity: O(factors).
    public func predict(user: Int64, item: Int64) -> Double? {
        guard let u = matrix.userIndex(of: user), let i = matrix.itemIndex(of: item) else { return nil }
        return squash(logit(vector: userVector(index: u).map(Double.init), bias: userBias(index: u), item: i))
    }

    /// `sigmoid_range(z, low, high)`.
    @inline(__always)
    func squash(_ z: Double) -> Double { low + (high - low) / (1 + exp(-z)) }
}

