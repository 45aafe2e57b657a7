/// A text's comparable words (`BehaviourDiff.comparableWords`) as 64-bit hashes of their
/// lowercased UTF-8, made in one pass over the bytes without a string per word.
///
/// Equal words have equal hashes whatever else is in the framework, so a behaviour's words can
/// be made once and compared with any other's, and an order of words by hash does not depend on
/// which files were read first. Two different words share a hash with a chance of about n²/2⁶⁵
/// for n distinct words (10⁻¹⁰ for 100,000), which would make them count as one word.
public enum WordHashes {
    public static func of(_ text: String) -> [Int] {
        var words: [Int] = []
        // Room for words of four bytes with a space between: one allocation for most texts.
        words.reserveCapacity(text.utf8.count / 5 + 2)
        append(text, to: &words)
        return words
    }

    /// Appends the text's word hashes to `words` (for many texts' words in one array).
    public static func append(_ text: String, to words: inout [Int]) {
        // A native string's bytes are read in place; `withUTF8` would need a copy of the string.
        if text.utf8.withContiguousStorageIfAvailable({ append(bytes: $0, to: &words) }) != nil { return }
        var text = text
        text.withUTF8 { append(bytes: $0, to: &words) }
    }

    private static func append(bytes: UnsafeBufferPointer<UInt8>, to words: inout [Int]) {
        // A word takes a byte and the space after it: the hashes are gathered in a buffer of that
        // many and appended at once (appending each checked the array's uniqueness and capacity).
        withUnsafeTemporaryAllocation(of: Int.self, capacity: bytes.count / 2 + 1) { found in
            var count = 0, hash = offsetBasis, inWord = false
            wordBytes.withUnsafeBufferPointer { wordByte in
                var index = 0
                while index < bytes.count {
                    let folded = wordByte[Int(bytes[index])]
                    if folded != 0 && folded != nonASCII {
                        index &+= 1
                        hash = (hash ^ UInt64(folded)) &* prime
                        inWord = true
                        continue
                    }
                    if folded == nonASCII {
                        let (length, wordHash) = hashScalar(bytes, at: index, onto: hash)
                        index &+= length
                        if let wordHash {
                            hash = wordHash
                            inWord = true
                            continue
                        }
                    } else {
                        index &+= 1
                    }
                    if inWord {
                        found[count] = finish(hash)
                        count &+= 1
                        hash = offsetBasis
                        inWord = false
                    }
                }
            }
            if inWord {
                found[count] = finish(hash)
                count &+= 1
            }
            words.append(contentsOf: UnsafeBufferPointer(rebasing: found[..<count]))
        }
    }

    /// For each byte, the byte its word hashes: an ASCII letter lowercased, a digit as it is, 0
    /// for anything between words, and `nonASCII` for the first byte of a longer scalar. One
    /// load rather than comparisons for every byte of text.
    private static let wordBytes: [UInt8] = (0..<256).map { (byte: Int) in
        guard byte < 0x80 else { return nonASCII }
        let lower = UInt8(byte) | 0x20
        if lower >= 0x61 && lower <= 0x7A { return lower }
        return byte >= 0x30 && byte <= 0x39 ? UInt8(byte) : 0
    }
    private static let nonASCII: UInt8 = 0xFF

    /// Decodes the scalar at `index`: its length, and if it belongs to a word, `hash` continued
    /// with its lowercase form. Kept out of the ASCII loop, which then keeps its values in
    /// registers (it reloaded them from the stack for every byte).
    @inline(never)
    private static func hashScalar(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int, onto hash: UInt64) -> (Int, UInt64?) {
        let (scalar, length) = decodeScalar(bytes, at: index)
        guard BehaviourDiff.isWordScalar(scalar) else { return (length, nil) }
        var hash = hash
        for lowered in scalar.properties.lowercaseMapping.utf8 { hash = (hash ^ UInt64(lowered)) &* prime }
        return (length, hash)
    }

    /// The hash of one word as `of` makes it (the word is lowercased first, as `of` does).
    public static func word(_ word: String) -> Int? {
        let hashes = of(word)
        return hashes.count == 1 ? hashes[0] : nil
    }

    // FNV-1a over the bytes, then a bijective mix so that every bit (signatures use the low six)
    // depends on every byte.
    private static let offsetBasis: UInt64 = 0xcbf2_9ce4_8422_2325
    private static let prime: UInt64 = 0x0000_0100_0000_01b3

    private static func finish(_ hash: UInt64) -> Int {
        var x = hash
        x = (x ^ (x >> 30)) &* 0xbf58_476d_1ce4_e5b9
        x = (x ^ (x >> 27)) &* 0x94d0_49bb_1331_11eb
        return Int(bitPattern: UInt(x ^ (x >> 31)))
    }

    /// The scalar starting at `index` of valid UTF-8 (a Swift string's bytes always are).
    private static func decodeScalar(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> (Unicode.Scalar, Int) {
        let lead = UInt32(bytes[index])
        let length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2
        var value = lead & (0x7F >> UInt32(length))
        for offset in 1..<length where index + offset < bytes.count {
            value = value << 6 | (UInt32(bytes[index + offset]) & 0x3F)
        }
        return (Unicode.Scalar(value) ?? "\u{FFFD}", length)
    }
}
