import Foundation
import Testing
@testable import RecLabShell

/// Results taller than the terminal go through the pager at an interactive
/// terminal, as psql's do; `set pager off` prints them; scripts never page.
@Suite struct PagerTests {
    let h = SessionHarness()
    let paged = Paged()

    final class Paged: @unchecked Sendable { var texts: [String] = [] }

    init() {
        h.run("load movielens small")
        h.session.terminalHeight = 24
        h.session.isInteractive = true
        h.session.pager = { [paged] text in paged.texts.append(text) }
    }

    @Test func aResultTallerThanTheTerminalIsPaged() {
        #expect(h.run("head ratings 30") == "")
        #expect(paged.texts.count == 1 && paged.texts[0].hasPrefix("┌") && paged.texts[0].split(separator: "\n").count == 34)
        // Short results print as they are.
        #expect(h.run("head ratings 3").hasPrefix("┌"))
        #expect(paged.texts.count == 1)
        // help is prose, paged when long.
        h.run("help")
        #expect(paged.texts.count == 2 && paged.texts[1].contains("recommend"))
    }

    @Test func setPagerOffAndScriptsPrintEverything() {
        h.run("set pager off")
        #expect(h.run("head ratings 30").split(separator: "\n").count == 34)
        #expect(h.run("set").contains("pager      off\n"))
        h.run("set pager on")
        h.session.isInteractive = false
        #expect(h.run("head ratings 30").split(separator: "\n").count == 34)
        #expect(paged.texts.isEmpty)
    }
}
