import Foundation

extension MatrixFactorization {
    /// What a running `train` or `fit` tells its caller: a progress fraction
    /// during each epoch (for a progress bar) and fast.ai's table row after
    /// it. Both are called on the training thread.
    public struct TrainingObserver: Sendable {
        /// `(epoch, fraction done)` a few hundred times per epoch; `epoch`
        /// counts over the model's life from 0.
        public var batch: @Sendable (_ epoch: Int, _ fraction: Double) -> Void
        /// The finished epoch's row.
        public var epoch: @Sendable (_ report: EpochReport) -> Void

        /// An observer; both callbacks default to doing nothing.
        public init(batch: @escaping @Sendable (_ epoch: Int, _ fraction: Double) -> Void = { _, _ in },
                    epoch: @escaping @Sendable (_ report: EpochReport) -> Void = { _ in }) {
            self.batch = batch
            self.epoch = epoch
        }
    }

    /// Below this many training ratings the ratings are trained in one
    /// random order, as fast.ai does; from it on, in ``parallelGrid`` ×
    /// ``parallelGrid`` blocks cut into cache-sized tiles (``MFStrata``),
    /// which the cores share.
    public static let parallelRatings = 1_000_000

    /// The user and movie groups from ``parallelRatings`` on: blocks for up
    /// to 4 cores, the same on every machine, so the model does not depend
    /// on the core count.
    static let parallelGrid = ProcessInfo.processInfo.environment["MF_GRID"].flatMap(Int.init) ?? 4

    /// Trains a model on `matrix`: a seeded split holds out `valid` of the
    /// ratings, then ``fit(epochs:cancel:observer:)`` runs `epochs` epochs.
    ///
    /// From ``parallelRatings`` on, the users and the movies are each cut
    /// into 4 groups and the ratings into 4 × 4 blocks; each epoch runs 4
    /// rounds in which the blocks (a, a + s mod 4) share no user and no
    /// movie (DSGD's stratification), so the cores train them at once.
    /// Each block's users are cut into tiles whose rows fit in the cache,
    /// trained one after the other. The batches of a round are numbered as
    /// one interleaved sequence of steps (``MFFitPlan``), so the result is
    /// that of one optimiser taking those steps in turn: it depends on the
    /// seed only, not on the number of cores or their timing. Each epoch
    /// shuffles the order of the rounds, of the tiles in each block, of the
    /// chunks of about 64k ratings in each tile, and the ratings within each
    /// chunk; the fixed order within each tile was itself a random permutation.
    ///
    /// - Throws: ``RecLabError`` naming the key of a bad setting, when
    ///   there are no ratings, or ``RecLabError/cancelled`` when Ctrl-C
    ///   came before the first epoch finished.
    /// - Complexity: O(epochs × ratings × factors).
    public static func train(_ matrix: RatingMatrix, parameters: Parameters = Parameters(),
                             cancel: Cancellation = .never,
                             observer: TrainingObserver = TrainingObserver()) throws(RecLabError) -> MatrixFactorization {
        let trainCount = Double(matrix.ratingCount) * (1 - parameters.validFraction)
        let grid = trainCount >= Double(parallelRatings) ? parallelGrid : 1
        return try train(matrix, parameters: parameters, grid: grid, cancel: cancel, observer: observer)
    }

    /// ``train(_:parameters:cancel:observer:)`` with the strata's grid
    /// chosen by the caller (tests exercise the blocked path on small data).
    static func train(_ matrix: RatingMatrix, parameters: Parameters, grid: Int, concurrently: Bool = true,
                      cancel: Cancellation, observer: TrainingObserver) throws(RecLabError) -> MatrixFactorization {
        try parameters.validate()
        guard let low = matrix.userRatings.min(), let high = matrix.userRatings.max() else {
            throw RecLabError("there are no ratings to train on")
        }
        let model = MatrixFactorization(
            parameters: parameters, matrix: matrix, low: low - 0.5, high: high + 0.5, history: [], stoppedEarly: false,
            state: MFState(matrix: matrix, parameters: parameters, grid: grid))
        return try model.fit(epochs: parameters.epochs, concurrently: concurrently, cancel: cancel, observer: observer)
    }

    /// Continues training for `epochs` more epochs under a new one-cycle
    /// schedule, keeping the optimiser's state (as fast.ai's
    /// `fit_one_cycle` does on a learner that has trained before).
    ///
    /// Ctrl-C stops at a batch boundary: the result is then the model as of
    /// the last epoch that finished, with ``stoppedEarly`` set; before any
    /// epoch finished it throws ``RecLabError/cancelled`` (this model is
    /// that last finished state).
    ///
    /// - Throws: ``RecLabError`` when `epochs` is negative, or on Ctrl-C as above.
    /// - Complexity: O(epochs × ratings × factors).
    public func fit(epochs: Int, cancel: Cancellation = .never,
                    observer: TrainingObserver = TrainingObserver()) throws(RecLabError) -> MatrixFactorization {
        try fit(epochs: epochs, concurrently: true, cancel: cancel, observer: observer)
    }

    /// ``fit(epochs:cancel:observer:)``, on the calling thread alone when
    /// not `concurrently` (the result is the same).
    func fit(epochs: Int, concurrently: Bool, cancel: Cancellation,
             observer: TrainingObserver) throws(RecLabError) -> MatrixFactorization {
        guard epochs >= 0 else { throw RecLabError("epochs must be 0 or more (got \(epochs))", subject: "epochs") }
        var model = self
        model.stoppedEarly = false
        guard epochs > 0 else { return model }
        let plan = MFFitPlan(strata: state.strata, batchSize: parameters.batchSize)
        let schedule = OneCycle(epochs: epochs, stepsPerEpoch: plan.stepsPerEpoch, lr: parameters.learningRate,
                                wd: parameters.weightDecay,
                                firstStep: state.step, beta2: Double(MFKernel.beta2))
        var working = state
        let firstStep = state.step
        var smooth = SmoothLoss()
        for e in 0 ..< epochs {
            let start = DispatchTime.now().uptimeNanoseconds
            let lifeEpoch = history.count + e
            let losses: [Double]
            working.users = working.users.privateCopy()
            working.items = working.items.privateCopy()
            let t1 = DispatchTime.now().uptimeNanoseconds
            do throws(RecLabError) {
                losses = try runEpoch(&working, plan: plan, epochInFit: e, lifeEpoch: lifeEpoch, firstStep: firstStep,
                                      schedule: schedule, concurrently: concurrently, cancel: cancel,
                                      observer: observer)
            } catch {
                guard error.isCancellation, e > 0 else { throw error }
                model.stoppedEarly = true
                return model
            }
            working.step = firstStep + (e + 1) * plan.stepsPerEpoch
            for loss in losses { smooth.add(loss) }
            let t2 = DispatchTime.now().uptimeNanoseconds
            let validLoss = meanSquaredError(working, working.valid)
            if ProcessInfo.processInfo.environment["MF_TIMING"] != nil {
                let t3 = DispatchTime.now().uptimeNanoseconds
                print("copy \(Double(t1 - start) / 1e9) epoch \(Double(t2 - t1) / 1e9) valid \(Double(t3 - t2) / 1e9)")
            }
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            let report = EpochReport(epoch: lifeEpoch, trainLoss: smooth.value, validLoss: validLoss,
                                     rmse: validLoss.squareRoot(), seconds: seconds)
            model.state = working
            model.history.append(report)
            observer.epoch(report)
        }
        return model
    }

    /// The mean squared error of `ratings` under `state`'s rows (NaN for none).
    ///
    /// - Complexity: O(ratings × factors), split over the cores.
    func meanSquaredError(_ state: MFState, _ ratings: [MFRating]) -> Double {
        guard !ratings.isEmpty else { return .nan }
        let (low, span, k, stride) = (Float(low), Float(high - low), factors, state.users.stride)
        let sums = Parallel.collect(Parallel.ranges(count: ratings.count, minimumChunk: 32_768)) { range in
            state.users.records.withUnsafeBufferPointer { users in
                state.items.records.withUnsafeBufferPointer { items in
                    guard let users = users.baseAddress, let items = items.baseAddress else { return 0.0 }
                    var sum = 0.0
                    for r in ratings[range] {
                        let pu = users + Int(r.user) * stride + MFTable.headerFloats
                        let pi = items + Int(r.item) * stride + MFTable.headerFloats
                        var acc: Float = 0
                        for f in 0 ..< k { acc += pu[f] * pi[f] }
                        let z = acc + pu[k] + pi[k]
                        let error = Double(low + span / (1 + Foundation.exp(-z)) - r.rating)
                        sum += error * error
                    }
                    return sum
                }
            }
        }
        return sums.reduce(0, +) / Double(ratings.count)
    }
}

/// fast.ai's smoothed training loss: an exponential moving average of the
/// batch losses (β = 0.98), debiased, restarted by each fit.
struct SmoothLoss {
    private var average = 0.0
    private var count = 0

    mutating func add(_ loss: Double) {
        count += 1
        average = 0.98 * average + 0.02 * loss
    }

    var value: Double { count == 0 ? .nan : average / (1 - pow(0.98, Double(count))) }
}
