import AcademyContent
import AcademyProgress
import Foundation

/// Benchmarks that need the libraries in-process; `Scripts/bench/*.sh` run them beside their
/// reference and print the ratios. Not part of the shipped `academy` tool.
///
///     academy-bench progress --data DIR --writers N --events M [--same-learner]
///     academy-bench team --data DIR --learners N
@main
struct AcademyBench {
    static func main() async throws {
        let arguments = Array(CommandLine.arguments.dropFirst())
        func value(_ name: String, _ fallback: String) -> String {
            arguments.firstIndex(of: name).flatMap { arguments.indices.contains($0 + 1) ? arguments[$0 + 1] : nil } ?? fallback
        }
        switch arguments.first {
        case "progress":
            try await progress(
                data: value("--data", "/tmp/academy-bench"),
                writers: Int(value("--writers", "8")) ?? 8,
                events: Int(value("--events", "200")) ?? 200,
                sameLearner: arguments.contains("--same-learner")
            )
        case "team":
            try await team(data: value("--data", "/tmp/academy-bench-team"), learners: Int(value("--learners", "1000")) ?? 1000)
        default:
            FileHandle.standardError.write(Data("usage: academy-bench progress|team --data DIR …\n".utf8))
            exit(64)
        }
    }

    /// `writers` tasks each record `events` events one at a time (each awaited: acknowledged means
    /// on disk); prints the rate and the acknowledgement latencies as JSON.
    static func progress(data: String, writers: Int, events: Int, sameLearner: Bool) async throws {
        try? FileManager.default.removeItem(atPath: data)
        let store = try await JSONFileProgressStore(directory: data)
        for writer in 0..<writers {
            try await store.add(Learner(id: "l\(writer)", displayName: "L\(writer)", team: "bench", role: .leraar))
        }
        let start = ContinuousClock.now
        let latencies = try await withThrowingTaskGroup(of: [Double].self) { group in
            for writer in 0..<writers {
                group.addTask {
                    var latencies: [Double] = []
                    latencies.reserveCapacity(events)
                    for index in 0..<events {
                        let event = ProgressEvent(
                            kind: .videoProgress(videoID: "v", segments: [.init(from: Double(index), to: Double(index + 1))], position: Double(index + 1)),
                            moduleID: "m"
                        )
                        let sent = ContinuousClock.now
                        _ = try await store.record([event], for: sameLearner ? "l0" : "l\(writer)")
                        let elapsed = ContinuousClock.now - sent
                        latencies.append(Double(elapsed.components.attoseconds) / 1e18 + Double(elapsed.components.seconds))
                    }
                    return latencies
                }
            }
            var all: [Double] = []
            for try await part in group { all += part }
            return all.sorted()
        }
        let seconds = ContinuousClock.now - start
        let total = Double(seconds.components.seconds) + Double(seconds.components.attoseconds) / 1e18
        let result: [String: Double] = [
            "events": Double(latencies.count),
            "seconds": total,
            "rate": Double(latencies.count) / total,
            "p50_ms": latencies[latencies.count / 2] * 1000,
            "p99_ms": latencies[min(latencies.count - 1, latencies.count * 99 / 100)] * 1000,
        ]
        let json = try JSONSerialization.data(withJSONObject: result, options: [.sortedKeys])
        print(String(decoding: json, as: UTF8.self))
    }

    /// Prepares `learners` learners with a module's worth of progress each (compacted), then times
    /// opening the store and building the team view, as a server does for a coach.
    static func team(data: String, learners: Int) async throws {
        let library = try await ContentLibrary.load(from: "Modules")
        if !FileManager.default.fileExists(atPath: data + "/learners.json") {
            let store = try await JSONFileProgressStore(directory: data)
            let service = ProgressService(library: library, store: store)
            for index in 0..<learners {
                let id = "leraar\(index)"
                try await store.add(Learner(id: id, displayName: "Leraar \(index)", team: "groot", role: .leraar))
                var events: [ProgressEvent] = []
                for module in library.modules.prefix(1 + index % 5) {
                    events.append(ProgressEvent(kind: .moduleStarted, moduleID: module.id))
                    for video in module.videos {
                        events.append(ProgressEvent(kind: .videoProgress(videoID: video.id, segments: [.init(from: 0, to: video.duration.seconds * 0.95)], position: 10)))
                    }
                    for step in module.steps.prefix(4) { events.append(ProgressEvent(kind: .stepChecked(stepID: step.id))) }
                }
                _ = try await service.record(events, for: id)
            }
            try await store.compact()
        }
        let start = ContinuousClock.now
        let store = try await JSONFileProgressStore(directory: data)
        let team = try await ProgressService(library: library, store: store).team("groot")
        let elapsed = ContinuousClock.now - start
        let milliseconds = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
        print("{\"learners\":\(team.learnerCount),\"ms\":\(milliseconds)}")
    }
}
