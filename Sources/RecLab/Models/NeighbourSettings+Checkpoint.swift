/// The settings `userknn` and `itemknn` share, and their checkpoints'
/// common payload: `nbrs` and `min_nbrs` (Int64 each), `min_sim` (Double
/// bits), `center` (one byte), then the ratings. Neither kind writes what
/// it learned: loading trains again (see each kind's `encode(into:)`).
struct NeighbourSettings: Sendable, Equatable {
    var neighbours: Int
    var minNeighbours: Int
    var minSimilarity: Double
    var center: Bool

    /// The most `nbrs` a file may hold: what `train` accepts. Scoring
    /// reserves room for `nbrs` neighbours, so a damaged count must not
    /// reach it.
    static let maximumNeighbours = 10_000

    /// The payload's bytes for `matrix`.
    static func checkpointSize(_ matrix: RatingMatrix) -> Int { 25 + matrix.checkpointSize }

    /// Writes the four settings, then `matrix`.
    ///
    /// - Complexity: O(ratings).
    func encode(_ matrix: RatingMatrix, into writer: inout CheckpointWriter) {
        writer.write(Int64(neighbours))
        writer.write(Int64(minNeighbours))
        writer.write(minSimilarity)
        writer.write(flag: center)
        writer.write(matrix)
    }

    /// Reads settings both kinds' training accepts (`nbrs` from 1 to
    /// ``maximumNeighbours``, `min_nbrs` from 1 to `nbrs`, a finite
    /// `min_sim`) and the ratings, and returns what `train` makes of them.
    ///
    /// - Throws: ``RecLabError`` naming the first setting out of range,
    ///   for damaged ratings, or whatever `train` throws.
    /// - Complexity: O(ratings), plus `train`'s.
    static func decode<Model>(
        from reader: inout CheckpointReader, cancel: Cancellation,
        train: (RatingMatrix, NeighbourSettings) throws(RecLabError) -> Model
    ) throws(RecLabError) -> Model {
        let neighbours = try reader.readCount("nbrs", in: 1 ... maximumNeighbours)
        let minNeighbours = try reader.readCount("min_nbrs", in: 1 ... neighbours)
        let minSimilarity = try reader.readDouble("min_sim")
        guard minSimilarity.isFinite else { throw CheckpointReader.damaged("min_sim is \(minSimilarity)") }
        let settings = NeighbourSettings(neighbours: neighbours, minNeighbours: minNeighbours,
                                         minSimilarity: minSimilarity, center: try reader.readFlag("center"))
        let matrix = try reader.readRatingMatrix(cancel: cancel)
        try cancel.check()
        return try train(matrix, settings)
    }
}
