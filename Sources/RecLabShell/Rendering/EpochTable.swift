import RecLab

/// fast.ai's table of a training run, printed one row per epoch as each
/// epoch ends:
///
/// ```
/// epoch  train_loss  valid_loss  rmse      time
/// 0      0.853402    0.834801    0.913675  00:00
/// ```
///
/// Losses with six decimals and `#na#` for a loss that was not measured
/// (`valid=0%`), time as `mm:ss`, as fast.ai prints them; whole seconds
/// keep replays of small trainings the same from run to run.
enum EpochTable {
    /// The column names, and the width each is padded to.
    static let columns: [(name: String, width: Int)] = [
        ("epoch", 5), ("train_loss", 10), ("valid_loss", 10), ("rmse", 8), ("time", 5),
    ]

    /// The header line.
    static var header: String { line(columns.map(\.name)) }

    /// One epoch's line.
    static func row(_ report: MatrixFactorization.EpochReport) -> String {
        line([String(report.epoch), loss(report.trainLoss), loss(report.validLoss), loss(report.rmse), NumberFormatting.clock(report.seconds)])
    }

    /// Six decimals, or `#na#`.
    static func loss(_ value: Double) -> String {
        value.isFinite ? value.formatted(fractionDigits: 6) : "#na#"
    }


    private static func line(_ cells: [String]) -> String {
        var text = ""
        for (k, (cell, column)) in zip(cells, columns).enumerated() {
            text += k == columns.count - 1 ? cell : cell.padding(toLength: max(column.width, cell.count) + 2, withPad: " ", startingAt: 0)
        }
        return text
    }
}
