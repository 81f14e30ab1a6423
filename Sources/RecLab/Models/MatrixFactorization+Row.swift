/// Raw access to one side's row records while a fit runs, shared by the
/// workers: the blocks trained at the same time own disjoint rows on both
/// sides, so no row is ever touched by two workers at once.
struct MFSide: @unchecked Sendable {
    /// ``MFTable/records``.
    let records: UnsafeMutablePointer<Float>

    /// Row `row`'s header (``MFTable`` describes it).
    @inline(__always)
    func header(_ row: Int, stride: Int) -> MFRowHeader { MFRowHeader(raw: UnsafeMutableRawPointer(records + row * stride)) }
}

/// The first ``MFTable/headerFloats`` floats of a row record while a fit
/// runs: where the row's lazy updates stand.
struct MFRowHeader {
    let raw: UnsafeMutableRawPointer

    /// The fit step up to which this row's lazy updates have been applied
    /// (−1: the fit's start).
    var stamp: Int32 {
        get { raw.load(as: Int32.self) }
        nonmutating set { raw.storeBytes(of: newValue, as: Int32.self) }
    }

    /// This row's slot in the current batch's gradients, or −1.
    var slot: Int32 {
        get { raw.load(fromByteOffset: 4, as: Int32.self) }
        nonmutating set { raw.storeBytes(of: newValue, toByteOffset: 4, as: Int32.self) }
    }

    /// The schedule's mark of the first step after the stamp.
    var mark: OneCycle.Mark {
        get {
            OneCycle.Mark(decay: raw.load(fromByteOffset: 8, as: Double.self),
                          tail: raw.load(fromByteOffset: 16, as: Double.self),
                          momentumInWindow: raw.load(fromByteOffset: 24, as: Double.self))
        }
        nonmutating set {
            raw.storeBytes(of: newValue.decay, toByteOffset: 8, as: Double.self)
            raw.storeBytes(of: newValue.tail, toByteOffset: 16, as: Double.self)
            raw.storeBytes(of: newValue.momentumInWindow, toByteOffset: 24, as: Double.self)
        }
    }

    /// Marks the row as untouched since the fit's start (at `mark`), with no slot.
    func reset(_ mark: OneCycle.Mark) {
        stamp = -1
        slot = -1
        self.mark = mark
    }
}
