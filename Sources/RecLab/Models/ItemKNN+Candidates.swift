/// Each candidate's rated neighbours as seen from the person's side:
/// row j lists every item i with sim(i, j) kept (the similarities are
/// symmetric), so walking the rows of the rated movies finds them all.
private struct RatedNeighbours: Sendable {
    /// How many of the person's rated movies are neighbours of each item.
    var counts: [Int32]
    /// Candidate i's gathered neighbours are `starts[i] ..< starts[i + 1]`
    /// of ``items`` and ``similarities`` (empty when it walks its row).
    var starts: [Int]
    var items: [Int32]
    var similarities: [Double]
}

extension ItemKNN {
    /// The score per item index (NaN when rated or not scored).
    ///
    /// A candidate with one rated neighbour takes LensKit's shortcut. One
    /// with several needs the first `nbrs` of them in its row's order, found
    /// one of two ways, whichever should cost less: walking its row (most
    /// similar first) until enough rated ones are met — quick for a heavy
    /// rater, whose rated movies are everywhere — or selecting the most
    /// similar among those gathered from the person's side. Selection only
    /// knows the row's order when no two of the neighbours that matter have
    /// exactly equal similarity (the row breaks such ties by LensKit's heap
    /// sort), so on a tie that candidate walks its row after all.
    ///
    /// - Complexity: O(items + Σ neighbours of the rated movies + the walks
    ///   and sorts), the per-candidate work spread over all cores.
    func candidateScores(_ profile: ItemProfile) -> [Double] {
        let n = matrix.itemCount
        let found = ratedNeighbours(profile)
        let model = self
        let filled = try? Parallel.fill(count: n, initial: Double.nan, cancel: .never, minimumChunk: 1024) { range, out in
            var best: [(similarity: Double, item: Int32)] = []
            for i in range {
                let count = Int(found.counts[i])
                guard !profile.rated[i], count >= model.parameters.minNeighbours else { continue }
                let needed = min(count, model.parameters.neighbours)
                var value: Double?
                if count == 1, found.starts[i] < found.starts[i + 1] {
                    let g = found.starts[i]
                    value = model.single(centred: profile.centred[Int(found.items[g])], similarity: found.similarities[g])
                } else if found.starts[i] < found.starts[i + 1] {
                    Self.selectBest(needed + 1, from: found, of: i, into: &best)
                    value = model.weightedAverage(best, needed: needed, profile: profile)
                }
                let score = value ?? model.weightedAverage(ofItem: i, profile: profile, using: needed)
                out[i] = model.parameters.center ? score + model.itemMeans[i] : score
            }
        }
        // Without a cancellation token the fill cannot fail.
        return filled ?? [Double](repeating: .nan, count: n)
    }

    /// Counts each item's rated neighbours, then gathers them for the
    /// candidates that will select rather than walk (always those with one).
    ///
    /// - Complexity: O(items + Σ neighbours of the rated movies), twice.
    private func ratedNeighbours(_ profile: ItemProfile) -> RatedNeighbours {
        let n = matrix.itemCount
        var counts = [Int32](repeating: 0, count: n)
        counts.withUnsafeMutableBufferPointer { counts in
            neighbourItems.withUnsafeBufferPointer { neighbours in
                for j in profile.items {
                    for e in neighbourEntries(ofItem: j) { counts[Int(neighbours[e])] &+= 1 }
                }
            }
        }
        var starts = [Int](repeating: 0, count: n + 1)
        for i in 0 ..< n {
            let count = Int(counts[i])
            let gathers = count >= 1 && count >= parameters.minNeighbours && !profile.rated[i]
                && (count == 1 || prefersSelecting(i, count))
            starts[i + 1] = starts[i] + (gathers ? count : 0)
        }
        var items = [Int32](repeating: 0, count: starts[n])
        var similarities = [Double](repeating: 0, count: starts[n])
        if starts[n] > 0 {
            var cursor = starts
            for j in profile.items {
                for e in neighbourEntries(ofItem: j) {
                    let i = Int(neighbourItems[e])
                    let g = cursor[i]
                    guard g < starts[i + 1] else { continue }
                    items[g] = Int32(truncatingIfNeeded: j)
                    similarities[g] = neighbourSimilarities[e]
                    cursor[i] = g + 1
                }
            }
        }
        return RatedNeighbours(counts: counts, starts: starts, items: items, similarities: similarities)
    }

    /// Whether gathering and selecting among item `i`'s `count` rated
    /// neighbours should cost less than walking its row. A walk reads about
    /// row × needed / count entries when the rated ones are spread along
    /// the row, and each one it uses costs a cache miss for its similarity
    /// (worth some 25 entries); gathering writes and selects each of the
    /// `count` neighbours (worth some 8).
    private func prefersSelecting(_ i: Int, _ count: Int) -> Bool {
        let needed = min(count, parameters.neighbours)
        let walk = neighbourEntries(ofItem: i).count * needed / count + 25 * needed
        return 8 * count < walk
    }

    /// The `k` most similar of candidate `i`'s gathered neighbours, most
    /// similar first, by insertion into a short sorted list.
    ///
    /// - Complexity: O(gathered × k) worst case, about O(gathered) usually.
    private static func selectBest(_ k: Int, from found: RatedNeighbours, of i: Int,
                                   into best: inout [(similarity: Double, item: Int32)]) {
        best.removeAll(keepingCapacity: true)
        for g in found.starts[i] ..< found.starts[i + 1] {
            let s = found.similarities[g]
            if best.count == k, let last = best.last, !(s > last.similarity) { continue }
            var position = best.count
            while position > 0, s > best[position - 1].similarity { position -= 1 }
            best.insert((s, found.items[g]), at: position)
            if best.count > k { best.removeLast() }
        }
    }

    /// Σ sim·c_j / Σ |sim| over the first `needed` of `sorted` (the best
    /// `needed + 1` or all, similarity descending), or `nil` when two of
    /// those — or the last used and the first left out — have exactly equal
    /// similarity, so that only the row knows their order.
    private func weightedAverage(_ sorted: [(similarity: Double, item: Int32)], needed: Int,
                                 profile: ItemProfile) -> Double? {
        let checked = min(needed + 1, sorted.count)
        for k in 1 ..< max(checked, 1) where sorted[k].similarity == sorted[k - 1].similarity { return nil }
        var weighted = 0.0, total = 0.0
        for (s, j) in sorted.prefix(needed) {
            weighted += profile.centred[Int(j)] * s
            total += abs(s)
        }
        return weighted / total
    }

    /// Σ sim·c_j / Σ |sim| over the first `needed` neighbours of item `i`
    /// that the person rated, walking its row (LensKit's additions, in its
    /// order).
    func weightedAverage(ofItem i: Int, profile: ItemProfile, using needed: Int) -> Double {
        var weighted = 0.0, total = 0.0, used = 0
        for e in neighbourEntries(ofItem: i) {
            let j = Int(neighbourItems[e])
            guard profile.rated[j] else { continue }
            let s = neighbourSimilarities[e]
            weighted += profile.centred[j] * s
            total += abs(s)
            used += 1
            if used == needed { break }
        }
        return weighted / total
    }
}
