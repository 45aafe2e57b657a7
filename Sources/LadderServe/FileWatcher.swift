import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Calls `onChange` when anything changes under the watched folders: inotify on Linux (new
/// folders are watched as they appear), a scan of modification times elsewhere. Events about
/// hidden files alone are ignored, as the build ignores those files. A watched folder that is
/// deleted and made again (a `git checkout` of another branch can do this) is watched again
/// when it comes back. Several events in quick succession (an editor's write-then-rename) are
/// the caller's to debounce.
public final class FileWatcher: @unchecked Sendable {  // `stopped` only under `lock`; `thread` is set once by `start`
    private let folders: [String]
    private let onChange: @Sendable (Set<String>) -> Void
    private var thread: Thread?
    private let lock = NSLock()
    private var stopped = false

    /// `onChange` gets the watched folders under which something changed.
    public init(folders: [String], onChange: @escaping @Sendable (Set<String>) -> Void) {
        self.folders = folders
        self.onChange = onChange
    }

    /// Returns once the folders are watched, so that a change made as soon as it returns (the
    /// preview starts listening then) is seen: when the thread had not yet added its watches, a
    /// content folder moved away at that moment went unnoticed for good.
    public func start() {
        let ready = DispatchSemaphore(value: 0)
        let thread = Thread { [self] in
            #if os(Linux)
                if watchWithInotify(ready: ready) { return }
            #endif
            pollForChanges(ready: ready)
        }
        thread.name = "ladder file watcher"
        self.thread = thread
        thread.start()
        ready.wait()
    }

    public func stop() {
        lock.withLock { stopped = true }
    }

    private var isStopped: Bool { lock.withLock { stopped } }

    #if os(Linux)
        /// False when inotify is not available, so the caller falls back to polling.
        private func watchWithInotify(ready: DispatchSemaphore) -> Bool {
            let descriptor = inotify_init1(Int32(IN_CLOEXEC))
            guard descriptor >= 0 else { return false }
            defer { close(descriptor) }
            let mask = UInt32(IN_MODIFY | IN_CLOSE_WRITE | IN_CREATE | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO | IN_ATTRIB | IN_DELETE_SELF | IN_MOVE_SELF)
            var folderOf: [Int32: String] = [:]
            func watch(_ folder: String) {
                let id = inotify_add_watch(descriptor, folder, mask)
                if id >= 0 { folderOf[id] = folder }
                let children = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
                for child in children where !child.hasPrefix(".") {
                    var isFolder: ObjCBool = false
                    let path = folder + "/" + child
                    if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue { watch(path) }
                }
            }
            for folder in folders { watch(folder) }
            ready.signal()
            var buffer = [UInt8](repeating: 0, count: 64 * 1024)
            var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            while !isStopped {
                // Wake up now and then to notice `stop()`, and watched folders that came back.
                guard poll(&poller, 1, 250) > 0 else {
                    let returned = folders.filter { folder in
                        !folderOf.values.contains(folder) && FileManager.default.fileExists(atPath: folder)
                    }
                    for folder in returned { watch(folder) }
                    if !returned.isEmpty { onChange(Set(returned)) }
                    continue
                }
                let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
                guard count > 0 else { continue }
                var offset = 0
                var changed: Set<String> = []
                while offset + 16 <= count {
                    let id = buffer.withUnsafeBytes { $0.load(fromByteOffset: offset, as: Int32.self) }
                    let eventMask = buffer.withUnsafeBytes { $0.load(fromByteOffset: offset + 4, as: UInt32.self) }
                    let nameLength = Int(buffer.withUnsafeBytes { $0.load(fromByteOffset: offset + 12, as: UInt32.self) })
                    let nameBytes = buffer[(offset + 16)..<min(count, offset + 16 + nameLength)].prefix { $0 != 0 }
                    let name = String(decoding: nameBytes, as: UTF8.self)
                    // The folder is gone (deleted, or moved away): forget its watch, and say so.
                    if eventMask & UInt32(IN_IGNORED | IN_DELETE_SELF | IN_MOVE_SELF) != 0, let folder = folderOf[id] {
                        if eventMask & UInt32(IN_IGNORED) != 0 { folderOf[id] = nil }
                        if eventMask & UInt32(IN_MOVE_SELF) != 0 {
                            inotify_rm_watch(descriptor, id)
                            folderOf[id] = nil
                        }
                        changed.formUnion(folders.filter { folder == $0 || folder.hasPrefix($0 + "/") })
                    }
                    if eventMask & UInt32(IN_ISDIR) != 0, eventMask & UInt32(IN_CREATE | IN_MOVED_TO) != 0,
                        let parent = folderOf[id]
                    {
                        watch(parent + "/" + name)
                    }
                    // Hidden files (an editor's temporary copy, a swap file) are not part of the site.
                    if !name.hasPrefix("."), let folder = folderOf[id] {
                        changed.formUnion(folders.filter { folder == $0 || folder.hasPrefix($0 + "/") })
                    }
                    offset += 16 + nameLength
                }
                if !changed.isEmpty { onChange(changed) }
            }
            return true
        }
    #endif

    /// Compares every file's modification time and size every quarter of a second.
    private func pollForChanges(ready: DispatchSemaphore) {
        var last = folders.map(snapshot)
        ready.signal()
        while !isStopped {
            Thread.sleep(forTimeInterval: 0.25)
            let now = folders.map(snapshot)
            let changed = Set(folders.indices.filter { now[$0] != last[$0] }.map { folders[$0] })
            last = now
            if !changed.isEmpty { onChange(changed) }
        }
    }

    private func snapshot(_ folder: String) -> [String: String] {
        var result: [String: String] = [:]
        guard let walker = FileManager.default.enumerator(atPath: folder) else { return result }
        while let relative = walker.nextObject() as? String {
            let attributes = try? FileManager.default.attributesOfItem(atPath: folder + "/" + relative)
            let date = (attributes?[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
            result[folder + "/" + relative] = "\(date)/\(attributes?[.size] ?? 0)"
        }
        return result
    }
}
