public import AcademyContent
import Foundation

/// `academy modules`: the catalog as a table, or as JSON for scripts.
public struct ModulesCommand: Sendable {
    /// The content tree.
    public var contentRoot: String
    /// Whether to print JSON.
    public var isJSON: Bool
    /// The language for titles.
    public var language: String

    /// Creates the command.
    public init(contentRoot: String, isJSON: Bool, language: String) {
        self.contentRoot = contentRoot
        self.isJSON = isJSON
        self.language = language
    }

    /// One row of the table.
    struct Row: Encodable {
        var number: Int
        var id: String
        var title: String
        var videos: Int
        var duration: String
        var durationSeconds: Double
        var stepPlans: Int
        var steps: Int
        var estimatedMinutes: Int
    }

    /// Loads the content and prints the table; throws ``ContentLoadError`` when the content has errors.
    public func run() async throws(ContentLoadError) {
        let library = try await ContentLibrary.load(from: contentRoot)
        let rows = library.modules.map { module in
            Row(
                number: module.number,
                id: module.id,
                title: module.title.text(preferring: [language]),
                videos: module.videos.count,
                duration: module.totalDuration.clock,
                durationSeconds: module.totalDuration.seconds,
                stepPlans: module.stepPlans.count,
                steps: module.steps.count,
                estimatedMinutes: module.estimatedMinutes
            )
        }
        if isJSON {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            let data = (try? encoder.encode(rows)) ?? Data("[]".utf8)
            Output.standard(String(decoding: data, as: UTF8.self) + "\n")
            return
        }
        let style = TerminalStyle.forDescriptor(1)
        let table = TextTable(columns: [
            .init("#", alignment: .right), .init("id"), .init("title"), .init("videos", alignment: .right),
            .init("duration", alignment: .right), .init("step plans", alignment: .right),
        ])
        var lines = table.render(
            rows.map { [String($0.number), $0.id, $0.title, String($0.videos), $0.duration, String($0.stepPlans)] },
            headerStyle: style.bold
        )
        let total = library.modules.reduce(MediaDuration(milliseconds: 0)) { $0 + $1.totalDuration }
        lines.append(
            "\(library.modules.count) modules, \(library.videoCount) videos (\(total.clock)), "
                + "\(library.stepPlanCount) step plans with \(library.stepCount) steps"
        )
        Output.standard(lines.joined(separator: "\n") + "\n")
    }
}

/// A plain text table with padded columns.
public struct TextTable: Sendable {
    /// A column's heading and alignment.
    public struct Column: Sendable {
        /// Left or right.
        public enum Alignment: Sendable {
            case left
            case right
        }

        var heading: String
        var alignment: Alignment

        /// Creates a column.
        public init(_ heading: String, alignment: Alignment = .left) {
            self.heading = heading
            self.alignment = alignment
        }
    }

    var columns: [Column]

    /// Creates a table.
    public init(columns: [Column]) {
        self.columns = columns
    }

    /// The heading and rows as lines.
    public func render(_ rows: [[String]], headerStyle: (String) -> String = { $0 }) -> [String] {
        var widths = columns.map(\.heading.count)
        for row in rows {
            for (index, cell) in row.enumerated() where index < widths.count { widths[index] = max(widths[index], cell.count) }
        }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { index, cell in
                let pad = String(repeating: " ", count: widths[index] - cell.count)
                return columns[index].alignment == .right ? pad + cell : (index == cells.count - 1 ? cell : cell + pad)
            }.joined(separator: "  ")
        }
        return [headerStyle(line(columns.map(\.heading)))] + rows.map(line)
    }
}
