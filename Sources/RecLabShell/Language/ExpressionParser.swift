/// Parses the condition of `filter` into an engine ``Expression``.
///
/// ```
/// expr    := and ('or' and)*
/// and     := unary ('and' unary)*
/// unary   := 'not' unary | '(' expr ')' | test
/// test    := COL OP VALUE | COL 'contains' TEXT | COL 'matches' REGEX
///          | COL 'in' TABLE | COL 'is' ['not'] 'missing'
/// OP      := == | = | != | < | <= | > | >=
/// ```
/// Column names are checked against the table as they are read, so an
/// error points at the word that is wrong.
struct ExpressionParser {
    private var tokens: [Token]
    private var position = 0
    private let table: Table
    private let workspace: Workspace
    private let end: Token

    /// Parses all of `tokens` as one condition over `table`.
    static func parse(_ tokens: ArraySlice<Token>, table: Table, workspace: Workspace, end: Token) throws(ShellError) -> Expression {
        var parser = ExpressionParser(tokens: Array(tokens), table: table, workspace: workspace, end: end)
        guard !parser.tokens.isEmpty else {
            throw ShellError("expected a condition such as 'rating >= 4' or 'genres contains \"Action\"'", at: end)
        }
        let expression = try parser.parseOr()
        if let extra = parser.peek {
            throw ShellError("unexpected '\(extra.text)': join conditions with 'and' or 'or'", at: extra)
        }
        return expression
    }

    private init(tokens: [Token], table: Table, workspace: Workspace, end: Token) {
        self.tokens = tokens
        self.table = table
        self.workspace = workspace
        self.end = end
    }

    private var peek: Token? { position < tokens.count ? tokens[position] : nil }

    private mutating func next() -> Token? {
        defer { position += 1 }
        return peek
    }

    private mutating func take(_ word: String) -> Bool {
        guard let t = peek, t.isWord(word) else { return false }
        position += 1
        return true
    }

    private mutating func parseOr() throws(ShellError) -> Expression {
        var left = try parseAnd()
        while take("or") { left = .or(left, try parseAnd()) }
        return left
    }

    private mutating func parseAnd() throws(ShellError) -> Expression {
        var left = try parseUnary()
        while take("and") { left = .and(left, try parseUnary()) }
        return left
    }

    private mutating func parseUnary() throws(ShellError) -> Expression {
        if take("not") { return .not(try parseUnary()) }
        if let open = peek, open.isSymbol("(") {
            position += 1
            let inner = try parseOr()
            guard let close = next(), close.isSymbol(")") else {
                throw ShellError("this '(' is never closed", at: open)
            }
            return inner
        }
        return try parseTest()
    }

    private mutating func parseTest() throws(ShellError) -> Expression {
        guard let columnToken = next() else { throw ShellError("expected a column name", at: end) }
        guard columnToken.kind == .word || columnToken.kind == .string else {
            throw ShellError("expected a column name, found '\(columnToken.text)'", at: columnToken)
        }
        guard let column = table.column(named: columnToken.text) else {
            throw ShellError(table.unknownColumn(columnToken.text).message, at: columnToken)
        }
        let name = column.name
        guard let op = next() else {
            throw ShellError("expected a comparison after '\(name)' (==, !=, <, <=, >, >=, contains, matches, in, is missing)", at: end)
        }
        if op.isWord("contains") || op.isWord("matches") {
            guard column.type == .text else {
                throw ShellError("'\(op.text.lowercased())' needs a text column, but '\(name)' holds \(column.type) numbers"
                    + (op.isWord("contains") ? "; use == to compare numbers" : ""), at: op)
            }
            let text = try textOperand(after: op)
            return op.isWord("contains") ? .contains(column: name, text: text) : .matches(column: name, pattern: text)
        }
        if op.isWord("in") { return try membership(column: name, op: op) }
        if op.isWord("is") {
            let negated = take("not")
            guard take("missing") else {
                throw ShellError("expected 'missing' after 'is'", at: peek ?? end)
            }
            return negated ? .not(.isMissing(column: name)) : .isMissing(column: name)
        }
        let symbol = op.text == "=" ? "==" : op.text
        guard op.kind == .symbol, let comparison = ComparisonOperator(rawValue: symbol) else {
            throw ShellError("expected a comparison after '\(name)' (==, !=, <, <=, >, >=, contains, matches, in, is missing), found '\(op.text)'", at: op)
        }
        let valueToken = peek
        let value = try value(after: op, for: column)
        try checkComparable(column, value, at: valueToken)
        return .compare(column: name, op: comparison, value: value)
    }

    /// Refuses a number compared with a text column or text with a numeric
    /// one, pointing at the value (the engine would refuse it too, but
    /// could not say which word is wrong).
    private func checkComparable(_ column: Column, _ value: Value, at token: Token?) throws(ShellError) {
        switch (column.type, value) {
        case (.text, .integer), (.text, .decimal):
            throw ShellError("cannot compare text column '\(column.name)' with the number \(value); put text in quotes: \"\(token?.text ?? "\(value)")\"", at: token)
        case (.integer, .text(let text)), (.decimal, .text(let text)):
            let hint = Double(text) != nil ? "; write the number without quotes: \(text)" : ""
            throw ShellError("cannot compare \(column.type) column '\(column.name)' with the text \"\(text)\"\(hint)", at: token)
        default:
            return
        }
    }

    private mutating func textOperand(after op: Token) throws(ShellError) -> String {
        guard let t = next() else { throw ShellError("expected text in quotes after '\(op.text)'", at: end) }
        guard t.kind == .string || t.kind == .word else {
            throw ShellError("expected text in quotes after '\(op.text)', found '\(t.text)'", at: t)
        }
        return t.text
    }

    private mutating func value(after op: Token, for column: Column) throws(ShellError) -> Value {
        guard let t = next() else { throw ShellError("expected a value after '\(op.text)'", at: end) }
        switch t.kind {
        case .number(let n):
            if let whole = WholeNumber.exact(n, in: -WholeNumber.largestExact ... WholeNumber.largestExact) { return .integer(Int64(whole)) }
            return .decimal(n)
        case .percent:
            throw ShellError("a percentage makes no sense here; write a plain number", at: t)
        case .string:
            return .text(t.text)
        case .word:
            if table.column(named: t.text) != nil {
                throw ShellError("comparing two columns is not supported yet; compare '\(column.name)' with a value", at: t)
            }
            if column.type == .text {
                throw ShellError("put text in double quotes: \"\(t.text)\"", at: t)
            }
            throw ShellError("expected a number after '\(op.text)', found '\(t.text)'", at: t)
        case .symbol:
            throw ShellError("expected a value after '\(op.text)', found '\(t.text)'", at: t)
        }
    }

    private mutating func membership(column: String, op: Token) throws(ShellError) -> Expression {
        guard let t = next(), t.kind == .word || t.kind == .string else {
            throw ShellError("expected a table name after 'in'", at: peek ?? end)
        }
        guard let other = workspace.table(t.text) else {
            throw ShellError(workspace.unknownTableMessage(t.text), at: t)
        }
        let otherColumn: String
        if other.index(of: column) != nil {
            otherColumn = column
        } else if other.columns.count == 1 {
            otherColumn = other.columns[0].name
        } else {
            throw ShellError("table '\(t.text)' has no column '\(column)' to match", at: t)
        }
        return .isIn(column: column, table: other, otherColumn: otherColumn, tableName: t.text)
    }
}
