import Foundation

/// Generated data files in the formats reclab reads — CSV, MovieLens 1M's
/// `::` `.dat`, ml-100k's tab-separated `u.data` — then damaged: bits
/// flipped, cut short, quotes, NULs and CRs put in, huge fields, ragged
/// rows, a BOM, Latin-1 bytes.
enum DataFiles {
    enum Format: CaseIterable { case csv, dat, uData }

    /// A file: where it goes (relative to the fuzz folder) and its bytes.
    struct File {
        var path: String
        var bytes: [UInt8]
        var mutations: [String]
    }

    /// File `index` of a run: a generated table in some format, damaged
    /// (mostly) by one to three mutations.
    static func make(_ random: inout FuzzRandom, index: Int) -> File {
        let format = random.pick(Format.allCases)
        let rows = random.chance(0.1) ? random.pick([0, 1, 2000]) : 1 + random.below(40)
        var lines: [[String]] = []
        let columns: [String]
        switch random.below(3) {
        case 0: columns = ["userId", "movieId", "rating", "timestamp"]
        case 1: columns = ["movieId", "title", "genres"]
        default: columns = (0 ..< 1 + random.below(6)).map { _ in random.pick(["a", "b", "rating", "title", "x y", "é", "", "count", "movieId"]) }
        }
        for row in 0 ..< rows {
            lines.append(columns.map { column in value(for: column, row: row, &random) })
        }
        let text: String
        let path: String
        switch format {
        case .csv:
            text = ([columns] + lines).map { $0.map(FuzzFiles.csvField).joined(separator: ",") }.joined(separator: "\n") + "\n"
            path = "data/fz/f\(index).\(random.pick(["csv", "csv", "tsv", "txt", "CSV"]))"
        case .dat:
            text = lines.map { $0.joined(separator: "::") }.joined(separator: "\n") + "\n"
            path = "data/fz/d\(index)/\(random.pick(["ratings.dat", "movies.dat", "users.dat", "x.dat"]))"
        case .uData:
            text = lines.map { $0.joined(separator: "\t") }.joined(separator: "\n") + "\n"
            path = "data/fz/u\(index)/\(random.pick(["u.data", "u.item", "u.data"]))"
        }
        var file = File(path: path, bytes: Array(text.utf8), mutations: [])
        let count = random.chance(0.15) ? 0 : 1 + random.below(3)
        for _ in 0 ..< count { mutate(&file, &random) }
        return file
    }

    /// An ordinary value for `column`, or (sometimes) a hostile one.
    static func value(for column: String, row: Int, _ random: inout FuzzRandom) -> String {
        if random.chance(0.05) { return HostileText.any(&random) }
        switch column {
        case "userId", "movieId": return String(1 + random.below(30))
        case "rating": return String(Double(1 + random.below(10)) / 2)
        case "timestamp": return String(964_982_703 + row)
        case "title": return "Movie \(row) (\(1990 + random.below(30)))"
        case "genres": return random.pick(["Action", "Comedy|Drama", ""])
        default: return random.chance(0.5) ? String(random.below(100)) : random.pick(["a", "b", "é", "x y", ""])
        }
    }

    /// Applies one mutation to `file`'s bytes.
    static func mutate(_ file: inout File, _ random: inout FuzzRandom) {
        var b = file.bytes
        let at = b.isEmpty ? 0 : random.below(b.count + 1)
        let name: String
        switch random.below(12) {
        case 0 where !b.isEmpty:
            for _ in 0 ..< 1 + random.below(4) { let bit = random.below(b.count * 8); b[bit / 8] ^= UInt8(1 << (bit % 8)) }
            name = "bit flips"
        case 1: b = Array(b.prefix(at)); name = "cut at \(at)"
        case 2: b.insert(UInt8(ascii: "\""), at: at); name = "quote"
        case 3: b.insert(0, at: at); name = "NUL"
        case 4: b.insert(13, at: at); name = "CR"
        case 5:
            let char = random.pick(["9", "a", "é"])
            let sizes = char == "é" && KnownIssue.avoids(.hugeNameRendering) ? [10_000, 100_000] : [10_000, 100_000, 1_000_000]
            b.insert(contentsOf: Array(String(repeating: char, count: random.pick(sizes)).utf8), at: at)
            name = "huge field"
        case 6: b.insert(contentsOf: Array(random.pick([",", "::", "\t", ",,,,,,", "\n"]).utf8), at: at); name = "ragged"
        case 7: b.insert(contentsOf: [0xEF, 0xBB, 0xBF], at: 0); name = "BOM"
        case 8: b.insert(contentsOf: random.pick([[0xE9], [0xFF, 0xFE], [0xC3], [0x80, 0x80]]), at: at); name = "Latin-1 / invalid UTF-8"
        case 9: b = Array(String(decoding: b, as: UTF8.self).replacingOccurrences(of: "\n", with: "\r\n").utf8); name = "CRLF"
        case 10: b.insert(contentsOf: Array(HostileText.any(&random).utf8), at: at); name = "hostile text"
        default:
            // A header of many columns, or a line of many fields.
            let widths = KnownIssue.avoids(.wideCSVStackOverflow) ? [300, 2000] : [300, 5000, 100_000]
            b.insert(contentsOf: Array((0 ..< random.pick(widths)).map { "c\($0)" }.joined(separator: ",").utf8) + [10], at: 0)
            name = "many columns"
        }
        file.bytes = b
        file.mutations.append(name)
    }
}
