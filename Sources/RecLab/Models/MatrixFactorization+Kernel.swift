import Foundation

/// Raw access to one side's rows while a fit runs, shared by the workers:
/// within a sub-epoch each worker owns a disjoint set of rows on both sides,
/// so no row is ever touched by two workers at once.
struct MFSide: @unchecked Sendable {
    let params: UnsafeMutablePointer<Float>
    let m: UnsafeMutablePointer<Float>
    let v: UnsafeMutablePointer<Float>
    /// The fit step up to which each row's lazy decay has been applied (−1: the fit's start).
    let stamp: UnsafeMutablePointer<Int32>
    /// Each row's slot in the current batch's gradients, or −1.
    let slot: UnsafeMutablePointer<Int32>
}

/// The minibatch step: gradients of the batch's squared errors, then Adam
/// on the rows the batch touched.
///
/// Rows the batch does not touch are not visited. What a dense optimiser
/// would do to them on such a step — shrink by (1 − lr·wd) and decay both
/// moments — is applied in one go when a row is next touched (and at the
/// end of each epoch), from the schedule's running sums: the weight decay
/// is exactly fast.ai's. What is left out is the parameter movement a dense
/// Adam keeps making from a stale first moment on steps without a gradient
/// (TensorFlow's LazyAdam makes the same choice).
struct MFKernel: @unchecked Sendable {
    let users: MFSide
    let items: MFSide
    let width: Int
    let factors: Int
    let low: Float
    let span: Float
    let weightDecay: Float
    let schedule: OneCycle
    /// The model's life step count when the fit began.
    let firstStep: Int

    static let beta2: Float = 0.99, epsilon: Float = 1e-5

    @inline(__always)
    func load(_ p: UnsafeMutablePointer<Float>) -> SIMD8<Float> {
        UnsafeRawPointer(p).loadUnaligned(as: SIMD8<Float>.self)
    }

    @inline(__always)
    func store(_ x: SIMD8<Float>, _ p: UnsafeMutablePointer<Float>) {
        UnsafeMutableRawPointer(p).storeBytes(of: x, as: SIMD8<Float>.self)
    }

    /// Brings `row` up to the end of step `t − 1` as a dense Adam would have
    /// over the steps it sat out: weight decay, both moments decayed, and the
    /// drift from its stale first moment, m̂/(√v̂ + ε) times the schedule's
    /// ``OneCycle/tail`` difference (v̂'s own decay over the gap is folded
    /// into ρ, ε's share is taken as of the row's last update).
    @inline(__always)
    func catchUp(_ side: MFSide, _ row: Int, to t: Int) {
        let last = Int(side.stamp[row])
        guard last < t - 1 else { return }
        let gap = Double(t - 1 - last)
        let shrink = Float(Foundation.exp(schedule.decay[t] - schedule.decay[last + 1]))
        let logMom = schedule.momentum[t] - schedule.momentum[last + 1]
        let mShrink = Float(Foundation.exp(logMom))
        let vShrink = Float(pow(Double(MFKernel.beta2), gap))
        let rho = Foundation.exp(logMom - gap / 2 * log(Double(MFKernel.beta2)))
        let drift = Float(schedule.tail[last + 1] - rho * schedule.tail[t])
        let debias2 = Float(max(1e-12, 1 - pow(Double(MFKernel.beta2), Double(firstStep + last + 1))))
        let base = row * width
        var f = 0
        while f < width {
            let m = load(side.m + base + f), v = load(side.v + base + f)
            let moved = load(side.params + base + f) * shrink - drift * m / ((v / debias2).squareRoot() + MFKernel.epsilon)
            store(moved, side.params + base + f)
            store(m * mShrink, side.m + base + f)
            store(v * vShrink, side.v + base + f)
            f += 8
        }
        side.stamp[row] = Int32(t - 1)
    }

    /// The batch's gradient slot for `row`, catching the row up on first touch.
    @inline(__always)
    func slot(_ side: MFSide, _ row: Int, t: Int, touched: UnsafeMutablePointer<Int32>, count: inout Int,
              grads: UnsafeMutablePointer<Float>) -> UnsafeMutablePointer<Float> {
        var s = Int(side.slot[row])
        if s < 0 {
            s = count
            count += 1
            side.slot[row] = Int32(s)
            touched[s] = Int32(truncatingIfNeeded: row)
            catchUp(side, row, to: t)
            (grads + s * width).update(repeating: 0, count: width)
        }
        return grads + s * width
    }

    /// One optimiser step `t` of the fit (`lifeStep` over the model's life)
    /// on `batch`; returns the batch's summed squared error.
    func step(_ batch: UnsafeBufferPointer<MFRating>, t: Int, lifeStep: Int, scratch: MFScratch) -> Double {
        var userCount = 0, itemCount = 0, squares = 0.0
        let k = factors
        let scale = 2 / Float(batch.count)
        for r in batch {
            let u = Int(r.user), i = Int(r.item)
            let gu = slot(users, u, t: t, touched: scratch.touchedUsers, count: &userCount, grads: scratch.userGrads)
            let gi = slot(items, i, t: t, touched: scratch.touchedItems, count: &itemCount, grads: scratch.itemGrads)
            let pu = users.params + u * width, pi = items.params + i * width
            var acc = SIMD8<Float>()
            var f = 0
            while f < width {
                acc += load(pu + f) * load(pi + f)
                f += 8
            }
            // The bias lanes multiplied each other in the sum; they add instead.
            let z = acc.sum() - pu[k] * pi[k] + pu[k] + pi[k]
            let s = 1 / (1 + Foundation.exp(-z))
            let error = low + span * s - r.rating
            squares += Double(error * error)
            let g = scale * error * span * s * (1 - s)
            let (bu, bi) = (pu[k], pi[k])
            f = 0
            while f < width {
                store(load(gu + f) + g * load(pi + f), gu + f)
                store(load(gi + f) + g * load(pu + f), gi + f)
                f += 8
            }
            gu[k] += g - g * bi
            gi[k] += g - g * bu
        }
        let lr = schedule.rates[t], mom = schedule.moms[t]
        let shrink = 1 - lr * weightDecay
        let step = Float(lr) / (1 - Float(pow(Double(mom), Double(lifeStep))))
        let debias2 = 1 - Float(pow(Double(MFKernel.beta2), Double(lifeStep)))
        apply(users, touched: scratch.touchedUsers, grads: scratch.userGrads, count: userCount, t: t,
              shrink: shrink, mom: mom, step: step, debias2: debias2)
        apply(items, touched: scratch.touchedItems, grads: scratch.itemGrads, count: itemCount, t: t,
              shrink: shrink, mom: mom, step: step, debias2: debias2)
        return squares
    }

    /// Updates the `count` rows a batch touched and clears their slots.
    @inline(__always)
    func apply(_ side: MFSide, touched: UnsafeMutablePointer<Int32>, grads: UnsafeMutablePointer<Float>, count: Int,
               t: Int, shrink: Float, mom: Float, step: Float, debias2: Float) {
        for s in 0 ..< count {
            let row = Int(touched[s])
            update(side, row: row, grad: grads + s * width, shrink: shrink, mom: mom, step: step, debias2: debias2)
            side.slot[row] = -1
            side.stamp[row] = Int32(t)
        }
    }

    /// fast.ai's step on one row: weight decay, then Adam.
    @inline(__always)
    func update(_ side: MFSide, row: Int, grad: UnsafeMutablePointer<Float>, shrink: Float, mom: Float,
                step: Float, debias2: Float) {
        let base = row * width
        let b2 = MFKernel.beta2
        var f = 0
        while f < width {
            let g = load(grad + f)
            let m = mom * load(side.m + base + f) + (1 - mom) * g
            let v = b2 * load(side.v + base + f) + (1 - b2) * g * g
            let denominator = (v / debias2).squareRoot() + MFKernel.epsilon
            store(load(side.params + base + f) * shrink - step * m / denominator, side.params + base + f)
            store(m, side.m + base + f)
            store(v, side.v + base + f)
            f += 8
        }
    }
}

/// One worker's gradient slots for a batch (at most `bs` rows per side).
final class MFScratch: @unchecked Sendable {
    let userGrads: UnsafeMutablePointer<Float>
    let itemGrads: UnsafeMutablePointer<Float>
    let touchedUsers: UnsafeMutablePointer<Int32>
    let touchedItems: UnsafeMutablePointer<Int32>
    /// Holds one chunk of the block being shuffled.
    let chunk: UnsafeMutablePointer<MFRating>
    let chunkCapacity: Int

    init(batchSize: Int, width: Int, chunkCapacity: Int) {
        userGrads = .allocate(capacity: batchSize * width)
        itemGrads = .allocate(capacity: batchSize * width)
        touchedUsers = .allocate(capacity: batchSize)
        touchedItems = .allocate(capacity: batchSize)
        chunk = .allocate(capacity: chunkCapacity)
        self.chunkCapacity = chunkCapacity
    }

    deinit {
        userGrads.deallocate()
        itemGrads.deallocate()
        touchedUsers.deallocate()
        touchedItems.deallocate()
        chunk.deallocate()
    }
}
