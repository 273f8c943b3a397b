import Hummingbird

/// Path segments as RFC 3986 (section 2.1) has them: `%XX` escapes stand for bytes, so a team
/// "onder bouw" arrives as `onder%20bouw`. The router matches the raw path; whatever reads a
/// segment's value decodes it here.
enum PathSegment {
    /// Decodes `%XX` escapes once; nil for a malformed escape or bytes that are not UTF-8.
    static func decoded(_ segment: Substring) -> String? {
        var bytes: [UInt8] = []
        var iterator = segment.utf8.makeIterator()
        while let byte = iterator.next() {
            if byte == 0x25 {
                guard let high = iterator.next().flatMap(hexValue), let low = iterator.next().flatMap(hexValue) else { return nil }
                bytes.append(high << 4 | low)
            } else {
                bytes.append(byte)
            }
        }
        return String(validating: bytes, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 0x30...0x39: byte - 0x30
        case 0x41...0x46: byte - 0x41 + 10
        case 0x61...0x66: byte - 0x61 + 10
        default: nil
        }
    }
}

extension Parameters {
    /// The path parameter `name`, percent-decoded; a 400 problem when it has a malformed escape or
    /// bytes that are not UTF-8.
    func requireDecoded(_ name: String) throws -> String {
        let raw = try require(name)
        guard let text = PathSegment.decoded(raw[...]) else {
            throw Problem(.badRequest, "the path segment '\(raw)' has a malformed %-escape or is not UTF-8: encode it as RFC 3986 says", code: "bad-request")
        }
        return text
    }
}
