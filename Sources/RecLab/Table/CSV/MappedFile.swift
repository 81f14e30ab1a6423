#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file mapped read-only into memory, unmapped when released.
///
/// Mapping lets the parser read the bytes in place, with both cores, and
/// without copying them; pages already parsed can be handed back to the
/// kernel (``releasePages(before:)``) so a big load does not hold the file
/// and the table in memory at once.
final class MappedFile: @unchecked Sendable {
    /// The path as the user gave it (used in messages).
    let path: String
    /// The first byte; valid for ``count`` bytes while `self` lives.
    let base: UnsafePointer<UInt8>
    /// The file's size in bytes (more than 0).
    let count: Int

    /// Opens and maps `path`, refusing what cannot be loaded with one clear
    /// error: a missing file, anything but a regular file (a directory, a
    /// FIFO, a device: see ``UserFile``), an empty file, or a file too big
    /// for the memory that is available.
    ///
    /// - Parameter availableMemory: bytes of memory free for the table
    ///   (default: `MemAvailable` of `/proc/meminfo`); tests pass a value.
    init(path: String, availableMemory: Int? = nil) throws(RecLabError) {
        self.path = path
        let file = try UserFile.openForReading(path)
        defer { close(file.descriptor) }
        let size = file.size
        guard size > 0 else { throw RecLabError("empty file", file: path) }
        if let available = availableMemory ?? MappedFile.memoryAvailable() {
            try MappedFile.checkFits(size: size, available: available, path: path)
        }
        guard let address = mmap(nil, size, PROT_READ, MAP_PRIVATE, file.descriptor, 0), address != MAP_FAILED else {
            throw RecLabError("cannot map into memory (\(String(cString: strerror(errno))))", file: path)
        }
        _ = madvise(address, size, MADV_SEQUENTIAL)
        base = UnsafePointer(address.assumingMemoryBound(to: UInt8.self))
        count = size
    }

    deinit {
        munmap(UnsafeMutableRawPointer(mutating: base), count)
    }

    /// The bytes of the file.
    var bytes: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: base, count: count) }

    /// Lets the kernel drop the pages of `range` from this process's
    /// resident memory (they stay in the page cache and come back on
    /// access), so parsing a large file does not hold it all resident.
    func releasePages(_ range: Range<Int>) {
        let page = 1 << 16
        let lower = (range.lowerBound + page - 1) / page * page
        let upper = range.upperBound / page * page
        guard upper > lower else { return }
        _ = madvise(UnsafeMutableRawPointer(mutating: base + lower), upper - lower, MADV_DONTNEED)
    }

    /// Asks for 2 MB pages for a large fresh buffer, so filling it takes
    /// 512 times fewer page faults (a hint; ignored where unsupported).
    static func preferHugePages(_ pointer: UnsafeMutableRawPointer, _ byteCount: Int) {
        #if os(Linux)
        let huge = 2 << 20
        guard byteCount >= 4 * huge else { return }
        let start = (Int(bitPattern: pointer) + huge - 1) / huge * huge
        let end = (Int(bitPattern: pointer) + byteCount) / huge * huge
        if end > start, let address = UnsafeMutableRawPointer(bitPattern: start) {
            _ = madvise(address, end - start, 14 /* MADV_HUGEPAGE */)
        }
        #endif
    }

    /// Refuses a file whose table would not fit: a table takes up to about
    /// 1.5 times the file's size while loading (numbers stored in 4–8 bytes
    /// for 2–20 characters of text, plus the loader's bookkeeping).
    static func checkFits(size: Int, available: Int, path: String) throws(RecLabError) {
        let needed = size + size / 2
        if needed > available {
            throw RecLabError("file is \(formatBytes(size)) but only \(formatBytes(available)) of memory is available; "
                + "loading it needs about \(formatBytes(needed))", file: path)
        }
    }

    /// `MemAvailable` from `/proc/meminfo`, in bytes, when readable.
    static func memoryAvailable() -> Int? {
        guard let f = fopen("/proc/meminfo", "r") else { return nil }
        defer { fclose(f) }
        var line = [CChar](repeating: 0, count: 256)
        while fgets(&line, Int32(line.count), f) != nil {
            let text = String(decoding: line.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            if text.hasPrefix("MemAvailable:") {
                let digits = text.dropFirst("MemAvailable:".count).filter(\.isNumber)
                return Int(digits).map { $0 * 1024 }
            }
        }
        return nil
    }

    /// `1.5 GB`, `730 MB`, `12 KB`.
    static func formatBytes(_ n: Int) -> String {
        let units = ["bytes", "KB", "MB", "GB", "TB"]
        var value = Double(n)
        var unit = 0
        while value >= 1000, unit < units.count - 1 { value /= 1000; unit += 1 }
        if unit == 0 { return "\(n) bytes" }
        return value < 10 ? "\(value.formatted(fractionDigits: 1)) \(units[unit])" : "\(Int(value.rounded())) \(units[unit])"
    }
}
