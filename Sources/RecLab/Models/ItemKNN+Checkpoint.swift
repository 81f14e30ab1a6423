extension ItemKNN: CheckpointableModel {
    /// `itemknn`.
    public static let checkpointKind = "itemknn"

    /// The payload's bytes: the settings and the ratings.
    public var checkpointSize: Int { NeighbourSettings.checkpointSize + matrix.checkpointSize }

    /// Writes the settings and the ratings; loading trains again. The
    /// similarities are not written: at 12 bytes each they would make
    /// ml-latest-small's file 127 MB rather than 1.3 MB, and reading and
    /// checking them would save little over computing them; training gives
    /// the same bits every time (each movie's row is summed in a fixed
    /// order, whatever the number of cores). Figures in Benchmarks/README.md.
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
    ///   damaged ratings, similarities that would not fit in this machine's
    ///   memory (as `train` says), or cancellation.
    /// - Complexity: as ``train(_:parameters:cancel:)``.
    public static func decode(from reader: inout CheckpointReader, cancel: Cancellation) throws(RecLabError) -> ItemKNN {
        let s = try NeighbourSettings.decode(from: &reader)
        let matrix = try reader.readRatingMatrix(cancel: cancel)
        return try train(matrix, parameters: Parameters(neighbours: s.neighbours, minNeighbours: s.minNeighbours,
                                                        minSimilarity: s.minSimilarity, center: s.center), cancel: cancel)
    }
}
