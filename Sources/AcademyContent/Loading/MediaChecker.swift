import AcademyXML
import Foundation

/// Checks a video's media files: present in the media directory (or beside the manifest), and,
/// where `ffprobe` is installed, as long as the manifest says.
struct MediaChecker {
    let paths: ContentPaths
    let mediaDirectory: String
    let options: ContentLoadOptions

    /// The largest difference between a declared duration and the file's that is accepted.
    static let durationTolerance = 1.0

    func check(
        _ video: Video,
        moduleID: String,
        folder: String,
        lines: VideoLines,
        file: String,
        declaredDuration: MediaDuration?
    ) -> [Finding] {
        var findings: [Finding] = []
        var referenced: [(src: String, line: Int, isVideo: Bool)] = zip(video.sources, lines.sources).map { ($0.src, $1, true) }
        if let poster = video.poster, let posterLine = lines.poster {
            referenced.append((poster, posterLine, false))
        }
        for item in referenced {
            guard let path = Self.locate(item.src, moduleID: moduleID, folder: folder, mediaDirectory: mediaDirectory, paths: paths) else {
                let message = "media file '\(item.src)' not found in \(ContentPaths.join([mediaDirectory, moduleID])) or beside the manifest: "
                    + "generate it with Scripts/make-sample-media, copy it there, or correct src"
                findings.append(Finding(.error, "M001", message, file: file, line: item.line, anchor: .attribute("src", value: item.src)))
                continue
            }
            guard item.isVideo, let declaredDuration, let ffprobe = options.ffprobePath else { continue }
            switch Self.probeDuration(of: path, ffprobe: ffprobe) {
            case let .success(seconds):
                if abs(seconds - declaredDuration.seconds) > Self.durationTolerance {
                    let actual = MediaDuration(seconds: seconds)
                    let message = "'\(item.src)' lasts \(actual.iso8601) (\(seconds.formatted1) s), but the video declares \(declaredDuration.iso8601): "
                        + "correct the duration attribute or the media file"
                    findings.append(Finding(.error, "M002", message, file: file, line: lines.video, anchor: .attribute("duration", value: nil)))
                }
            case let .failure(reason):
                let message = "ffprobe cannot read '\(item.src)' (\(path)): \(reason); replace the file with a playable one"
                findings.append(Finding(.error, "M003", message, file: file, line: item.line, anchor: .attribute("src", value: item.src)))
            }
        }
        return findings
    }

    /// Where the file named `src` in module `moduleID` is: the module's folder in the media
    /// directory first, then the module's own folder.
    static func locate(_ src: String, moduleID: String, folder: String, mediaDirectory: String?, paths: ContentPaths) -> String? {
        if let mediaDirectory {
            let inMedia = ContentPaths.join([mediaDirectory, moduleID, src])
            if isRegularFile(inMedia) { return inMedia }
        }
        let beside = paths.path(folder, src)
        return isRegularFile(beside) ? beside : nil
    }

    private static func isRegularFile(_ path: String) -> Bool {
        var status = stat()
        return stat(path, &status) == 0 && (status.st_mode & S_IFMT) == S_IFREG
    }

    /// The duration that ffprobe reports for the file, in seconds.
    static func probeDuration(of path: String, ffprobe: String) -> Result<Double, ProbeFailure> {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: ffprobe)
        process.arguments = ["-v", "error", "-show_entries", "format=duration", "-of", "default=noprint_wrappers=1:nokey=1", path]
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        do {
            try process.run()
        } catch {
            return .failure(ProbeFailure(reason: "cannot run \(ffprobe): \(error)"))
        }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let errorData = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let text = String(decoding: data, as: UTF8.self).trimmingWhitespace
        guard process.terminationStatus == 0, let seconds = Double(text) else {
            let reason = String(decoding: errorData, as: UTF8.self).trimmingWhitespace
            return .failure(ProbeFailure(reason: reason.isEmpty ? "no duration found" : reason))
        }
        return .success(seconds)
    }

    struct ProbeFailure: Error {
        var reason: String
    }
}
