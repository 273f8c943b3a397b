import AcademyContent
import AcademyProgress
import Foundation

/// `academy progress …`: a learner's progress, recording events, export, import and reset.
public struct ProgressCommand: Sendable {
    let context: CommandContext
    let isJSON: Bool

    /// Creates the command.
    public init(context: CommandContext, isJSON: Bool) {
        self.context = context
        self.isJSON = isJSON
    }

    /// `progress [--learner ID]`: per module a bar, videos and steps done, and what is next.
    public func show(learnerID: String?) async throws {
        let service = try await context.openService()
        let learner = try await context.learner(learnerID, in: service)
        let progress = try await service.progress(of: learner.id)
        let track = service.track(for: learner)
        let modules = service.library.modules.map { Completion.module($0, progress: progress) }
        let next = Completion.next(in: track, library: service.library, progress: progress)
        if isJSON {
            struct Report: Encodable {
                var learner: String
                var track: String?
                var modules: [ModuleCompletion]
                var next: NextItem?
            }
            Output.standard(CommandContext.json(Report(learner: learner.id, track: track?.id, modules: modules, next: next)))
            return
        }
        let style = TerminalStyle.forDescriptor(1)
        var lines = ["\(style.bold(learner.displayName)) (\(learner.role), team \(learner.team))" + (track.map { ": \($0.title.text)" } ?? "")]
        let width = 20
        for (module, completion) in zip(service.library.modules, modules) {
            let filled = Int((completion.fraction * Double(width)).rounded(.down))
            let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
            let percent = String(Int((completion.fraction * 100).rounded(.down))).leftPadded(to: 3)
            let title = String(module.title.text.prefix(34)).padding(toLength: 34, withPad: " ", startingAt: 0)
            let mark = completion.isComplete ? style.green("✓") : " "
            lines.append(
                "\(mark) \(String(module.number).leftPadded(to: 2)) \(title) \(completion.isComplete ? style.green(bar) : bar) \(percent)%  "
                    + "videos \(completion.videosComplete)/\(module.videos.count)  steps \(completion.stepsChecked)/\(completion.stepsRequired)"
            )
        }
        let done = modules.count(where: \.isComplete)
        lines.append("\(done) of \(modules.count) modules complete")
        lines.append(NextCommand.describe(next, library: service.library))
        Output.standard(lines.joined(separator: "\n") + "\n")
    }

    /// `progress record --learner ID`: events as JSON Lines on standard input; one line out per
    /// event once it is on disk: `{"id":…,"status":"stored"|"duplicate"}`, or why it was refused.
    ///
    /// Lines that arrive together are stored together (one flush), so a fast producer is not held
    /// to one disk flush per event.
    public func record(learnerID: String?) async throws {
        let input = FileHandle.standardInput
        let service = try await context.openService()
        let learner = try await context.learner(learnerID, in: service)
        var buffer: [UInt8] = []
        var lineNumber = 0
        while true {
            let chunk = input.availableData
            buffer += chunk
            var lines: [(Int, ArraySlice<UInt8>)] = []
            while let newline = buffer.firstIndex(of: 0x0A) {
                lineNumber += 1
                lines.append((lineNumber, buffer[..<newline]))
                buffer.removeSubrange(...newline)
            }
            if chunk.isEmpty, !buffer.isEmpty {
                lineNumber += 1
                lines.append((lineNumber, buffer[...]))
                buffer = []
            }
            try await recordLines(lines, for: learner.id, service: service)
            if chunk.isEmpty { break }
        }
    }

    private func recordLines(_ lines: [(Int, ArraySlice<UInt8>)], for learner: String, service: ProgressService) async throws {
        var events: [ProgressEvent] = []
        var answers: [String?] = []
        for (number, line) in lines where !line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) {
            do {
                events.append(try ProgressJSON.decoder.decode(ProgressEvent.self, from: Data(line)))
                answers.append(nil)
            } catch {
                answers.append(Self.answer(["line": number, "status": "refused", "code": "E008", "message": "not an event: \(ProgressJSON.describe(error))"]))
            }
        }
        guard !answers.isEmpty else { return }
        let outcomes = events.isEmpty ? [] : try await service.record(events, for: learner)
        var output = ""
        var next = 0
        for answer in answers {
            if let answer {
                output += answer
                continue
            }
            let event = events[next]
            switch outcomes[next] {
            case .stored: output += Self.answer(["id": event.id.uuidString.lowercased(), "status": "stored"])
            case .duplicate: output += Self.answer(["id": event.id.uuidString.lowercased(), "status": "duplicate"])
            case let .refused(error):
                output += Self.answer(["id": event.id.uuidString.lowercased(), "status": "refused", "code": error.code, "message": error.message])
            }
            next += 1
        }
        Output.standard(output)
    }

    private static func answer(_ fields: [String: Any]) -> String {
        let data = (try? JSONSerialization.data(withJSONObject: fields, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data()
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// The export format: learners and every event they recorded.
    struct Export: Codable {
        struct LearnerEvents: Codable {
            var id: String
            var displayName: String
            var team: String
            var role: Role
            var events: [ProgressEvent]
        }

        var format = "academy-export"
        var version = 1
        var exportedAt: Date
        var learners: [LearnerEvents]
    }

    /// `progress export [--learner ID]`: JSON of every event, for a backup or a move.
    public func export(learnerID: String?) async throws {
        let store = try await context.openStore()
        var learners = try await store.learners()
        if let learnerID {
            learners = learners.filter { $0.id == learnerID }
            guard !learners.isEmpty else { throw StoreError.unknownLearnerError(learnerID) }
        }
        var exported: [Export.LearnerEvents] = []
        for learner in learners {
            exported.append(
                .init(id: learner.id, displayName: learner.displayName, team: learner.team, role: learner.role, events: try await store.history(of: learner.id))
            )
        }
        Output.standard(CommandContext.json(Export(exportedAt: Date(), learners: exported)))
    }

    /// `progress import FILE`: stores an export's events; running it twice changes nothing.
    /// Learners that do not exist are added (without credentials: give them a token).
    public func importFile(_ path: String) async throws {
        guard let data = FileManager.default.contents(atPath: path) else { throw CommandError("cannot read \(path)") }
        let export: Export
        do {
            export = try ProgressJSON.decoder.decode(Export.self, from: data)
        } catch {
            throw CommandError("\(path) is not an academy export: \(ProgressJSON.describe(error))")
        }
        guard export.format == "academy-export", export.version <= 1 else {
            throw CommandError("\(path) is a '\(export.format)' version \(export.version) file, not an academy export version 1")
        }
        let service = try await context.openService()
        var summary: [String] = []
        for entry in export.learners {
            if try await service.store.learner(id: entry.id) == nil {
                try await service.store.add(Learner(id: entry.id, displayName: entry.displayName, team: entry.team, role: entry.role))
                summary.append("added learner \(entry.id) (no token yet: academy learners token \(entry.id))")
            }
            let outcomes = try await service.record(entry.events, for: entry.id)
            let stored = outcomes.count { $0 == .stored }
            let duplicates = outcomes.count { $0 == .duplicate }
            var refused = 0
            for case let .refused(error) in outcomes {
                refused += 1
                if refused <= 5 { summary.append("  refused \(error.eventID?.uuidString.lowercased() ?? "?"): \(error.message)") }
            }
            summary.append("\(entry.id): \(entry.events.count) events, \(stored) stored, \(duplicates) already there, \(refused) refused")
        }
        Output.standard(summary.joined(separator: "\n") + "\n")
    }

    /// `progress reset (MODULE | --all) --learner ID --yes`: clears progress, as an event, so it is
    /// recorded (and exported) like everything else.
    public func reset(moduleID: String?, learnerID: String?) async throws {
        let service = try await context.openService()
        let learner = try await context.learner(learnerID, in: service)
        if let moduleID, service.library.module(id: moduleID) == nil {
            let hint = Suggestions.closest(to: moduleID, among: service.library.modules.map(\.id)).map { " (did you mean '\($0)'?)" } ?? ""
            throw CommandError("no module '\(moduleID)'\(hint)")
        }
        let outcomes = try await service.record([ProgressEvent(kind: .progressReset, moduleID: moduleID)], for: learner.id)
        if case let .refused(error) = outcomes.first { throw CommandError(error.message) }
        Output.standard("Reset \(moduleID.map { "module \($0)" } ?? "all progress") for \(learner.id).\n")
    }
}

extension String {
    func leftPadded(to width: Int) -> String {
        String(repeating: " ", count: max(0, width - count)) + self
    }
}
