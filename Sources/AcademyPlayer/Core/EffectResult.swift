public import AcademyProgress

/// What came of an ``Effect``.
public enum EffectResult: Sendable {
    /// The events of a ``Effect/record(_:)`` are durably stored (or were stored before); `refused`
    /// holds the ones the content rules turned down.
    case recorded([ProgressEvent], refused: [EventError])
    /// The events could not be stored (disk full, data directory not writable): they are kept and
    /// sent again with the next record.
    case recordFailed([ProgressEvent], message: String)
    /// The learner's progress as the store has it now (another process may have added to it).
    case progressLoaded(LearnerProgress)
    /// The outside video player finished (or could not start).
    case videoClosed(VideoRequest, VideoOutcome)
    /// The note editor finished with this text.
    case noteEdited(NoteRequest, text: String)
    /// The note could not be edited; the message says why and where the text is kept.
    case noteFailed(NoteRequest, message: String)
    /// Sending to the server went as this says (remote mode).
    case synchronized(SyncStatus)
}

/// How a visit to the outside video player went.
public enum VideoOutcome: Sendable, Hashable {
    /// The player ran for this many seconds and exited normally.
    case watched(seconds: Double)
    /// The player failed: it exited with a non-zero status or could not be started.
    case failed(String)
    /// There is no player (or no video file) here; the message names the file or URL to open elsewhere.
    case unavailable(String)
}
