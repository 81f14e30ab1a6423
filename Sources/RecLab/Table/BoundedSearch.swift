import Foundation

/// A regular-expression search that cannot run away: it polls a
/// ``Cancellation`` while it backtracks and gives up after a time limit.
///
/// Swift's `Regex` offers neither, and a pattern like `(.*)*x` kept it
/// busy for minutes on one 16-character title, deaf to Ctrl-C. ICU's
/// engine (behind `NSRegularExpression`) calls back every few thousand
/// steps of one search when asked to report progress, and stops when told.
struct BoundedSearch {
    private let regex: NSRegularExpression
    private let pattern: String
    private let nanoseconds: UInt64

    /// Compiles `pattern`; each search may take up to `seconds`.
    ///
    /// - Throws: ``RecLabError`` naming what is wrong with the pattern.
    init(_ pattern: String, seconds: Double) throws(RecLabError) {
        // Swift's parser says what is wrong in words; ICU only that it is wrong.
        do {
            _ = try Regex(pattern)
        } catch {
            throw RecLabError("invalid regular expression \"\(pattern)\": \(error)", subject: pattern)
        }
        do {
            regex = try NSRegularExpression(pattern: pattern)
        } catch {
            throw RecLabError("invalid regular expression \"\(pattern)\"", subject: pattern)
        }
        self.pattern = pattern
        nanoseconds = UInt64(max(0, seconds) * 1e9)
    }

    /// Whether the pattern matches somewhere in `text`.
    ///
    /// - Throws: ``RecLabError/cancelled`` when `cancel` is set during the
    ///   search, or an error saying the pattern takes too long.
    func finds(in text: String, cancel: Cancellation) throws(RecLabError) -> Bool {
        let started = DispatchTime.now().uptimeNanoseconds
        var found = false, cancelled = false, tooLong = false
        let whole = NSRange(text.startIndex ..< text.endIndex, in: text)
        regex.enumerateMatches(in: text, options: [.reportProgress], range: whole) { match, _, stop in
            if match != nil {
                found = true
            } else if cancel.isCancelled {
                cancelled = true
            } else if DispatchTime.now().uptimeNanoseconds - started > nanoseconds {
                tooLong = true
            } else {
                return
            }
            stop.pointee = true
        }
        if cancelled { throw RecLabError.cancelled }
        if tooLong {
            let seconds = (Double(nanoseconds) / 1e9).formatted(maxFractionDigits: 1)
            throw RecLabError("the regular expression \"\(pattern)\" takes too long (over \(seconds) s on \"\(text)\"): "
                              + "nested repeats like (a+)+ or (.*)* try every way to split a text; simplify it",
                              subject: pattern)
        }
        return found
    }
}
