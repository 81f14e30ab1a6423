extension UserKNN: CheckpointableModel {
    /// The payload's bytes: the settings and the ratings.
    public var checkpointSize: Int { NeighbourSettings.checkpointSize(matrix) }

    /// Writes the settings and the ratings, not the users' means and norms:
    /// training is one exact pass per user, whatever the number of cores,
    /// so loading trains again to the same bits (0.3 ms of a 4 ms load for
    /// ml-latest-small, Benchmarks/README.md).
    ///
    /// - Complexity: O(ratings).
    public func encode(into writer: inout CheckpointWriter) {
        let p = parameters
        NeighbourSettings(neighbours: p.neighbours, minNeighbours: p.minNeighbours, minSimilarity: p.minSimilarity,
                          center: p.center).encode(matrix, into: &writer)
    }

    /// Reads the settings and the ratings, and trains on them again.
    ///
    /// - Throws: ``RecLabError`` for settings training would refuse,
    ///   damaged ratings, or cancellation.
    /// - Complexity: O(ratings).
    public static func decode(from reader: inout CheckpointReader, cancel: Cancellation) throws(RecLabError) -> UserKNN {
        try NeighbourSettings.decode(from: &reader, cancel: cancel) { (matrix, s) throws(RecLabError) in
            try train(matrix, parameters: Parameters(neighbours: s.neighbours, minNeighbours: s.minNeighbours,
                                                     minSimilarity: s.minSimilarity, center: s.center))
        }
    }
}
