import Foundation
import LadderModel

/// Near-duplicate pairs without comparing all pairs: each behaviour is indexed under its few
/// rarest words, and only behaviours that share one are compared. Two near-identical texts share
/// their rare words, so this finds them; words common to many behaviours index nothing.
///
/// It runs on every check of 20,000 behaviours and more, so the counting is done in flat arrays
/// indexed by the words' slots in a `WordTable` rather than in dictionaries of words.
enum NearDuplicates {
    static let wordsPerBehaviour = 3
    static let minimumWords = 4

    /// `places` were all made with `table`.
    static func find(
        _ places: [BehaviourPlace], table: WordTable, threshold: Double
    ) -> [(BehaviourPlace, BehaviourPlace, Double)] {
        let words = places.map(\.words), slots = places.map(\.slots)
        let counts = words.map(\.count), signatures = words.map(BehaviourDiff.signature)
        let hashes = table.hashes
        let frequency = countBehaviours(slots, words: hashes.count)
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

    /// How many behaviours use each word (by slot).
    private static func countBehaviours(_ slots: [[Int32]], words: Int) -> [Int] {
        var frequency = [Int](repeating: 0, count: words)
        var lastCounted = [Int](repeating: -1, count: words)  // counts a word once per behaviour
        for (index, list) in slots.enumerated() {
            for slot in list where lastCounted[Int(slot)] != index {
                lastCounted[Int(slot)] = index
                frequency[Int(slot)] += 1
            }
        }
        return frequency
    }

    /// Each behaviour's `wordsPerBehaviour` rarest distinct words used by at most `limit`
    /// behaviours, as slots, rarest first; -1 fills the rest. Between equally rare words the hash
    /// decides, which no order of files can change.
    private static func rarestWords(
        _ words: [[Int]], slots: [[Int32]], frequency: [Int], hashes: [Int], limit: Int
    ) -> [Int] {
        var rare = [Int](repeating: -1, count: wordsPerBehaviour * words.count)
        for index in words.indices where words[index].count >= minimumWords {
            let base = wordsPerBehaviour * index
            var chosen = 0
            for (word, slot) in zip(words[index], slots[index].lazy.map(Int.init)) where frequency[slot] <= limit {
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

/// A small number (a slot) for each distinct word hash, so that counts live in flat arrays:
/// open addressing on the hash's own bits (they are already well mixed), kept at most half
/// full. The preview server keeps one table for all its checks, so kept places keep their slots.
final class WordTable: @unchecked Sendable {
    private let lock = NSLock()
    private var table = Slots()

    /// Gives the places that have none the slots of their words (new words get the next ones).
    /// One pass on one thread: numbering is cheap next to making the words.
    func number(_ places: [BehaviourPlace]) {
        lock.withLock {
            // Taken out of the class while numbering, so its arrays are plain local values.
            var table = self.table
            self.table = Slots()
            for place in places where place.slots.count != place.words.count {
                place.slots = place.words.map { table.slot($0) }
            }
            self.table = table
        }
    }

    /// Each slot's word hash.
    var hashes: [Int] { lock.withLock { table.words } }

    private struct Slots {
        var keys = Array(repeating: 0, count: 1024)
        var values = Array(repeating: Int32(-1), count: 1024)  // -1: empty
        var words: [Int] = []

        mutating func slot(_ word: Int) -> Int32 {
            let mask = keys.count - 1
            var index = word & mask
            while values[index] >= 0 {
                if keys[index] == word { return values[index] }
                index = (index + 1) & mask
            }
            let slot = Int32(words.count)
            keys[index] = word
            values[index] = slot
            words.append(word)
            if 2 * words.count > keys.count { grow() }
            return slot
        }

        private mutating func grow() {
            let oldKeys = keys, oldValues = values
            keys = Array(repeating: 0, count: 2 * oldKeys.count)
            values = Array(repeating: -1, count: 2 * oldKeys.count)
            let mask = keys.count - 1
            for (key, value) in zip(oldKeys, oldValues) where value >= 0 {
                var index = key & mask
                while values[index] >= 0 { index = (index + 1) & mask }
                keys[index] = key
                values[index] = value
            }
        }
    }
}
