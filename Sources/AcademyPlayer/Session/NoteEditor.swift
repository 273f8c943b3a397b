import AcademyProgress
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Edits a step's note in the learner's editor: `$VISUAL`, else `$EDITOR` (split like `$PAGER`),
/// else the first of `editor`, `nano` and `vi` that is installed. The note goes through a private
/// temporary file; when anything goes wrong, the file is kept and its path shown, so no text is lost.
struct NoteEditor {
    var environment: [String: String]

    /// The editor's words, or why there is none.
    func command() -> Result<[String], PlayerError> {
        for name in ["VISUAL", "EDITOR"] {
            guard let line = environment[name], !line.trimmingSpaces.isEmpty else { continue }
            guard let words = CommandWords.split(line), let program = words.first else {
                return .failure(PlayerError("$\(name) ('\(line)') heeft een aanhalingsteken dat niet gesloten is: zet bijvoorbeeld EDITOR=nano"))
            }
            guard ChildProcess.executable(named: program, environment: environment) != nil else {
                return .failure(
                    PlayerError("de editor '\(program)' uit $\(name) is niet gevonden: zet \(name) op een editor die er is, zoals nano of vi")
                )
            }
            return .success(words)
        }
        for fallback in ["editor", "nano", "vi"] where ChildProcess.executable(named: fallback, environment: environment) != nil {
            return .success([fallback])
        }
        return .failure(PlayerError("geen editor gevonden: zet $EDITOR, bijvoorbeeld export EDITOR=nano"))
    }

    /// Lets the learner edit the note; `run` runs the editor with the terminal handed over.
    func edit(_ request: NoteRequest, run: ([String]) -> ChildProcess.Outcome) -> EffectResult {
        let words: [String]
        switch command() {
        case let .success(found): words = found
        case let .failure(error): return .noteFailed(request, message: "Notitie niet bewerkt: \(error.message)")
        }
        let directory = environment["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        var template = Array("\(directory)/academy-note-\(request.stepID)-XXXXXX.txt".utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { mkstemps($0.baseAddress!, 4) }
        guard descriptor >= 0 else {
            return .noteFailed(
                request,
                message: "Notitie niet bewerkt: kan geen tijdelijk bestand maken in \(directory) (\(String(cString: strerror(errno))))"
            )
        }
        close(descriptor)
        let path = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        do {
            try Data((request.text.isEmpty ? "" : request.text + "\n").utf8).write(to: URL(fileURLWithPath: path))
        } catch {
            unlink(path)
            return .noteFailed(request, message: "Notitie niet bewerkt: kan \(path) niet schrijven (\(error.localizedDescription))")
        }
        switch run(words + [path]) {
        case .exited(0):
            break
        case let .exited(status):
            return .noteFailed(request, message: "De editor stopte met status \(status); niets opgeslagen, je tekst staat in \(path)")
        case let .signaled(signal):
            return .noteFailed(request, message: "De editor werd gestopt (signaal \(signal)); niets opgeslagen, je tekst staat in \(path)")
        case let .notStarted(reason):
            unlink(path)
            return .noteFailed(request, message: "Kan de editor '\(words[0])' niet starten: \(reason); zet $EDITOR, bijvoorbeeld EDITOR=nano")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            return .noteFailed(request, message: "Kan de notitie niet teruglezen uit \(path); niets opgeslagen")
        }
        let text = NoteText.clean(String(decoding: data, as: UTF8.self))
        guard text.count <= EventValidator.maximumNoteLength else {
            return .noteFailed(
                request,
                message:
                    "De notitie is te lang (\(text.count) tekens, hooguit \(EventValidator.maximumNoteLength)); niets opgeslagen, je tekst staat in \(path)"
            )
        }
        unlink(path)
        return .noteEdited(request, text: text)
    }
}
