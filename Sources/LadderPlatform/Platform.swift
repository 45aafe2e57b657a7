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

    /// The command that opens a URL in the default browser.
    public static let openCommand = {
        #if os(macOS)
            "open"
        #else
            "xdg-open"
        #endif
    }()
}
