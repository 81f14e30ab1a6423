import Foundation
/// The order the training ratings are stored and trained in, from
/// ``MatrixFactorization/parallelRatings`` on: blocks that workers can train
/// at the same time, cut into tiles whose rows stay in cache.
///
/// Users and movies are each cut into `grid` groups of contiguous indices
/// with about equal rating counts; block (a, b) holds the ratings of user
/// group a and movie group b. An epoch runs `grid` rounds; in round s the
/// blocks (a, a + s mod grid) share no user and no movie (DSGD's strata), so
/// they can be trained at once without any row being touched by two
/// workers. Within a block the users are cut further into tiles of
/// ``tileBytes`` of row records: the ratings of one tile are trained
/// together, so a user's record is read from memory about once per tile and
/// then stays in the L3 cache (the movies' records are shared by every tile
/// of the block, and the popular ones stay cached anyway). Below
/// `parallelRatings` there is one block of one tile: the plain shuffle.
struct MFStrata: Sendable {
    /// User (and movie) groups; blocks are `grid × grid`.
    let grid: Int
    /// Every tile's ratings in ``MFState/train``, block by block (block
    /// `a * grid + b`'s tiles are `cells[cellBase[block] ..< cellBase[block + 1]]`,
    /// some maybe empty).
    let cells: [Range<Int>]
    /// Where each block's tiles start in ``cells``.
    let cellBase: [Int]
    /// Block `a * grid + b`'s ratings in ``MFState/train``.
    let blocks: [Range<Int>]
    /// Which cell each rating goes to.
    private let map: MFCellMap
    /// Each user group's run of user indices, and each movie group's.
    let userRanges: [Range<Int>], itemRanges: [Range<Int>]
    /// Passes per block (each user's ratings spread over them at random).
    var passes: Int { map.passes }

    static let passCount = ProcessInfo.processInfo.environment["MF_PASSES"].flatMap(Int.init) ?? 1

    /// The user-state budget of one tile: small enough that both workers'
    /// tiles and the movies they train share the 32 MB L3 cache, large
    /// enough that a tile holds many ratings per user.
    static let tileBytes = ProcessInfo.processInfo.environment["MF_TILE"].flatMap(Int.init) ?? (4 << 20)

    /// The strata of `matrix`'s ratings that are not `held` out.
    ///
    /// - Complexity: O(ratings).
    init(matrix: RatingMatrix, held: [Bool], grid: Int, recordBytes: Int, seed: UInt64) {
        self.grid = grid
        let passes = grid > 1 ? MFStrata.passCount : 1
        let userGroup = MFStrata.groups(offsets: matrix.userOffsets, count: grid)
        // Tiles only pay when there is more than one block: small data is
        // one plain shuffle, as fast.ai trains it.
        let tileUsers = grid > 1 ? max(1, MFStrata.tileBytes / recordBytes) : Int.max
        var tileCount = [Int](repeating: 0, count: grid)
        var userTile = [Int32](repeating: 0, count: matrix.userCount)
        var start = 0
        for u in 0 ..< matrix.userCount {
            if u > 0, userGroup[u] != userGroup[u - 1] { start = u }
            let tile = (u - start) / tileUsers
            userTile[u] = Int32(truncatingIfNeeded: tile)
            tileCount[Int(userGroup[u])] = max(tileCount[Int(userGroup[u])], tile + 1)
        }
        var cellBase = [0]
        for a in 0 ..< grid {
            for _ in 0 ..< grid { cellBase.append(cellBase[cellBase.count - 1] + passes * tileCount[a]) }
        }
        self.cellBase = cellBase
        let itemGroup = MFStrata.groups(offsets: matrix.itemOffsets, count: grid)
        let map = MFCellMap(grid: grid, passes: passes, passSeed: seed, userGroup: userGroup, itemGroup: itemGroup,
                            tileCount: tileCount, userTile: userTile, cellBase: cellBase)
        userRanges = MFStrata.runs(userGroup, count: grid)
        itemRanges = MFStrata.runs(itemGroup, count: grid)
        self.map = map
        var bounds = [Int](repeating: 0, count: cellBase[grid * grid] + 1)
        for u in 0 ..< matrix.userCount {
            for k in matrix.entries(ofUser: u) where !held[k] { bounds[map.cell(user: u, entry: k, matrix: matrix) + 1] += 1 }
        }
        for c in 0 ..< bounds.count - 1 { bounds[c + 1] += bounds[c] }
        cells = (0 ..< bounds.count - 1).map { bounds[$0] ..< bounds[$0 + 1] }
        blocks = (0 ..< grid * grid).map { bounds[cellBase[$0]] ..< bounds[cellBase[$0 + 1]] }
    }

    /// Block `b`'s passes, each a run of tiles (some maybe empty).
    func passes(ofBlock b: Int) -> [ArraySlice<Range<Int>>] {
        let perPass = (cellBase[b + 1] - cellBase[b]) / passes
        return (0 ..< passes).map { p in cells[cellBase[b] + p * perPass ..< cellBase[b] + (p + 1) * perPass] }
    }

    /// The training ratings (those not `held`) laid out as ``cells`` says,
    /// each tile in a random order drawn from `seed`.
    ///
    /// - Complexity: O(ratings), the shuffles split over the cores.
    func order(matrix: RatingMatrix, held: [Bool], seed: UInt64) -> [MFRating] {
        var next = cells.map(\.lowerBound)
        var train = [MFRating](repeating: MFRating(user: 0, item: 0, rating: 0), count: cells.last?.upperBound ?? 0)
        for u in 0 ..< matrix.userCount {
            for k in matrix.entries(ofUser: u) where !held[k] {
                let c = map.cell(user: u, entry: k, matrix: matrix)
                train[next[c]] = MFRating(user: Int32(truncatingIfNeeded: u), item: matrix.userItems[k],
                                          rating: Float(matrix.userRatings[k]))
                next[c] += 1
            }
        }
        let cells = self.cells
        train.withUnsafeMutableBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            let shared = SendablePointer(base)
            Parallel.forEach(Parallel.ranges(count: cells.count, minimumChunk: 1)) { range in
                for c in range {
                    // Each tile's shuffle has its own stream, so it does not
                    // depend on how the cells are split between workers.
                    var generator = SeededGenerator(seed: seed ^ (UInt64(c) &* 0xD1B5_4A32_D192_ED03))
                    let tile = cells[c]
                    for k in stride(from: tile.count - 1, to: 0, by: -1) {
                        let other = generator.next(below: k + 1)
                        swap(&shared.pointer[tile.lowerBound + k], &shared.pointer[tile.lowerBound + other])
                    }
                }
            }
        }
        return train
    }

    /// The run of indices of each of `count` groups (groups are contiguous and ascending).
    static func runs(_ group: [Int32], count: Int) -> [Range<Int>] {
        var bounds = [Int](repeating: 0, count: count + 1)
        for g in group { bounds[Int(g) + 1] += 1 }
        for g in 0 ..< count { bounds[g + 1] += bounds[g] }
        return (0 ..< count).map { bounds[$0] ..< bounds[$0 + 1] }
    }

    /// The group of each row when rows (weighted by their CSR entry counts)
    /// are cut into `count` contiguous runs of about equal weight.
    static func groups(offsets: [Int], count: Int) -> [Int32] {
        let rows = offsets.count - 1
        var group = [Int32](repeating: 0, count: max(0, rows))
        guard count > 1, rows > 0, let total = offsets.last else { return group }
        var g: Int32 = 0
        for r in 0 ..< rows {
            // Move to the next group once this row starts past its share.
            while Int(g) < count - 1, offsets[r] >= total * (Int(g) + 1) / count { g += 1 }
            group[r] = g
        }
        return group
    }
}

/// Where a rating goes in ``MFStrata``: its block (user group × movie
/// group), its pass (drawn by hashing its entry index with a seed) and its
/// tile (the user's run of users within the group).
private struct MFCellMap: Sendable {
    let grid: Int
    let passes: Int
    let passSeed: UInt64
    let userGroup: [Int32]
    let itemGroup: [Int32]
    /// Tiles per user group.
    let tileCount: [Int]
    /// Each user's tile within its group.
    let userTile: [Int32]
    let cellBase: [Int]

    /// The cell of user `u`'s CSR entry `k`.
    @inline(__always)
    func cell(user u: Int, entry k: Int, matrix: RatingMatrix) -> Int {
        let a = Int(userGroup[u])
        let block = a * grid + Int(itemGroup[Int(matrix.userItems[k])])
        var pass = 0
        if passes > 1 {
            var z = (UInt64(k) &+ passSeed) &* 0x9E37_79B9_7F4A_7C15
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            pass = Int((z ^ (z >> 31)) % UInt64(passes))
        }
        return cellBase[block] + pass * tileCount[a] + Int(userTile[u])
    }
}
