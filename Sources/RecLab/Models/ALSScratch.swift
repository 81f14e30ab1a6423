/// One worker's scratch memory for ``ALSModel/halfSweep(_:rows:other:width:mean:solve:seed:meanSums:scales:)``:
/// the m × m system, its right-hand side, and the gathered columns and
/// targets of the longest row.
struct ALSScratch {
    let m: Int
    let a: UnsafeMutablePointer<Double>
    let b: UnsafeMutablePointer<Double>
    let columns: UnsafeMutablePointer<Double>
    let targets: UnsafeMutablePointer<Double>

    init(m: Int, longest: Int) {
        self.m = m
        a = .allocate(capacity: max(1, m * m))
        b = .allocate(capacity: max(1, m))
        columns = .allocate(capacity: max(1, m * longest))
        targets = .allocate(capacity: max(1, longest))
    }

    func release() {
        a.deallocate()
        b.deallocate()
        columns.deallocate()
        targets.deallocate()
    }
}

extension ALSModel {
    /// Σ a[t] b[t] over n numbers, with two four-wide accumulators.
    @inline(__always)
    static func dot(_ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>, _ n: Int) -> Double {
        var s0 = SIMD4<Double>(), s1 = SIMD4<Double>()
        var t = 0
        let (ra, rb) = (UnsafeRawPointer(a), UnsafeRawPointer(b))
        let stride = MemoryLayout<Double>.stride
        while t + 8 <= n {
            // Multiply, then add: a fused multiply-add is a library call
            // on the baseline x86-64 target.
            s0 += ra.loadUnaligned(fromByteOffset: t * stride, as: SIMD4<Double>.self)
                * rb.loadUnaligned(fromByteOffset: t * stride, as: SIMD4<Double>.self)
            s1 += ra.loadUnaligned(fromByteOffset: (t + 4) * stride, as: SIMD4<Double>.self)
                * rb.loadUnaligned(fromByteOffset: (t + 4) * stride, as: SIMD4<Double>.self)
            t += 8
        }
        var sum = (s0 + s1).sum()
        while t < n {
            sum += a[t] * b[t]
            t += 1
        }
        return sum
    }
}
