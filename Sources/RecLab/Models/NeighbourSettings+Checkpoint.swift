/// The settings `userknn` and `itemknn` share, as their checkpoints hold
/// them: `nbrs` and `min_nbrs` (Int64 each), `min_sim` (Double bits) and
/// `center` (one byte).
struct NeighbourSettings: Sendable, Equatable {
    var neighbours: Int
    var minNeighbours: Int
    var minSimilarity: Double
    var center: Bool

    /// The bytes ``encode(into:)`` writes.
    static let checkpointSize = 25

    /// Writes the four settings.
    func encode(into writer: inout CheckpointWriter) {
        writer.write(Int64(neighbours))
        writer.write(Int64(minNeighbours))
        writer.write(minSimilarity)
        writer.write(flag: center)
    }

    /// The most `nbrs` a file may hold: what `train` accepts. Scoring
    /// reserves room for `nbrs` neighbours, so a damaged count must not
    /// reach it.
    static let maximumNeighbours = 10_000

    /// Reads settings both kinds' training accepts: `nbrs` from 1 to
    /// ``maximumNeighbours``, `min_nbrs` from 1 to `nbrs`, a finite `min_sim`.
    ///
    /// - Throws: ``RecLabError`` naming the first setting out of range.
    static func decode(from reader: inout CheckpointReader) throws(RecLabError) -> NeighbourSettings {
        let neighbours = try reader.readCount("nbrs", in: 1 ... maximumNeighbours)
        let minNeighbours = try reader.readCount("min_nbrs", in: 1 ... neighbours)
        let minSimilarity = try reader.readDouble("min_sim")
        guard minSimilarity.isFinite else { throw CheckpointReader.damaged("min_sim is \(minSimilarity)") }
        return NeighbourSettings(neighbours: neighbours, minNeighbours: minNeighbours, minSimilarity: minSimilarity,
                                 center: try reader.readFlag("center"))
    }
}
