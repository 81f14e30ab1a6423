extension Int {
    /// The number with a comma every three digits (`100836` → `100,836`),
    /// for counts in messages; cells never get separators.
    public var groupedDigits: String {
        let digits = String(magnitude)
        var result = self < 0 ? "-" : ""
        result.reserveCapacity(digits.count + digits.count / 3 + 1)
        for (offset, digit) in digits.enumerated() {
            if offset > 0 && (digits.count - offset) % 3 == 0 { result.append(",") }
            result.append(digit)
        }
        return result
    }
}
