extension ALSModel: CheckpointableModel {
    /// The payload's bytes: the rows and the ratings dominate.
    public var checkpointSize: Int {
        256 + matrix.checkpointSize + 8 * (users.count + items.count + matrix.itemCount + 2 * width)
    }

    /// Writes the settings, μ, the training RMSE and rating range, the
    /// ratings, every user's then every movie's row (vector, then bias),
    /// and what fold-in solves a new person with: nothing more for the
    /// least-squares fit (its penalty and damping are the settings'), and
    /// for the Bayesian average the users' prior mean and precision, the
    /// noise precision and, with `nu` > 0, each movie's noise scale.
    /// `als` cannot be trained further, so the sampler's state is not kept.
    ///
    /// - Complexity: O(ratings + (users + movies) × features).
    public func encode(into writer: inout CheckpointWriter) {
        let p = parameters
        writer.write(Int64(p.features))
        writer.write(p.regularization)
        writer.write(Int64(p.iterations))
        writer.write(p.damping)
        writer.write(Int64(p.samples))
        writer.write(Int64(p.burnIn))
        writer.write(p.robustness)
        writer.write(p.seed)
        writer.write(globalMean)
        writer.write(trainingRMSE)
        writer.write(low)
        writer.write(high)
        writer.write(matrix)
        writer.write(contentsOf: users)
        writer.write(contentsOf: items)
        if case .bayesian(let mean, let precision, let noise, let itemScales) = foldInPrior.kind {
            writer.write(contentsOf: mean)
            writer.write(contentsOf: precision)
            writer.write(noise)
            writer.write(contentsOf: itemScales)
        }
    }

    /// Reads what ``encode(into:)`` wrote, refusing anything inconsistent.
    /// Which prior fold-in uses, and whether it has movie scales, follows
    /// from the settings (`samples`, `nu`), as in training.
    ///
    /// - Throws: ``RecLabError`` for settings training would refuse, a
    ///   rating range that is not one, damaged ratings, or cancellation.
    /// - Complexity: O(ratings + (users + movies) × features).
    public static func decode(from reader: inout CheckpointReader, cancel: Cancellation) throws(RecLabError) -> ALSModel {
        let damaged = CheckpointReader.damaged
        var p = Parameters()
        p.features = try reader.readCount("features", in: 1 ... 1024)
        p.regularization = try reader.readDouble("reg")
        p.iterations = try reader.readCount("iters", in: 0 ... 10_000)
        p.damping = try reader.readDouble("damping")
        p.samples = try reader.readCount("samples", in: 0 ... 100_000)
        p.burnIn = try reader.readCount("burn", in: 0 ... 100_000)
        p.robustness = try reader.readDouble("nu")
        p.seed = try reader.read(UInt64.self, "seed")
        do throws(RecLabError) { try p.validate() } catch { throw damaged(error.message) }
        let globalMean = try reader.readDouble("the mean rating"), rmse = try reader.readDouble("the training RMSE")
        let low = try reader.readDouble(), high = try reader.readDouble()
        guard low.isFinite, high.isFinite, low <= high else { throw damaged("the rating range \(low)…\(high)") }
        let matrix = try reader.readRatingMatrix(cancel: cancel)
        let width = p.features + 1
        let users = try reader.readDoubles(count: matrix.userCount * width, "the user rows")
        let items = try reader.readDoubles(count: matrix.itemCount * width, "the movie rows")
        var prior = ALSFoldInPrior(kind: .ridge(regularization: p.regularization, damping: p.damping))
        if p.samples > 0 {
            let mean = try reader.readDoubles(count: width, "the prior mean")
            let precision = try reader.readDoubles(count: width, "the prior precision")
            let noise = try reader.readDouble("the noise precision")
            let scales = try reader.readDoubles(count: p.robustness > 0 ? matrix.itemCount : 0, "the movie noise scales")
            prior = ALSFoldInPrior(kind: .bayesian(mean: mean, precision: precision, noise: noise, itemScales: scales))
        }
        return ALSModel(parameters: p, matrix: matrix, globalMean: globalMean, users: users, items: items,
                        foldInPrior: prior, trainingRMSE: rmse, low: low, high: high)
    }
}
