import Foundation
import Testing
@testable import RecLabShell

/// Prose wraps at word boundaries to the terminal; tables, charts, data and
/// words wider than the line are left whole.
@Suite struct ProseWrapTests {
    @Test func linesBreakAtSpacesNeverInsideAWordOrANumber() {
        let text = "error: 100,836 ratings by 610 users; rate more movies, especially popular ones, then train again"
        let wrapped = ProseWrap.wrap(text, width: 40)
        let lines = wrapped.split(separator: "\n")
        #expect(lines.allSatisfy { $0.displayWidth <= 40 }, "\(wrapped)")
        #expect(lines.joined(separator: " ") == text)
        #expect(lines.contains { $0.contains("100,836") })
    }

    @Test func continuationsHangUnderTheTextAfterALabel() {
        let help = "  recommend   the N best movies for a person (or a user in the data) that they have not rated"
        let lines = ProseWrap.wrap(help, width: 50).split(separator: "\n")
        #expect(lines[0].hasPrefix("  recommend   the N best movies") && lines.allSatisfy { $0.displayWidth <= 50 })
        #expect(lines.dropFirst().allSatisfy { $0.hasPrefix(String(repeating: " ", count: 14)) && !$0.hasPrefix(String(repeating: " ", count: 15)) })
        // A comment after code continues under the comment.
        let example = "  recommend jabril                # ten, with the model trained last"
        #expect(ProseWrap.wrap(example, width: 60) == "  recommend jabril                # ten, with the model\n" + String(repeating: " ", count: 36) + "trained last")
        // Too deep a hang for the width: four deeper than the line.
        #expect(ProseWrap.wrap(example, width: 50) == "  recommend jabril                # ten, with the\n      model trained last")
        // Plain indented prose continues at its own indent.
        let note = "    a note that is indented by four spaces and goes on"
        #expect(ProseWrap.wrap(note, width: 30) == "    a note that is indented by\n    four spaces and goes on")
    }

    @Test func drawingsShortLinesAndLongWordsStayWhole() {
        let box = "│ 1 │ Toy Story (1995) and a title long enough to pass the width │"
        #expect(ProseWrap.wrap(box, width: 20) == box)
        let braille = "⠁⠂ a chart line ⠄⡀ that is long enough to pass the width"
        #expect(ProseWrap.wrap(braille, width: 20) == braille)
        #expect(ProseWrap.wrap("short\nlines", width: 20) == "short\nlines")
        let path = "see /a/very/long/path/that/is/wider/than/the/line.csv"
        #expect(ProseWrap.wrap(path, width: 20) == "see\n/a/very/long/path/that/is/wider/than/the/line.csv")
    }

    @Test func theSessionWrapsProseAtATerminalOnly() {
        let h = SessionHarness()
        h.run("load movielens small")
        h.run("rate jabril 1 5")
        h.run("train bias")
        let plain = h.run("recommend jabril 2")
        #expect(plain.split(separator: "\n").last?.count ?? 0 > 60)
        h.session.terminalWidth = 60
        let out = h.run("recommend jabril 2")
        let prose = out.split(separator: "\n").filter { !ProseWrap.isDrawing($0) }
        #expect(prose.count >= 2 && prose.allSatisfy { $0.displayWidth <= 60 }, "\(out)")
        #expect(prose.joined(separator: " ") == plain.split(separator: "\n").last.map(String.init), "\(out)")
        // Data is never wrapped: save TABLE - and the csv mode.
        h.run("t = filter movies movieId == 11")
        #expect(h.run("save t -").contains("11,\"American President, The (1995)\",Comedy|Drama|Romance,1995"))
        h.run("set mode csv")
        #expect(h.run("recommend jabril 2").split(separator: "\n").last?.count ?? 0 > 60)
    }

    /// The widths the issue was tried at: help, an error with its
    /// suggestion and `explain` keep every prose line within the terminal
    /// and lose no word.
    @Test(arguments: [60, 120, 220])
    func proseFitsTheTerminalAt(width: Int) {
        let h = SessionHarness()
        h.session.terminalWidth = width
        h.run("load movielens small")
        for line in ["help", "help train", "help recommend", "stats ratings by movieid", "explain", "head ratingz"] {
            let out = h.perform(line)
            let prose = out.split(separator: "\n").filter { !ProseWrap.isDrawing($0) }
            let tooWide = prose.filter { $0.displayWidth > width && $0.contains(" ") }
            #expect(tooWide.isEmpty, "\(line) at \(width): \(tooWide)")
            h.session.terminalWidth = nil
            let words = h.perform(line).split(whereSeparator: \.isWhitespace)
            h.session.terminalWidth = width
            #expect(out.split(whereSeparator: \.isWhitespace) == words, "\(line) at \(width) lost or split a word")
        }
    }
}
