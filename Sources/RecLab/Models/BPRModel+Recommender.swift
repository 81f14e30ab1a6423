extension BPRModel {
    /// A new person's vector fitted to the movies they rated (values
    /// ignored) with the movie vectors and biases fixed: from 0, `epochs`
    /// × n gradient steps of training's kind on triples drawn from their n
    /// known movies and the movies they did not rate, about as many as a
    /// user with n ratings gets in training. The draws are seeded by the
    /// model's seed and the set of known movies, so the same ratings give
    /// the same vector every time.
    ///
    /// Movies the model does not know are ignored, a movie rated twice
    /// counts once; with none known (or all known) the vector is 0, so the
    /// scores are the movie biases.
    ///
    /// - Complexity: O(epochs × n × (k + log n)) expected, for k features.
    public func foldIn(ratings: [(item: Int64, rating: Double)]) -> [Double] {
        let known = Set(ratings.compactMap { matrix.itemIndex(of: $0.item) }).sorted().map(Int32.init)
        let k = factors
        var x = [Double](repeating: 0, count: k)
        guard !known.isEmpty, known.count < matrix.itemCount else { return x }
        // FNV-1a over the known indices: the seed depends on the set only.
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for i in known { hash = (hash ^ UInt64(UInt32(bitPattern: i))) &* 0x0000_0100_0000_01B3 }
        var generator = SeededGenerator(seed: ALSModel.mix(parameters.seed, hash))
        let steps = parameters.epochs * known.count
        let (lr, reg, itemCount) = (parameters.learningRate, parameters.regularization, matrix.itemCount)
        x.withUnsafeMutableBufferPointer { p in
            items.withUnsafeBufferPointer { q in
                itemBiases.withUnsafeBufferPointer { b in
                    guard let p = p.baseAddress, let q = q.baseAddress, let b = b.baseAddress else { return }
                    for _ in 0 ..< steps {
                        let i = Int(known[generator.next(below: known.count)])
                        guard let j = Self.negative(for: 0 ..< known.count, in: known, itemCount: itemCount,
                                                    using: &generator) else { return }
                        Self.step(user: p, positive: i, negative: j, items: q, biases: b, k: k, lr: lr, reg: reg,
                                  updateItems: false)
                    }
                }
            }
        }
        return x
    }
}

extension BPRModel: UserVectorModel {
    /// `bpr`.
    public static let algorithm = "bpr"
    /// Scores rank movies; they are not ratings.
    public static let scoreScale = ScoreScale.ranking

    /// `features`, `epochs`, `lr`, `reg` and `seed`, as `train` takes them.
    public var settings: [(key: String, value: String)] {
        [("features", String(parameters.features)), ("epochs", String(parameters.epochs)),
         ("lr", UserKNN.format(parameters.learningRate)), ("reg", UserKNN.format(parameters.regularization)),
         ("seed", String(parameters.seed))]
    }
}
