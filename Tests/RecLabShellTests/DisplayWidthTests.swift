import Testing
@testable import RecLabShell

@Suite("Display width")
struct DisplayWidthTests {
    @Test func asciiIsOneCellPerCharacter() {
        #expect("userId".displayWidth == 6)
        #expect("".displayWidth == 0)
        #expect("Toy Story (1995)".displayWidth == 16)
    }

    @Test func cjkAndHangulAreTwoCellsEach() {
        #expect("千と千尋の神隠し (2001)".displayWidth == 8 * 2 + 7)
        #expect("기생충".displayWidth == 6)
        #expect("ＡＢＣ".displayWidth == 6) // fullwidth forms
        #expect("ｱｲｳ".displayWidth == 3) // halfwidth katakana stay narrow
        #expect("\u{1100}\u{1161}\u{11A8}".displayWidth == 2) // decomposed Hangul syllable
    }

    @Test func emojiAreTwoCellsPerCluster() {
        #expect("👍".displayWidth == 2)
        #expect("👍🏽".displayWidth == 2) // skin tone modifier
        #expect("👨‍👩‍👧".displayWidth == 2) // ZWJ sequence
        #expect("🇫🇷".displayWidth == 2) // flag
        #expect("❤️".displayWidth == 2) // VS16 turns a text-default emoji into emoji
        #expect("1️⃣".displayWidth == 2) // keycap
        #expect("❤".displayWidth == 1) // text presentation without VS16
        #expect("a👍b".displayWidth == 4)
    }

    @Test func combiningAndZeroWidthScalarsTakeNoCells() {
        let decomposed = "Ame\u{301}lie"
        #expect(decomposed.unicodeScalars.count == 7)
        #expect(decomposed.displayWidth == 6)
        #expect("Amélie".displayWidth == 6)
        #expect("\u{200B}".displayWidth == 0) // zero-width space
        #expect("\u{200D}".displayWidth == 0) // lone ZWJ
        #expect("\u{FE0F}".displayWidth == 0) // lone variation selector
        #expect("\u{301}".displayWidth == 0) // lone combining mark
        #expect("a\u{FE0F}".displayWidth == 1) // VS16 after a non-emoji changes nothing
    }

    @Test func controlCharactersTakeNoCells() {
        #expect("\u{7}".displayWidth == 0)
        #expect("\r\n".displayWidth == 0)
        #expect("a\tb".displayWidth == 2)
    }

    @Test func truncationKeepsFittingTextUnchanged() {
        #expect("Heat".truncated(toWidth: 4) == "Heat")
        #expect("Heat".truncated(toWidth: 10) == "Heat")
    }

    @Test func truncationCutsAtGraphemeBoundaryAndAddsEllipsis() {
        #expect("Toy Story (1995)".truncated(toWidth: 8) == "Toy Sto…")
        #expect("Toy Story".truncated(toWidth: 1) == "…")
        #expect("Toy Story".truncated(toWidth: 0) == "")
        // The decomposed é stays whole.
        #expect("Ame\u{301}lie".truncated(toWidth: 4) == "Ame\u{301}…")
        // The family emoji is never split into its members.
        #expect("👨‍👩‍👧👨‍👩‍👧".truncated(toWidth: 3) == "👨‍👩‍👧…")
    }

    @Test func truncationOfWideCharactersNeverExceedsWidth() {
        let title = "千と千尋の神隠し (2001)"
        for width in 0...30 {
            let cut = title.truncated(toWidth: width)
            #expect(cut.displayWidth <= width)
            if width >= title.displayWidth {
                #expect(cut == title)
            } else if width > 0 {
                #expect(cut.hasSuffix("…"))
                #expect(cut.displayWidth >= width - 1)
            }
        }
        #expect(title.truncated(toWidth: 6) == "千と…") // 千と = 4 cells, 千と千 would need 7 with …
    }

    @Test func paddingUsesDisplayWidth() {
        #expect("千".padded(toWidth: 4, alignment: .left) == "千  ")
        #expect("42".padded(toWidth: 4, alignment: .right) == "  42")
        #expect("toolong".padded(toWidth: 3, alignment: .left) == "toolong")
    }
}
