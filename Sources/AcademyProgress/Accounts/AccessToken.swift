import Crypto
import Foundation
import HummingbirdBcrypt

/// API tokens: 256 random bits, shown once, stored only as their SHA-256.
public enum AccessToken {
    /// A new token: `ak_` and 43 characters of base64url (256 bits from the system's secure generator).
    public static func generate() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let text = Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
        return "ak_" + text.trimmingCharacters(in: CharacterSet(charactersIn: "="))
    }

    /// The SHA-256 of a token, in lowercase hexadecimal: what the store keeps.
    public static func hash(_ token: String) -> String {
        hexadecimal(SHA256.hash(data: Array(token.utf8)))
    }

    /// Bytes in lowercase hexadecimal (on every authenticated request, so not through `String(format:)`).
    public static func hexadecimal(_ bytes: some Sequence<UInt8>) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// Whether two strings are equal, taking the same time wherever they differ.
    public static func constantTimeEqual(_ lhs: String, _ rhs: String) -> Bool {
        let a = Array(lhs.utf8)
        let b = Array(rhs.utf8)
        var difference = UInt8(a.count == b.count ? 0 : 1)
        for index in 0..<max(a.count, b.count) {
            difference |= (index < a.count ? a[index] : 0) ^ (index < b.count ? b[index] : 0)
        }
        return difference == 0
    }
}

/// Web passwords, hashed with bcrypt (Hummingbird's maintained implementation).
public enum PasswordHasher {
    /// The bcrypt cost: 2^12 rounds, about a quarter of a second here.
    public static let defaultCost: UInt8 = 12

    /// The bcrypt hash of `password`.
    public static func hash(_ password: String, cost: UInt8 = defaultCost) -> String {
        Bcrypt.hash(password, cost: cost)
    }

    /// Whether `password` matches `hash`.
    public static func verify(_ password: String, hash: String) -> Bool {
        Bcrypt.verify(password, hash: hash)
    }
}
