/// The few vector operations the minimiser needs. Sums run in a fixed
/// order, so results never depend on anything but the inputs.
enum MinimizerVector {
    /// Σ aᵢbᵢ over `n` elements, in two `SIMD4` running sums (8 elements a
    /// step) so the adds do not wait on each other.
    ///
    /// - Complexity: O(n).
    static func dot(_ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>, _ n: Int) -> Double {
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

    /// y += s·x over `n` elements, x and y not overlapping.
    static func addScaled(_ s: Double, _ x: UnsafePointer<Double>, to y: UnsafeMutablePointer<Double>, _ n: Int) {
        let (rx, ry) = (UnsafeRawPointer(x), UnsafeMutableRawPointer(y))
        let scale = SIMD4<Double>(repeating: s)
        var offset = 0
        let whole = (n / 4) &* 32
        while offset < whole {
            let sum = ry.loadUnaligned(fromByteOffset: offset, as: SIMD4<Double>.self)
                + scale * rx.loadUnaligned(fromByteOffset: offset, as: SIMD4<Double>.self)
            ry.storeBytes(of: sum, toByteOffset: offset, as: SIMD4<Double>.self)
            offset &+= 32
        }
        for j in n / 4 * 4 ..< n { y[j] += s * x[j] }
    }

    /// max |aᵢ| (0 for an empty vector; NaN if any element is not finite).
    static func maxNorm(_ a: [Double]) -> Double {
        a.withUnsafeBufferPointer { a in
            guard let base = a.baseAddress else { return 0 }
            let raw = UnsafeRawPointer(base), n = a.count
            // Branch-free: lane-wise maxima, and x − x, which is NaN exactly
            // for a NaN or an infinity, summed to catch either.
            var m = SIMD4<Double>(), poison = SIMD4<Double>()
            var j = 0
            while j + 4 <= n {
                let v = raw.loadUnaligned(fromByteOffset: j * MemoryLayout<Double>.stride, as: SIMD4<Double>.self)
                let magnitude = v.replacing(with: -v, where: v .< 0)
                m.replace(with: magnitude, where: magnitude .> m)
                poison += v - v
                j += 4
            }
            var result = m.max(), tail = 0.0
            while j < n {
                result = Swift.max(result, abs(a[j]))
                tail += a[j] - a[j]
                j += 1
            }
            return poison.sum() + tail == 0 ? result : .nan
        }
    }

    /// out = −a.
    static func negate(_ a: [Double], into out: inout [Double]) {
        a.withUnsafeBufferPointer { a in
            out.withUnsafeMutableBufferPointer { out in
                for j in 0 ..< a.count { out[j] = -a[j] }
            }
        }
    }

    /// out = x + step·d.
    static func step(from x: [Double], by step: Double, along d: [Double], into out: inout [Double]) {
        x.withUnsafeBufferPointer { x in
            d.withUnsafeBufferPointer { d in
                out.withUnsafeMutableBufferPointer { out in
                    for j in 0 ..< x.count { out[j] = x[j] + step * d[j] }
                }
            }
        }
    }

    /// direction = −g + β·direction.
    static func conjugate(_ g: [Double], beta: Double, direction: inout [Double]) {
        g.withUnsafeBufferPointer { g in
            direction.withUnsafeMutableBufferPointer { d in
                for j in 0 ..< g.count { d[j] = beta * d[j] - g[j] }
            }
        }
    }
}
