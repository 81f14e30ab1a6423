import Foundation
import RecLab

extension Verbs {
    /// `pca MODEL [N] [to PATH.svg]`.
    static let pca = Verb(
        name: "pca", group: .models,
        summary: "the N most-rated movies' vectors on their first two principal components: a table and a scatter plot",
        forms: ["pca MODEL [N] [to PATH.svg]"],
        example: """
            pca mf                      # the 50 most-rated movies
            pca mf 200
            p = pca mf 1000             # keep the table (rank, movieId, title, count, pc1, pc2)
            pca mf 200 to pca.svg       # also the picture as SVG, the 30 outermost titled
            """,
        notes: """
            The movies' vectors are centred, and pc1 and pc2 are the two directions along
            which they spread most (the eigenvectors of their covariance); each movie's
            pc1 and pc2 are its coordinates along them. Each direction's sign is chosen so
            that its largest loading is positive, so the same model always gives the same
            picture. Movies far apart on pc1 differ most in what the model learned about
            them; look at the titles at each end to guess what the direction means.
            """,
        fills: ["MODEL": .models(where: MovieSpace.vectors.accepts)],
        gives: .table
    ) { call in
        let usage = call.usage
        let name = try call.arguments.expectName("a model with movie vectors (mf, als, lowrank, implicit or bpr)", usage: usage)
        let countToken = call.arguments.peek
        let count = try call.arguments.takeInteger("the number of movies", in: 2...1_000_000) ?? 50
        let path = try ChartArguments.svgPath(&call)
        try call.arguments.expectEnd(usage: usage)
        let trained = try MovieSpace.model(named: name, needing: MovieSpace.vectors, in: call.session,
                                           at: call.arguments.verb, verb: "pca")
        guard let model = trained.model as? any MovieVectorModel else {
            throw ShellError("\(trained.name) has no movie vectors", at: name)
        }
        let matrix = model.matrix
        guard count <= matrix.itemCount else {
            throw ShellError("\(trained.name) has vectors for \(NumberFormatting.counted(matrix.itemCount, "movie")) "
                             + "only; ask for 2 to \(matrix.itemCount)", at: countToken ?? name)
        }
        let indices = matrix.mostRatedItems(count)
        let components: PrincipalComponents
        do throws(RecLabError) {
            components = try PrincipalComponents(points: indices.map { model.itemVector(index: $0).map(Double.init) },
                                                 components: min(2, model.factors), cancel: call.session.cancellation)
        } catch {
            throw ShellError("cannot project \(trained.name)'s movie vectors: \(error.message)", at: name)
        }
        let lookup = try MovieSpace.lookup(in: call.session, at: call.arguments.verb)
        let projection = MovieProjection(model: trained, indices: indices, components: components, lookup: lookup)
        let table = try projection.table()
        if call.isBound {
            if path != nil, let first = call.targets.first {
                throw ShellError("a chart cannot be bound to a name; drop '\(first.text) =' or 'to'", at: first)
            }
            return .table(table)
        }
        // The SVG is made even without `to`: a notebook shows it instead of the dots.
        let picture = ChartArguments.written(text: projection.plot(width: ChartArguments.width(call.session)).text,
                                             svg: projection.svg(), title: "\(trained.name): pc1 and pc2", path: path, call: &call)
        return .report([.text(projection.summary), .table(table), .picture(picture)])
    }
}

/// The N most-rated movies of a model on its first two principal
/// components: the table and the picture `pca` prints.
struct MovieProjection {
    /// The model the vectors come from.
    var model: TrainedModel
    /// The movies' item indices, most rated first.
    var indices: [Int]
    /// Their principal components.
    var components: PrincipalComponents
    /// Titles, when `movies` is loaded.
    var lookup: MovieLookup?

    /// Coordinate `k` of each movie (0 when the model has fewer factors).
    /// A component that explains no variance (two movies span one
    /// direction only) is 0 exactly, not rounding noise of 1e-17, so its
    /// axis is drawn around 0 rather than stretched over the noise.
    func coordinates(_ k: Int) -> [Double] {
        let share = k < components.varianceShares.count ? components.varianceShares[k] : 0
        guard share > 1e-12 else { return components.projections.map { _ in 0 } }
        return components.projections.map { k < $0.count ? $0[k] : 0 }
    }

    /// Two lines: what was projected, and the share of variance each
    /// component explains.
    var summary: String {
        let shares = components.varianceShares.map { ($0 * 100).formatted(fractionDigits: 1) + "%" }
        var text = "\(model.name): the \(components.mean.count)-factor vectors of the \(indices.count) most-rated movies, centred\n"
            + "pc1 explains \(shares.first ?? "0%") of their variance"
        if shares.count > 1 { text += ", pc2 \(shares[1])" }
        return text
    }

    /// rank, movieId, title, count, pc1, pc2.
    func table() throws -> Table {
        let matrix = model.model.matrix
        let ids = indices.map { matrix.itemIds[$0] }
        var columns = [
            Column(name: "rank", integers: ids.indices.map { Int64($0 + 1) }),
            Column(name: "movieId", integers: ids),
        ]
        if let lookup { columns.append(Column(name: "title", texts: ids.map { lookup.title(of: $0) })) }
        columns.append(Column(name: "count", counts: indices.map { Int64(matrix.entries(ofItem: $0).count) }))
        columns.append(Column(name: "pc1", decimals: coordinates(0)))
        columns.append(Column(name: "pc2", decimals: coordinates(1)))
        return try Table(columns: columns)
    }

    /// The movies as dots, the farthest from the centre labelled first.
    func plot(width: Int, labels: Int = 60) -> ScatterPlot.Drawing {
        let (x, y) = (coordinates(0), coordinates(1))
        let spread = { (v: [Double]) -> Double in max((v.max() ?? 0) - (v.min() ?? 0), .leastNormalMagnitude) }
        let (sx, sy) = (spread(x), spread(y))
        // Distance on the picture's own scale, so both axes count alike.
        let farthest = x.indices.sorted { a, b in
            let da = (x[a] / sx) * (x[a] / sx) + (y[a] / sy) * (y[a] / sy)
            let db = (x[b] / sx) * (x[b] / sx) + (y[b] / sy) * (y[b] / sy)
            return da != db ? da > db : a < b
        }
        let labelled = Set(farthest.prefix(labels))
        let ids = indices.map { model.model.matrix.itemIds[$0] }
        let points = farthest.map { k in
            ScatterPlot.Point(x: x[k], y: y[k], label: labelled.contains(k) ? MovieProjection.shortTitle(ids[k], lookup) : nil)
        }
        let height = width >= 80 ? 20 : max(8, width / 4)
        return ScatterPlot(points: points, width: width, height: height, xTitle: "pc1", yTitle: "pc2").render()
    }

    /// The picture as SVG: every movie a dot, the 30 farthest from the
    /// centre titled.
    func svg() -> SVGDocument {
        let (x, y) = (coordinates(0), coordinates(1))
        let ids = indices.map { model.model.matrix.itemIds[$0] }
        let points = Verbs.svgPoints(x, y, order: ScatterPlot.farthestFirst(x: x, y: y)) { MovieProjection.shortTitle(ids[$0], lookup) }
        return ChartSVG.scatter(points, title: "\(model.name): the \(indices.count) most-rated movies' vectors", xTitle: "pc1",
                                yTitle: "pc2")
    }

    /// The title without its year, alternative titles or trailing article,
    /// in at most 22 cells: `Princess Bride`. A longer title keeps the part
    /// after its last `: ` or ` - ` (`Star Wars: Episode IV - A New Hope` →
    /// `A New Hope`), which tells a series' movies apart. The movieId
    /// without `movies`.
    static func shortTitle(_ id: Int64, _ lookup: MovieLookup?) -> String {
        guard var title = lookup?.title(of: id)?.trimmingSuffixes(), !title.isEmpty else { return String(id) }
        if title.displayWidth > 22,
           let cut = [": ", " - "].compactMap({ title.range(of: $0, options: .backwards) }).max(by: { $0.upperBound < $1.upperBound }),
           title[cut.upperBound...].count >= 4 {
            title = String(title[cut.upperBound...])
        }
        return title.truncated(toWidth: 22)
    }
}

extension String {
    /// Without trailing `(…)` groups and a trailing `, The`/`, A`/`, An`.
    fileprivate func trimmingSuffixes() -> String {
        var s = Substring(self)
        while s.hasSuffix(" ") { s.removeLast() }
        while s.hasSuffix(")"), let open = s.lastIndex(of: "("), open > s.startIndex {
            s = s[..<open]
            while s.hasSuffix(" ") { s.removeLast() }
        }
        for article in [", The", ", A", ", An"] where s.hasSuffix(article) {
            s = s.dropLast(article.count)
            break
        }
        return String(s)
    }
}
