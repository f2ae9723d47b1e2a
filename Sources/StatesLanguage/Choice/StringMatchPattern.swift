/// A compiled `StringMatches` pattern.
///
/// AWS: the pattern may hold one or more `*` wildcards, each matching zero or more
/// characters; `\*` stands for a literal `*` and `\\` for a literal backslash. No other
/// character is special. Characters are compared as Java does, by UTF-16 code unit, so a
/// precomposed `é` does not match a decomposed one.
public struct StringMatchPattern: Sendable, Hashable, CustomStringConvertible {
    /// The pattern as written in the definition.
    public let source: String
    /// The literal pieces between wildcards: `a*b*c` holds `a`, `b`, `c`. One piece
    /// means no wildcard at all.
    let pieces: [[UInt16]]

    /// Compiles a pattern. Every string is a valid pattern: a backslash before any
    /// character other than `*` or `\` stands for itself.
    public init(_ source: String) {
        self.source = source
        var pieces: [[UInt16]] = []
        var current: [UInt16] = []
        var scalars = source.unicodeScalars.makeIterator()
        var pending = scalars.next()
        while let scalar = pending {
            pending = scalars.next()
            switch scalar {
            case "*":
                pieces.append(current)
                current = []
            case "\\":
                if let next = pending, next == "*" || next == "\\" {
                    current.append(contentsOf: String(next).utf16)
                    pending = scalars.next()
                } else {
                    current.append(contentsOf: "\\".utf16)
                }
            default:
                current.append(contentsOf: String(scalar).utf16)
            }
        }
        pieces.append(current)
        self.pieces = pieces
    }

    public var description: String { source }

    public static func == (lhs: StringMatchPattern, rhs: StringMatchPattern) -> Bool {
        lhs.source == rhs.source
    }

    public func hash(into hasher: inout Hasher) { hasher.combine(source) }

    /// Whether `text` matches the whole pattern.
    public func matches(_ text: String) -> Bool {
        let units = Array(text.utf16)
        guard let first = pieces.first, let last = pieces.last else { return false }
        if pieces.count == 1 { return units == first }
        // The first piece anchors the start and the last the end; the pieces in between
        // are found left to right, each as early as possible, which is enough for `*`.
        guard units.count >= first.count + last.count,
            units.starts(with: first),
            units[(units.count - last.count)...].elementsEqual(last)
        else { return false }
        var position = first.count
        let end = units.count - last.count
        for piece in pieces.dropFirst().dropLast() {
            guard let found = Self.firstIndex(of: piece, in: units, from: position, to: end) else {
                return false
            }
            position = found + piece.count
        }
        return true
    }

    private static func firstIndex(of piece: [UInt16], in units: [UInt16], from start: Int, to end: Int) -> Int? {
        if piece.isEmpty { return start }
        guard end - start >= piece.count else { return nil }
        for candidate in start...(end - piece.count)
        where units[candidate] == piece[0] && units[candidate..<(candidate + piece.count)].elementsEqual(piece) {
            return candidate
        }
        return nil
    }
}
