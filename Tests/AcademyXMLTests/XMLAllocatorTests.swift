import CAcademyXMLSupport
import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

@Suite("The allocator that libxml2 is given")
struct XMLAllocatorTests {
    /// Fills `count` bytes at `pointer` with a pattern that depends on `seed`.
    static func fill(_ pointer: UnsafeMutableRawPointer, count: Int, seed: Int) {
        for offset in 0..<count { pointer.storeBytes(of: UInt8(truncatingIfNeeded: seed &+ offset &* 7), toByteOffset: offset, as: UInt8.self) }
    }

    static func holds(_ pointer: UnsafeMutableRawPointer, count: Int, seed: Int) -> Bool {
        (0..<count).allSatisfy { pointer.load(fromByteOffset: $0, as: UInt8.self) == UInt8(truncatingIfNeeded: seed &+ $0 &* 7) }
    }

    @Test("Blocks of every size, small and large, keep what is written to them while others come and go")
    func sizes() {
        let sizes = Array(0...300) + [511, 512, 513, 1023, 1024, 1025, 2047, 2048, 2049, 4096, 70_000]
        var blocks: [(UnsafeMutableRawPointer, Int)] = []
        for (seed, size) in sizes.enumerated() {
            let block = academy_xml_malloc(size)!
            #expect(Int(bitPattern: block) % 16 == 0)
            Self.fill(block, count: size, seed: seed)
            blocks.append((block, size))
            // Interleave short-lived blocks of the same size, which the lists hand out again.
            academy_xml_free(academy_xml_malloc(size))
        }
        for (seed, (block, size)) in blocks.enumerated() {
            #expect(Self.holds(block, count: size, seed: seed), "block of \(size) bytes")
            academy_xml_free(block)
        }
        academy_xml_free(nil)
    }

    @Test("realloc keeps the contents when a block grows past its size class, or into a large block")
    func realloc() {
        var block = academy_xml_realloc(nil, 10)!
        Self.fill(block, count: 10, seed: 3)
        for size in [12, 16, 17, 100, 2048, 2049, 10_000, 40] {
            let kept = min(size, 10)
            block = academy_xml_realloc(block, size)!
            #expect(Self.holds(block, count: kept, seed: 3), "after growing to \(size) bytes")
        }
        academy_xml_free(block)
        let copy = academy_xml_strdup("leerKRACHT")!
        #expect(String(cString: copy) == "leerKRACHT")
        academy_xml_free(copy)
    }

    @Test("Blocks freed on another thread, and the blocks of threads that ended, are handed out again intact")
    func threads() throws {
        final class Shared: @unchecked Sendable {
            var blocks: [UnsafeMutableRawPointer] = []
        }
        // One thread allocates and writes more blocks than a thread keeps for itself, and ends.
        let shared = Shared()
        try Self.onNewThread {
            for seed in 0..<10_000 {
                let block = academy_xml_malloc(48)!
                Self.fill(block, count: 48, seed: seed)
                shared.blocks.append(block)
            }
        }
        // Another checks them and frees them all (more than it may keep: some go to the pool), and ends.
        try Self.onNewThread {
            for (seed, block) in shared.blocks.enumerated() {
                #expect(Self.holds(block, count: 48, seed: seed))
                academy_xml_free(block)
            }
        }
        // A third gets those blocks back, each one once (other tests parse XML meanwhile, and may
        // take some of them from the pool first).
        let freed = Set(shared.blocks.map { Int(bitPattern: $0) })
        var reused = Set<Int>()
        try Self.onNewThread {
            for seed in 0..<10_000 {
                let block = academy_xml_malloc(40)!
                Self.fill(block, count: 40, seed: seed)
                #expect(reused.insert(Int(bitPattern: block)).inserted)
            }
        }
        #expect(reused.intersection(freed).count > 5_000)
        for block in reused { academy_xml_free(UnsafeMutableRawPointer(bitPattern: block)) }
    }

    /// Runs `body` on a thread of its own and waits until that thread has ended.
    static func onNewThread(_ body: @escaping () -> Void) throws {
        final class Box { let body: () -> Void; init(_ body: @escaping () -> Void) { self.body = body } }
        var thread = pthread_t()
        let box = Unmanaged.passRetained(Box(body)).toOpaque()
        let created = pthread_create(&thread, nil, { argument in
            let box = Unmanaged<Box>.fromOpaque(argument!).takeRetainedValue()
            box.body()
            return nil
        }, box)
        try #require(created == 0)
        pthread_join(thread, nil)
    }
}
