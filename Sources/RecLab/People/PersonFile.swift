import Foundation

/// The text format of a person's file: one change per line, appended.
///
/// ```
/// # reclab person 1
/// rate 1197 4.5
/// unrate 1197
/// skip 356
/// ```
/// A blend starts with `# blend of NAME NAME…` after the header; `skip`
/// lines are movies passed over in the `rate PERSON` walk.
/// Lines end with `\n`; a `\r` before it is dropped (a file saved by a
/// Windows editor), and a last line without its newline is read like any
/// other (the next append starts a new line before its own).
enum PersonFile {
    /// The first line of every person file.
    static let header = "# reclab person 1"

    /// The comment line marking a blend: `# blend of jabril jgb`.
    static let blendPrefix = "# blend of "

    /// The line recording a rating, in the shortest form that reads back
    /// exactly (a blend's mean may be 4.166666666666667).
    static func rateLine(_ movie: Int64, _ rating: Double) -> String {
        "rate \(movie) \(rating.formatted(maxFractionDigits: 17))\n"
    }

    /// The line recording a movie skipped in the rating walk.
    static func skipLine(_ movie: Int64) -> String { "skip \(movie)\n" }

    /// The line recording a removed rating.
    static func unrateLine(_ movie: Int64) -> String { "unrate \(movie)\n" }

    /// Rebuilds a person from their file's bytes. Lines that can't be read
    /// are skipped and reported as `FILE:LINE: …` warnings. The first line
    /// that is not text (a NUL byte, bytes that are not UTF-8) also marks
    /// the person ``Person/damage``d: reclab then writes nothing to the file,
    /// since whoever repairs it needs it as it is.
    static func replay(_ bytes: [UInt8], name: String, file: String) -> (person: Person, warnings: [String]) {
        var person = Person(name: name)
        var warnings: [String] = []
        for (k, line) in lines(of: bytes).enumerated() {
            let text: Substring
            switch line {
            case .text(let s): text = s.trimmingCharacters(in: .whitespaces)[...]
            case .notText(let reason):
                let damage = RecLabError(reason, file: file, line: k + 1).description
                if person.damage == nil {
                    person.damage = damage
                    warnings.append(damage + "; line skipped, and nothing will be written to this file until it is repaired or removed")
                } else {
                    warnings.append(damage + "; line skipped")
                }
                continue
            }
            if text.hasPrefix(blendPrefix) {
                person.blendOf = text.dropFirst(blendPrefix.count).split(separator: " ").map(String.init)
                continue
            }
            if text.isEmpty || text.hasPrefix("#") || read(text, into: &person) { continue }
            warnings.append("\(file):\(k + 1): cannot read '\(text.prefix(40))'; line skipped")
        }
        return (person, warnings)
    }

    /// The first line of `bytes` that is not text, as an error naming
    /// `file` and the line; `nil` when every line is text.
    static func damage(in bytes: [UInt8], file: String) -> RecLabError? {
        for (k, line) in lines(of: bytes).enumerated() {
            if case .notText(let reason) = line { return RecLabError(reason, file: file, line: k + 1) }
        }
        return nil
    }

    /// Applies one change line to `person`; `false` when it is not one.
    private static func read(_ line: Substring, into person: inout Person) -> Bool {
        let words = line.split(separator: " ")
        switch (words.first, words.count) {
        case ("rate", 3):
            guard let movie = Int64(words[1]), let rating = Double(words[2]), Person.isStoredRating(rating) else { return false }
            person.rate(movie, rating)
        case ("skip", 2):
            guard let movie = Int64(words[1]) else { return false }
            person.skip(movie)
        case ("unrate", 2):
            guard let movie = Int64(words[1]) else { return false }
            person.unrate(movie)
        default: return false
        }
        return true
    }

    /// A line of a person file: its text, or why it is not text.
    enum Line: Equatable {
        case text(String)
        case notText(String)
    }

    /// The lines of `bytes`, split at each `\n` (a `\r` before it dropped),
    /// with a last line that lost its newline; nothing after a final `\n`.
    /// Bytes are split, not characters: Swift reads `\r\n` as one character.
    static func lines(of bytes: [UInt8]) -> [Line] {
        var lines: [Line] = []
        var start = 0
        while start < bytes.count {
            let end = bytes[start...].firstIndex(of: 0x0A) ?? bytes.count
            var last = end
            if last > start && bytes[last - 1] == 0x0D { last -= 1 }
            let slice = bytes[start..<last]
            if slice.contains(0) {
                lines.append(.notText("a NUL byte"))
            } else if let text = String(validating: slice, as: UTF8.self) {
                lines.append(.text(text))
            } else {
                lines.append(.notText("not UTF-8 text"))
            }
            start = end + 1
        }
        return lines
    }
}
