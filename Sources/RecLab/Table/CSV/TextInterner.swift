/// Gives each distinct byte string a small code, for dictionary-encoded
/// text columns, without making a `String` per cell.
///
/// The parser interns every text cell of a chunk here; strings are only
/// decoded once per distinct value at the end (``strings()``), as UTF-8, or
/// as Latin-1 when the bytes are not valid UTF-8 (older MovieLens files).
final class TextInterner: @unchecked Sendable {
    /// The distinct values' bytes, back to back.
    private var arena: [UInt8] = []
    /// Where each code's bytes start in ``arena``; one extra end offset.
    private var offsets: [Int] = [0]
    /// Open-addressing table of codes (`-1` empty), size a power of two.
    private var slots: [Int32]
    private var hashes: [UInt32] = []

    init() {
        slots = Array(repeating: -1, count: 64)
    }

    /// The number of distinct values.
    var count: Int { offsets.count - 1 }

    /// The code of the bytes `start..<start+length`, adding them if new.
    ///
    /// - Complexity: O(length) expected.
    func code(_ start: UnsafePointer<UInt8>, _ length: Int) -> Int32 {
        var h: UInt32 = 2_166_136_261
        for i in 0..<length { h = (h ^ UInt32(start[i])) &* 16_777_619 }
        let mask = slots.count - 1
        var slot = Int(h) & mask
        while true {
            let code = slots[slot]
            if code < 0 { break }
            if hashes[Int(code)] == h, matches(Int(code), start, length) { return code }
            slot = (slot + 1) & mask
        }
        let code = Int32(count)
        arena.append(contentsOf: UnsafeBufferPointer(start: start, count: length))
        offsets.append(arena.count)
        hashes.append(h)
        slots[slot] = code
        if count * 2 > slots.count { grow() }
        return code
    }

    private func matches(_ code: Int, _ start: UnsafePointer<UInt8>, _ length: Int) -> Bool {
        let lo = offsets[code]
        guard offsets[code + 1] - lo == length else { return false }
        return arena.withUnsafeBufferPointer { a in
            for i in 0..<length where a[lo + i] != start[i] { return false }
            return true
        }
    }

    private func grow() {
        slots = Array(repeating: -1, count: slots.count * 2)
        let mask = slots.count - 1
        for code in 0..<count {
            var slot = Int(hashes[code]) & mask
            while slots[slot] >= 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(code)
        }
    }

    /// The bytes of `code`.
    func bytes(of code: Int) -> ArraySlice<UInt8> { arena[offsets[code]..<offsets[code + 1]] }

    /// The distinct values as strings, in code order.
    func strings() -> [String] {
        (0..<count).map { TextInterner.decode(bytes(of: $0)) }
    }

    /// UTF-8 when valid, else Latin-1 (every byte is one character).
    static func decode<C: Collection>(_ bytes: C) -> String where C.Element == UInt8 {
        if let s = String(validating: bytes, as: UTF8.self) { return s }
        var scalars = String.UnicodeScalarView()
        for b in bytes { scalars.append(Unicode.Scalar(b)) }
        return String(scalars)
    }
}
