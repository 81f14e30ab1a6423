import Foundation
import Testing
@testable import RecLabShell

/// The README's command reference is `help`'s text; this keeps them equal.
/// `RECLAB_UPDATE_README=1 swift test --filter Readme` rewrites it.
@Suite struct ReadmeReferenceTests {
    @Test func readmeReferenceMatchesHelp() throws {
        let url = TestData.repository.appendingPathComponent("README.md")
        let readme = try String(contentsOf: url, encoding: .utf8)
        let start = try #require(readme.range(of: "<!-- reference:start -->\n"))
        let end = try #require(readme.range(of: "<!-- reference:end -->"))
        let current = String(readme[start.upperBound..<end.lowerBound])
        let wanted = HelpText.markdownReference
        if ProcessInfo.processInfo.environment["RECLAB_UPDATE_README"] == "1", current != wanted {
            try (String(readme[..<start.upperBound]) + wanted + String(readme[end.lowerBound...]))
                .write(to: url, atomically: true, encoding: .utf8)
        }
        #expect(current == wanted, "README's command reference differs from help; run RECLAB_UPDATE_README=1 swift test --filter Readme")
    }

    @Test func everyVerbHasFormsAndAnExample() {
        for verb in Verbs.all {
            #expect(!verb.forms.isEmpty, "\(verb.name) has no forms")
            #expect(!verb.example.isEmpty, "\(verb.name) has no example")
            #expect(verb.forms.allSatisfy { $0.hasPrefix(verb.name) || $0.contains("= \(verb.name) ") || $0.contains("=] \(verb.name) ") }, "\(verb.name)'s forms start with another word")
        }
    }
}
