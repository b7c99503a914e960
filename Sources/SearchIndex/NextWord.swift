/// The word after a position of a common word, as the index keeps it (see
/// `SearchIndex.codeBlob`): a class of its first byte in four bits. A phrase being typed after a
/// head of common words (`"collective s`) is decided from these, without a look at the many
/// words its last letter begins.
enum NextWord {
    /// No word follows (the end of a field or paragraph).
    static let none: UInt8 = 0
    /// A word starting with none of `letters` (another letter, a digit, a letter not ASCII).
    static let other: UInt8 = 15
    /// The letters with a code of their own, 1 to 14: a code of one of them tells the letter.
    static let letters: [UInt8] = Array("tscpamdorifbew".utf8)
    static let table: [UInt8] = {
        var table = [UInt8](repeating: other, count: 256)
        for (i, letter) in letters.enumerated() { table[Int(letter)] = UInt8(i + 1) }
        return table
    }()

    /// The code of a word starting with `byte` (a folded term's first byte).
    @inline(__always) static func code(_ byte: UInt8) -> UInt8 { table[Int(byte)] }

    /// Whether `code` tells its letter (else it stands for several first bytes).
    @inline(__always) static func isExact(_ code: UInt8) -> Bool { code != none && code != other }

    /// Whether a term in `df` of `docCount` documents keeps the codes of its positions: from a
    /// seventh of the documents (DECISIONS 31; `strategic`, in 16 %, is coded).
    @inline(__always) static func isCoded(df: Int, docCount: Int) -> Bool { df * 7 >= docCount }
}
