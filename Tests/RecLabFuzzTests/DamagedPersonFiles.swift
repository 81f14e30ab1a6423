import Foundation

/// Person files (``PersonFile``'s format) written whole, then damaged.
enum DamagedPersonFiles {
    /// A damaged file for person `name` and the damage done, from a valid
    /// file of a few ratings of `movies`.
    static func make(_ random: inout FuzzRandom, movies: [Int]) -> (bytes: [UInt8], damage: String) {
        var lines = ["# reclab person 1"]
        if random.chance(0.2) { lines.append("# blend of me jabril") }
        for _ in 0 ..< 1 + random.below(8) {
            let movie = random.pick(movies)
            switch random.below(6) {
            case 0: lines.append("unrate \(movie)")
            case 1: lines.append("skip \(movie)")
            default: lines.append("rate \(movie) \(Double(1 + random.below(10)) / 2)")
            }
        }
        var text = lines.joined(separator: "\n") + "\n"
        let damage: String
        switch random.below(15) {
        case 0: text = text.replacingOccurrences(of: "\n", with: "\r\n"); damage = "CRLF"
        case 1: text.removeLast(); damage = "no final newline"
        case 2: return (Array(text.utf8) + [0, 0, 0xFF, 0xFE, 0x80] + Array(text.utf8.prefix(9)) + [10], "binary junk")
        case 3: text += "rate 99999999999999999999 4\nrate -1 5\nrate 1 nan\nrate 1 inf\nrate 1 1e308\nrate 2 -0\n"; damage = "hostile numbers"
        case 4: text += "rate " + String(repeating: "9", count: 100_000) + " 4\n"; damage = "a 100,000-character line"
        case 5: text = "# reclab person 999\n" + text; damage = "another version's header"
        case 6: text = String(text.drop(while: { $0 != "\n" }).dropFirst()); damage = "no header"
        case 7: text = "# reclab person 1\n# blend of ../../etc x\u{1B}[31m y\n" + text; damage = "odd blend names"
        case 8: text = ""; damage = "empty"
        case 9: text = "\u{FEFF}" + text; damage = "BOM"
        case 10: text += String(repeating: "rate 1 4\nunrate 1\n", count: 5_000); damage = "10,000 lines"
        case 11: text += "rate\t1\t4\n  rate   2   3  \nRATE 3 4\nrate 3 4 5\n"; damage = "odd spacing and case"
        case 12: text = String(text.prefix(random.below(text.count + 1))); damage = "cut short"
        case 13: text += "# \u{0}\n"; damage = "a NUL byte"
        default: text += "rate 1 4.5 # comment\nunrate\nskip x\n"; damage = "malformed lines"
        }
        return (Array(text.utf8), damage)
    }

    /// Damage after which a rating may be lost until issue 12's fix lands.
    static func isKnownLossy(_ damage: String) -> Bool {
        ["CRLF", "no final newline", "binary junk", "cut short", "a NUL byte"].contains(damage)
    }
}
