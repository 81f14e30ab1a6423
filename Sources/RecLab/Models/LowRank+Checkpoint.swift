extension LowRank: CheckpointableModel {
    /// The payload's bytes: the vectors and the ratings dominate.
    public var checkpointSize: Int {
        let rows = matrix.userCount + matrix.itemCount
        return 256 + matrix.checkpointSize + 8 * matrix.itemCount + 8 * rows * factors
    }

    /// Writes the settings, the life so far (iterations, the last run's
    /// report), the ratings, each movie's mean when normalised, and every
    /// user's then every movie's `features` numbers (no padding). That is
    /// all ``fit(iterations:cancel:)`` starts from (its optimiser starts
    /// afresh each run), so a loaded model fits on to the same bits.
    ///
    /// - Complexity: O(ratings + (users + movies) × features).
    public func encode(into writer: inout CheckpointWriter) {
        let p = parameters
        writer.write(Int64(p.features))
        writer.write(p.regularization)
        writer.write(Int64(p.iterations))
        writer.write(p.seed)
        writer.write(flag: p.normalize)
        writer.write(p.method.rawValue)
        writer.write(p.gradientTolerance)
        writer.write(p.costTolerance)
        writer.write(Int64(iterationsTrained))
        writer.write(Int64(report.iterations))
        writer.write(Int64(report.evaluations))
        writer.write(report.cost)
        writer.write(report.trainingRMSE)
        writer.write(report.gradientNorm)
        writer.write(report.stop.rawValue)
        writer.write(matrix)
        if let itemMeans { writer.write(contentsOf: itemMeans) }
        var rows: [Double] = []
        rows.reserveCapacity((matrix.userCount + matrix.itemCount) * factors)
        for r in 0 ..< matrix.userCount + matrix.itemCount {
            rows.append(contentsOf: vectors[r * width ..< r * width + factors])
        }
        writer.write(contentsOf: rows)
    }

    /// Reads what ``encode(into:)`` wrote, refusing anything inconsistent,
    /// and lays the vectors out with this build's padding (zeros, which the
    /// optimiser never moves).
    ///
    /// - Throws: ``RecLabError`` for settings training would refuse, an
    ///   unknown optimiser or stop, damaged ratings, or cancellation.
    /// - Complexity: O(ratings + (users + movies) × features).
    public static func decode(from reader: inout CheckpointReader, cancel: Cancellation) throws(RecLabError) -> LowRank {
        let damaged = CheckpointReader.damaged
        let limit = Int(Int32.max)
        var p = Parameters()
        p.features = try reader.readCount("features", in: 1 ... 1024)
        p.regularization = try reader.readDouble("reg")
        p.iterations = try reader.readCount("iters", in: 0 ... limit)
        p.seed = try reader.read(UInt64.self, "seed")
        p.normalize = try reader.readFlag("normalize")
        let method = try reader.readString("the optimiser")
        guard let known = Method(rawValue: method) else { throw damaged("the optimiser '\(method)'") }
        p.method = known
        p.gradientTolerance = try reader.readDouble("the gradient tolerance")
        p.costTolerance = try reader.readDouble("the cost tolerance")
        do throws(RecLabError) { try p.validate() } catch { throw damaged(error.message) }
        let iterationsTrained = try reader.readCount("the iteration count", in: 0 ... limit)
        let runIterations = try reader.readCount("the last run's iterations", in: 0 ... iterationsTrained)
        let evaluations = try reader.readCount("the last run's evaluations", in: 0 ... limit)
        let cost = try reader.readDouble(), rmse = try reader.readDouble(), gradientNorm = try reader.readDouble()
        let stopName = try reader.readString("the last run's stop")
        guard let stop = Stop(rawValue: stopName) else { throw damaged("the last run's stop '\(stopName)'") }
        let report = Report(iterations: runIterations, evaluations: evaluations, cost: cost, trainingRMSE: rmse,
                            gradientNorm: gradientNorm, stop: stop)
        let matrix = try reader.readRatingMatrix(cancel: cancel)
        let itemMeans = p.normalize ? try reader.readDoubles(count: matrix.itemCount, "the movie means") : nil
        let rows = matrix.userCount + matrix.itemCount, k = p.features, width = LowRank.width(features: k)
        let packed = try reader.readDoubles(count: rows * k, "the vectors")
        try cancel.check()
        var vectors = [Double](repeating: 0, count: rows * width)
        for r in 0 ..< rows {
            for f in 0 ..< k { vectors[r * width + f] = packed[r * k + f] }
        }
        return LowRank(parameters: p, matrix: matrix, itemMeans: itemMeans, vectors: vectors,
                       iterationsTrained: iterationsTrained, report: report)
    }
}
