import Foundation
import Testing
@testable import RecLabShell

/// Every verb declared (`static let NAME = Verb(` in the sources) is in
/// `Verbs.all`, so help, completion and the fuzzer know it; no two verbs
/// share a name or an alias.
@Suite struct VerbRegistryTests {
    @Test func everyDeclaredVerbIsRegisteredOnce() throws {
        let names = Verbs.all.flatMap { [$0.name] + $0.aliases }
        #expect(Set(names).count == names.count, "a name or alias is used twice: \(names)")
        let folder = TestData.repository.appendingPathComponent("Sources/RecLabShell")
        var declared = 0
        let files = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)?
            .compactMap { $0 as? URL }.filter { $0.pathExtension == "swift" } ?? []
        for file in files {
            let text = try String(contentsOf: file, encoding: .utf8)
            for match in text.matches(of: #/static let \w+ = Verb\(\s*name: "([^"]+)"/#) {
                declared += 1
                let name = String(match.1)
                #expect(Verbs.all.contains { $0.name == name }, "verb '\(name)' (\(file.lastPathComponent)) is not in Verbs.all")
            }
        }
        #expect(declared == Verbs.all.count, "\(declared) verbs declared, \(Verbs.all.count) in Verbs.all")
    }
}
