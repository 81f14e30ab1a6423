import Foundation

/// Item-based k-nearest-neighbour collaborative filtering, reproducing
/// LensKit 0.14.4's `ItemItem` (explicit feedback, weighted average, every
/// similarity kept).
///
/// Training:
/// 1. μ_i, the mean of item i's ratings (when centring).
/// 2. Centred values c_ui = r_ui − μ_i; each item's vector of centred values
///    (over its raters) is scaled to unit length, x_ui = c_ui · (1 / ‖c_i‖).
///    An item whose ratings all equal its mean (one rating, or all alike)
///    has the zero vector and so no neighbours.
/// 3. sim(i, j) = Σ_u x_ui · x_uj over the users who rated both — the cosine
///    of the two centred item vectors — for every pair of distinct items
///    sharing a rater. Pairs with sim ≥ `min_sim` are kept (LensKit's
///    inclusive test), all of them.
/// 4. Each item's neighbours are sorted by similarity, most similar first;
///    exact ties come out in the order of LensKit's heap sort.
///
/// Scoring a person (see ``itemScores(ratings:)``): their ratings are centred
/// by each movie's mean; for each candidate the first `nbrs` of its
/// neighbours that the person rated are used, and
/// score(i) = μ_i + Σ sim·c_j / Σ |sim|.
///
/// The similarities are symmetric bit for bit (each dot product is summed
/// in ascending user order either way), which scoring relies on to find a
/// candidate's rated neighbours from the person's side.
public struct ItemKNN: Sendable {
    /// The model's settings, named as in LensKit.
    public struct Parameters: Sendable, Equatable {
        /// The most neighbours used to score one item (`nbrs`).
        public var neighbours: Int
        /// Items with fewer rated neighbours get no score (`min_nbrs`).
        public var minNeighbours: Int
        /// Pairs less similar than this are not neighbours (`min_sim`);
        /// pairs exactly this similar are.
        public var minSimilarity: Double
        /// Whether ratings are centred by each item's mean (`center`);
        /// without it the vectors are the raw ratings, normalised, and a
        /// score is the plain weighted average of the person's ratings.
        public var center: Bool

        /// LensKit's defaults, with 20 neighbours.
        public init(neighbours: Int = 20, minNeighbours: Int = 1, minSimilarity: Double = 1e-6, center: Bool = true) {
            self.neighbours = neighbours
            self.minNeighbours = minNeighbours
            self.minSimilarity = minSimilarity
            self.center = center
        }
    }

    /// The settings the model was trained with.
    public let parameters: Parameters
    /// The training ratings.
    public let matrix: RatingMatrix
    /// μ_i per item index (all 0 when not centring).
    public let itemMeans: [Double]
    /// Item `i`'s neighbours are `neighbourOffsets[i] ..< neighbourOffsets[i + 1]`
    /// of ``neighbourItems`` and ``neighbourSimilarities``, most similar first.
    public let neighbourOffsets: [Int]
    /// The item index of each neighbour.
    public let neighbourItems: [Int32]
    /// The similarity of each neighbour to the row's item.
    public let neighbourSimilarities: [Double]

    init(parameters: Parameters, matrix: RatingMatrix, itemMeans: [Double], neighbourOffsets: [Int],
         neighbourItems: [Int32], neighbourSimilarities: [Double]) {
        self.parameters = parameters
        self.matrix = matrix
        self.itemMeans = itemMeans
        self.neighbourOffsets = neighbourOffsets
        self.neighbourItems = neighbourItems
        self.neighbourSimilarities = neighbourSimilarities
    }

    /// The number of similarities kept (each pair counted from both sides).
    public var similarityCount: Int { neighbourItems.count }

    /// The neighbour positions of item index `i`.
    @inlinable
    public func neighbourEntries(ofItem i: Int) -> Range<Int> { neighbourOffsets[i] ..< neighbourOffsets[i + 1] }

    /// Trains on `matrix`: item means, normalised item vectors, and every
    /// similarity of at least `min_sim`, computed on all cores.
    ///
    /// - Throws: ``RecLabError`` when `nbrs` or `min_nbrs` is below 1,
    ///   `min_nbrs` exceeds `nbrs` (nothing could be scored), `min_sim` is
    ///   not a finite number, the similarities would fill more than half the
    ///   machine's memory (found by a counting pass before they are stored),
    ///   or on cancellation.
    /// - Complexity: O(Σ_u n_u²) multiply-adds for n_u ratings of user u,
    ///   plus O(s log s) to sort each item's s neighbours; memory 12 bytes
    ///   per kept similarity (10.5M of them, 126 MB, for ml-latest-small).
    public static func train(_ matrix: RatingMatrix, parameters: Parameters = Parameters(),
                             cancel: Cancellation = .never) throws(RecLabError) -> ItemKNN {
        let half = ProcessInfo.processInfo.physicalMemory / 2
        return try train(matrix, parameters: parameters, memoryLimit: Int(clamping: half), cancel: cancel)
    }

    /// ``train(_:parameters:cancel:)`` with the similarities' memory limit
    /// in bytes given (tests use a small one).
    static func train(_ matrix: RatingMatrix, parameters: Parameters, memoryLimit: Int,
                      cancel: Cancellation) throws(RecLabError) -> ItemKNN {
        try validate(parameters)
        let means = parameters.center ? itemMeans(matrix) : [Double](repeating: 0, count: matrix.itemCount)
        try cancel.check()
        let vectors = normalisedVectors(matrix, means: means)
        try cancel.check()
        let rows = try similarityRows(matrix, vectors: vectors, minSimilarity: parameters.minSimilarity,
                                      memoryLimit: memoryLimit, cancel: cancel)
        return ItemKNN(parameters: parameters, matrix: matrix, itemMeans: means, neighbourOffsets: rows.offsets,
                       neighbourItems: rows.items, neighbourSimilarities: rows.similarities)
    }

    private static func validate(_ parameters: Parameters) throws(RecLabError) {
        guard parameters.neighbours >= 1 else {
            throw RecLabError("nbrs must be at least 1 (got \(parameters.neighbours))", subject: "nbrs")
        }
        guard parameters.minNeighbours >= 1 else {
            throw RecLabError("min_nbrs must be at least 1 (got \(parameters.minNeighbours))", subject: "min_nbrs")
        }
        guard parameters.minNeighbours <= parameters.neighbours else {
            throw RecLabError("min_nbrs (\(parameters.minNeighbours)) is more than nbrs (\(parameters.neighbours)), "
                              + "so no movie could be scored", subject: "min_nbrs")
        }
        guard parameters.minSimilarity.isFinite else {
            throw RecLabError("min_sim must be a number (got \(parameters.minSimilarity))", subject: "min_sim")
        }
    }
}
