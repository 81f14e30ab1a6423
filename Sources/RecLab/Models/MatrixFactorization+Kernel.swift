import Foundation

/// Raw access to one side's row records while a fit runs, shared by the
/// workers: the blocks trained at the same time own disjoint rows on both
/// sides, so no row is ever touched by two workers at once.
struct MFSide: @unchecked Sendable {
    /// ``MFTable/records``.
    let records: UnsafeMutablePointer<Float>

    /// Row `row`'s header (``MFTable`` describes it).
    @inline(__always)
    func header(_ row: Int, stride: Int) -> MFRowHeader { MFRowHeader(raw: UnsafeMutableRawPointer(records + row * stride)) }
}

/// The first ``MFTable/headerFloats`` floats of a row record while a fit
/// runs: where the row's lazy updates stand.
struct MFRowHeader {
    let raw: UnsafeMutableRawPointer

    /// The fit step up to which this row's lazy updates have been applied
    /// (−1: the fit's start).
    var stamp: Int32 {
        get { raw.load(as: Int32.self) }
        nonmutating set { raw.storeBytes(of: newValue, as: Int32.self) }
    }

    /// This row's slot in the current batch's gradients, or −1.
    var slot: Int32 {
        get { raw.load(fromByteOffset: 4, as: Int32.self) }
        nonmutating set { raw.storeBytes(of: newValue, toByteOffset: 4, as: Int32.self) }
    }

    /// The schedule's mark of the first step after the stamp.
    var mark: OneCycle.Mark {
        get {
            OneCycle.Mark(decay: raw.load(fromByteOffset: 8, as: Double.self),
                          tail: raw.load(fromByteOffset: 16, as: Double.self),
                          momentumInWindow: raw.load(fromByteOffset: 24, as: Double.self))
        }
        nonmutating set {
            raw.storeBytes(of: newValue.decay, toByteOffset: 8, as: Double.self)
            raw.storeBytes(of: newValue.tail, toByteOffset: 16, as: Double.self)
            raw.storeBytes(of: newValue.momentumInWindow, toByteOffset: 24, as: Double.self)
        }
    }

    /// Marks the row as untouched since the fit's start (at `mark`), with no slot.
    func reset(_ mark: OneCycle.Mark) {
        stamp = -1
        slot = -1
        self.mark = mark
    }
}

/// The minibatch step: gradients of the batch's squared errors, then Adam
/// on the rows the batch touched.
///
/// Rows the batch does not touch are not visited. What a dense optimiser
/// would do to them on such a step — shrink by (1 − lr·wd), decay both
/// moments, and keep moving along the stale first moment — is applied in
/// one go when a row is next touched (and at the end of each epoch), from
/// the schedule's running products (``OneCycle``): the weight decay and the
/// moments' decay exactly, the drift in closed form (m̂/(√v̂ + ε) times the
/// schedule's ``OneCycle/Mark/tail`` difference; v̂'s own decay over the gap
/// is folded into ρ, ε's share is taken as of the row's last update).
///
/// A row's stamp, batch slot and the schedule's mark of its next step sit
/// in the header of its own record, so a touch reads one run of memory.
struct MFKernel: @unchecked Sendable {
    let users: MFSide
    let items: MFSide
    /// Floats per part of a record; the record is `stride` floats.
    let width: Int
    let stride: Int
    let factors: Int
    let low: Float
    let span: Float
    let weightDecay: Float
    let schedule: OneCycle
    /// The model's life step count when the fit began.
    let firstStep: Int

    static let beta2: Float = 0.99, epsilon: Float = 1e-5
    static let old = ProcessInfo.processInfo.environment["MF_OLD"] != nil

    @inline(__always)
    func load(_ p: UnsafeMutablePointer<Float>) -> SIMD4<Float> {
        UnsafeRawPointer(p).loadUnaligned(as: SIMD4<Float>.self)
    }

    @inline(__always)
    func store(_ x: SIMD4<Float>, _ p: UnsafeMutablePointer<Float>) {
        UnsafeMutableRawPointer(p).storeBytes(of: x, as: SIMD4<Float>.self)
    }

    /// Brings a row the batch of step `t` touches up to the end of step
    /// `t − 1` (weight decay and the moments' decay over the steps it sat
    /// out) and takes back the part of its last update's committed drift
    /// that falls after step `t − 1`: the new gradient's update commits the
    /// drift of the combined moment. Returns whether the moments have
    /// decayed to nothing (the gap reached ``OneCycle/horizon``): they are
    /// then neither read nor written here, and the update takes them as zero.
    @inline(__always)
    func catchUpForTouch(_ side: MFSide, _ row: Int, to t: Int) -> Bool {
        let header = side.header(row, stride: stride)
        let a = Int(header.stamp) + 1, gap = t - a, mark = header.mark
        let p = side.records + row * stride + MFTable.headerFloats
        let shrink = Float(schedule.shrink(from: mark, to: t, epochEnd: false))
        if MFKernel.old {
            if gap == 0 { return false }
            var mShrink: Float = 0, rho = 0.0
            if gap < OneCycle.horizon {
                let decay = schedule.momentumDecay(from: a, mark, to: t)
                mShrink = Float(decay)
                rho = decay * schedule.beta2RootInverse[gap]
            }
            let vShrink = Float(gap < OneCycle.horizon ? schedule.beta2Power[gap] : pow(Double(MFKernel.beta2), Double(gap)))
            let drift = Float(mark.tail - rho * schedule.mark[t].tail)
            let inverse = 1 / schedule.debias2(lifeStep: firstStep + a)
            let m = p + width, v = m + width
            var f = 0
            while f < width {
                let mf = load(m + f), vf = load(v + f)
                let direction = mf / ((vf * inverse).fastSquareRoot + MFKernel.epsilon)
                store(load(p + f) * shrink - drift * direction, p + f)
                store(mf * mShrink, m + f)
                store(vf * vShrink, v + f)
                f += 4
            }
            return false
        }
        if gap >= OneCycle.horizon {
            var f = 0
            while f < width {
                store(load(p + f) * shrink, p + f)
                f += 4
            }
            return true
        }
        // ρ = Π β₁ / √β₂ over the gap: how much of the committed drift T_{a−1}·u
        // had not happened by the end of step t − 1 (ρ·T_{t−1}·u).
        let decay = schedule.momentumDecay(from: a, mark, to: t)
        let mShrink = Float(decay), vShrink = Float(schedule.beta2Power[gap])
        let undo = Float(Double(shrink) * decay * schedule.beta2RootInverse[gap] * schedule.mark[t].tail)
        let inverse = 1 / schedule.debias2(lifeStep: firstStep + a)
        let m = p + width, v = m + width
        var f = 0
        while f < width {
            let mf = load(m + f), vf = load(v + f)
            let direction = mf / ((vf * inverse).fastSquareRoot + MFKernel.epsilon)
            store(load(p + f) * shrink + undo * direction, p + f)
            store(mf * mShrink, m + f)
            store(vf * vShrink, v + f)
            f += 4
        }
        return false
    }

    /// Brings an untouched row to the end of the epoch ending at step
    /// `end`: weight decay and the moments' decay (to zero past the
    /// horizon); its committed drift stays committed.
    @inline(__always)
    func catchUpToEpochEnd(_ side: MFSide, _ row: Int, end: Int) {
        let header = side.header(row, stride: stride)
        let a = Int(header.stamp) + 1, gap = end - a, mark = header.mark
        guard gap > 0 else { return }
        let shrink = Float(schedule.shrink(from: mark, to: end, epochEnd: true))
        if MFKernel.old {
            var mShrink: Float = 0, rho = 0.0
            if gap < OneCycle.horizon {
                let decay = schedule.momentumDecay(from: a, mark, to: end)
                mShrink = Float(decay)
                rho = decay * schedule.beta2RootInverse[gap]
            }
            let vShrink = Float(gap < OneCycle.horizon ? schedule.beta2Power[gap] : pow(Double(MFKernel.beta2), Double(gap)))
            let drift = Float(mark.tail - rho * schedule.mark[end].tail)
            let inverse = 1 / schedule.debias2(lifeStep: firstStep + a)
            let p = side.records + row * stride + MFTable.headerFloats, m = p + width, v = m + width
            var f = 0
            while f < width {
                let mf = load(m + f), vf = load(v + f)
                let direction = mf / ((vf * inverse).fastSquareRoot + MFKernel.epsilon)
                store(load(p + f) * shrink - drift * direction, p + f)
                store(mf * mShrink, m + f)
                store(vf * vShrink, v + f)
                f += 4
            }
            header.stamp = Int32(end - 1)
            header.mark = schedule.mark[end]
            return
        }
        var mShrink: Float = 0, vShrink: Float = 0
        if gap < OneCycle.horizon {
            mShrink = Float(schedule.momentumDecay(from: a, mark, to: end))
            vShrink = Float(schedule.beta2Power[gap])
        }
        let p = side.records + row * stride + MFTable.headerFloats, m = p + width, v = m + width
        var f = 0
        while f < width {
            store(load(p + f) * shrink, p + f)
            store(load(m + f) * mShrink, m + f)
            store(load(v + f) * vShrink, v + f)
            f += 4
        }
        header.stamp = Int32(end - 1)
        header.mark = schedule.mark[end]
    }

    /// Starts a fit on a row: stamped at step −1 with no slot, and the
    /// drift its moments (from an earlier fit) will cause over this fit's
    /// schedule committed, so the row is in the form ``catchUpForTouch``
    /// expects. A row without moments is unchanged.
    @inline(__always)
    func startFit(_ side: MFSide, _ row: Int) {
        let header = side.header(row, stride: stride)
        header.reset(schedule.mark[0])
        if MFKernel.old { return }
        let commit = Float(schedule.mark[0].tail)
        let inverse = 1 / schedule.debias2(lifeStep: firstStep)
        let p = side.records + row * stride + MFTable.headerFloats, m = p + width, v = m + width
        var f = 0
        while f < width {
            let mf = load(m + f)
            if mf != SIMD4() {
                let direction = mf / ((load(v + f) * inverse).fastSquareRoot + MFKernel.epsilon)
                store(load(p + f) - commit * direction, p + f)
            }
            f += 4
        }
    }

    /// Reads one float per cache line of `rows`' records, in order; returns
    /// their sum so the reads are not optimised away.
    @inline(never)
    func warm(_ side: MFSide, _ rows: Range<Int>) -> Float {
        let start = side.records + rows.lowerBound * stride, count = rows.count * stride
        var sums = SIMD4<Float>()
        var k = 0
        while k + 64 <= count {
            sums += SIMD4(start[k], start[k + 16], start[k + 32], start[k + 48])
            k += 64
        }
        return sums.sum()
    }

    /// The batch's gradient slot for `row`, catching the row up on first touch.
    @inline(__always)
    func slot(_ side: MFSide, _ row: Int, t: Int, touched: UnsafeMutablePointer<Int32>,
              faded: UnsafeMutablePointer<Bool>, count: inout Int,
              grads: UnsafeMutablePointer<Float>) -> UnsafeMutablePointer<Float> {
        let header = side.header(row, stride: stride)
        var s = Int(header.slot)
        if s < 0 {
            s = count
            count += 1
            header.slot = Int32(s)
            touched[s] = Int32(truncatingIfNeeded: row)
            faded[s] = catchUpForTouch(side, row, to: t)
            (grads + s * width).update(repeating: 0, count: width)
        }
        return grads + s * width
    }

    /// One optimiser step `t` of the fit (`lifeStep` over the model's life)
    /// on `batch`; returns the batch's summed squared error.
    func step(_ batch: UnsafeBufferPointer<MFRating>, t: Int, lifeStep: Int, scratch: MFScratch) -> Double {
        var userCount = 0, itemCount = 0, squares = 0.0
        let k = factors, offset = MFTable.headerFloats
        let scale = 2 / Float(batch.count)
        for r in batch {
            let u = Int(r.user), i = Int(r.item)
            let gu = slot(users, u, t: t, touched: scratch.touchedUsers, faded: scratch.fadedUsers, count: &userCount,
                          grads: scratch.userGrads)
            let gi = slot(items, i, t: t, touched: scratch.touchedItems, faded: scratch.fadedItems, count: &itemCount,
                          grads: scratch.itemGrads)
            let pu = users.records + u * stride + offset, pi = items.records + i * stride + offset
            var acc = SIMD4<Float>()
            var f = 0
            while f < width {
                acc += load(pu + f) * load(pi + f)
                f += 4
            }
            // The bias lanes multiplied each other in the sum; they add instead.
            let (bu, bi) = (pu[k], pi[k])
            let z = acc.sum() - bu * bi + bu + bi
            let s = 1 / (1 + Foundation.exp(-z))
            let error = low + span * s - r.rating
            squares += Double(error * error)
            let g = scale * error * span * s * (1 - s)
            f = 0
            while f < width {
                store(load(gu + f) + g * load(pi + f), gu + f)
                store(load(gi + f) + g * load(pu + f), gi + f)
                f += 4
            }
            gu[k] += g - g * bi
            gi[k] += g - g * bu
        }
        let lr = schedule.rates[t], mom = schedule.moms[t]
        // Adam's step size, plus the drift the new moment will cause over the
        // rest of the fit if no gradient reaches the row again (T_t).
        let step = Double(lr) / (1 - pow(Double(mom), Double(lifeStep)))
        let rule = MFUpdateRule(shrink: 1 - lr * weightDecay, mom: mom, step: Float(step + (MFKernel.old ? 0 : schedule.mark[t + 1].tail)),
                                inverseDebias2: 1 / schedule.debias2(lifeStep: lifeStep))
        apply(users, touched: scratch.touchedUsers, faded: scratch.fadedUsers, grads: scratch.userGrads,
              count: userCount, t: t, rule: rule)
        apply(items, touched: scratch.touchedItems, faded: scratch.fadedItems, grads: scratch.itemGrads,
              count: itemCount, t: t, rule: rule)
        return squares
    }

    /// Updates the `count` rows a batch touched and clears their slots.
    @inline(__always)
    func apply(_ side: MFSide, touched: UnsafeMutablePointer<Int32>, faded: UnsafeMutablePointer<Bool>,
               grads: UnsafeMutablePointer<Float>, count: Int, t: Int, rule: MFUpdateRule) {
        let next = schedule.mark[t + 1]
        for s in 0 ..< count {
            let row = Int(touched[s])
            let header = side.header(row, stride: stride)
            let p = side.records + row * stride + MFTable.headerFloats
            if faded[s] {
                update(p, grad: grads + s * width, rule: rule, faded: true)
            } else {
                update(p, grad: grads + s * width, rule: rule, faded: false)
            }
            header.slot = -1
            header.stamp = Int32(t)
            header.mark = next
        }
    }

    /// fast.ai's step on one row's parameters (moments after them): weight
    /// decay, then Adam.
    @inline(__always)
    func update(_ p: UnsafeMutablePointer<Float>, grad: UnsafeMutablePointer<Float>, rule: MFUpdateRule, faded: Bool) {
        let m = p + width, v = m + width
        let b2 = MFKernel.beta2
        var f = 0
        while f < width {
            let g = load(grad + f)
            let mf = faded ? (1 - rule.mom) * g : rule.mom * load(m + f) + (1 - rule.mom) * g
            let vf = faded ? (1 - b2) * g * g : b2 * load(v + f) + (1 - b2) * g * g
            let denominator = (vf * rule.inverseDebias2).fastSquareRoot + MFKernel.epsilon
            store(load(p + f) * rule.shrink - rule.step * mf / denominator, p + f)
            store(mf, m + f)
            store(vf, v + f)
            f += 4
        }
    }
}

/// The scalars of one optimiser step.
struct MFUpdateRule {
    /// 1 − lr·wd.
    var shrink: Float
    /// β₁.
    var mom: Float
    /// lr / (1 − β₁ⁿ) + T_t: the step and the committed drift.
    var step: Float
    /// 1 / (1 − β₂ⁿ).
    var inverseDebias2: Float
}

/// One worker's gradient slots for a batch (at most `bs` rows per side)
/// and the buffers its ratings pass through.
final class MFScratch: @unchecked Sendable {
    let userGrads: UnsafeMutablePointer<Float>
    let itemGrads: UnsafeMutablePointer<Float>
    let touchedUsers: UnsafeMutablePointer<Int32>
    let touchedItems: UnsafeMutablePointer<Int32>
    /// Whether each slot's row came in with its moments decayed to nothing.
    let fadedUsers: UnsafeMutablePointer<Bool>
    let fadedItems: UnsafeMutablePointer<Bool>
    /// Holds one chunk of the tile being shuffled.
    let chunk: UnsafeMutablePointer<MFRating>
    let chunkCapacity: Int
    /// Holds the batch being assembled across chunk boundaries.
    let batch: UnsafeMutablePointer<MFRating>
    /// Where ``MFKernel/warm(_:_:)`` leaves its sums.
    var sink: Float = 0

    init(batchSize: Int, width: Int, chunkCapacity: Int) {
        userGrads = .allocate(capacity: batchSize * width)
        itemGrads = .allocate(capacity: batchSize * width)
        touchedUsers = .allocate(capacity: batchSize)
        touchedItems = .allocate(capacity: batchSize)
        fadedUsers = .allocate(capacity: batchSize)
        fadedItems = .allocate(capacity: batchSize)
        chunk = .allocate(capacity: chunkCapacity)
        batch = .allocate(capacity: batchSize)
        self.chunkCapacity = chunkCapacity
    }

    deinit {
        userGrads.deallocate()
        itemGrads.deallocate()
        touchedUsers.deallocate()
        touchedItems.deallocate()
        fadedUsers.deallocate()
        fadedItems.deallocate()
        chunk.deallocate()
        batch.deallocate()
    }
}
