extension EASE: CheckpointableModel {
    /// The payload's bytes: the ratings and the kept² weights.
    public var checkpointSize: Int { 64 + matrix.checkpointSize + 4 * weights.count }

    /// Writes the settings, the ratings and the weights. Which movies are
    /// kept follows from the ratings and `min_ratings`; the weights are kept
    /// because the inverse takes seconds and LAPACK's last bits may differ
    /// between machines, and a saved model must score to the same bits.
    ///
    /// - Complexity: O(ratings + kept²).
    public func encode(into writer: inout CheckpointWriter) {
        writer.write(parameters.regularization)
        writer.write(Int64(parameters.minRatings))
        writer.write(matrix)
        writer.write(Int64(kept.count))
        writer.write(contentsOf: weights)
    }

    /// Reads what ``encode(into:)`` wrote, refusing anything inconsistent:
    /// settings training would refuse, a count of kept movies that does not
    /// follow from the ratings, weights that are not finite or a diagonal
    /// that is not 0.
    ///
    /// - Throws: ``RecLabError`` for a payload that does not make sense, or
    ///   cancellation.
    /// - Complexity: O(ratings + kept²).
    public static func decode(from reader: inout CheckpointReader, cancel: Cancellation) throws(RecLabError) -> EASE {
        let damaged = CheckpointReader.damaged
        var p = Parameters()
        p.regularization = try reader.readDouble("reg")
        p.minRatings = try reader.readCount("min_ratings", in: 1 ... 1_000_000_000)
        do throws(RecLabError) { try p.validate() } catch { throw damaged(error.message) }
        let matrix = try reader.readRatingMatrix(cancel: cancel)
        let (kept, position) = keptMovies(matrix, minRatings: p.minRatings)
        let n = try reader.readCount("the number of kept movies", in: 0 ... maximumMovies)
        guard n == kept.count, n > 0 else {
            throw damaged("\(n) kept movies where the ratings give \(kept.count)")
        }
        let weights = try reader.readFloats(count: n * n, "the weights")
        try cancel.check()
        for a in 0 ..< n where weights[a * n + a] != 0 { throw damaged("a movie's weight to itself is not 0") }
        guard weights.allSatisfy(\.isFinite) else { throw damaged("a weight that is not a number") }
        return EASE(parameters: p, matrix: matrix, kept: kept, position: position, weights: weights)
    }
}
