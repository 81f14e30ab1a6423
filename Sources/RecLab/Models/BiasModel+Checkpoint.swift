extension BiasModel: CheckpointableModel {
    /// The payload's bytes: the dampings and the ratings.
    public var checkpointSize: Int { 16 + matrix.checkpointSize }

    /// Writes the user and item damping and the ratings. The biases are not
    /// written: training is three exact passes over the ratings (compensated
    /// sums in a fixed order, no randomness), so loading trains again and
    /// gets the same bits (0.8 ms of a 4.5 ms load for ml-latest-small,
    /// Benchmarks/README.md).
    ///
    /// - Complexity: O(ratings).
    public func encode(into writer: inout CheckpointWriter) {
        writer.write(parameters.userDamping)
        writer.write(parameters.itemDamping)
        writer.write(matrix)
    }

    /// Reads the dampings and the ratings, and trains on them again.
    ///
    /// - Throws: ``RecLabError`` for a damping training would refuse,
    ///   damaged ratings, or cancellation.
    /// - Complexity: O(ratings).
    public static func decode(from reader: inout CheckpointReader, cancel: Cancellation) throws(RecLabError) -> BiasModel {
        let userDamping = try reader.readDouble("user_damping"), itemDamping = try reader.readDouble("item_damping")
        for (name, value) in [("user_damping", userDamping), ("item_damping", itemDamping)] where !(value.isFinite && value >= 0) {
            throw CheckpointReader.damaged("\(name) is \(value)")
        }
        let matrix = try reader.readRatingMatrix(cancel: cancel)
        return try train(matrix, parameters: Parameters(userDamping: userDamping, itemDamping: itemDamping), cancel: cancel)
    }
}
