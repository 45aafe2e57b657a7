import Foundation
import LadderAnalysis
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

    /// `roles` are numbered in `table`. With `memo`, what an edit did not touch since the last
    /// check is not worked out again.
    static func find(
        _ roles: [RoleWords], table: WordTable, threshold: Double, memo: NearDuplicateMemo? = nil
    ) -> [(BehaviourPlace, BehaviourPlace, Double)] {
        let index = Index(roles, table: table)
        // A word shared by more behaviours than the limit is too common to tell anything apart.
        let limit = max(32, Int(Double(index.counts.count).squareRoot()))
        let rare: [Int]
        if let memo {
            memo.begin(roles: roles, roleStarts: index.roleStarts)
            var keys: [Int32]?  // made only if some behaviour's rare words are worked out again
            rare = memo.rarestWords(slots: index.slots, starts: index.starts, frequency: index.frequency, limit: limit) {
                if keys == nil { keys = index.rarityKeys(limit: limit) }
                return index.rarestWords(of: $0, keys: keys!)
            }
        } else {
            rare = index.rarestWords(limit: limit)
        }
        let buckets = Buckets(rare: rare, words: index.frequency.count)
        let unchanged = memo?.unchangedBuckets(rare: rare, threshold: threshold, slots: index.frequency.count)
        // Buckets are independent: the ones to compare are compared on every core; the others
        // give what they gave last time.
        let toCompare = buckets.shared.filter { unchanged?[$0] != true }
        let least = LeastShared(threshold: threshold, longest: index.counts.max() ?? 0)
        // In runs of buckets: most hold two behaviours, and handing out thousands of jobs of one
        // comparison each cost more than the comparisons.
        let runLength = max(64, toCompare.count / 32 + 1)
        let runs = stride(from: 0, to: toCompare.count, by: runLength).map { $0..<min($0 + runLength, toCompare.count) }
        var compared = ConcurrentWork.map(runs) { run in
            toCompare[run].map { slot in
                index.pairs(among: buckets.members(slot), sharing: slot, rare: rare, threshold: threshold, least: least)
            }
        }.joined().makeIterator()
        let found = buckets.shared.map { slot in
            // `toCompare` keeps the order of `shared`, so its results come in that order too.
            unchanged?[slot] == true ? memo?.pairs(in: slot, roleStarts: index.roleStarts) ?? [] : compared.next()!
        }
        memo?.remember(
            frequency: index.frequency, limit: limit, rare: rare, threshold: threshold, buckets: buckets.shared, found: found,
            owner: { (Int(index.owners[$0].role), Int(index.owners[$0].index)) })
        return found.flatMap { $0 }.sorted { ($0.1, $0.0) < ($1.1, $1.0) }.map { (index.place($0.0), index.place($0.1), $0.2) }
    }

    /// The framework's behaviours numbered 0, 1, … (role by role), with what the search reads of
    /// each in flat arrays; a behaviour's place is looked up only for the few pairs compared.
    struct Index {
        let roles: [RoleWords]
        let counts: [Int], signatures: [UInt64]
        /// Behaviour i's words are slots[starts[i]..<starts[i + 1]]; role r's first behaviour is roleStarts[r].
        let slots: [Int32], starts: [Int], roleStarts: [Int]
        let owners: [(role: Int32, index: Int32)]
        /// Each slot's word hash, and how many behaviours use the word.
        let hashes: [Int], frequency: [Int]

        init(_ roles: [RoleWords], table: WordTable) {
            self.roles = roles
            // Joined at their final size: growing arrays of 300,000 slots cost more than filling them.
            func joined<T>(_ part: (RoleWords) -> [T]) -> [T] {
                var all: [T] = []
                all.reserveCapacity(roles.reduce(0) { $0 + part($1).count })
                for role in roles { all += part(role) }
                return all
            }
            counts = joined { $0.counts }
            signatures = joined { $0.signatures }
            slots = joined { $0.slots ?? [] }
            hashes = table.hashes
            var owners: [(role: Int32, index: Int32)] = []
            owners.reserveCapacity(counts.count)
            for (roleIndex, role) in roles.enumerated() {
                for index in role.counts.indices { owners.append((Int32(roleIndex), Int32(index))) }
            }
            self.owners = owners
            var starts = [0], roleStarts = [0]
            starts.reserveCapacity(counts.count + 1)
            for count in counts { starts.append(starts[starts.count - 1] + count) }
            for role in roles { roleStarts.append(roleStarts[roleStarts.count - 1] + role.counts.count) }
            self.starts = starts
            self.roleStarts = roleStarts
            frequency = Self.countBehaviours(slots, starts: starts, words: hashes.count)
        }

        func place(_ i: Int) -> BehaviourPlace { roles[Int(owners[i].role)].place(Int(owners[i].index)) }

        /// The pairs of `bucket`'s members that are near-duplicates and share `slot` as their rarest
        /// shared word (so each pair is compared in one bucket only).
        func pairs(
            among bucket: ArraySlice<Int>, sharing slot: Int, rare: [Int], threshold: Double, least: LeastShared
        ) -> [(Int, Int, Double)] {
            var pairs: [(Int, Int, Double)] = []
            // The members' counts and signatures side by side: the loop over pairs reads only these,
            // through buffers and without overflow checks (counts are word counts; it runs over a
            // million times at 20,000 behaviours).
            let members = bucket.map { (count: counts[$0], signature: signatures[$0]) }
            members.withUnsafeBufferPointer { members in least.words.withUnsafeBufferPointer { leastWords in
                for first in members.indices {
                    let (count, signature) = members[first]
                    var second = first &+ 1
                    while second < members.count {
                        defer { second &+= 1 }
                        let other = members[second], needed = leastWords[count &+ other.count]
                        // Cheap upper bounds on the words in common first (LCS cannot exceed them).
                        guard BehaviourDiff.commonBound(count, signature, other.count, other.signature) >= needed else { continue }
                        let i = bucket[bucket.startIndex + first], j = bucket[bucket.startIndex + second]
                        guard Self.firstShared(i, j, rare) == slot else { continue }
                        let a = place(i).words, b = place(j).words
                        guard BehaviourDiff.commonCount(a.sorted(), b.sorted()) >= needed, a != b else { continue }
                        let score = 2 * Double(BehaviourDiff.lcsLength(a, b)) / Double(count + other.count)
                        if score >= threshold { pairs.append((i, j, score)) }
                    }
                }
            } }
            return pairs
        }

        /// The rarest word (as a slot) that two behaviours are both indexed under.
        static func firstShared(_ i: Int, _ j: Int, _ rare: [Int]) -> Int {
            for k in 0..<wordsPerBehaviour {
                let slot = rare[wordsPerBehaviour * i + k]
                if slot < 0 { break }
                for l in 0..<wordsPerBehaviour where rare[wordsPerBehaviour * j + l] == slot { return slot }
            }
            return -1
        }

        /// How many behaviours use each word (by slot).
        private static func countBehaviours(_ slots: [Int32], starts: [Int], words: Int) -> [Int] {
            var frequency = [Int](repeating: 0, count: words)
            var lastCounted = [Int](repeating: -1, count: words)  // counts a word once per behaviour
            // Through a buffer: a slice of `slots` for each behaviour retains and releases the array.
            slots.withUnsafeBufferPointer { slots in
                for index in 0..<(starts.count - 1) {
                    for slot in slots[starts[index]..<starts[index + 1]].lazy.map(Int.init) where lastCounted[slot] != index {
                        lastCounted[slot] = index
                        frequency[slot] += 1
                    }
                }
            }
            return frequency
        }

        /// Each behaviour's `wordsPerBehaviour` rarest distinct words used by at most `limit`
        /// behaviours, as slots, rarest first; -1 fills the rest. Between equally rare words the
        /// hash decides, which no order of files can change. Behaviours are independent: in
        /// chunks on every core.
        func rarestWords(limit: Int) -> [Int] {
            let behaviours = counts.count, chunk = max(1024, behaviours / 8 + 1)
            let chunks = stride(from: 0, to: behaviours, by: chunk).map { $0..<min($0 + chunk, behaviours) }
            let keys = rarityKeys(limit: limit)
            return ConcurrentWork.map(chunks) { rarestWords(of: $0, keys: keys) }.flatMap { $0 }
        }

        /// Each slot's rarity as one number: its place in the order of (frequency, hash) for a
        /// word used by at most `limit` behaviours, else Int32.max (a word too common to index).
        func rarityKeys(limit: Int) -> [Int32] {
            var eligible = frequency.indices.compactMap { frequency[$0] <= limit ? (frequency[$0], hashes[$0], Int32($0)) : nil }
            eligible.sort { ($0.0, $0.1) < ($1.0, $1.1) }
            var key = [Int32](repeating: .max, count: frequency.count)
            for (position, word) in eligible.enumerated() { key[Int(word.2)] = Int32(position) }
            return key
        }

        /// The rarest words of `behaviours` by `rarityKeys`: distinct slots have distinct keys,
        /// so each behaviour keeps the `wordsPerBehaviour` smallest keys it has, in order.
        func rarestWords(of behaviours: Range<Int>, keys: [Int32]) -> [Int] {
            var rare = [Int](repeating: -1, count: wordsPerBehaviour * behaviours.count)
            var kept = [Int32](repeating: .max, count: wordsPerBehaviour)  // the keys of rare[base...], in order
            slots.withUnsafeBufferPointer { slots in  // as in `countBehaviours`
                for index in behaviours where starts[index + 1] - starts[index] >= minimumWords {
                    let base = wordsPerBehaviour * (index - behaviours.lowerBound)
                    for k in kept.indices { kept[k] = .max }
                    for slot in slots[starts[index]..<starts[index + 1]].lazy.map(Int.init) {
                        let key = keys[slot]
                        // Too common, or no rarer than the words kept so far.
                        guard key < kept[wordsPerBehaviour - 1] else { continue }
                        var place = wordsPerBehaviour - 1
                        while place > 0 && kept[place - 1] > key { place -= 1 }
                        guard place == 0 || kept[place - 1] != key else { continue }  // kept already
                        for k in stride(from: wordsPerBehaviour - 1, to: place, by: -1) {
                            kept[k] = kept[k - 1]
                            rare[base + k] = rare[base + k - 1]
                        }
                        kept[place] = key
                        rare[base + place] = slot
                    }
                }
            }
            return rare
        }
    }

    /// For each total of two behaviours' words, the fewest words in common that can reach the
    /// threshold (`2 * common / total >= threshold`, worked out as the score is). Comparing pairs
    /// tests their bounds against this rather than dividing: the pair loop runs over a million
    /// times at 20,000 behaviours.
    struct LeastShared {
        let words: [Int]

        /// The fewest shared words for each total: about threshold × total / 2, then corrected
        /// by a step or two for rounding, so it takes time in proportion to the longest behaviour.
        init(threshold: Double, longest: Int) {
            words = (0...(2 * longest)).map { total in
                guard total > 0 else { return 1 }
                func enough(_ shared: Int) -> Bool { 2 * Double(shared) / Double(total) >= threshold }
                var shared = max(0, min(total, Int((threshold * Double(total) / 2).rounded(.down))))
                while shared > 0 && enough(shared - 1) { shared -= 1 }
                while shared <= total && !enough(shared) { shared += 1 }
                return shared
            }
        }
    }

    /// Behaviours by the rare words they are indexed under, in number order: a counting sort
    /// into one flat array.
    struct Buckets {
        private let start: [Int]
        private let all: [Int]
        /// The slots of words that index two behaviours or more.
        let shared: [Int]

        init(rare: [Int], words: Int) {
            var start = [Int](repeating: 0, count: words + 1)
            for slot in rare where slot >= 0 { start[slot + 1] += 1 }
            for slot in 0..<words { start[slot + 1] += start[slot] }
            var all = [Int](repeating: 0, count: start[words])
            var filled = start
            for (position, slot) in rare.enumerated() where slot >= 0 {
                all[filled[slot]] = position / wordsPerBehaviour
                filled[slot] += 1
            }
            self.start = start
            self.all = all
            shared = (0..<words).filter { start[$0 + 1] - start[$0] > 1 }
        }

        func members(_ slot: Int) -> ArraySlice<Int> { all[start[slot]..<start[slot + 1]] }
    }
}

/// A small number (a slot) for each distinct word hash, so that counts live in flat arrays:
/// open addressing on the hash's own bits (they are already well mixed), kept at most half
/// full. The preview server keeps one table for all its checks, so kept places keep their slots.
final class WordTable: @unchecked Sendable {  // `table` is only touched under `lock`
    private let lock = NSLock()
    private var table = Slots()

    /// Gives the roles that have none the slots of their words (new words get the next slots).
    func number(_ roles: [RoleWords]) {
        lock.withLock {
            // Taken out of the class while numbering, so its arrays are plain local values.
            var table = self.table
            self.table = Slots()
            for role in roles { role.number { table.slots(of: $0) } }
            self.table = table
        }
    }

    /// Each slot's word hash.
    var hashes: [Int] { lock.withLock { table.words } }

    /// Whether the word has a slot: a word no numbered behaviour uses has none.
    func contains(_ word: Int) -> Bool { lock.withLock { table.existingSlot(word) != nil } }

    private struct Slots {
        /// Each entry's word and slot side by side, so a lookup touches one cache line.
        var entries = Array(repeating: Entry.empty, count: 1024)
        var words: [Int] = []

        struct Entry {
            var word: Int
            var slot: Int32  // -1: empty
            static let empty = Entry(word: 0, slot: -1)
        }

        /// The slot of each word, new words taking the next slots. Through buffers: 300,000 words
        /// are numbered on one thread, and array accesses checked their bounds and uniqueness.
        mutating func slots(of words: [Int]) -> [Int32] {
            [Int32](unsafeUninitializedCapacity: words.count) { result, count in
                for word in words {
                    let index = position(of: word)
                    result[count] = entries[index].slot >= 0 ? entries[index].slot : add(word, at: index)
                    count += 1
                }
            }
        }

        /// Where the word's entry is, or the empty entry where it would go.
        private func position(of word: Int) -> Int {
            entries.withUnsafeBufferPointer { entries in
                let mask = entries.count - 1
                var index = word & mask
                while entries[index].slot >= 0 && entries[index].word != word { index = (index + 1) & mask }
                return index
            }
        }

        func existingSlot(_ word: Int) -> Int32? {
            let entry = entries[position(of: word)]
            return entry.slot >= 0 ? entry.slot : nil
        }

        /// Gives a new word the next slot, in the empty entry at `index`.
        private mutating func add(_ word: Int, at index: Int) -> Int32 {
            let slot = Int32(words.count)
            entries[index] = Entry(word: word, slot: slot)
            words.append(word)
            if 2 * words.count > entries.count { grow() }
            return slot
        }

        private mutating func grow() {
            let old = entries
            entries = Array(repeating: .empty, count: 2 * old.count)
            let mask = entries.count - 1
            for entry in old where entry.slot >= 0 {
                var index = entry.word & mask
                while entries[index].slot >= 0 { index = (index + 1) & mask }
                entries[index] = entry
            }
        }
    }
}
