import Foundation

/// How a fit's epochs are laid out: which block each worker trains in each
/// sub-epoch and how many lockstep optimiser steps each sub-epoch takes.
struct MFFitPlan {
    let workers: Int
    let batchSize: Int
    /// `stepsPerSubEpoch[s]`: the most batches any worker has in sub-epoch `s`.
    let stepsPerSubEpoch: [Int]
    let stepsPerEpoch: Int

    init(state: MFState, batchSize: Int) {
        workers = state.workers
        self.batchSize = batchSize
        let w = workers
        stepsPerSubEpoch = (0 ..< w).map { s in
            (0 ..< w).map { a in (state.blocks[MFFitPlan.block(worker: a, subEpoch: s, workers: w)].count + batchSize - 1)
                / batchSize }.max() ?? 0
        }
        stepsPerEpoch = stepsPerSubEpoch.reduce(0, +)
    }

    /// The block worker `a` trains in sub-epoch `s`: users of group `a`,
    /// movies of group `a + s mod W`.
    static func block(worker a: Int, subEpoch s: Int, workers w: Int) -> Int { a * w + (a + s) % w }
}

/// Per-row bookkeeping for one fit (not part of the model).
struct MFFitBuffers {
    var userStamp: [Int32]
    var itemStamp: [Int32]
    var userSlot: [Int32]
    var itemSlot: [Int32]

    init(users: Int, items: Int) {
        userStamp = [Int32](repeating: -1, count: users)
        itemStamp = [Int32](repeating: -1, count: items)
        userSlot = userStamp
        itemSlot = itemStamp
    }
}

extension MatrixFactorization {
    /// Ratings per shuffled chunk: a few hundred kilobytes, so shuffling
    /// and reading a chunk stays in the core's cache.
    static let chunkRatings = 1 << 16

    /// Runs epoch `epochInFit` of a fit on `state` and returns its batch
    /// losses (mean squared error per batch) in step order, worker order
    /// within a step.
    func runEpoch(_ state: inout MFState, plan: MFFitPlan, epochInFit: Int, lifeEpoch: Int, firstStep: Int,
                  schedule: OneCycle, buffers: inout MFFitBuffers, cancel: Cancellation,
                  observer: TrainingObserver) throws(RecLabError) -> [Double] {
        let width = state.width, bs = plan.batchSize, w = plan.workers
        let train = state.train, blocks = state.blocks, seed = parameters.seed
        let epochStart = epochInFit * plan.stepsPerEpoch
        let chunk = max(bs, Self.chunkRatings / bs * bs)
        let reportEvery = max(1, plan.stepsPerEpoch / 200)
        var losses: [Double] = []
        losses.reserveCapacity(plan.stepsPerEpoch * w)
        try withSides(&state, &buffers) { (users, items) throws(RecLabError) in
            let kernel = MFKernel(users: users, items: items, width: width, factors: factors, low: Float(low),
                                  span: Float(high - low), weightDecay: Float(parameters.weightDecay),
                                  schedule: schedule, firstStep: firstStep)
            var stepBase = epochStart
            for s in 0 ..< w {
                let base = stepBase
                let perWorker = try Parallel.map((0 ..< w).map { $0 ..< $0 + 1 }) { (range) throws(RecLabError) -> [Double] in
                    let a = range.lowerBound
                    let b = MFFitPlan.block(worker: a, subEpoch: s, workers: w)
                    let block = blocks[b]
                    let scratch = MFScratch(batchSize: bs, width: width, chunkCapacity: chunk)
                    // Each block's shuffle has its own stream, so it does not
                    // depend on how the other workers are scheduled.
                    var generator = SeededGenerator(seed: seed ^ (UInt64(lifeEpoch) &* 0x9E37_79B9_7F4A_7C15)
                                                    ^ (UInt64(b) &* 0xC2B2_AE3D_27D4_EB4F))
                    var order = Array(0 ..< (block.count + chunk - 1) / chunk)
                    if order.count > 1 {
                        for k in stride(from: order.count - 1, to: 0, by: -1) { order.swapAt(k, generator.next(below: k + 1)) }
                    }
                    var batchLosses: [Double] = []
                    var j = 0
                    try train.withUnsafeBufferPointer { (all) throws(RecLabError) in
                        for c in order {
                            let lower = block.lowerBound + c * chunk, upper = min(lower + chunk, block.upperBound)
                            let n = upper - lower
                            for k in 0 ..< n { scratch.chunk[k] = all[lower + k] }
                            if n > 1 {
                                for k in stride(from: n - 1, to: 0, by: -1) {
                                    let other = generator.next(below: k + 1)
                                    (scratch.chunk[k], scratch.chunk[other]) = (scratch.chunk[other], scratch.chunk[k])
                                }
                            }
                            var start = 0
                            while start < n {
                                try cancel.check()
                                let end = min(start + bs, n)
                                let t = base + j
                                let squares = kernel.step(UnsafeBufferPointer(start: scratch.chunk + start, count: end - start),
                                                          t: t, lifeStep: firstStep + t + 1, scratch: scratch)
                                batchLosses.append(squares / Double(end - start))
                                j += 1
                                if a == 0, j % reportEvery == 0 {
                                    observer.batch(lifeEpoch, Double(t + 1 - epochStart) / Double(plan.stepsPerEpoch))
                                }
                                start = end
                            }
                        }
                    }
                    return batchLosses
                }
                for j in 0 ..< plan.stepsPerSubEpoch[s] {
                    for a in 0 ..< w where j < perWorker[a].count { losses.append(perWorker[a][j]) }
                }
                stepBase += plan.stepsPerSubEpoch[s]
            }
            // Every row brought to the epoch's end, so the model is exact here.
            let end = epochStart + plan.stepsPerEpoch
            for u in 0 ..< matrix.userCount { kernel.catchUp(users, u, to: end) }
            for i in 0 ..< matrix.itemCount { kernel.catchUp(items, i, to: end) }
        }
        observer.batch(lifeEpoch, 1)
        return losses
    }

    /// Runs `body` with raw access to both sides' rows and bookkeeping.
    private func withSides(_ state: inout MFState, _ buffers: inout MFFitBuffers,
                           _ body: (MFSide, MFSide) throws(RecLabError) -> Void) throws(RecLabError) {
        try Self.withSide(&state.users, &buffers.userStamp, &buffers.userSlot) { (users) throws(RecLabError) in
            try Self.withSide(&state.items, &buffers.itemStamp, &buffers.itemSlot) { (items) throws(RecLabError) in
                try body(users, items)
            }
        }
    }

    private static func withSide(_ table: inout MFTable, _ stamp: inout [Int32], _ slot: inout [Int32],
                                 _ body: (MFSide) throws(RecLabError) -> Void) throws(RecLabError) {
        let missing = RecLabError("internal: a model with no rows")
        try table.params.withUnsafeMutableBufferPointer { (p) throws(RecLabError) in
            try table.m.withUnsafeMutableBufferPointer { (m) throws(RecLabError) in
                try table.v.withUnsafeMutableBufferPointer { (v) throws(RecLabError) in
                    try stamp.withUnsafeMutableBufferPointer { (st) throws(RecLabError) in
                        try slot.withUnsafeMutableBufferPointer { (sl) throws(RecLabError) in
                            guard let p = p.baseAddress, let m = m.baseAddress, let v = v.baseAddress,
                                  let st = st.baseAddress, let sl = sl.baseAddress else { throw missing }
                            try body(MFSide(params: p, m: m, v: v, stamp: st, slot: sl))
                        }
                    }
                }
            }
        }
    }
}
