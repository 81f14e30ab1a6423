extension Table {
    /// `folds` train/test splits over the users, as LensKit's
    /// `partition_users(…, SampleFrac(fraction))`: the distinct users of
    /// column `user` are shuffled (seeded) and dealt into `folds` groups
    /// of sizes differing by at most one; fold f holds out
    /// round(fraction × n) of each of its users' n rows (halves to even),
    /// and trains on every other row. Each user is tested in exactly one fold.
    ///
    /// - Throws: ``RecLabError`` for fewer than 2 folds, more folds than
    ///   users, an unknown column, or cancellation.
    /// - Complexity: O(folds × rows).
    public func crossfold(_ folds: Int, by user: String, holdOut fraction: Double, seed: UInt64,
                          cancel: Cancellation = .never) throws(RecLabError) -> [(train: Table, test: Table)] {
        let (groups, sizes) = try strata([user], cancel: cancel)
        guard folds >= 2 else { throw RecLabError("cross-validation needs at least 2 folds, not \(folds)", subject: String(folds)) }
        guard folds <= sizes.count else {
            throw RecLabError("\(folds) folds need at least \(folds) users; '\(user)' has \(sizes.count)", subject: String(folds))
        }
        var generator = SeededGenerator(seed: seed)
        var order = Array(0..<sizes.count)
        for i in stride(from: order.count - 1, to: 0, by: -1) {
            order.swapAt(i, Int(generator.next(below: i + 1)))
        }
        var foldOf = [Int](repeating: 0, count: sizes.count)
        for (position, group) in order.enumerated() { foldOf[group] = position % folds }
        var splits: [(train: Table, test: Table)] = []
        for fold in 0..<folds {
            try cancel.check()
            let held = sizes.indices.map { foldOf[$0] == fold ? HoldOutSize.fraction(fraction).count(of: sizes[$0]) : 0 }
            let (test, train) = try randomRows(keeping: held, groups: groups, seed: seed &+ UInt64(fold) &+ 1, cancel: cancel)
            splits.append((gather(train), gather(test)))
        }
        return splits
    }
}
