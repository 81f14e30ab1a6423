import Foundation

/// The command line of `reclab-bench`.
///
///     reclab-bench [--phase NAME]... [--size S[,S...]]... [--repeats N] [--no-reports]
///                  [--markdown] [--results FILE] [--write-person FILE] [--list]
struct BenchOptions {
    /// Phases to run by exact name; empty means every phase.
    var phases: [String] = []
    /// Sizes to run; empty means every size.
    var sizes: [String] = []
    var repeats = 5
    /// Leave out the accuracy reports (phases with ``Phase/isReport``).
    var noReports = false
    /// Print a Markdown table of the run at the end.
    var markdown = false
    /// Append a tab-separated line per phase to this file (`scripts/report.py` reads it).
    var results: String?
    /// Write the 100-rating person of `userknn recommend (100)` here (and
    /// reclab's top 10 for them to `FILE.top10`), for `compare.sh`'s peers.
    var personFile: String?
    /// Only list the phases and their sizes.
    var list = false

    static let usage = """
        usage: reclab-bench [--phase NAME]... [--size small|10m|33m|...]... [--repeats N] [--no-reports]
                            [--markdown] [--results FILE] [--write-person FILE] [--list]
        """

    /// Parses `arguments` (without the program's name); nil if one is not understood.
    init?(_ arguments: [String]) {
        var rest = arguments[...]
        while let word = rest.popFirst() {
            switch word {
            case "--no-reports": noReports = true
            case "--markdown": markdown = true
            case "--list": list = true
            case "--phase", "--size", "--repeats", "--results", "--write-person":
                guard let value = rest.popFirst() else { return nil }
                switch word {
                case "--phase": phases.append(value)
                case "--size": sizes += value.split(separator: ",").map(String.init)
                case "--repeats":
                    guard let n = Int(value), n > 0 else { return nil }
                    repeats = n
                case "--results": results = value
                default: personFile = value
                }
            default: return nil
            }
        }
    }

    /// Whether `phase` is selected by these options.
    func selects(_ phase: Phase) -> Bool {
        (phases.isEmpty || phases.contains(phase.name)) && (sizes.isEmpty || sizes.contains(phase.size))
            && !(noReports && phase.isReport)
    }
}
