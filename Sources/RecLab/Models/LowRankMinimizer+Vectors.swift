/// The few vector operations the minimiser needs. Long vectors are split
/// over the cores; sums add per-block partial sums in block order, so every
/// result depends on the inputs only, never on the number of cores.
enum MinimizerVector {
    /// Below this length an operation runs on the calling thread (handing
    /// work to another core costs about as much as 64k multiply-adds).
    static let parallelLength = 65_536
    /// Dot products of long vectors sum blocks of this many elements first.
    static let block = 16_384

    /// Runs `body` over `0..<n`, in pieces on several cores when long.
    static func elementwise(_ n: Int, _ body: @Sendable (Range<Int>) -> Void) {
        guard n >= parallelLength else {
            body(0 ..< n)
            return
        }
        Parallel.forEach(Parallel.ranges(count: n, minimumChunk: block), body)
    }

    /// Σ aᵢbᵢ over `n` elements.
    ///
    /// - Complexity: O(n), split over the cores from ``parallelLength`` on.
    static func dot(_ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>, _ n: Int) -> Double {
        guard n >= parallelLength else { return serialDot(a, b, n) }
        let (pa, pb) = (SharedPointer(a), SharedPointer(b))
        let blocks = (n + block - 1) / block
        let partials = Parallel.collect(Parallel.ranges(count: blocks, minimumChunk: 1)) { range in
            range.map { k in serialDot(pa.pointer + k * block, pb.pointer + k * block, min(block, n - k * block)) }
        }
        return partials.joined().reduce(0, +)
    }

    /// Σ aᵢbᵢ on one thread, in two `SIMD4` running sums (8 elements a
    /// step) so the adds do not wait on each other.
    private static func serialDot(_ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>, _ n: Int) -> Double {
        let (ra, rb) = (UnsafeRawPointer(a), UnsafeRawPointer(b))
        var s0 = SIMD4<Double>(), s1 = SIMD4<Double>()
        var offset = 0
        let whole = (n / 8) &* 64
        while offset < whole {
            s0 += ra.loadUnaligned(fromByteOffset: offset, as: SIMD4<Double>.self)
                * rb.loadUnaligned(fromByteOffset: offset, as: SIMD4<Double>.self)
            s1 += ra.loadUnaligned(fromByteOffset: offset &+ 32, as: SIMD4<Double>.self)
                * rb.loadUnaligned(fromByteOffset: offset &+ 32, as: SIMD4<Double>.self)
            offset &+= 64
        }
        var sum = (s0 + s1).sum()
        for j in n / 8 * 8 ..< n { sum += a[j] * b[j] }
        return sum
    }

    /// Σ aᵢbᵢ of two arrays of equal length.
    static func dot(_ a: [Double], _ b: [Double]) -> Double {
        a.withUnsafeBufferPointer { a in
            b.withUnsafeBufferPointer { b in
                guard let pa = a.baseAddress, let pb = b.baseAddress else { return 0 }
                return dot(pa, pb, min(a.count, b.count))
            }
        }
    }

    /// y = t·y + s·x over `n` elements, x and y not overlapping.
    static func combine(_ s: Double, _ x: UnsafePointer<Double>, _ t: Double, _ y: UnsafeMutablePointer<Double>, _ n: Int) {
        let (px, py) = (SharedPointer(x), SendablePointer(y))
        elementwise(n) { range in
            let (rx, ry) = (UnsafeRawPointer(px.pointer), UnsafeMutableRawPointer(py.pointer))
            let (vs, vt) = (SIMD4<Double>(repeating: s), SIMD4<Double>(repeating: t))
            var j = range.lowerBound
            while j + 4 <= range.upperBound {
                let offset = j &* 8
                let sum = vt * ry.loadUnaligned(fromByteOffset: offset, as: SIMD4<Double>.self)
                    + vs * rx.loadUnaligned(fromByteOffset: offset, as: SIMD4<Double>.self)
                ry.storeBytes(of: sum, toByteOffset: offset, as: SIMD4<Double>.self)
                j += 4
            }
            while j < range.upperBound {
                py.pointer[j] = t * py.pointer[j] + s * px.pointer[j]
                j += 1
            }
        }
    }

    /// y += s·x over `n` elements, x and y not overlapping.
    static func addScaled(_ s: Double, _ x: UnsafePointer<Double>, to y: UnsafeMutablePointer<Double>, _ n: Int) {
        combine(s, x, 1, y, n)
    }

    /// out = t·out + s·x for arrays of equal length.
    static func combine(_ s: Double, _ x: [Double], _ t: Double, _ out: inout [Double]) {
        x.withUnsafeBufferPointer { x in
            out.withUnsafeMutableBufferPointer { out in
                guard let px = x.baseAddress, let po = out.baseAddress else { return }
                combine(s, px, t, po, min(x.count, out.count))
            }
        }
    }

    /// max |aᵢ| (0 for an empty vector; NaN if any element is not finite).
    static func maxNorm(_ a: [Double]) -> Double {
        a.withUnsafeBufferPointer { a in
            guard let base = a.baseAddress else { return 0 }
            let shared = SharedPointer(base), n = a.count
            let parts = Parallel.collect(n >= parallelLength ? Parallel.ranges(count: n, minimumChunk: block) : [0 ..< n]) {
                serialMaxNorm(shared.pointer, $0)
            }
            // A NaN part makes the result NaN: max would skip it.
            return parts.contains { $0.isNaN } ? .nan : parts.max() ?? 0
        }
    }

    /// max |aᵢ| over `range`, branch-free: lane-wise maxima, and x − x
    /// (NaN exactly for a NaN or an infinity) summed to catch either.
    private static func serialMaxNorm(_ a: UnsafePointer<Double>, _ range: Range<Int>) -> Double {
        let raw = UnsafeRawPointer(a)
        var m = SIMD4<Double>(), poison = SIMD4<Double>()
        var j = range.lowerBound
        while j + 4 <= range.upperBound {
            let v = raw.loadUnaligned(fromByteOffset: j &* 8, as: SIMD4<Double>.self)
            let magnitude = v.replacing(with: -v, where: v .< 0)
            m.replace(with: magnitude, where: magnitude .> m)
            poison += v - v
            j += 4
        }
        var result = m.max(), tail = 0.0
        while j < range.upperBound {
            result = Swift.max(result, abs(a[j]))
            tail += a[j] - a[j]
            j += 1
        }
        return poison.sum() + tail == 0 ? result : .nan
    }

    /// y = t·y over `n` elements.
    static func scale(_ t: Double, _ y: UnsafeMutablePointer<Double>, _ n: Int) {
        let py = SendablePointer(y)
        elementwise(n) { range in
            for j in range { py.pointer[j] *= t }
        }
    }

    /// out = −a.
    static func negate(_ a: [Double], into out: inout [Double]) {
        a.withUnsafeBufferPointer { a in
            out.withUnsafeMutableBufferPointer { out in
                guard let pa = a.baseAddress, let po = out.baseAddress else { return }
                let (sa, so) = (SharedPointer(pa), SendablePointer(po))
                elementwise(min(a.count, out.count)) { range in
                    for j in range { so.pointer[j] = -sa.pointer[j] }
                }
            }
        }
    }

    /// out = x + step·d.
    static func step(from x: [Double], by step: Double, along d: [Double], into out: inout [Double]) {
        x.withUnsafeBufferPointer { x in
            d.withUnsafeBufferPointer { d in
                out.withUnsafeMutableBufferPointer { out in
                    guard let px = x.baseAddress, let pd = d.baseAddress, let po = out.baseAddress else { return }
                    let (sx, sd, so) = (SharedPointer(px), SharedPointer(pd), SendablePointer(po))
                    elementwise(min(x.count, d.count, out.count)) { range in
                        for j in range { so.pointer[j] = sx.pointer[j] + step * sd.pointer[j] }
                    }
                }
            }
        }
    }
}
