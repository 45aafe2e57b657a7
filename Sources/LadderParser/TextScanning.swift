/// Small string operations the parser does for every file, heading or key, on the string's own
/// views: Foundation's versions go through NSString and cost several microseconds a call.
extension Substring {
    /// Without leading and trailing tabs and space separators: Foundation's
    /// `trimmingCharacters(in: .whitespaces)`.
    func trimmingSpaces() -> String {
        // ASCII spaces and tabs are trimmed on the bytes, in place (the UTF-8 view's index steps
        // cost more than the rest of reading an area heading); only a text that has other bytes
        // at an end of what is left, or is not contiguous, needs its scalars read.
        let isASCIISpace = { (byte: UInt8) in byte == 0x20 || byte == 0x09 }
        // nil when an end of what is left is not ASCII.
        func trimmedASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
            var start = 0, end = bytes.count
            while start < end, isASCIISpace(bytes[start]) { start += 1 }
            while start < end, isASCIISpace(bytes[end - 1]) { end -= 1 }
            if start == end { return "" }
            guard bytes[start] < 0x80, bytes[end - 1] < 0x80 else { return nil }
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
        }
        if let trimmed = utf8.withContiguousStorageIfAvailable(trimmedASCII).flatMap({ $0 }) { return trimmed }
        let isSpace: (Unicode.Scalar) -> Bool = {
            $0.isASCII ? $0 == " " || $0 == "\t" : $0.properties.generalCategory == .spaceSeparator
        }
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !isSpace($0) }), let last = scalars.lastIndex(where: { !isSpace($0) })
        else { return "" }
        return String(scalars[first...last])
    }

    /// The range of the last occurrence of an ASCII `needle`.
    func lastRange(ofASCII needle: StaticString) -> Range<Index>? {
        needle.withUTF8Buffer { target in
            guard !target.isEmpty, target.count <= utf8.count else { return nil }
            // Offsets into the bytes, then indices: a native string's UTF-8 view counts in O(1).
            func lastOffset(in bytes: UnsafeBufferPointer<UInt8>) -> Int? {
                for start in stride(from: bytes.count - target.count, through: 0, by: -1)
                where bytes[start] == target[0] && bytes[start..<(start + target.count)].elementsEqual(target) {
                    return start
                }
                return nil
            }
            let offset = utf8.withContiguousStorageIfAvailable(lastOffset) ?? Array(utf8).withUnsafeBufferPointer(lastOffset)
            guard let found = offset else { return nil }
            let start = utf8.index(utf8.startIndex, offsetBy: found)
            return start..<utf8.index(start, offsetBy: target.count)
        }
    }
}

extension String {
    func trimmingSpaces() -> String { self[...].trimmingSpaces() }
    func lastRange(ofASCII needle: StaticString) -> Range<Index>? { self[...].lastRange(ofASCII: needle) }
}

/// "track-01/10-senior.md" → "10-senior": the file name without its folder and extension, as
/// NSString's lastPathComponent and deletingPathExtension give it (a leading dot is no extension).
func fileStem(_ relativePath: String) -> String {
    var path = relativePath[...]
    while path.utf8.last == UInt8(ascii: "/") { path = path.dropLast() }
    let name = path.utf8.lastIndex(of: UInt8(ascii: "/")).map { path[path.utf8.index(after: $0)...] } ?? path
    guard let dot = name.utf8.lastIndex(of: UInt8(ascii: ".")), dot != name.startIndex else { return String(name) }
    return String(name[..<dot])
}
