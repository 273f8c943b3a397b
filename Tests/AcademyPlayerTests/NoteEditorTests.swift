import AcademyProgress
import Foundation
import Testing

@testable import AcademyPlayer

@Suite("Editing notes in $EDITOR", .serialized)
struct NoteEditorTests {
    let request = NoteRequest(stepID: "s1", moduleID: "m1", text: "Eerste versie")

    /// A directory with an executable script `name` that runs `body` (sh) on the file "$f", its last argument.
    func script(_ name: String, _ body: String) throws -> (directory: String, path: String) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("academy-editor-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let path = "\(directory)/\(name)"
        try "#!/bin/sh\nfor f in \"$@\"; do :; done\n\(body)\n".write(toFile: path, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path)
        return (directory, path)
    }

    func run(_ environment: [String: String]) -> EffectResult {
        NoteEditor(environment: environment).edit(request) { ChildProcess.run($0, environment: environment).outcome }
    }

    @Test("The editor gets a file with the note; what it saves comes back")
    func edits() throws {
        let editor = try script("edit", "grep -q 'Eerste versie' \"$f\" || exit 3\nprintf 'Nieuwe tekst\\nmet twee regels\\n' > \"$f\"")
        defer { try? FileManager.default.removeItem(atPath: editor.directory) }
        let result = run(["EDITOR": "\(editor.path) --wait", "PATH": "/usr/bin:/bin", "TMPDIR": editor.directory])
        guard case let .noteEdited(_, text) = result else {
            Issue.record("expected an edited note, got \(result)")
            return
        }
        #expect(text == "Nieuwe tekst\nmet twee regels")
        let left = try FileManager.default.contentsOfDirectory(atPath: editor.directory).filter { $0.hasPrefix("academy-note") }
        #expect(left.isEmpty, "the temporary file is removed")
    }

    @Test("$VISUAL comes before $EDITOR")
    func visual() throws {
        let editor = try script("visual", "echo visueel > \"$f\"")
        defer { try? FileManager.default.removeItem(atPath: editor.directory) }
        let result = run(["VISUAL": editor.path, "EDITOR": "/nonexistent/editor", "PATH": "/usr/bin:/bin"])
        guard case let .noteEdited(_, text) = result else {
            Issue.record("expected an edited note, got \(result)")
            return
        }
        #expect(text == "visueel")
    }

    @Test("A missing $EDITOR says so and how to fix it")
    func missingEditor() {
        guard case let .noteFailed(_, message) = run(["EDITOR": "/nonexistent/editor", "PATH": "/usr/bin:/bin"]) else {
            Issue.record("expected a failure")
            return
        }
        #expect(
            message
                == "Notitie niet bewerkt: de editor '/nonexistent/editor' uit $EDITOR is niet gevonden: zet EDITOR op een editor die er is, zoals nano of vi"
        )
        guard case let .noteFailed(_, none) = run(["PATH": "/nonexistent"]) else {
            Issue.record("expected a failure")
            return
        }
        #expect(none == "Notitie niet bewerkt: geen editor gevonden: zet $EDITOR, bijvoorbeeld export EDITOR=nano")
    }

    @Test("An editor that fails keeps the text in its file and saves nothing")
    func failingEditor() throws {
        let editor = try script("fail", "echo 'half af' > \"$f\"\nexit 4")
        defer { try? FileManager.default.removeItem(atPath: editor.directory) }
        guard case let .noteFailed(_, message) = run(["EDITOR": editor.path, "PATH": "/usr/bin:/bin", "TMPDIR": editor.directory]) else {
            Issue.record("expected a failure")
            return
        }
        #expect(message.hasPrefix("De editor stopte met status 4; niets opgeslagen, je tekst staat in \(editor.directory)/academy-note-s1-"))
        let path = String(message[message.range(of: "staat in ")!.upperBound...])
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "half af\n")
    }

    @Test("A note over the limit is refused with the file kept")
    func tooLong() throws {
        let editor = try script("long", "head -c 10050 /dev/zero | tr '\\\\0' a > \"$f\"")
        defer { try? FileManager.default.removeItem(atPath: editor.directory) }
        guard case let .noteFailed(_, message) = run(["EDITOR": editor.path, "PATH": "/usr/bin:/bin", "TMPDIR": editor.directory]) else {
            Issue.record("expected a failure")
            return
        }
        #expect(message.hasPrefix("De notitie is te lang (10050 tekens, hooguit 10000)"))
    }
}
