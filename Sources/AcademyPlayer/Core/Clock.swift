/// Times as clocks: `1:23`, `12:05`, `1:02:05`.
enum Clock {
    static func text(_ seconds: Double) -> String {
        let total = max(0, Int(seconds.isFinite ? seconds : 0))
        let hours = total / 3600
        let minutes = total / 60 % 60
        let rest = total % 60
        let padded = rest < 10 ? "0\(rest)" : "\(rest)"
        return hours > 0 ? "\(hours):\(minutes < 10 ? "0" : "")\(minutes):\(padded)" : "\(minutes):\(padded)"
    }
}
