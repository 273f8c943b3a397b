/// The keys of each screen, for the `?` overlay and the footer. Dutch, with English in parentheses.
public enum HelpText {
    /// One key (or keys) and what it does.
    public struct Entry: Sendable, Hashable {
        /// The keys, as shown: "↑/↓ k/j".
        public var keys: String
        /// What they do.
        public var action: String
    }

    /// Every key of a screen.
    public static func entries(for route: Route) -> [Entry] {
        let list = [
            Entry(keys: "↑/↓  k/j", action: "vorige/volgende (previous/next)"),
            Entry(keys: "PgUp/PgDn", action: "een pagina omhoog/omlaag (page)"),
            Entry(keys: "Home/End  g/G", action: "eerste/laatste (first/last)"),
        ]
        let common = [
            Entry(keys: "?", action: "deze hulp (help)"),
            Entry(keys: "Ctrl-C", action: "stoppen; voortgang blijft bewaard (quit)"),
            Entry(keys: "Ctrl-Z", action: "naar de achtergrond; fg gaat verder (suspend)"),
        ]
        switch route {
        case .catalog:
            return list + [
                Entry(keys: "Enter  →  l", action: "module openen (open)"),
                Entry(keys: "v", action: "verder waar je was (continue)"),
                Entry(keys: "/", action: "zoeken; Enter klaar, Esc wissen (search)"),
                Entry(keys: "t / T", action: "volgende/vorige leerlijn (track)"),
                Entry(keys: "Esc", action: "zoekopdracht wissen (clear search)"),
                Entry(keys: "q", action: "stoppen (quit)"),
            ] + common
        case .module:
            return list + [
                Entry(keys: "Enter  →  l", action: "video of stappenplan openen (open)"),
                Entry(keys: "o", action: "video in een videospeler (open in player)"),
                Entry(keys: "q  Esc  ←", action: "terug (back)"),
            ] + common
        case .video:
            return [
                Entry(keys: "spatie", action: "afspelen/pauze (play/pause)"),
                Entry(keys: "← / →", action: "10 s terug/vooruit (seek)"),
                Entry(keys: "[ / ]", action: "vorig/volgend hoofdstuk (chapter)"),
                Entry(keys: "+ / -", action: "sneller/langzamer (speed)"),
                Entry(keys: "Home  0", action: "naar het begin (start)"),
                Entry(keys: "t", action: "hele transcript aan/uit (transcript)"),
                Entry(keys: "o", action: "video in een videospeler, vanaf hier (open in player)"),
                Entry(keys: "q  Esc", action: "terug; gekeken tijd wordt bewaard (back)"),
            ] + common
        case .stepPlan:
            return list + [
                Entry(keys: "spatie  x", action: "afvinken aan/uit, meteen bewaard (check)"),
                Entry(keys: "n", action: "notitie bewerken in $EDITOR (note)"),
                Entry(keys: "Enter  →  l", action: "video bij de stap (video moment)"),
                Entry(keys: "1-9", action: "de zoveelste video bij de stap"),
                Entry(keys: "q  Esc  ←", action: "terug (back)"),
            ] + common
        }
    }

    /// The few keys in the footer, most important first; the renderer drops from the end.
    static func footer(for route: Route) -> [String] {
        switch route {
        case .catalog: ["Enter open", "v verder", "/ zoek", "t leerlijn", "q stop", "? hulp"]
        case .module: ["Enter open", "o videospeler", "q terug", "? hulp"]
        case .video: ["spatie pauze", "←→ 10 s", "[ ] hoofdstuk", "o videospeler", "+- snelheid", "t transcript", "q terug", "? hulp"]
        case .stepPlan: ["spatie afvinken", "n notitie", "Enter video", "q terug", "? hulp"]
        }
    }

    /// The screen's name in the overlay's title.
    static func title(for route: Route) -> String {
        switch route {
        case .catalog: "Toetsen: overzicht"
        case .module: "Toetsen: module"
        case .video: "Toetsen: video"
        case .stepPlan: "Toetsen: stappenplan"
        }
    }
}
