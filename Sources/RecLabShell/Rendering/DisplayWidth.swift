/// Terminal display width: how many monospace cells text occupies.
///
/// Widths are counted per grapheme cluster (what a reader sees as one
/// character), because a terminal draws a whole cluster in one place:
/// `e` + U+0301 is one cell, 👨‍👩‍👧 is two, not six.
extension Character {
    /// The number of terminal cells this character occupies: 2 for East
    /// Asian Wide/Fullwidth and emoji presentation (including ZWJ sequences,
    /// flags, skin tones and VS16), 0 for controls and lone zero-width
    /// scalars (combining marks, ZWJ, variation selectors, format
    /// characters), 1 otherwise.
    public var displayWidth: Int {
        let scalars = unicodeScalars
        guard let first = scalars.first else { return 0 }
        // Printable ASCII alone in its cluster is by far the common case.
        if first.value >= 0x20 && first.value < 0x7F && scalars.count == 1 { return 1 }

        let firstIsEmoji = first.properties.isEmoji
        for scalar in scalars {
            if scalar.properties.isEmojiPresentation { return 2 }
            // VS16 asks for emoji presentation of a text-default emoji (❤️, 1️⃣).
            if scalar.value == 0xFE0F && firstIsEmoji { return 2 }
        }
        return DisplayWidth.baseWidth(of: first)
    }
}

extension StringProtocol {
    /// The number of terminal cells the text occupies (see
    /// ``Swift/Character/displayWidth``).
    ///
    /// - Complexity: O(n); printable ASCII takes a fast path over bytes.
    public var displayWidth: Int {
        if utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return utf8.count }
        var width = 0
        for character in self { width += character.displayWidth }
        return width
    }
}

extension String {
    /// The text cut at a grapheme boundary so it occupies at most `width`
    /// cells, ending in `…` when anything was cut; unchanged when it fits.
    ///
    /// A result may be one cell narrower than `width` when a wide character
    /// would straddle the limit.
    public func truncated(toWidth width: Int) -> String {
        if width <= 0 { return "" }
        if displayWidth <= width { return self }
        let ellipsis = "…"
        let room = width - 1
        var result = ""
        var used = 0
        for character in self {
            let w = character.displayWidth
            if used + w > room { break }
            result.append(character)
            used += w
        }
        return result + ellipsis
    }

    /// The text padded with spaces to occupy `width` cells, on the right
    /// (`.left` alignment) or on the left (`.right`); unchanged when already
    /// as wide.
    public func padded(toWidth width: Int, alignment: CellAlignment) -> String {
        let missing = width - displayWidth
        if missing <= 0 { return self }
        let padding = String(repeating: " ", count: missing)
        return alignment == .left ? self + padding : padding + self
    }
}

/// Where text sits in a cell wider than the text.
public enum CellAlignment: Sendable, Equatable {
    /// Text, flush left.
    case left
    /// Numbers, flush right so digits line up.
    case right
}

/// Width rules for a single scalar heading a grapheme cluster.
enum DisplayWidth {
    /// The width of a cluster that is not emoji, decided by its first scalar.
    static func baseWidth(of scalar: Unicode.Scalar) -> Int {
        let value = scalar.value
        if value == 0x00AD { return 1 } // soft hyphen: a format character terminals draw
        switch scalar.properties.generalCategory {
        case .control, .lineSeparator, .paragraphSeparator:
            return 0
        case .nonspacingMark, .enclosingMark, .format:
            return 0
        default:
            break
        }
        // Hangul medial vowels and final consonants join the preceding syllable.
        if (0x1160...0x11FF).contains(value) || (0xD7B0...0xD7FF).contains(value) { return 0 }
        return EastAsianWidth.isWide(scalar) ? 2 : 1
    }
}
