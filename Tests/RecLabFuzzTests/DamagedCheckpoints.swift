import Foundation
import RecLab

/// Model files of every kind, damaged: bits flipped, cut short, bytes
/// changed behind a checksum fixed up to match, size fields made huge,
/// zero or negative, junk appended.
enum DamagedCheckpoints {
    /// The `train` line of each kind, cheap on the fuzzer's small release.
    static let kinds: [(kind: String, train: String)] = [
        ("userknn", "train userknn"), ("itemknn", "train itemknn"), ("bias", "train bias"), ("popular", "train popular"),
        ("mf", "train mf epochs=1 factors=3"), ("als", "train als features=2 iters=1 samples=2 burn=1"),
        ("lowrank", "train lowrank features=2 iters=5"), ("implicit", "train implicit features=2 iters=1"),
        ("bpr", "train bpr features=2 epochs=1"),
    ]

    /// `bytes` with the CRC-32 of all but its last four bytes written there.
    static func resealed(_ bytes: [UInt8]) -> [UInt8] {
        guard bytes.count >= 4 else { return bytes }
        let body = Array(bytes.dropLast(4))
        let crc = CRC32.checksum(body)
        return body + (0 ..< 4).map { UInt8(truncatingIfNeeded: crc >> (8 * $0)) }
    }

    /// A damaged copy of `bytes` and what was done. `reseal` is false when
    /// damage behind a valid checksum is to be left out (a known issue).
    static func damage(_ bytes: [UInt8], _ random: inout FuzzRandom, reseal: Bool) -> (bytes: [UInt8], what: String) {
        var b = bytes
        switch reseal ? random.below(7) : random.below(3) {
        case 0:
            let bit = random.below(b.count * 8)
            b[bit / 8] ^= UInt8(1 << (bit % 8))
            return (b, "bit \(bit) flipped")
        case 1:
            let cut = random.below(b.count)
            return (Array(b.prefix(cut)), "cut at \(cut)")
        case 2:
            return (b + Array(repeating: UInt8(random.below(256)), count: 1 + random.below(64)), "junk appended")
        case 3, 4:
            // Bytes behind the checksum: mostly in the header and settings.
            var what: [String] = []
            for _ in 0 ..< 1 + random.below(3) {
                let at = random.chance(0.7) ? random.below(min(400, b.count - 4)) : random.below(b.count - 4)
                b[at] = UInt8(truncatingIfNeeded: random.next())
                what.append("byte \(at)")
            }
            return (resealed(b), what.joined(separator: ", ") + " changed, checksum fixed")
        case 5:
            // A size field: a little-endian Int64 that looks like a count.
            let candidates = stride(from: 0, to: b.count - 12, by: 1).filter { at in
                let v = b[at ..< at + 8].enumerated().reduce(UInt64(0)) { $0 | UInt64($1.element) << (8 * UInt64($1.offset)) }
                return v > 0 && v < 10_000_000
            }
            guard !candidates.isEmpty else { return (b, "no size field") }
            let at = random.pick(candidates)
            let value = random.pick([0, -1, Int64.max, Int64.min, 1 << 31, 1 << 40, 1 << 62, 3, 1_000_000_007])
            b.replaceSubrange(at ..< at + 8, with: withUnsafeBytes(of: value.littleEndian, Array.init))
            return (resealed(b), "Int64 at \(at) set to \(value), checksum fixed")
        default:
            // A 4-byte length (of a name or a string).
            let at = random.below(min(200, b.count - 8))
            let value = random.pick([UInt32.max, 0, 1 << 30, 7])
            b.replaceSubrange(at ..< at + 4, with: withUnsafeBytes(of: value.littleEndian, Array.init))
            return (resealed(b), "UInt32 at \(at) set to \(value), checksum fixed")
        }
    }

    /// What is asked of a damaged model that loaded, as `d`.
    static let queries = [
        "recommend user 1 with d", "recommend me 3 with d", "predict user 2 1 with d", "predict me 2 with d",
        "explain user 1 2 with d", "explain me 7 with d", "similar 1 with d", "bias d", "evaluate d on ratings",
        "fit d 1", "pca d 2", "models",
    ]
}
