extension BPRModel: CheckpointableModel {
    /// The payload's bytes: the vectors and the ratings dominate.
    public var checkpointSize: Int {
        128 + matrix.checkpointSize + 8 * (users.count + items.count + itemBiases.count)
    }

    /// Writes the settings, the ratings, every user's vector, then every
    /// movie's vector and every movie's bias: all fold-in needs besides
    /// the settings. Training would take seconds again, but keeping what
    /// it learned makes the file independent of how this build samples.
    ///
    /// - Complexity: O(ratings + (users + movies) × features).
    public func encode(into writer: inout CheckpointWriter) {
        let p = parameters
        writer.write(Int64(p.features))
        writer.write(Int64(p.epochs))
        writer.write(p.learningRate)
        writer.write(p.regularization)
        writer.write(p.seed)
        writer.write(matrix)
        writer.write(contentsOf: users)
        writer.write(contentsOf: items)
        writer.write(contentsOf: itemBiases)
    }

    /// Reads what ``encode(into:)`` wrote, refusing anything inconsistent.
    ///
    /// - Throws: ``RecLabError`` for settings training would refuse,
    ///   damaged ratings, too few numbers, or cancellation.
    /// - Complexity: O(ratings + (users + movies) × features).
    public static func decode(from reader: inout CheckpointReader, cancel: Cancellation) throws(RecLabError) -> BPRModel {
        var p = Parameters()
        p.features = try reader.readCount("features", in: 1 ... 1024)
        p.epochs = try reader.readCount("epochs", in: 1 ... 10_000)
        p.learningRate = try reader.readDouble("lr")
        p.regularization = try reader.readDouble("reg")
        p.seed = try reader.read(UInt64.self, "seed")
        do throws(RecLabError) { try p.validate() } catch { throw CheckpointReader.damaged(error.message) }
        let matrix = try reader.readRatingMatrix(cancel: cancel)
        let users = try reader.readDoubles(count: matrix.userCount * p.features, "the user vectors")
        let items = try reader.readDoubles(count: matrix.itemCount * p.features, "the movie vectors")
        let biases = try reader.readDoubles(count: matrix.itemCount, "the movie biases")
        return BPRModel(parameters: p, matrix: matrix, users: users, items: items, itemBiases: biases)
    }
}
