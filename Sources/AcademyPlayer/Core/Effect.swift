public import AcademyProgress

/// Work the core asks the backend to do; the core itself does no I/O. Effects are carried out in
/// order, and their results come back as ``PlayerEvent/result(_:)``.
public enum Effect: Sendable, Hashable {
    /// Store these progress events (validated, then durable).
    case record([ProgressEvent])
    /// Read the learner's progress again (the server may share the data directory).
    case reloadProgress
    /// Open the video in the outside player at a start time, and report how long it ran.
    case openVideo(VideoRequest)
    /// Let the learner edit a step's note in `$EDITOR`.
    case editNote(NoteRequest)
    /// Send what waits to the server (remote mode), without holding up the screen: the result
    /// comes back as ``EffectResult/synchronized(_:)``.
    case synchronize
    /// Give the terminal back and stop the process until the shell continues it (Ctrl-Z).
    case suspend
    /// Stop the player (after the effects before it).
    case quit
}

/// A video to open in the outside player.
public struct VideoRequest: Sendable, Hashable {
    /// The video.
    public var videoID: String
    /// Its module (the media folder is named after it).
    public var moduleID: String
    /// Where to start, in seconds.
    public var start: Double

    /// Creates a request.
    public init(videoID: String, moduleID: String, start: Double) {
        self.videoID = videoID
        self.moduleID = moduleID
        self.start = start
    }
}

/// A step note to edit.
public struct NoteRequest: Sendable, Hashable {
    /// The step.
    public var stepID: String
    /// The step's module.
    public var moduleID: String
    /// The note as it is now (empty: none).
    public var text: String

    /// Creates a request.
    public init(stepID: String, moduleID: String, text: String) {
        self.stepID = stepID
        self.moduleID = moduleID
        self.text = text
    }
}
