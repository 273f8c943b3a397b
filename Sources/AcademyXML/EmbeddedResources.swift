internal import CLibXML2
import Synchronization

/// The only external resources libxml2 may load: schema documents registered by name.
///
/// libxml2 loads `xs:include` and `xs:import` targets (and, were a DOCTYPE ever let through,
/// external entities) through one process-wide entity loader. This loader answers from memory for
/// registered names and refuses everything else, so no parse can read a local file or the network.
enum EmbeddedResources {
    /// Registered documents by file name. The buffers are never freed: libxml2's string inputs
    /// point into them without copying, and a parse may still be reading one.
    private static let documents = Mutex<[String: UInt]>([:])  // addresses: pointers are not Sendable

    static func register(name: String, bytes: [UInt8]) {
        let buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: bytes.count + 1)
        buffer.initialize(from: bytes, count: bytes.count)
        buffer[bytes.count] = 0
        let address = UInt(bitPattern: buffer)
        documents.withLock { $0[name] = address }
    }

    static func document(forURL url: String) -> UnsafePointer<UInt8>? {
        let name = url.split(separator: "/").last.map(String.init) ?? url
        let address = documents.withLock { $0[name] }
        return address.flatMap { UnsafePointer<UInt8>(bitPattern: $0) }
    }

    static let entityLoader: xmlExternalEntityLoader = { url, _, context in
        guard let url, let context, let bytes = document(forURL: String(cString: url)) else {
            // Reported through the caller's structured error handler as a failed load.
            return nil
        }
        return xmlNewStringInputStream(context, bytes)
    }
}
