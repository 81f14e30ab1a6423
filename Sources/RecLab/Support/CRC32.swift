/// CRC-32 (IEEE 802.3, the polynomial zlib, PNG and ZIP use), so a model
/// file damaged on disk or in transit is recognised rather than loaded.
///
/// Slicing-by-8: eight tables let the loop fold eight bytes per step
/// instead of one, which matters for model files of hundreds of megabytes.
public enum CRC32 {
    /// `tables[k][b]`: the CRC of byte `b` followed by `k` zero bytes.
    private static let tables: [[UInt32]] = {
        var tables = [[UInt32]](repeating: [UInt32](repeating: 0, count: 256), count: 8)
        for b in 0 ..< 256 {
            var c = UInt32(b)
            for _ in 0 ..< 8 { c = c & 1 != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
            tables[0][b] = c
        }
        for b in 0 ..< 256 {
            for k in 1 ..< 8 {
                let previous = tables[k - 1][b]
                tables[k][b] = (previous >> 8) ^ tables[0][Int(previous & 0xFF)]
            }
        }
        return tables
    }()

    /// The CRC-32 of `bytes`, continuing from `crc` (the CRC of the bytes
    /// before them; 0 to start).
    ///
    /// - Complexity: O(bytes).
    public static func checksum(_ bytes: UnsafeRawBufferPointer, continuing crc: UInt32 = 0) -> UInt32 {
        var c = ~crc
        let count = bytes.count
        var k = 0
        tables.withUnsafeBufferPointer { t in
            let (t0, t1, t2, t3) = (t[0], t[1], t[2], t[3])
            let (t4, t5, t6, t7) = (t[4], t[5], t[6], t[7])
            while k + 8 <= count {
                let low = UInt32(littleEndianBytes: bytes, at: k) ^ c
                let high = UInt32(littleEndianBytes: bytes, at: k + 4)
                c = t7[Int(low & 0xFF)] ^ t6[Int((low >> 8) & 0xFF)] ^ t5[Int((low >> 16) & 0xFF)] ^ t4[Int(low >> 24)]
                    ^ t3[Int(high & 0xFF)] ^ t2[Int((high >> 8) & 0xFF)] ^ t1[Int((high >> 16) & 0xFF)] ^ t0[Int(high >> 24)]
                k += 8
            }
            while k < count {
                c = t0[Int((c ^ UInt32(bytes[k])) & 0xFF)] ^ (c >> 8)
                k += 1
            }
        }
        return ~c
    }

    /// The CRC-32 of `bytes`.
    public static func checksum(_ bytes: [UInt8]) -> UInt32 {
        bytes.withUnsafeBytes { checksum($0) }
    }
}

extension UInt32 {
    /// Four bytes at `offset`, least significant first (the caller checks bounds).
    @inline(__always)
    init(littleEndianBytes bytes: UnsafeRawBufferPointer, at offset: Int) {
        self = UInt32(bytes[offset]) | UInt32(bytes[offset + 1]) << 8 | UInt32(bytes[offset + 2]) << 16
            | UInt32(bytes[offset + 3]) << 24
    }
}
