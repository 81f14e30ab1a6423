import Foundation

extension MatrixFactorization {
    /// Ratings per shuffled chunk of a block: three quarters of a megabyte,
    /// so shuffling and reading a chunk stays in the core's L2 cache.
    static let chunkRatings = 1 << 16

    /// The chunk size of `state`'s blocks: with one block (below
    /// ``parallelRatings``) the whole training set, so each epoch is one
    /// uniform shuffle as fast.ai's; with blocks, ``chunkRatings``.
    static func chunkSize(_ state: MFState, batchSize bs: Int) -> Int {
        state.strata.grid == 1 ? max(bs, state.train.count) : max(bs, chunkRatings / bs * bs)
    }

    /// Runs epoch `epochInFit` of a fit on `state` and returns its batch
    /// losses (mean squared error per batch) in step order.
    ///
    /// The rounds run one after the other; the blocks of a round are handed
    /// to the workers as they come free (largest first). `concurrently:
    /// false` runs them on the calling thread, with the same result.
    func runEpoch(_ state: inout MFState, plan: MFFitPlan, epochInFit: Int, lifeEpoch: Int, firstStep: Int,
                  schedule: OneCycle, concurrently: Bool, cancel: Cancellation,
                  stage: String) throws(RecLabError) -> [Double] {
        let width = state.width, bs = plan.batchSize, seed = parameters.seed
        let train = state.train, strata = state.strata
        let epochStart = epochInFit * plan.stepsPerEpoch
        let chunk = Self.chunkSize(state, batchSize: bs)
        let progress = MFProgress(stage: stage, steps: plan.stepsPerEpoch, cancel: cancel)
        var losses = [Double](repeating: 0, count: plan.stepsPerEpoch)
        let (userCount, itemCount) = (matrix.userCount, matrix.itemCount)
        let stride = state.users.stride
        try withSides(&state) { (users, items) throws(RecLabError) in
            let kernel = MFKernel(users: users, items: items, width: width, stride: stride, factors: factors, low: Float(low),
                                  span: Float(high - low), weightDecay: Float(parameters.weightDecay),
                                  schedule: schedule, firstStep: firstStep)
            if epochInFit == 0 {
                // Every row stamped before the fit's first step, the drift of
                // its moment from an earlier fit committed.
                Parallel.forEach(Parallel.ranges(count: userCount, minimumChunk: 65_536)) { range in
                    for u in range { kernel.startFit(users, u) }
                }
                Parallel.forEach(Parallel.ranges(count: itemCount, minimumChunk: 65_536)) { range in
                    for i in range { kernel.startFit(items, i) }
                }
            }
            try losses.withUnsafeMutableBufferPointer { (lossBuffer) throws(RecLabError) in
                guard let lossBase = lossBuffer.baseAddress else { return }
                let lossOut = SendablePointer(lossBase)
                let pool = MFScratchPool(batchSize: bs, width: width, chunkCapacity: chunk)
                var roundStart = 0
                for s in Self.roundOrder(plan, seed: seed, lifeEpoch: lifeEpoch) {
                    let parts = plan.rounds[s], base = roundStart
                    let body: @Sendable (Range<Int>) throws(RecLabError) -> Void = { (range) throws(RecLabError) in
                        let scratch = pool.take()
                        defer { pool.give(scratch) }
                        for p in range {
                            try Self.trainBlock(parts[p], train: train, strata: strata, kernel: kernel,
                                                scratch: scratch, chunk: chunk, batchSize: bs,
                                                stepBase: epochStart + base, firstStep: firstStep,
                                                seed: Self.blockSeed(seed, lifeEpoch: lifeEpoch),
                                                losses: lossOut.pointer + base, cancel: cancel, progress: progress)
                        }
                    }
                    if concurrently {
                        _ = try Parallel.map(parts.indices.map { $0 ..< $0 + 1 }, body)
                    } else {
                        try body(parts.indices)
                    }
                    roundStart += plan.roundSteps[s]
                }
            }
            // Every row brought to the epoch's end (its committed drift
            // included), so the model is complete between epochs.
            let end = epochStart + plan.stepsPerEpoch
            Parallel.forEach(Parallel.ranges(count: userCount, minimumChunk: 32_768)) { range in
                for u in range { kernel.catchUpToEpochEnd(users, u, end: end) }
            }
            Parallel.forEach(Parallel.ranges(count: itemCount, minimumChunk: 32_768)) { range in
                for i in range { kernel.catchUpToEpochEnd(items, i, end: end) }
            }
        }
        cancel.report(stage, fraction: 1)
        return losses
    }

    /// The order of an epoch's rounds, seeded by the epoch.
    static func roundOrder(_ plan: MFFitPlan, seed: UInt64, lifeEpoch: Int) -> [Int] {
        var generator = SeededGenerator(seed: seed ^ (UInt64(lifeEpoch) &* 0xA24B_AED4_963E_E407))
        var order = Array(plan.rounds.indices)
        order.shuffle(using: &generator)
        return order
    }

    /// The seed of an epoch's shuffles within blocks.
    static func blockSeed(_ seed: UInt64, lifeEpoch: Int) -> UInt64 { seed ^ (UInt64(lifeEpoch) &* 0x9E37_79B9_7F4A_7C15) }

    /// Trains one block's part of a round: its rows swept into the cache,
    /// then its batches (``forEachBatch``) as the part's steps.
    private static func trainBlock(_ part: MFFitPlan.Part, train: [MFRating], strata: MFStrata, kernel: MFKernel,
                                   scratch: MFScratch, chunk: Int, batchSize bs: Int, stepBase: Int, firstStep: Int,
                                   seed: UInt64, losses: UnsafeMutablePointer<Double>, cancel: Cancellation,
                                   progress: MFProgress) throws(RecLabError) {
        if strata.grid > 1 {
            // The block's rows in one sequential sweep each: the hardware
            // prefetcher streams them into the cache many times faster than
            // the block's first random touches would bring them.
            let (a, b) = part.block.quotientAndRemainder(dividingBy: strata.grid)
            scratch.sink += kernel.warm(kernel.users, strata.userRanges[a]) + kernel.warm(kernel.items, strata.itemRanges[b])
        }
        var sinceReport = 0
        try forEachBatch(of: part, train: train, strata: strata, scratch: scratch, chunk: chunk, batchSize: bs,
                         seed: seed) { (batch, step) throws(RecLabError) in
            try cancel.check()
            let t = stepBase + step
            let squares = kernel.step(batch, t: t, lifeStep: firstStep + t + 1, scratch: scratch)
            losses[step] = squares / Double(batch.count)
            sinceReport += 1
            if sinceReport == progress.every {
                progress.advance(by: sinceReport)
                sinceReport = 0
            }
        }
        progress.advance(by: sinceReport)
    }

    /// Cuts one block's part of a round into batches: the block's chunks in
    /// a seeded order, each chunk shuffled; a batch may span chunks. Calls `body` with each batch and its step within the round; a
    /// last partial batch the plan has no step for is dropped.
    static func forEachBatch(of part: MFFitPlan.Part, train: [MFRating], strata: MFStrata, scratch: MFScratch,
                             chunk: Int, batchSize bs: Int, seed: UInt64,
                             _ body: (UnsafeBufferPointer<MFRating>, Int) throws(RecLabError) -> Void) throws(RecLabError) {
        // Each block's shuffle has its own stream, so it does not depend on
        // how the blocks are spread over the workers.
        var generator = SeededGenerator(seed: seed ^ (UInt64(part.block) &* 0xC2B2_AE3D_27D4_EB4F))
        let block = strata.blocks[part.block]
        var filled = 0, j = 0
        func flush() throws(RecLabError) {
            if j < part.steps.count {
                try body(UnsafeBufferPointer(start: scratch.batch, count: filled), Int(part.steps[j]))
            }
            j += 1
            filled = 0
        }
        try train.withUnsafeBufferPointer { (all) throws(RecLabError) in
            guard let all = all.baseAddress else { return }
            var order = Array(0 ..< (block.count + chunk - 1) / chunk)
            order.shuffle(using: &generator)
            for c in order {
                let lower = block.lowerBound + c * chunk, n = min(chunk, block.upperBound - lower)
                scratch.chunk.update(from: all + lower, count: n)
                for k in stride(from: n - 1, to: 0, by: -1) {
                    let other = generator.next(below: k + 1)
                    (scratch.chunk[k], scratch.chunk[other]) = (scratch.chunk[other], scratch.chunk[k])
                }
                var taken = 0
                while taken < n {
                    let take = min(bs - filled, n - taken)
                    (scratch.batch + filled).update(from: scratch.chunk + taken, count: take)
                    filled += take
                    taken += take
                    if filled == bs { try flush() }
                }
            }
            if filled > 0 { try flush() }
        }
    }

    /// The batches of the model's next epoch in step order, as the next
    /// ``fit(epochs:cancel:observer:)`` would train them (for tests that
    /// replay them through a dense optimiser).
    func batches(epochInFit: Int) -> [[MFRating]] {
        let bs = parameters.batchSize
        let plan = MFFitPlan(strata: state.strata, batchSize: bs)
        let chunk = Self.chunkSize(state, batchSize: bs)
        let scratch = MFScratch(batchSize: bs, width: state.width, chunkCapacity: chunk)
        let lifeEpoch = history.count + epochInFit
        var out = [[MFRating]](repeating: [], count: plan.stepsPerEpoch)
        var roundStart = 0
        for s in Self.roundOrder(plan, seed: parameters.seed, lifeEpoch: lifeEpoch) {
            for part in plan.rounds[s] {
                try? Self.forEachBatch(of: part, train: state.train, strata: state.strata, scratch: scratch, chunk: chunk,
                                       batchSize: bs, seed: Self.blockSeed(parameters.seed, lifeEpoch: lifeEpoch)) { batch, step in
                    out[roundStart + step] = Array(batch)
                }
            }
            roundStart += plan.roundSteps[s]
        }
        return out
    }

    /// Runs `body` with raw access to both sides' row records.
    private func withSides(_ state: inout MFState,
                           _ body: (MFSide, MFSide) throws(RecLabError) -> Void) throws(RecLabError) {
        let missing = RecLabError("internal: a model with no rows")
        try state.users.records.withUnsafeMutableBufferPointer { (users) throws(RecLabError) in
            try state.items.records.withUnsafeMutableBufferPointer { (items) throws(RecLabError) in
                guard let users = users.baseAddress, let items = items.baseAddress else { throw missing }
                try body(MFSide(records: users), MFSide(records: items))
            }
        }
    }
}
