import Foundation

extension MatrixFactorization {
    /// What a running `train` or `fit` tells its caller after each epoch:
    /// fast.ai's table row, from the thread that called `train` or `fit`.
    /// (How far an epoch has got goes, like every operation's, to the
    /// ``Cancellation``: `epoch 2 (3 of 5)` a few hundred times an epoch.)
    public struct TrainingObserver: Sendable {
        /// The finished epoch's row.
        public var epoch: @Sendable (_ report: EpochReport) -> Void

        /// An observer; the callback defaults to doing nothing.
        public init(epoch: @escaping @Sendable (_ report: EpochReport) -> Void = { _ in }) {
            self.epoch = epoch
        }
    }

    /// Below this many training ratings the ratings are trained in one
    /// random order, as fast.ai does; from it on, in blocks the cores share
    /// (``grid(for:parameters:)``).
    public static let parallelRatings = 1_000_000

    /// The row records one block may hold: two workers' blocks then take a
    /// quarter of the 32 MB L3 cache, which other processes share (at 33.8M
    /// ratings, 3–6 MB blocks trained an epoch in 4.6–4.8 s of CPU, 8 MB
    /// ones in 5.7–5.9 s, 16 MB ones in 6.3–6.7 s).
    static let blockBytes = 4 << 20

    /// The user (and movie) groups of the blocks `matrix` trains in: 1
    /// below ``parallelRatings``; from it on the smallest number, at least 4
    /// (so up to 4 cores share a round), with which a block's user and
    /// movie records fit in ``blockBytes``. It depends on the data and the
    /// factors only, never on the machine.
    static func grid(for matrix: RatingMatrix, parameters: Parameters) -> Int {
        let trainCount = Double(matrix.ratingCount) * (1 - parameters.validFraction)
        guard trainCount >= Double(parallelRatings) else { return 1 }
        let record = (MFTable.headerFloats + 3 * ((parameters.factors + 4) / 4 * 4)) * MemoryLayout<Float>.stride
        let rows = matrix.userCount + matrix.itemCount
        return max(4, (rows * record + blockBytes - 1) / blockBytes)
    }

    /// Trains a model on `matrix`: a seeded split holds out `valid` of the
    /// ratings, then ``fit(epochs:cancel:observer:)`` runs `epochs` epochs.
    ///
    /// From ``parallelRatings`` on, the users and the movies are each cut
    /// into G groups (``grid(for:parameters:)``: 65 for 33.8M ratings and 50
    /// factors) and the ratings into G × G blocks; each epoch runs G rounds
    /// in which the blocks (a, a + s mod G) share no user and no movie
    /// (DSGD's stratification), so the cores train them at once, each block
    /// with its rows in the cache. The batches of a round are numbered as
    /// one interleaved sequence of steps (``MFFitPlan``), so the result is
    /// that of one optimiser taking those steps in turn, each user's and
    /// each movie's spread over the whole round: it depends on the seed
    /// only, not on the number of cores or their timing. Each epoch
    /// shuffles the order of the rounds, of the chunks of about 64k ratings
    /// in each block and of the ratings within each chunk; the fixed order
    /// within each block was itself a random permutation. Below
    /// `parallelRatings` each epoch is one uniform shuffle, and the last
    /// partial batch is dropped, as fast.ai's training loader does.
    ///
    /// - Throws: ``RecLabError`` naming the key of a bad setting, when
    ///   there are no ratings, or ``RecLabError/cancelled`` when Ctrl-C
    ///   came before the first epoch finished.
    /// - Complexity: O(epochs × ratings × factors).
    public static func train(_ matrix: RatingMatrix, parameters: Parameters = Parameters(),
                             cancel: Cancellation = .never,
                             observer: TrainingObserver = TrainingObserver()) throws(RecLabError) -> MatrixFactorization {
        try train(matrix, parameters: parameters, grid: grid(for: matrix, parameters: parameters), cancel: cancel,
                  observer: observer)
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
            state: try MFState(matrix: matrix, parameters: parameters, grid: grid, cancel: cancel))
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
            do throws(RecLabError) {
                losses = try runEpoch(&working, plan: plan, epochInFit: e, lifeEpoch: lifeEpoch, firstStep: firstStep,
                                      schedule: schedule, concurrently: concurrently, cancel: cancel,
                                      stage: "epoch \(lifeEpoch) (\(e + 1) of \(epochs))")
            } catch {
                guard error.isCancellation, e > 0 else { throw error }
                model.stoppedEarly = true
                return model
            }
            working.step = firstStep + (e + 1) * plan.stepsPerEpoch
            for loss in losses { smooth.add(loss) }
            let validLoss = meanSquaredError(working, working.valid)
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
        let (low, span, k, width, stride) = (Float(low), Float(high - low), factors, state.width, state.users.stride)
        let sums = Parallel.collect(Parallel.ranges(count: ratings.count, minimumChunk: 32_768)) { range in
            state.users.records.withUnsafeBufferPointer { users in
                state.items.records.withUnsafeBufferPointer { items in
                    guard let users = users.baseAddress, let items = items.baseAddress else { return 0.0 }
                    var sum = 0.0
                    for r in ratings[range] {
                        let pu = users + Int(r.user) * stride + MFTable.headerFloats
                        let pi = items + Int(r.item) * stride + MFTable.headerFloats
                        var acc = SIMD4<Float>()
                        var f = 0
                        while f < width {
                            acc += UnsafeRawPointer(pu + f).loadUnaligned(as: SIMD4<Float>.self)
                                * UnsafeRawPointer(pi + f).loadUnaligned(as: SIMD4<Float>.self)
                            f += 4
                        }
                        // The bias lanes multiplied each other in the sum; they add instead.
                        let z = acc.sum() - pu[k] * pi[k] + pu[k] + pi[k]
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
