#if canImport(Glibc)
import Glibc
#endif

/// Process-wide heap settings.
enum Heap {
    /// Makes 64 MB of each thread's heap usable at once (pages are still faulted in only when
    /// touched) and keeps 64 MB when it is trimmed, instead of growing it a page at a time. Call it
    /// before any task runs: a thread's heap is made at its first allocation, and glibc applies
    /// the pad then.
    ///
    /// Reading 2,000 modules otherwise asks the kernel about a thousand times to make more of a
    /// thread's heap usable (`mprotect`); with the pad it asks a few times. It is for batch
    /// commands (see main.swift): a server would keep up to 64 MB per heap that it no longer uses.
    static func growInLargeSteps() {
        #if canImport(Glibc)
        // Swift's Glibc module leaves out <malloc.h>, so mallopt is looked up (RTLD_DEFAULT is 0).
        typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt") else { return }
        let topPad: Int32 = -2  // M_TOP_PAD
        _ = unsafeBitCast(symbol, to: Mallopt.self)(topPad, 64 << 20)
        #endif
    }
}
