extension UserKNN: CheckpointableModel {
    /// `userknn`.
    public static let checkpointKind = "userknn"

    /// The payload's bytes: the settings and the ratings.
    public var checkpointSize: Int { NeighbourSettings.checkpointSize + matrix.checkpointSize }

    /// Writes the settings and the ratings; loading trains again. The users'
    /// means and norms are not written: training is one exact pass per user
    /// (its result does not depend on how users are split between cores),
    /// so it gives the same bits again, in about a millisecond for
    /// ml-latest-small (Benchmarks/README.md).
    ///
    /// - Complexity: O(ratings).
    public func encode(into writer: inout CheckpointWriter) {
        let p = parameters
        NeighbourSettings(neighbours: p.neighbours, minNeighbours: p.minNeighbours, minSimilarity: p.minSimilarity,
                          center: p.center).encode(into: &writer)
        writer.write(matrix)
    }

    /// Reads the settings and the ratings, and trains on them again.
    ///
    /// - Throws: ``RecLabError`` for settings training would refuse,
    ///   damaged ratings, or cancellation.
    /// - Complexity: O(ratings).
    public static func decode(from reader: inout CheckpointReader, cancel: Cancellation) throws(RecLabError) -> UserKNN {
        let s = try NeighbourSettings.decode(from: &reader)
        let matrix = try reader.readRatingMatrix(cancel: cancel)
        try cancel.check()
        return try train(matrix, parameters: Parameters(neighbours: s.neighbours, minNeighbours: s.minNeighbours,
                                                        minSimilarity: s.minSimilarity, center: s.center))
    }
}
