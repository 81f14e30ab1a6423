/// The trainable numbers of an mf model in the checkpoint's layout, which
/// does not change when ``MFState``'s memory layout does: per side (users,
/// movies), the parameters and Adam's two moments, each row's `factors`
/// vector numbers then its bias, rows in index order, no padding.
struct MFCanonicalRows: Sendable {
    /// One side's three arrays, `rows × (factors + 1)` each.
    struct Side: Sendable {
        var params: [Float]
        var m: [Float]
        var v: [Float]
    }

    var users: Side
    var items: Side
}

extension MFState {
    /// The rows in the checkpoint's layout. With ``init(matrix:parameters:grid:step:rows:)``,
    /// the only code that knows both layouts: a new ``MFState`` layout is
    /// adapted here.
    ///
    /// - Complexity: O((users + items) × factors).
    func exportRows(factors: Int) -> MFCanonicalRows {
        func export(_ table: MFTable) -> MFCanonicalRows.Side {
            var side = MFCanonicalRows.Side(params: [], m: [], v: [])
            for array in [\MFCanonicalRows.Side.params, \.m, \.v] { side[keyPath: array].reserveCapacity(table.rowCount * (factors + 1)) }
            for r in 0 ..< table.rowCount {
                let (params, m, v) = table.row(r)
                side.params.append(contentsOf: params.prefix(factors + 1))
                side.m.append(contentsOf: m.prefix(factors + 1))
                side.v.append(contentsOf: v.prefix(factors + 1))
            }
            return side
        }
        return MFCanonicalRows(users: export(users), items: export(items))
    }

    /// The state of a model trained on `matrix` with `parameters` in `grid`
    /// × `grid` blocks after `step` optimiser steps, with `rows` (as
    /// ``exportRows(factors:)`` gave them): the split and training order
    /// are drawn again from the seed, exactly as training drew them. Each
    /// row's header (bookkeeping within one fit) starts at zero, as every
    /// fit resets it.
    ///
    /// - Precondition: `rows` has `(factors + 1)` numbers per user and movie of `matrix`.
    /// - Complexity: O(ratings + (users + items) × factors).
    init(matrix: RatingMatrix, parameters: MatrixFactorization.Parameters, grid: Int, step: Int,
         rows: MFCanonicalRows, cancel: Cancellation = .never) throws(RecLabError) {
        try self.init(matrix: matrix, parameters: parameters, grid: grid, cancel: cancel)
        let (k, width) = (parameters.factors + 1, self.width)
        let padding = [Float](repeating: 0, count: width - k)
        func place(_ side: MFCanonicalRows.Side, into table: inout MFTable) {
            for r in 0 ..< table.rowCount {
                let span = r * k ..< r * k + k
                table.setRow(r, params: side.params[span] + padding, m: side.m[span] + padding, v: side.v[span] + padding)
            }
        }
        place(rows.users, into: &users)
        place(rows.items, into: &items)
        self.step = step
    }
}

extension MatrixFactorization: CheckpointableModel {
    /// The payload's bytes: the ratings, the rows and their moments dominate.
    public var checkpointSize: Int {
        let rows = matrix.userCount + matrix.itemCount
        return 256 + history.count * 40 + 20 * matrix.ratingCount + 12 * rows + 12 * rows * (factors + 1)
    }

    /// Writes the settings, the range, the training history, the ratings
    /// (for the rated-movie exclusion and to redraw the split) and every
    /// row with its optimiser moments (so `fit` continues exactly).
    ///
    /// - Complexity: O(ratings + (users + items) × factors).
    public func encode(into writer: inout CheckpointWriter) {
        let p = parameters
        writer.write(Int64(p.factors))
        writer.write(Int64(p.epochs))
        writer.write(p.learningRate)
        writer.write(p.weightDecay)
        writer.write(p.validFraction)
        writer.write(p.seed)
        writer.write(Int64(p.batchSize))
        writer.write(low)
        writer.write(high)
        writer.write(Int64(state.strata.grid))
        writer.write(Int64(state.step))
        writer.write(UInt8(stoppedEarly ? 1 : 0))
        writer.write(Int64(history.count))
        for e in history {
            writer.write(Int64(e.epoch))
            writer.write(e.trainLoss)
            writer.write(e.validLoss)
            writer.write(e.rmse)
            writer.write(e.seconds)
        }
        writer.write(matrix)
        let rows = state.exportRows(factors: factors)
        for side in [rows.users, rows.items] {
            writer.write(contentsOf: side.params)
            writer.write(contentsOf: side.m)
            writer.write(contentsOf: side.v)
        }
    }

    /// Reads what ``encode(into:)`` wrote, refusing anything inconsistent.
    ///
    /// - Complexity: O(ratings + (users + items) × factors).
    public static func decode(from reader: inout CheckpointReader, cancel: Cancellation) throws(RecLabError) -> MatrixFactorization {
        let damaged = CheckpointReader.damaged
        let limit = Int(Int32.max)
        var p = Parameters()
        p.factors = try reader.readCount("factors", in: 1 ... 1024)
        p.epochs = try reader.readCount("epochs", in: 0 ... limit)
        p.learningRate = try reader.readDouble()
        p.weightDecay = try reader.readDouble()
        p.validFraction = try reader.readDouble()
        p.seed = try reader.read(UInt64.self)
        p.batchSize = try reader.readCount("bs", in: 1 ... limit)
        do throws(RecLabError) { try p.validate() } catch { throw damaged(error.message) }
        let low = try reader.readDouble(), high = try reader.readDouble()
        guard low.isFinite, high.isFinite, low < high else { throw damaged("the prediction range \(low)…\(high)") }
        let grid = try reader.readCount("grid", in: 1 ... 1 << 16)
        let step = try reader.readCount("the step count", in: 0 ... 1 << 52)
        let stoppedEarly = try reader.read(UInt8.self) != 0
        var history: [EpochReport] = []
        let epochCount = try reader.readCount("the epoch count", in: 0 ... 1_000_000)
        for _ in 0 ..< epochCount {
            let epoch = try reader.readCount("an epoch number", in: 0 ... limit)
            history.append(EpochReport(epoch: epoch, trainLoss: try reader.readDouble(), validLoss: try reader.readDouble(),
                                       rmse: try reader.readDouble(), seconds: try reader.readDouble()))
        }
        let matrix = try reader.readRatingMatrix(cancel: cancel)
        try cancel.check()
        func side(_ rows: Int, _ what: String) throws(RecLabError) -> MFCanonicalRows.Side {
            let n = rows * (p.factors + 1)
            return MFCanonicalRows.Side(params: try reader.readFloats(count: n, "the \(what) vectors"),
                                        m: try reader.readFloats(count: n, "the \(what) moments"),
                                        v: try reader.readFloats(count: n, "the \(what) moments"))
        }
        let rows = MFCanonicalRows(users: try side(matrix.userCount, "user"), items: try side(matrix.itemCount, "movie"))
        // The state allocates grid² blocks: one changed byte of the grid
        // asked 22 GB. Training picks it from the data and the factors.
        guard grid <= max(64, 2 * MatrixFactorization.grid(for: matrix, parameters: p)) else { throw damaged("grid is \(grid)") }
        let state = try MFState(matrix: matrix, parameters: p, grid: grid, step: step, rows: rows, cancel: cancel)
        return MatrixFactorization(parameters: p, matrix: matrix, low: low, high: high, history: history,
                                   stoppedEarly: stoppedEarly, state: state)
    }
}
