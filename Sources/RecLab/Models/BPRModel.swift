/// Bayesian personalised ranking (`bpr`, Rendle et al. 2009): a user's
/// vector p_u, a movie's vector q_i and bias b_i, trained so that movies a
/// user rated score above movies they did not. A score is b_i + p_u·q_i:
/// it ranks movies, it is not a rating. The movie bias stands for what
/// every user shares (mostly popularity), so the vectors need not spend a
/// dimension on it; there is no user bias, which could not change a
/// user's ranking.
///
/// Training is stochastic gradient ascent on Σ ln σ(x_ui − x_uj) − λ‖θ‖²
/// over sampled triples (user u, a movie i they rated, a movie j they did
/// not), rating values ignored. It runs on one core: the updates of one
/// triple change the vectors the next reads, so any split over cores
/// would either change the result with the timing (Hogwild) or change the
/// sampling; one core takes a few seconds on MovieLens 100k-sized data.
public struct BPRModel: Sendable {
    /// The settings of `train bpr`.
    public struct Parameters: Sendable, Equatable {
        /// The length of each user and movie vector (`features`).
        public var features: Int
        /// Passes over the data: each draws as many triples as there are
        /// ratings (`epochs`).
        public var epochs: Int
        /// The step size of each update (`lr`).
        public var learningRate: Double
        /// λ, the L2 penalty on the vectors and biases a triple touches (`reg`).
        public var regularization: Double
        /// Seeds the starting vectors and the triples (`seed`).
        public var seed: UInt64

        /// The defaults `train bpr` uses, chosen on 80/20 splits of
        /// ml-latest-small and ml-100k (see `Benchmarks/README.md`).
        public init(features: Int = 64, epochs: Int = 80, learningRate: Double = 0.05, regularization: Double = 0.01,
                    seed: UInt64 = 42) {
            self.features = features
            self.epochs = epochs
            self.learningRate = learningRate
            self.regularization = regularization
            self.seed = seed
        }

        /// Refuses settings training cannot use, naming the key.
        ///
        /// - Throws: ``RecLabError`` with `subject` the offending key.
        public func validate() throws(RecLabError) {
            guard features >= 1, features <= 1024 else {
                throw RecLabError("features must be between 1 and 1024 (got \(features))", subject: "features")
            }
            guard epochs >= 1, epochs <= 10_000 else {
                throw RecLabError("epochs must be between 1 and 10000 (got \(epochs))", subject: "epochs")
            }
            guard learningRate.isFinite, learningRate > 0, learningRate <= 10 else {
                throw RecLabError("lr must be a number above 0 and at most 10 (got \(learningRate))", subject: "lr")
            }
            // A step of lr·reg ≥ 1 would flip the sign of every vector it touches.
            guard regularization.isFinite, regularization >= 0, regularization * learningRate < 1 else {
                throw RecLabError("reg must be a number ≥ 0 with lr × reg below 1 (got \(regularization))", subject: "reg")
            }
        }
    }

    /// The settings the model was trained with.
    public let parameters: Parameters
    /// The training ratings (only which pairs are rated matters).
    public let matrix: RatingMatrix
    /// Each user's vector, `factors` numbers per user index.
    let users: [Double]
    /// Each movie's vector, `factors` numbers per item index.
    let items: [Double]
    /// Each movie's bias b_i, by item index.
    public let itemBiases: [Double]

    /// The number of numbers per vector.
    public var factors: Int { parameters.features }

    /// Movie index `i`'s vector.
    ///
    /// - Complexity: O(factors).
    public func itemVector(index i: Int) -> [Float] { itemRow(i).map(Float.init) }

    /// Movie index `i`'s vector in the doubles the model scores with.
    ///
    /// - Complexity: O(factors).
    public func itemRow(_ i: Int) -> [Double] { Array(items[i * factors ..< (i + 1) * factors]) }

    /// User index `u`'s vector in the doubles the model scores with.
    ///
    /// - Complexity: O(factors).
    public func userRow(_ u: Int) -> [Double] { Array(users[u * factors ..< (u + 1) * factors]) }

    /// b_i + p_u·q_i for every movie, NaN where `rated`; the dot product is
    /// summed from the first number on, then added to the bias.
    ///
    /// - Complexity: O(items × factors).
    public func scores(vector: [Double], rated: [Bool]) -> [Double] {
        Self.dotScores(vector: vector, rows: items, offsets: itemBiases, count: matrix.itemCount, rated: rated)
    }

    /// b_i.
    public func itemBias(_ i: Int) -> Double? { itemBiases[i] }
}

/// `bias MODEL` lists movies by b_i: how much any user prefers it to an
/// unrated movie, before their own taste.
extension BPRModel: ItemBiasModel {}
/// `similar` and `pca` over the movie vectors.
extension BPRModel: MovieVectorModel {}
