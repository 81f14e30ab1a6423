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
/// Appending (never rewriting) means a crash can at worst leave a last line
/// without its newline, which ``replay(_:file:)`` skips with a warning.
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

    /// Rebuilds a person from their file's text. Lines that can't be read
    /// are skipped and reported as `FILE:LINE: …` warnings; so is a torn
    /// last line (no newline: the process died while writing it).
    static func replay(_ text: String, name: String, file: String) -> (person: Person, warnings: [String]) {
        var person = Person(name: name)
        var warnings: [String] = []
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        for (k, raw) in lines.enumerated() {
            let isLast = k == lines.count - 1
            if isLast && raw.isEmpty { break }
            if isLast {
                warnings.append("\(file):\(k + 1): skipped an unfinished last line (was reclab stopped while writing?)")
                break
            }
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.hasPrefix(blendPrefix) {
                person.blendOf = line.dropFirst(blendPrefix.count).split(separator: " ").map(String.init)
                continue
            }
            if line.isEmpty || line.hasPrefix("#") { continue }
            let words = line.split(separator: " ")
            switch (words.first, words.count) {
            case ("rate", 3):
                if let movie = Int64(words[1]), let rating = Double(words[2]), Person.isStoredRating(rating) {
                    person.rate(movie, rating)
                    continue
                }
            case ("skip", 2):
                if let movie = Int64(words[1]) {
                    person.skip(movie)
                    continue
                }
            case ("unrate", 2):
                if let movie = Int64(words[1]) {
                    person.unrate(movie)
                    continue
                }
            default: break
            }
            warnings.append("\(file):\(k + 1): cannot read '\(line.prefix(40))'; line skipped")
        }
        return (person, warnings)
    }
}
