/// Appends a checkpoint's fields as little-endian bytes.
///
/// Arrays are written whole (one copy on little-endian machines), so a
/// model of hundreds of megabytes is encoded at memory speed.
public struct CheckpointWriter: Sendable {
    /// The bytes written so far.
    public private(set) var bytes: [UInt8] = []

    /// An empty writer with room for `capacity` bytes.
    public init(capacity: Int = 0) { bytes.reserveCapacity(capacity) }

    /// Appends an integer, least significant byte first.
    public mutating func write<T: FixedWidthInteger>(_ value: T) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    /// Overwrites the 8 bytes at `offset` (written earlier as a placeholder)
    /// with `value`, least significant byte first.
    public mutating func patch(_ value: UInt64, at offset: Int) {
        for k in 0 ..< 8 where offset + k < bytes.count { bytes[offset + k] = UInt8(truncatingIfNeeded: value >> (8 * k)) }
    }

    /// Appends the CRC-32 of everything written so far.
    public mutating func appendChecksum() {
        let crc = CRC32.checksum(bytes)
        write(crc)
    }

    /// Appends a double by its bit pattern (exact).
    public mutating func write(_ value: Double) { write(value.bitPattern) }

    /// Appends a yes/no as one byte (1 or 0).
    public mutating func write(flag: Bool) { write(UInt8(flag ? 1 : 0)) }

    /// Appends a length-prefixed UTF-8 string.
    public mutating func write(_ text: String) {
        let utf8 = Array(text.utf8)
        write(UInt32(utf8.count))
        bytes.append(contentsOf: utf8)
    }

    /// Appends the elements of an array of integers (no length: the reader
    /// knows it from an earlier field).
    public mutating func write<T: FixedWidthInteger>(contentsOf values: [T]) {
        #if _endian(little)
        values.withUnsafeBytes { bytes.append(contentsOf: $0) }
        #else
        for v in values { write(v) }
        #endif
    }

    /// Appends floats by their bit patterns (exact).
    public mutating func write(contentsOf values: [Float]) {
        #if _endian(little)
        values.withUnsafeBytes { bytes.append(contentsOf: $0) }
        #else
        for v in values { write(v.bitPattern) }
        #endif
    }

    /// Appends doubles by their bit patterns (exact).
    public mutating func write(contentsOf values: [Double]) {
        #if _endian(little)
        values.withUnsafeBytes { bytes.append(contentsOf: $0) }
        #else
        for v in values { write(v.bitPattern) }
        #endif
    }
}

/// Reads a checkpoint's fields back, checking every length against what is
/// left, so a damaged file gives an error and never reads out of bounds.
///
/// It reads bytes it does not own (a mapped file), so it is only used
/// inside the scope that keeps them alive.
public struct CheckpointReader {
    private let bytes: UnsafeRawBufferPointer
    private let end: Int
    /// Where the next field starts.
    public private(set) var position: Int

    /// A reader of `bytes[range]`, valid while `bytes` is.
    public init(_ bytes: UnsafeRawBufferPointer, range: Range<Int>) {
        self.bytes = bytes
        position = max(0, range.lowerBound)
        end = min(bytes.count, max(position, range.upperBound))
    }

    /// The bytes not read yet.
    public var remaining: Int { end - position }

    /// The error for a field that does not fit or does not make sense.
    public static func damaged(_ what: String) -> RecLabError {
        RecLabError("the file is damaged (\(what))")
    }

    /// Checks that `count` elements of `size` bytes are left; returns their byte count.
    private func require(_ count: Int, size: Int, _ what: String) throws(RecLabError) -> Int {
        let (total, overflow) = count.multipliedReportingOverflow(by: size)
        guard count >= 0, !overflow, total <= remaining else {
            throw Self.damaged("\(what) runs past the end")
        }
        return total
    }

    /// Reads an integer written by ``CheckpointWriter/write(_:)-(T)``.
    public mutating func read<T: FixedWidthInteger>(_: T.Type = T.self, _ what: String = "a number") throws(RecLabError) -> T {
        let n = try require(1, size: MemoryLayout<T>.size, what)
        var value = T.zero
        withUnsafeMutableBytes(of: &value) { target in
            target.copyMemory(from: UnsafeRawBufferPointer(rebasing: bytes[position ..< position + n]))
        }
        position += n
        return T(littleEndian: value)
    }

    /// Reads a double.
    public mutating func readDouble(_ what: String = "a number") throws(RecLabError) -> Double {
        Double(bitPattern: try read(UInt64.self, what))
    }

    /// Reads a whole number that must lie in `range`, as an `Int`.
    public mutating func readCount(_ what: String, in range: ClosedRange<Int>) throws(RecLabError) -> Int {
        let raw = try read(Int64.self, what)
        guard raw >= Int64(range.lowerBound), raw <= Int64(range.upperBound) else {
            throw Self.damaged("\(what) is \(raw)")
        }
        return Int(raw)
    }

    /// Reads a yes/no byte (0 or 1; anything else is damage).
    public mutating func readFlag(_ what: String) throws(RecLabError) -> Bool {
        let byte = try read(UInt8.self, what)
        guard byte <= 1 else { throw Self.damaged("\(what) is \(byte)") }
        return byte == 1
    }

    /// Reads a length-prefixed UTF-8 string.
    public mutating func readString(_ what: String = "a text") throws(RecLabError) -> String {
        let count = Int(try read(UInt32.self, what))
        let n = try require(count, size: 1, what)
        let text = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[position ..< position + n]), as: UTF8.self)
        position += n
        return text
    }

    /// Copies `count` values of `T` straight from the bytes.
    private mutating func readRaw<T: BitwiseCopyable>(_: T.Type, count: Int, _ what: String) throws(RecLabError) -> [T] {
        let n = try require(count, size: MemoryLayout<T>.stride, what)
        let values = [T](unsafeUninitializedCapacity: count) { buffer, initialized in
            UnsafeMutableRawBufferPointer(buffer).copyMemory(
                from: UnsafeRawBufferPointer(rebasing: bytes[position ..< position + n]))
            initialized = count
        }
        position += n
        return values
    }

    /// Reads `count` integers.
    public mutating func readArray<T: FixedWidthInteger & BitwiseCopyable>(_: T.Type, count: Int, _ what: String)
        throws(RecLabError) -> [T] {
        let values = try readRaw(T.self, count: count, what)
        #if _endian(little)
        return values
        #else
        return values.map { T(littleEndian: $0) }
        #endif
    }

    /// Reads `count` floats.
    public mutating func readFloats(count: Int, _ what: String) throws(RecLabError) -> [Float] {
        #if _endian(little)
        return try readRaw(Float.self, count: count, what)
        #else
        return try readArray(UInt32.self, count: count, what).map(Float.init(bitPattern:))
        #endif
    }

    /// Reads `count` doubles.
    public mutating func readDoubles(count: Int, _ what: String) throws(RecLabError) -> [Double] {
        #if _endian(little)
        return try readRaw(Double.self, count: count, what)
        #else
        return try readArray(UInt64.self, count: count, what).map(Double.init(bitPattern:))
        #endif
    }
}
