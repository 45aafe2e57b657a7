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

    /// `roles` were all made with `table`. With `memo`, buckets that an edit did not touch since
    /// the last check are not compared again.
    static func find(
        _ roles: [RoleWords], table: WordTable, threshold: Double, memo: NearDuplicateMemo? = nil
    ) -> [(BehaviourPlace, BehaviourPlace, Double)] {
        // Flat arrays, read in order; a behaviour's place is looked up only for the few pairs compared.
        let counts = roles.flatMap(\.counts), signatures = roles.flatMap(\.signatures)
        let slots = roles.flatMap { $0.slots ?? [] }, hashes = table.hashes
        var owners: [(role: Int32, index: Int32)] = []
        owners.reserveCapacity(counts.count)
        for (roleIndex, role) in roles.enumerated() {
            for index in role.counts.indices { owners.append((Int32(roleIndex), Int32(index))) }
        }
        func place(_ i: Int) -> BehaviourPlace { roles[Int(owners[i].role)].places[Int(owners[i].index)] }
        var starts = [0]  // behaviour i's slots are slots[starts[i]..<starts[i + 1]]
        starts.reserveCapacity(counts.count + 1)
        for count in counts { starts.append(starts[starts.count - 1] + count) }
        var roleStarts = [0]
        for role in roles { roleStarts.append(roleStarts[roleStarts.count - 1] + role.counts.count) }
        let frequency = countBehaviours(slots, starts: starts, words: hashes.count)
        // A word shared by more behaviours than the limit is too common to tell anything apart.
        let limit = max(32, Int(Double(counts.count).squareRoot()))
        let rare: [Int]
        if let memo {
            memo.begin(roles: roles, roleStarts: roleStarts)
            rare = memo.rarestWords(slots: slots, starts: starts, frequency: frequency, limit: limit) { behaviours in
                rarestWords(of: behaviours, slots, starts: starts, frequency: frequency, hashes: hashes, limit: limit)
            }
        } else {
            rare = rarestWords(slots, starts: starts, frequency: frequency, hashes: hashes, limit: limit)
        }
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
        let unchanged = memo?.unchangedBuckets(rare: rare, threshold: threshold, slots: frequency.count)
        // Buckets are independent: the ones to compare are compared on every core; the others
        // give what they gave last time.
        let toCompare = shared.filter { unchanged?[$0] != true }
        let compared = ConcurrentWork.map(toCompare) { [members] slot -> [(Int, Int, Double)] in
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
                    let a = place(i).words, b = place(j).words
                    guard 2 * Double(BehaviourDiff.commonCount(a.sorted(), b.sorted())) / total >= threshold, a != b else { continue }
                    let score = 2 * Double(BehaviourDiff.lcsLength(a, b)) / total
                    if score >= threshold { pairs.append((i, j, score)) }
                }
            }
            return pairs
        }
        let comparedBySlot = Dictionary(uniqueKeysWithValues: zip(toCompare, compared))
        let found = shared.map { slot in comparedBySlot[slot] ?? memo?.pairs(in: slot, roleStarts: roleStarts) ?? [] }
        memo?.remember(
            frequency: frequency, limit: limit, rare: rare, threshold: threshold, buckets: shared, found: found,
            owner: { (Int(owners[$0].role), Int(owners[$0].index)) })
        let pairs = found.flatMap { $0 }
        return pairs.sorted { ($0.1, $0.0) < ($1.1, $1.0) }.map { (place($0.0), place($0.1), $0.2) }
    }

    /// How many behaviours use each word (by slot).
    private static func countBehaviours(_ slots: [Int32], starts: [Int], words: Int) -> [Int] {
        var frequency = [Int](repeating: 0, count: words)
        var lastCounted = [Int](repeating: -1, count: words)  // counts a word once per behaviour
        for index in 0..<(starts.count - 1) {
            for slot in slots[starts[index]..<starts[index + 1]].lazy.map(Int.init) where lastCounted[slot] != index {
                lastCounted[slot] = index
                frequency[slot] += 1
            }
        }
        return frequency
    }

    /// Each behaviour's `wordsPerBehaviour` rarest distinct words used by at most `limit`
    /// behaviours, as slots, rarest first; -1 fills the rest. Between equally rare words the hash
    /// decides, which no order of files can change.
    private static func rarestWords(_ slots: [Int32], starts: [Int], frequency: [Int], hashes: [Int], limit: Int) -> [Int] {
        // Behaviours are independent: in chunks on every core.
        let behaviours = starts.count - 1, chunk = max(1024, behaviours / 8 + 1)
        let chunks = stride(from: 0, to: behaviours, by: chunk).map { $0..<min($0 + chunk, behaviours) }
        return ConcurrentWork.map(chunks) { range in
            rarestWords(of: range, slots, starts: starts, frequency: frequency, hashes: hashes, limit: limit)
        }.flatMap { $0 }
    }

    static func rarestWords(
        of behaviours: Range<Int>, _ slots: [Int32], starts: [Int], frequency: [Int], hashes: [Int], limit: Int
    ) -> [Int] {
        var rare = [Int](repeating: -1, count: wordsPerBehaviour * behaviours.count)
        for index in behaviours where starts[index + 1] - starts[index] >= minimumWords {
            let base = wordsPerBehaviour * (index - behaviours.lowerBound)
            var chosen = 0
            for slot in slots[starts[index]..<starts[index + 1]].lazy.map(Int.init) where frequency[slot] <= limit {
                // Insertion into the short sorted run rare[base..<base + chosen].
                var position = chosen
                var duplicate = false
                for k in 0..<chosen {
                    let other = rare[base + k]
                    if other == slot {
                        duplicate = true
                        break
                    }
                    if position == chosen && (frequency[slot], hashes[slot]) < (frequency[other], hashes[other]) { position = k }
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

    /// Gives the roles that have none the slots of their words (new words get the next slots).
    func number(_ roles: [RoleWords]) {
        lock.withLock {
            // Taken out of the class while numbering, so its arrays are plain local values.
            var table = self.table
            self.table = Slots()
            for role in roles { role.number { table.slot($0) } }
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
