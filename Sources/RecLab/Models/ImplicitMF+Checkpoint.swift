extension ImplicitMF: CheckpointableModel {
    /// The payload's bytes: the vectors and the ratings dominate.
    public var checkpointSize: Int { 128 + matrix.checkpointSize + 8 * (users.count + items.count) }

    /// Writes the settings, the ratings, every user's then every movie's
    /// vector. Fold-in's YᵀY + reg·I is not kept: decoding sums it again
    /// from the movie vectors in the same order, to the same bits.
    ///
    /// - Complexity: O(ratings + (users + movies) × features).
    public func encode(into writer: inout CheckpointWriter) {
        let p = parameters
        writer.write(Int64(p.features))
        writer.write(Int64(p.iterations))
        writer.write(p.regularization)
        writer.write(p.weight)
        writer.write(p.seed)
        writer.write(matrix)
        writer.write(contentsOf: users)
        writer.write(contentsOf: items)
    }

    /// Reads what ``encode(into:)`` wrote, refusing anything inconsistent.
    ///
    /// - Throws: ``RecLabError`` for settings training would refuse,
    ///   damaged ratings, too few numbers, or cancellation.
    /// - Complexity: O(ratings + (users + movies) × features + movies × features²).
    public static func decode(from reader: inout CheckpointReader, cancel: Cancellation) throws(RecLabError) -> ImplicitMF {
        var p = Parameters()
        p.features = try reader.readCount("features", in: 1 ... 1024)
        p.iterations = try reader.readCount("iters", in: 1 ... 10_000)
        p.regularization = try reader.readDouble("reg")
        p.weight = try reader.readDouble("weight")
        p.seed = try reader.read(UInt64.self, "seed")
        do throws(RecLabError) { try p.validate() } catch { throw CheckpointReader.damaged(error.message) }
        let matrix = try reader.readRatingMatrix(cancel: cancel)
        let users = try reader.readDoubles(count: matrix.userCount * p.features, "the user vectors")
        let items = try reader.readDoubles(count: matrix.itemCount * p.features, "the movie vectors")
        let gram = gram(of: items, count: matrix.itemCount, k: p.features, regularization: p.regularization)
        return ImplicitMF(parameters: p, matrix: matrix, users: users, items: items, gram: gram)
    }
}
