#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The system calls whose names or fields differ between Linux and macOS, in one place; the
/// rest of ladder uses POSIX calls that both have.
public enum Platform {
    /// `write(2)`: the name is ambiguous in Swift where Foundation also has a `write`.
    public static func write(_ descriptor: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
        #if canImport(Glibc)
            Glibc.write(descriptor, bytes, count)
        #else
            Darwin.write(descriptor, bytes, count)
        #endif
    }

    /// A file's modification and status-change times (`st_mtim` on Linux, `st_mtimespec` on macOS).
    public static func times(_ info: stat) -> (modified: timespec, changed: timespec) {
        #if canImport(Glibc)
            (info.st_mtim, info.st_ctim)
        #else
            (info.st_mtimespec, info.st_ctimespec)
        #endif
    }

    /// Runs `arguments[0]` (found on PATH) with its output written to `outputFile` and nothing
    /// read from or written to the terminal; its exit status, or nil if it could not start.
    /// posix_spawn directly: Foundation's Process took about 45 ms to start git here, which a
    /// build would pay on every run.
    public static func run(_ arguments: [String], outputFile: String) -> Int32? {
        let output = open(outputFile, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard output >= 0 else { return nil }
        defer { close(output) }
        guard let pid = spawn(arguments, descriptors: [(output, 1)]) else { return nil }
        let status = wait(for: pid)
        // WIFEXITED and WEXITSTATUS, which Swift does not import.
        return status & 0x7F == 0 ? (status >> 8) & 0xFF : nil
    }

    /// Starts `arguments[0]` (a path, or a name found on PATH) with `descriptors` (parent's,
    /// child's) given to the child under those numbers, /dev/null for the standard ones it is not
    /// given, and none of ladder's other descriptors; its process id, or nil. For Chromium's
    /// `--remote-debugging-pipe`, which talks on descriptors 3 and 4.
    public static func spawn(_ arguments: [String], descriptors: [(parent: Int32, child: Int32)]) -> pid_t? {
        #if canImport(Glibc)
            var actions = posix_spawn_file_actions_t()
        #else
            var actions: posix_spawn_file_actions_t?
        #endif
        guard posix_spawn_file_actions_init(&actions) == 0 else { return nil }
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        for (parent, child) in descriptors { posix_spawn_file_actions_adddup2(&actions, parent, child) }
        closeTheRest(&actions, from: max(3, (descriptors.map(\.child).max() ?? 2) + 1))
        var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var pid: pid_t = 0
        guard posix_spawnp(&pid, arguments[0], &actions, nil, &argv, environ) == 0 else { return nil }
        return pid
    }

    /// The child gets none of ladder's other descriptors: a browser that lived on holding a
    /// copy of the preview server's sockets would keep their connections from closing.
    #if canImport(Glibc)
        /// glibc's `posix_spawn_file_actions_addclosefrom_np` (2.34 and later), which Swift's
        /// Glibc module does not declare; else each descriptor /proc lists is closed one by one.
        private typealias CloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32
        nonisolated(unsafe) private static let closeFrom: CloseFrom? = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "posix_spawn_file_actions_addclosefrom_np")
            .map { unsafeBitCast($0, to: CloseFrom.self) }

        private static func closeTheRest(_ actions: inout posix_spawn_file_actions_t, from descriptor: Int32) {
            if let closeFrom {
                _ = closeFrom(&actions, descriptor)
                return
            }
            guard let folder = opendir("/proc/self/fd") else { return }
            defer { closedir(folder) }
            let own = dirfd(folder)
            while let entry = readdir(folder) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
                if let open = Int32(name), open >= descriptor, open != own { posix_spawn_file_actions_addclose(&actions, open) }
            }
        }
    #else
        private static func closeTheRest(_ actions: inout posix_spawn_file_actions_t?, from descriptor: Int32) {
            // macOS: POSIX_SPAWN_CLOEXEC_DEFAULT would be the way; ladder's own descriptors are
            // opened close-on-exec there by Foundation.
        }
    #endif

    /// Waits for a child started by `spawn` to end; its raw wait status.
    @discardableResult
    public static func wait(for pid: pid_t) -> Int32 {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        return status
    }

    /// The command that opens a URL in the default browser.
    public static let openCommand = {
        #if os(macOS)
            "open"
        #else
            "xdg-open"
        #endif
    }()
}
