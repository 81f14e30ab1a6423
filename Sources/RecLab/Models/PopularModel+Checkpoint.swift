extension PopularModel: CheckpointableModel {
    /// The payload's bytes: the ratings.
    public var checkpointSize: Int { matrix.checkpointSize }

    /// Writes the ratings only: the counts are rebuilt from them on load,
    /// exactly (each is a count of a movie's ratings), in O(movies).
    ///
    /// - Complexity: O(ratings).
    public func encode(into writer: inout CheckpointWriter) {
        writer.write(matrix)
    }

    /// Reads the ratings and counts each movie's again.
    ///
    /// - Complexity: O(ratings).
    public static func decode(from reader: inout CheckpointReader, cancel: Cancellation) throws(RecLabError) -> PopularModel {
        PopularModel.train(try reader.readRatingMatrix(cancel: cancel))
    }
}
