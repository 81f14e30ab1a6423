import Foundation

/// The minibatch step: gradients of the batch's squared errors, then
/// fast.ai's Adam with decoupled weight decay on the rows the batch touched.
///
/// Rows a batch does not touch are not visited. What a dense optimiser does
/// to them on such a step — shrink by (1 − lr·wd), decay both moments, and
/// keep moving along the stale first moment ("drift") — is applied in one
/// go when a row is next touched (and at the end of each epoch), from the
/// schedule's running products (``OneCycle``): the weight decay and the
/// moments' decay exactly. The drift is committed eagerly: each update also
/// moves the row by T_t·u, the whole drift its new moment u = m̂/(√v̂ + ε)
/// would cause over the rest of the fit if no gradient came again; a later
/// touch takes back the part after it (ρ·T·u, ρ = Π β₁/√β₂ over the gap),
/// which has vanished in `Float` once the gap reaches ``OneCycle/horizon``.
/// So a row touched after a long gap — most users at scale — is caught up
/// by one multiplication of its parameters, without reading its moments.
/// The approximations against the dense optimiser: v̂'s decay over a gap is
/// folded into ρ with ε's share and the debiasing as of the row's last
/// update, and the committed drift decays with the row over the whole gap;
/// `MatrixFactorizationDenseTests` measures the difference.
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

    @inline(__always)
    func load(_ p: UnsafeMutablePointer<Float>) -> SIMD4<Float> {
        UnsafeRawPointer(p).loadUnaligned(as: SIMD4<Float>.self)
    }

    @inline(__always)
    func store(_ x: SIMD4<Float>, _ p: UnsafeMutablePointer<Float>) {
        UnsafeMutableRawPointer(p).storeBytes(of: x, as: SIMD4<Float>.self)
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
        let rule = rule(t: t, lifeStep: lifeStep)
        apply(users, touched: scratch.touchedUsers, faded: scratch.fadedUsers, grads: scratch.userGrads,
              count: userCount, t: t, rule: rule)
        apply(items, touched: scratch.touchedItems, faded: scratch.fadedItems, grads: scratch.itemGrads,
              count: itemCount, t: t, rule: rule)
        return squares
    }

    /// The scalars of step `t` (`lifeStep` over the model's life).
    func rule(t: Int, lifeStep: Int) -> MFUpdateRule {
        let lr = schedule.rates[t], mom = schedule.moms[t]
        // Adam's step size, plus the drift the new moment will cause over the
        // rest of the fit if no gradient reaches the row again (T_t).
        let step = Double(lr) / (1 - pow(Double(mom), Double(lifeStep)))
        let drift = schedule.mark[t + 1].tail * schedule.tailScale(lifeStep: lifeStep)
        return MFUpdateRule(shrink: 1 - lr * weightDecay, mom: mom, step: Float(step + drift),
                            inverseDebias2: 1 / schedule.debias2(lifeStep: lifeStep))
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
