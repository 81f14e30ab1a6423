import Foundation
import Testing
@testable import RecLabShell

/// The fuzzer's own parts: it reads every verb's forms, and it never lets
/// a statement name a path outside its folder.
@Suite struct FuzzerSelfTests {
    let safe = SafePaths(root: URL(fileURLWithPath: "/tmp/fz"))

    @Test func everyVerbIsClassifiedForPaths() {
        let verbs = Set(Verbs.all.map(\.name))
        #expect(verbs.subtracting(SafePaths.pureVerbs.union(SafePaths.fileVerbs)).isEmpty,
                "classify these in SafePaths: do they read or write files?")
        #expect(SafePaths.pureVerbs.isDisjoint(with: SafePaths.fileVerbs))
    }

    @Test func pathsAreMovedIntoTheFolder() {
        #expect(safe.rewrite("save ratings /reclab-nowhere/passwd") == "save ratings \"/tmp/fz/out/reclab-nowhere/passwd\"")
        #expect(safe.rewrite("save model mf ~/x.model") == "save model mf \"/tmp/fz/out/x.model\"")
        #expect(safe.rewrite("save session ../../up.reclab") == "save session \"/tmp/fz/out/up.reclab\"")
        #expect(safe.rewrite("SAVE t 5") == "SAVE t \"/tmp/fz/out/5\"")
        #expect(safe.rewrite("export /reclab-nowhere/null") == "export \"/tmp/fz/out/reclab-nowhere/null\"")
        #expect(safe.rewrite("load /reclab-nowhere/zero") == "load \"/tmp/fz/reclab-nowhere/zero\"")
        #expect(safe.rewrite("x = load model a.model as m") == "x = load model \"/tmp/fz/a.model\" as m")
        #expect(safe.rewrite("load movielens small") == "load movielens small")
        #expect(safe.rewrite("run /reclab-nowhere/zero") == "run \"/tmp/fz/scripts/reclab-nowhere/zero\"")
        #expect(safe.rewrite("hist ratings rating to /x.svg") == "hist ratings rating to \"/tmp/fz/out/x.svg\"")
        #expect(safe.rewrite("rate me from ~/.ssh/id") == "rate me from \"/tmp/fz/.ssh/id\"")
        #expect(safe.rewrite("head ratings 3 | save x.csv; save t \"a b\"") == "head ratings 3 | save x.csv; save t \"/tmp/fz/out/a b\"")
        // Nothing of a line that does not parse runs: it is left as it is.
        #expect(safe.rewrite("save t \"/reclab-nowhere/passwd") == "save t \"/reclab-nowhere/passwd")
    }

    @Test func generatedPathsStayInside() {
        var random = FuzzRandom(seed: 1)
        let context = FuzzContext()
        var outside: [String] = []
        for _ in 0 ..< 2_000 {
            let line = safe.rewrite(StatementGenerator(context: context).line(&random))
            // A line that does not lex or parse runs nothing.
            guard let tokens = try? Lexer.tokens(line),
                  let statements = try? Statement.split(tokens).map({ try Statement.parse($0) }) else { continue }
            for case let statement? in statements {
                for call in statement.calls where ["save", "export", "run"].contains(call.verb.text.lowercased()) {
                    // What save keeps: the table, or `model` and the model's name.
                    let args = call.arguments.filter { $0.kind != .symbol }
                    let kept = !call.verb.isWord("save") ? 0 : args.first?.isWord("model") == true && args.count >= 3 ? 2 : 1
                    for token in args.dropFirst(kept) where !token.text.hasPrefix("/tmp/fz/") { outside.append(line) }
                }
            }
        }
        // One expectation: #expect in the loop costs more than the generating.
        #expect(outside.isEmpty, "\(outside.prefix(5))")
    }

    @Test func formsAreReadAsGrammars() {
        #expect(FormNode.parse("head [TABLE] [N]") == .sequence([.keyword("head"), .optional(.sequence([.placeholder("TABLE")])),
                                                                 .optional(.sequence([.placeholder("N")]))]))
        #expect(FormNode.parse("bias MODEL [top|bottom]") == .sequence([.keyword("bias"), .placeholder("MODEL"),
                                                                        .optional(.sequence([.choice([.keyword("top"), .keyword("bottom")])]))]))
        #expect(FormNode.parse("compare MODEL... on TABLE") == .sequence([.keyword("compare"), .repeated(.placeholder("MODEL")),
                                                                          .keyword("on"), .placeholder("TABLE")]))
        #expect(FormNode.parse("[NAME =] train ALGO [key=value...]") == .sequence([
            .optional(.sequence([.placeholder("NAME"), .keyword("=")])), .keyword("train"), .placeholder("ALGO"),
            .optional(.sequence([.repeated(.placeholder("key=value"))]))]))
        #expect(FormNode.parse("hist COL [to PATH.svg]") == .sequence([.keyword("hist"), .placeholder("COL"),
                                                                        .optional(.sequence([.keyword("to"), .placeholder("PATH.svg")]))]))
        // Every verb's every form names the verb.
        for (verb, forms, _) in StatementGenerator.grammars {
            for form in forms {
                var random = FuzzRandom(seed: 3)
                let words = form.generate(&random) { name, _ in name }
                #expect(words.contains(verb.name), "\(verb.name): \(words)")
            }
        }
    }
}
