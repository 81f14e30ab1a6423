import Foundation

/// Something the fuzzer found: what broke, on which input, and how to run
/// that input again.
struct Finding: Sendable {
    enum Kind: String, Sendable {
        /// The statement passed its time limit and was cancelled.
        case slow
        /// An error message spanning lines.
        case multiLineError = "multi-line error"
        /// An error message of more than 1,000 characters.
        case longError = "very long error"
        /// An empty error message.
        case emptyError = "empty error"
        /// A failed statement changed tables, models, settings, people or files.
        case changedAfterError = "workspace changed after an error"
        /// A rating acknowledged by `rate` was not in the person's file when read back.
        case lostRating = "acknowledged rating lost"
        /// A warning of `loadPeople` spanning lines.
        case multiLineWarning = "multi-line warning"
    }

    var kind: Kind
    /// The statement (or file case) that showed it.
    var input: String
    /// What went wrong: the error, or the difference.
    var detail: String
    /// Where to find it again: `seed S case N`.
    var origin: String
    /// The open known issue that explains it, if any.
    var known: KnownIssue?

    /// Findings that are the same bug: the kind, the verb and the message
    /// with numbers and quoted words blanked.
    var signature: String {
        let verb = input.split(separator: " ").first.map(String.init) ?? ""
        let shape = detail.prefix(200)
            .replacingOccurrences(of: #"'[^']*'"#, with: "'…'", options: .regularExpression)
            .replacingOccurrences(of: #"[0-9]+"#, with: "#", options: .regularExpression)
        return "\(kind.rawValue) | \(verb) | \(shape)"
    }

    /// One line (escaped) for the report.
    var report: String {
        let escaped = { (s: String) in s.unicodeScalars.map { $0.properties.generalCategory == .control || $0 == "\u{2028}" || $0 == "\u{2029}" ? $0.escaped(asASCII: true) : String($0) }.joined() }
        let shownInput = input.count > 300 ? String(input.prefix(300)) + "…(\(input.count) characters)" : input
        return "\(known.map { "[known: \($0.rawValue)] " } ?? "")\(kind.rawValue) (\(origin)): \(escaped(shownInput)) → \(escaped(String(detail.prefix(400))))"
    }
}

/// The findings of a run, one example per signature (the shortest input).
final class Findings: @unchecked Sendable {
    private(set) var bySignature: [String: Finding] = [:]
    private(set) var counts: [Finding.Kind: Int] = [:]

    func add(_ finding: Finding) {
        counts[finding.kind, default: 0] += 1
        let key = finding.signature
        if let old = bySignature[key], old.input.count <= finding.input.count { return }
        bySignature[key] = finding
    }

    /// Findings no open known issue explains, slow ones aside.
    var failures: [Finding] { bySignature.values.filter { $0.known == nil && $0.kind != .slow }.sorted { $0.signature < $1.signature } }

    /// Every distinct finding, one line each.
    var lines: [String] { bySignature.values.sorted { $0.signature < $1.signature }.map(\.report) }
}
