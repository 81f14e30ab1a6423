extension ItemKNN: CheckpointableModel {
    /// The payload's bytes: the settings and the ratings.
    public var checkpointSize: Int { NeighbourSettings.checkpointSize(matrix) }

    /// Writes the settings and the ratings, not the similarities: at 12
    /// bytes each they would make ml-latest-small's file 127 MB rather than
    /// 1.3 MB, and would still take at least 0.18 s to read and check.
    /// Training gives the same bits every time (each movie's row is summed
    /// in a fixed order, whatever the number of cores), so loading trains
    /// again: 0.4 s for ml-latest-small, as long as `train`
    /// (Benchmarks/README.md).
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
    ///   damaged ratings, similarities that would not fit in this machine's
    ///   memory (as `train` says), or cancellation.
    /// - Complexity: as ``train(_:parameters:cancel:)``.
    public static func decode(from reader: inout CheckpointReader, cancel: Cancellation) throws(RecLabError) -> ItemKNN {
        try NeighbourSettings.decode(from: &reader, cancel: cancel) { (matrix, s) throws(RecLabError) in
            try train(matrix, parameters: Parameters(neighbours: s.neighbours, minNeighbours: s.minNeighbours,
                                                     minSimilarity: s.minSimilarity, center: s.center), cancel: cancel)
        }
    }
}
