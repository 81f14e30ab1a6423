import Foundation

/// What happens to a row between the steps that touch it (see ``MFKernel``).
extension MFKernel {
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
        let undo = Float(Double(shrink) * decay * schedule.beta2RootInverse[gap] * schedule.mark[t].tail
            * schedule.tailScale(lifeStep: firstStep + a))
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
        let commit = Float(schedule.mark[0].tail * schedule.tailScale(lifeStep: firstStep))
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
}
