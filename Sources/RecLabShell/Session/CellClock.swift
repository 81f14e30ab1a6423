import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What `set timer on` prints after each cell: the wall time, the CPU time
/// the process spent on it (more than the wall time when the cores worked
/// together), and the most memory the process has held so far, like
/// sqlite3's `.timer on` and DuckDB's `.timer on`:
///
/// ```
/// time: 1.84 s (cpu 3.10 s), peak memory 812 MB
/// ```
struct CellClock {
    private let wallStart: UInt64
    private let cpuStart: Double

    /// Starts timing a cell.
    init() {
        wallStart = DispatchTime.now().uptimeNanoseconds
        cpuStart = CellClock.usage().cpuSeconds
    }

    /// The line to print when the cell ends.
    func line() -> String {
        let wall = Double(DispatchTime.now().uptimeNanoseconds - wallStart) / 1e9
        let now = CellClock.usage()
        var text = "time: " + NumberFormatting.duration(wall)
        let cpu = now.cpuSeconds - cpuStart
        if wall >= 0.01 { text += " (cpu " + NumberFormatting.duration(max(0, cpu)) + ")" }
        if now.peakBytes > 0 { text += ", peak memory " + NumberFormatting.byteSize(now.peakBytes) }
        return text
    }

    /// The process's CPU seconds (user and system) and its peak resident
    /// memory in bytes (0 where the system does not say).
    static func usage() -> (cpuSeconds: Double, peakBytes: Int) {
        var u = rusage()
        #if canImport(Glibc)
        let who = RUSAGE_SELF.rawValue
        #else
        let who = RUSAGE_SELF
        #endif
        guard getrusage(who, &u) == 0 else { return (0, 0) }
        let cpu = Double(u.ru_utime.tv_sec) + Double(u.ru_utime.tv_usec) / 1e6
            + Double(u.ru_stime.tv_sec) + Double(u.ru_stime.tv_usec) / 1e6
        #if canImport(Darwin)
        let peak = Int(u.ru_maxrss)  // bytes on macOS
        #else
        let peak = Int(u.ru_maxrss) * 1024  // kilobytes on Linux
        #endif
        return (cpu, peak)
    }
}
