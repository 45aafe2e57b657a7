import LadderModel

/// Near-duplicate pairs without comparing all pairs: each behaviour is indexed under its few
/// rarest words, and only behaviours that share one are compared. Two near-identical texts share
/// their rare words, so this finds them; words common to many behaviours index nothing.
///
/// It runs on every check of 20,000 behaviours and more, so the counting is done in flat arrays
/// of small numbers rather than in dictionaries of word lists.
enum NearDuplicates {
    static let wordsPerBehaviour = 3
    static let minimumWords = 4

    static func find(_ places: [BehaviourPlace], threshold: Double) -> [(BehaviourPlace, BehaviourPlace, Double)] {
        let words = places.map(\.words)
        let counts = words.map(\.count), signatures = words.map(BehaviourDiff.signature)
        let (slots, frequency, hashes) = numberWords(words)
        // A word shared by more behaviours than the limit is too common to tell anything apart.
        let rare = rarestWords(
            words, slots: slots, frequency: frequency, hashes: hashes, limit: max(32, Int(Double(places.count).squareRoot())))
        // Behaviours by rare word, in index order: a counting sort into one flat array.
        var bucketStart = [Int](repeating: 0, count: frequency.count + 1)
        for slot in rare where slot >= 0 { bucketStart[slot + 1] += 1 }
        for slot in frequency.indices { bucketStart[slot + 1] += bucketStart[slot] }
        var members = [Int](repeating: 0, count: bucketStart[frequency.count])
        var filled = bucketStart
        for (position, slot) in rare.enumerated() where slot >= 0 {
            members[filled[slot]] = position / wordsPerBehaviour
            filled[slot] += 1
        }
        /// The rarest word (as a slot) that two behaviours are both indexed under.
        func firstShared(_ i: Int, _ j: Int) -> Int {
            for k in 0..<wordsPerBehaviour {
                let slot = rare[wordsPerBehaviour * i + k]
                if slot < 0 { break }
                for l in 0..<wordsPerBehaviour where rare[wordsPerBehaviour * j + l] == slot { return slot }
            }
            return -1
        }
        let shared = frequency.indices.filter { bucketStart[$0 + 1] - bucketStart[$0] > 1 }
        // Buckets are independent: compare their pairs on every core.
        let found = ConcurrentWork.map(shared) { [members] slot -> [(Int, Int, Double)] in
            var pairs: [(Int, Int, Double)] = []
            let bucket = members[bucketStart[slot]..<bucketStart[slot + 1]]
            for (position, i) in zip(bucket.indices, bucket) {
                for j in bucket[(position + 1)...] {
                    let total = Double(counts[i] + counts[j])
                    // Cheap upper bounds on the words in common first (LCS cannot exceed them).
                    guard 2 * Double(BehaviourDiff.commonBound(counts[i], signatures[i], counts[j], signatures[j])) / total >= threshold,
                        // Compare a pair once: in the bucket of the rarest word the two share.
                        firstShared(i, j) == slot
                    else { continue }
                    let a = words[i], b = words[j]
                    guard 2 * Double(BehaviourDiff.commonCount(a.sorted(), b.sorted())) / total >= threshold, a != b else { continue }
                    let score = 2 * Double(BehaviourDiff.lcsLength(a, b)) / total
                    if score >= threshold { pairs.append((i, j, score)) }
                }
            }
            return pairs
        }
        let pairs = found.flatMap { $0 }
        return pairs.sorted { ($0.1, $0.0) < ($1.1, $1.0) }.map { (places[$0.0], places[$0.1], $0.2) }
    }

    /// Each word as a small number (its slot), behaviour by behaviour; how many behaviours use
    /// each slot's word, and its hash.
    private static func numberWords(_ words: [[Int]]) -> (slots: [[Int]], frequency: [Int], hashes: [Int]) {
        var table = WordSlots()
        var frequency: [Int] = []
        var lastCounted: [Int] = []  // counts a word once per behaviour
        var hashes: [Int] = []
        var slots: [[Int]] = []
        slots.reserveCapacity(words.count)
        for (index, list) in words.enumerated() {
            var numbered = [Int](repeating: 0, count: list.count)
            for (position, word) in list.enumerated() {
                let slot = table.number(word)
                if slot == frequency.count {
                    frequency.append(0)
                    lastCounted.append(-1)
                    hashes.append(word)
                }
                if lastCounted[slot] != index {
                    lastCounted[slot] = index
                    frequency[slot] += 1
                }
                numbered[position] = slot
            }
            slots.append(numbered)
        }
        return (slots, frequency, hashes)
    }

    /// Each behaviour's `wordsPerBehaviour` rarest distinct words used by at most `limit`
    /// behaviours, as slots, rarest first; -1 fills the rest. Between equally rare words the hash
    /// decides, which no order of files can change.
    private static func rarestWords(
        _ words: [[Int]], slots: [[Int]], frequency: [Int], hashes: [Int], limit: Int
    ) -> [Int] {
        var rare = [Int](repeating: -1, count: wordsPerBehaviour * words.count)
        for index in words.indices where words[index].count >= minimumWords {
            let base = wordsPerBehaviour * index
            var chosen = 0
            for (word, slot) in zip(words[index], slots[index]) where frequency[slot] <= limit {
                // Insertion into the short sorted run rare[base..<base + chosen].
                var position = chosen
                var duplicate = false
                for k in 0..<chosen {
                    let other = rare[base + k]
                    if other == slot {
                        duplicate = true
                        break
                    }
                    if position == chosen && (frequency[slot], word) < (frequency[other], hashes[other]) { position = k }
                }
                guard !duplicate, position < wordsPerBehaviour else { continue }
                for k in stride(from: min(chosen, wordsPerBehaviour - 1), to: position, by: -1) { rare[base + k] = rare[base + k - 1] }
                rare[base + position] = slot
                chosen = min(chosen + 1, wordsPerBehaviour)
            }
        }
        return rare
    }
}

/// A small number for each distinct word hash, for counting in arrays: open addressing on the
/// hash's own bits (they are already well mixed), kept at most half full.
struct WordSlots {
    private(set) var count = 0
    private var keys = Array(repeating: 0, count: 1024)
    private var values = Array(repeating: -1, count: 1024)  // -1: empty

    /// The word's number, given in order of first use.
    mutating func number(_ word: Int) -> Int {
        let mask = keys.count - 1
        var slot = word & mask
        while values[slot] >= 0 {
            if keys[slot] == word { return values[slot] }
            slot = (slot + 1) & mask
        }
        keys[slot] = word
        values[slot] = count
        count += 1
        if 2 * count > keys.count { grow() }
        return count - 1
    }

    private mutating func grow() {
        let oldKeys = keys, oldValues = values
        keys = Array(repeating: 0, count: 2 * oldKeys.count)
        values = Array(repeating: -1, count: 2 * oldKeys.count)
        let mask = keys.count - 1
        for (key, value) in zip(oldKeys, oldValues) where value >= 0 {
            var slot = key & mask
            while values[slot] >= 0 { slot = (slot + 1) & mask }
            keys[slot] = key
            values[slot] = value
        }
    }
}
