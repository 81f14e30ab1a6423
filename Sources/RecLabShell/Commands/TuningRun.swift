import Dispatch
import RecLab

/// What `tune` found: each combination trained so far, its metrics and
/// how long it took to train.
struct TuningRun {
    /// One trained combination.
    struct Row {
        /// The values of the grid's settings, by position.
        var combination: [Double]
        /// Each of ``rankingMetrics``' means over the held-out users.
        var metrics: [Double]
        /// The share of the catalogue recommended to anyone.
        var coverage: Double
        /// Seconds spent training (not judging).
        var seconds: Double
    }

    var algorithm: Algorithm
    var grid: TuningGrid
    var rows: [Row]
    /// How many combinations there were; fewer rows when Ctrl-C stopped it.
    var planned: Int

    /// Trains and judges every combination in turn, telling `cancel` which
    /// one (stage `tune`). Ctrl-C stops after the one in progress is
    /// dropped; the rows finished are kept.
    ///
    /// - Throws: ``RecLabError`` when a combination cannot be trained
    ///   (named in the message).
    static func run(_ algorithm: Algorithm, grid: TuningGrid, matrix: RatingMatrix, heldOut: HeldOutRatings, k: Int,
                    cancel: Cancellation) throws -> TuningRun {
        let combinations = grid.combinations
        var run = TuningRun(algorithm: algorithm, grid: grid, rows: [], planned: combinations.count)
        for (n, combination) in combinations.enumerated() {
            cancel.report("tune", fraction: Double(n) / Double(combinations.count),
                          detail: "\(grid.describe(combination)) (\(n + 1) of \(combinations.count))")
            var values = algorithm.defaults
            for (axis, value) in zip(grid.axes, combination) {
                values.values[axis.setting.key] = value
                values.given.insert(axis.setting.key)
            }
            do {
                let start = DispatchTime.now().uptimeNanoseconds
                let model = try algorithm.train(matrix, values, cancel)
                let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
                let evaluation = try TopNEvaluation.evaluate(model, on: heldOut, k: k, binary: false, cancel: cancel)
                run.rows.append(Row(combination: combination, metrics: evaluation.means, coverage: evaluation.coverage,
                                    seconds: seconds))
            } catch let error as RecLabError where error.isCancellation {
                break
            } catch let error as RecLabError {
                throw ShellError("cannot train \(algorithm.name) with \(grid.describe(combination)): \(error.message)")
            }
        }
        return run
    }

    /// The rows best first by metric `m` (ties in the order trained): the
    /// settings, every metric at `k`, coverage and the training time.
    func table(sortedBy m: Int, k: Int) throws -> Table {
        let sorted = rankedRows(by: m)
        var columns = grid.axes.enumerated().map { a, axis in
            column(axis.setting, values: sorted.map { $0.combination[a] })
        }
        for (i, metric) in rankingMetrics.enumerated() {
            columns.append(Column(name: metric.name, decimals: sorted.map { $0.metrics[i] }, fractionDigits: 4))
        }
        columns.append(Column(name: "coverage", decimals: sorted.map(\.coverage), fractionDigits: 3))
        columns.append(Column(name: "train_s", decimals: sorted.map(\.seconds), fractionDigits: 2))
        return try Table(columns: columns)
    }

    /// The rows, best first by metric `m`, ties in the order trained.
    func rankedRows(by m: Int) -> [Row] {
        rows.enumerated().sorted { a, b in
            a.element.metrics[m] != b.element.metrics[m] ? a.element.metrics[m] > b.element.metrics[m] : a.offset < b.offset
        }.map(\.element)
    }

    /// A setting's column: whole numbers as integers, on/off as text.
    private func column(_ setting: Algorithm.Setting, values: [Double]) -> Column {
        switch setting.kind {
        case .whole: return Column(name: setting.key, integers: values.map { Int64($0) })
        case .onOff, .percent: return Column(name: setting.key, texts: values.map { ModelTraining.describe($0, setting.kind) })
        case .number:
            // As many decimals as the values typed need (reg=0.05 → 2, reg=300 → 0).
            let digits = values.map { v in (0 ... 6).first { d in Self.rounded(v, d) == v } ?? 6 }.max() ?? 0
            if digits == 0, values.allSatisfy({ abs($0) < 1e15 }) {
                return Column(name: setting.key, integers: values.map { Int64($0) })
            }
            return Column(name: setting.key, decimals: values, fractionDigits: digits)
        }
    }

    private static func rounded(_ v: Double, _ digits: Int) -> Double {
        let scale = (0 ..< digits).reduce(1.0) { p, _ in p * 10 }
        return (v * scale).rounded() / scale
    }

    /// The terminal's drawing: a bar per combination in the order trained,
    /// its length the metric's value (from 0, so differences look as large as they are).
    func bars(metric m: Int, name: String, width: Int) -> String {
        let labels = rows.map { grid.describe($0.combination) }
        let values = rows.map { $0.metrics[m] }
        let labelWidth = labels.map(\.count).max() ?? 0
        let top = values.max() ?? 0
        let room = max(10, width - labelWidth - 10)
        var lines = ["\(name), in the order trained:"]
        for (label, value) in zip(labels, values) {
            let eighths = top > 0 ? Int((value / top * Double(room * 8)).rounded()) : 0
            let partial = eighths % 8 == 0 ? "" : String(Array("▏▎▍▌▋▊▉")[eighths % 8 - 1])
            let bar = String(repeating: "█", count: eighths / 8) + partial
            lines.append(label.padding(toLength: labelWidth, withPad: " ", startingAt: 0) + " " + bar + " "
                         + value.formatted(fractionDigits: 4))
        }
        return lines.joined(separator: "\n")
    }

    /// The line under the table: what was tuned, the best, and whether
    /// Ctrl-C cut it short.
    func note(metric m: Int, k: Int, train: String, test: String) -> String {
        let name = "\(rankingMetrics[m].name)@\(k)"
        var text = "\(algorithm.name) trained on '\(train)' with \(NumberFormatting.counted(planned, "combination")), "
            + "judged by top-\(k) lists on '\(test)', best \(name) first"
        if let best = rankedRows(by: m).first {
            text += "; best: \(grid.describe(best.combination)) (\(name) \(best.metrics[m].formatted(fractionDigits: 4)))"
        }
        if rows.count < planned {
            text += "\nstopped by Ctrl-C after \(rows.count) of \(planned) combinations; the table keeps those"
        }
        return text
    }

    /// Metric `m` against the first setting, one line per combination of
    /// the others: the terminal's drawing (the best line) and the SVG.
    func picture(metric m: Int, k: Int, path: Token, call: inout Invocation) -> Picture {
        let first = grid.axes[0]
        let name = "\(rankingMetrics[m].name)@\(k)"
        // Equal steps whatever the values (reg=10,100,1000 reads as a log axis would).
        let ticks = first.values.enumerated().map { (value: Double($0), label: ModelTraining.describe($1, first.setting.kind)) }
        var series: [(name: String, points: [(x: Double, y: Double)])] = []
        let rest = TuningGrid(axes: Array(grid.axes.dropFirst()))
        for row in rows {
            guard let x = first.values.firstIndex(of: row.combination[0]) else { continue }
            let label = rest.axes.isEmpty ? name : rest.describe(Array(row.combination.dropFirst()))
            if let s = series.firstIndex(where: { $0.name == label }) {
                series[s].points.append((Double(x), row.metrics[m]))
            } else {
                series.append((label, [(Double(x), row.metrics[m])]))
            }
        }
        let title = "\(algorithm.name): \(name) by \(first.setting.key)"
        let svg = ChartSVG.lines(series, title: title, xTitle: first.setting.key, yTitle: name, xTicks: ticks)
        let text = bars(metric: m, name: name, width: ChartArguments.width(call.session))
        return ChartArguments.written(text: text, svg: svg, title: title, path: path, call: &call)
    }
}
