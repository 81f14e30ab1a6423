import Foundation

extension MatrixFactorization {
    /// Ratings per shuffled chunk: three quarters of a megabyte, so
    /// shuffling and reading a chunk stays in the core's L2 cache.
    static let chunkRatings = 1 << 16

    /// Runs epoch `epochInFit` of a fit on `state` and returns its batch
    /// losses (mean squared error per batch) in step order.
    ///
    /// The rounds run one after the other; the blocks of a round are handed
    /// to the workers as they come free (largest first). `concurrently:
    /// false` runs them on the calling thread, with the same result.
    func runEpoch(_ state: inout MFState, plan: MFFitPlan, epochInFit: Int, lifeEpoch: Int, firstStep: Int,
                  schedule: OneCycle, concurrently: Bool, cancel: Cancellation,
                  observer: TrainingObserver) throws(RecLabError) -> [Double] {
        let width = state.width, bs = plan.batchSize, seed = parameters.seed
        let train = state.train, strata = state.strata
        let epochStart = epochInFit * plan.stepsPerEpoch
        let chunk = max(bs, Self.chunkRatings / bs * bs)
        let progress = MFProgress(epoch: lifeEpoch, steps: plan.stepsPerEpoch, observer: observer)
        var losses = [Double](repeating: 0, count: plan.stepsPerEpoch)
        let (userCount, itemCount) = (matrix.userCount, matrix.itemCount)
        let stride = state.users.stride
        try withSides(&state) { (users, items) throws(RecLabError) in
            let kernel = MFKernel(users: users, items: items, width: width, stride: stride, factors: factors, low: Float(low),
                                  span: Float(high - low), weightDecay: Float(parameters.weightDecay),
                                  schedule: schedule, firstStep: firstStep)
            if epochInFit == 0 {
                // A fit starts with every row stamped at its first step.
                let start = schedule.mark[0]
                Parallel.forEach(Parallel.ranges(count: userCount, minimumChunk: 65_536)) { range in
                    for u in range { users.header(u, stride: stride).reset(start) }
                }
                Parallel.forEach(Parallel.ranges(count: itemCount, minimumChunk: 65_536)) { range in
                    for i in range { items.header(i, stride: stride).reset(start) }
                }
            }
            try losses.withUnsafeMutableBufferPointer { (lossBuffer) throws(RecLabError) in
                guard let lossBase = lossBuffer.baseAddress else { return }
                let lossOut = SendablePointer(lossBase)
                // The rounds in a seeded order of their own.
                var generator = SeededGenerator(seed: seed ^ (UInt64(lifeEpoch) &* 0xA24B_AED4_963E_E407))
                var roundOrder = Array(plan.rounds.indices)
                roundOrder.shuffle(using: &generator)
                var roundStart = 0
                for s in roundOrder {
                    let parts = plan.rounds[s], base = roundStart
                    let body: @Sendable (Range<Int>) throws(RecLabError) -> Void = { (range) throws(RecLabError) in
                        let scratch = MFScratch(batchSize: bs, width: width, chunkCapacity: chunk)
                        for p in range {
                            try Self.trainBlock(parts[p], train: train, strata: strata, kernel: kernel,
                                                scratch: scratch, chunk: chunk, batchSize: bs,
                                                stepBase: epochStart + base, firstStep: firstStep,
                                                seed: seed ^ (UInt64(lifeEpoch) &* 0x9E37_79B9_7F4A_7C15),
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
            // Every row brought to the epoch's end, so the model is exact here.
            let end = epochStart + plan.stepsPerEpoch
            Parallel.forEach(Parallel.ranges(count: userCount, minimumChunk: 32_768)) { range in
                for u in range { kernel.catchUp(users, u, to: end, epochEnd: true) }
            }
            Parallel.forEach(Parallel.ranges(count: itemCount, minimumChunk: 32_768)) { range in
                for i in range { kernel.catchUp(items, i, to: end, epochEnd: true) }
            }
        }
        observer.batch(lifeEpoch, 1)
        return losses
    }

    /// Trains one block's part of a round: its tiles in a seeded order, each
    /// tile's chunks in a seeded order and each chunk shuffled, cut into
    /// batches (a batch may span chunks and tiles) that take the part's steps.
    private static func trainBlock(_ part: MFFitPlan.Part, train: [MFRating], strata: MFStrata, kernel: MFKernel,
                                   scratch: MFScratch, chunk: Int, batchSize bs: Int, stepBase: Int, firstStep: Int,
                                   seed: UInt64, losses: UnsafeMutablePointer<Double>, cancel: Cancellation,
                                   progress: MFProgress) throws(RecLabError) {
        // Each block's shuffle has its own stream, so it does not depend on
        // how the blocks are spread over the workers.
        var generator = SeededGenerator(seed: seed ^ (UInt64(part.block) &* 0xC2B2_AE3D_27D4_EB4F))
        if strata.grid > 1 {
            // The block's rows in one sequential sweep each: the hardware
            // prefetcher streams them into the cache many times faster than
            // the block's first random touches would bring them.
            let (a, b) = part.block.quotientAndRemainder(dividingBy: strata.grid)
            scratch.sink += kernel.warm(kernel.users, strata.userRanges[a]) + kernel.warm(kernel.items, strata.itemRanges[b])
        }
        var passes = strata.passes(ofBlock: part.block)
        passes.shuffle(using: &generator)
        var tiles: [Range<Int>] = []
        for pass in passes {
            var inPass = pass.filter { !$0.isEmpty }
            inPass.shuffle(using: &generator)
            tiles += inPass
        }
        var filled = 0, j = 0, sinceReport = 0
        func flush() throws(RecLabError) {
            try cancel.check()
            let step = Int(part.steps[j])
            let t = stepBase + step
            let squares = kernel.step(UnsafeBufferPointer(start: scratch.batch, count: filled), t: t,
                                      lifeStep: firstStep + t + 1, scratch: scratch)
            losses[step] = squares / Double(filled)
            j += 1
            filled = 0
            sinceReport += 1
            if sinceReport == progress.every {
                progress.advance(by: sinceReport)
                sinceReport = 0
            }
        }
        try train.withUnsafeBufferPointer { (all) throws(RecLabError) in
            guard let all = all.baseAddress else { return }
            for tile in tiles {
                var order = Array(0 ..< (tile.count + chunk - 1) / chunk)
                order.shuffle(using: &generator)
                for c in order {
                    let lower = tile.lowerBound + c * chunk, n = min(chunk, tile.upperBound - lower)
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
            }
            if filled > 0 { try flush() }
        }
        progress.advance(by: sinceReport)
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

/// Counts an epoch's finished batches across the workers and reports the
/// fraction done a few hundred times per epoch, one report at a time.
final class MFProgress: @unchecked Sendable {
    /// Batches between a worker's reports.
    let every: Int
    private let epoch: Int
    private let steps: Int
    private let observer: MatrixFactorization.TrainingObserver
    private let lock = NSLock()
    private var done = 0

    init(epoch: Int, steps: Int, observer: MatrixFactorization.TrainingObserver) {
        (self.epoch, self.steps, self.observer) = (epoch, steps, observer)
        every = max(1, steps / 200)
    }

    func advance(by batches: Int) {
        guard batches > 0 else { return }
        lock.withLock {
            done += batches
            observer.batch(epoch, Double(done) / Double(max(1, steps)))
        }
    }
}
