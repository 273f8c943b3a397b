import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// `academy progress record` in a child process: events in on stdin, acknowledgements out.
final class RecordingChild: Sendable {
    let process: Process
    private let input: FileHandle
    private let state = Mutex<(acknowledged: Set<String>, output: String)>(([], ""))
    private let done = DispatchSemaphore(value: 0)

    init(dataDirectory: String, learner: String) throws {
        process = Process()
        process.executableURL = URL(fileURLWithPath: Support.academyBinary)
        process.arguments = ["progress", "record", "--learner", learner, "--data", dataDirectory, "--modules", Support.repository.appendingPathComponent("Modules").path]
        let stdin = Pipe()
        let stdout = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = FileHandle.nullDevice
        input = stdin.fileHandleForWriting
        try process.run()
        let reader = stdout.fileHandleForReading
        Thread.detachNewThread { [self] in
            var buffer = Data()
            while true {
                let chunk = reader.availableData
                if chunk.isEmpty { break }
                buffer += chunk
                while let newline = buffer.firstIndex(of: 0x0A) {
                    let line = buffer[buffer.startIndex..<newline]
                    buffer = buffer[(newline + 1)...]
                    guard let object = try? JSONSerialization.jsonObject(with: line) as? [String: Any],
                        let id = object["id"] as? String, let status = object["status"] as? String
                    else { continue }
                    self.state.withLock {
                        if status == "stored" || status == "duplicate" { $0.acknowledged.insert(id.lowercased()) }
                        $0.output += String(decoding: line, as: UTF8.self) + "\n"
                    }
                }
            }
            self.done.signal()
        }
    }

    /// Writes events as JSON Lines; false once the child is gone.
    @discardableResult
    func send(_ lines: [String]) -> Bool {
        let data = Data(lines.joined(separator: "\n").utf8 + [0x0A])
        do {
            try input.write(contentsOf: data)
            return true
        } catch {
            return false
        }
    }

    /// Closes stdin and waits for the child to finish.
    func finish() {
        try? input.close()
        process.waitUntilExit()
        done.wait()
    }

    /// Kills the child with SIGKILL, at once.
    func kill() {
        Glibc.kill(process.processIdentifier, SIGKILL)
        try? input.close()
        process.waitUntilExit()
        done.wait()
    }

    /// The ids acknowledged so far (lowercase).
    var acknowledged: Set<String> { state.withLock { $0.acknowledged } }
}

extension Support {
    static func eventLine(video: String = "leerkracht-elke-dag-beter", from: Double, id: UUID = UUID()) -> String {
        "{\"id\":\"\(id.uuidString)\",\"type\":\"videoProgress\",\"at\":\"2026-11-29T10:00:00Z\",\"video\":\"\(video)\",\"segments\":[[\(from),\(from + 1)]],\"position\":\(from + 1)}"
    }
}
