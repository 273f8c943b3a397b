import AcademyContent

extension LibraryCodec {
    /// Reads the binary form back, checking every length against the bytes there are.
    struct Reader {
        let buffer: UnsafeBufferPointer<UInt8>
        var offset = 0

        var isAtEnd: Bool { offset == buffer.count }

        mutating func byte() throws(CacheError) -> UInt8 {
            guard offset < buffer.count else { throw CacheError() }
            defer { offset += 1 }
            return buffer[offset]
        }

        mutating func count() throws(CacheError) -> Int {
            var value: UInt64 = 0
            var shift: UInt64 = 0
            while true {
                let next = try byte()
                value |= UInt64(next & 0x7F) << shift
                if next & 0x80 == 0 { break }
                shift += 7
                guard shift < 63 else { throw CacheError() }
            }
            guard value <= UInt64(buffer.count) * 8 + 64 else { throw CacheError() }
            return Int(value)
        }

        mutating func integer() throws(CacheError) -> Int {
            var value: UInt64 = 0
            var shift: UInt64 = 0
            while true {
                let next = try byte()
                value |= UInt64(next & 0x7F) << shift
                if next & 0x80 == 0 { break }
                shift += 7
                guard shift < 64 else { throw CacheError() }
            }
            let raw = Int(bitPattern: UInt(value))
            return (raw >> 1) ^ -(raw & 1)
        }

        mutating func fixed() throws(CacheError) -> UInt64 {
            guard offset + 8 <= buffer.count else { throw CacheError() }
            var bits: UInt64 = 0
            for index in 0..<8 { bits |= UInt64(buffer[offset + index]) << (8 * UInt64(index)) }
            offset += 8
            return bits
        }

        mutating func double() throws(CacheError) -> Double {
            Double(bitPattern: try fixed())
        }

        mutating func flag() throws(CacheError) -> Bool {
            switch try byte() {
            case 0: return false
            case 1: return true
            default: throw CacheError()
            }
        }

        mutating func string() throws(CacheError) -> String {
            let length = try count()
            guard offset + length <= buffer.count else { throw CacheError() }
            defer { offset += length }
            return String(decoding: UnsafeBufferPointer(rebasing: buffer[offset..<(offset + length)]), as: UTF8.self)
        }

        mutating func optional() throws(CacheError) -> String? {
            try flag() ? try string() : nil
        }

        mutating func strings() throws(CacheError) -> [String] {
            let count = try count()
            var values: [String] = []
            values.reserveCapacity(count)
            for _ in 0..<count { values.append(try string()) }
            return values
        }

        mutating func list<T>(_ item: (inout Reader) throws(CacheError) -> T) throws(CacheError) -> [T] {
            let count = try count()
            var values: [T] = []
            values.reserveCapacity(count)
            for _ in 0..<count { values.append(try item(&self)) }
            return values
        }

        mutating func text() throws(CacheError) -> LocalizedText {
            let primary = try string()
            let count = try count()
            var translations: [String: String] = [:]
            for _ in 0..<count {
                let language = try string()
                translations[language] = try string()
            }
            return LocalizedText(translations[primary] ?? "", language: primary, translations: translations)
        }

        mutating func optionalText() throws(CacheError) -> LocalizedText? {
            try flag() ? try text() : nil
        }

        mutating func role() throws(CacheError) -> Role {
            guard let role = Role(rawValue: try string()) else { throw CacheError() }
            return role
        }

        mutating func academy() throws(CacheError) -> Academy {
            let id = try string()
            let version = try integer()
            let language = try string()
            let title = try text()
            let summary = try text()
            let item = { (reader: inout Reader) throws(CacheError) -> CatalogItem in
                CatalogItem(id: try reader.string(), title: try reader.text(), summary: try reader.optionalText())
            }
            let coreValues = try list(item)
            let instruments = try list(item)
            let entries = try list { (reader: inout Reader) throws(CacheError) in ModuleEntry(id: try reader.string(), folder: try reader.string()) }
            let tracks = try list { (reader: inout Reader) throws(CacheError) -> Track in
                let id = try reader.string()
                let title = try reader.text()
                let summary = try reader.optionalText()
                let role = try reader.optional().map { (raw: String) throws(CacheError) -> Role in
                    guard let role = Role(rawValue: raw) else { throw CacheError() }
                    return role
                }
                let schoolType = try reader.optional().map { (raw: String) throws(CacheError) -> SchoolType in
                    guard let type = SchoolType(rawValue: raw) else { throw CacheError() }
                    return type
                }
                return Track(id: id, title: title, summary: summary, role: role, schoolType: schoolType, moduleIDs: try reader.strings())
            }
            return Academy(
                id: id,
                version: version,
                language: language,
                title: title,
                summary: summary,
                coreValues: coreValues,
                instruments: instruments,
                moduleEntries: entries,
                tracks: tracks
            )
        }

        mutating func module() throws(CacheError) -> Module {
            let id = try string()
            let number = try integer()
            let version = try integer()
            let language = try string()
            let folder = try string()
            let title = try text()
            let summary = try text()
            let instruments = try strings()
            let audience = try list { (reader: inout Reader) throws(CacheError) in try reader.role() }
            let minutes = try integer()
            let required = try strings()
            let videos = try list { (reader: inout Reader) throws(CacheError) in try reader.video() }
            let plans = try list { (reader: inout Reader) throws(CacheError) in try reader.stepPlan() }
            let threshold = try double()
            let videoRule: CompletionRule.VideoRequirement
            switch try integer() {
            case -1: videoRule = .all
            case -2: videoRule = .none
            case let minimum where minimum >= 0: videoRule = .atLeast(minimum)
            default: throw CacheError()
            }
            guard let stepRule = CompletionRule.StepRequirement(rawValue: try string()) else { throw CacheError() }
            return Module(
                id: id,
                number: number,
                version: version,
                language: language,
                folder: folder,
                title: title,
                summary: summary,
                instrumentIDs: instruments,
                audience: audience,
                estimatedMinutes: minutes,
                requiredModuleIDs: required,
                videos: videos,
                stepPlans: plans,
                completion: CompletionRule(videoThreshold: threshold, videos: videoRule, steps: stepRule)
            )
        }

        mutating func video() throws(CacheError) -> Video {
            let id = try string()
            let moduleID = try string()
            let duration = MediaDuration(milliseconds: try integer())
            let title = try text()
            let summary = try text()
            let sources = try list { (reader: inout Reader) throws(CacheError) in MediaSource(src: try reader.string(), type: try reader.string()) }
            let poster = try optional()
            let track = { (reader: inout Reader) throws(CacheError) -> TextTrack in
                let language = try reader.string()
                let src = try reader.string()
                let cues = try reader.list { (reader: inout Reader) throws(CacheError) -> Cue in
                    Cue(
                        identifier: try reader.optional(),
                        start: MediaDuration(milliseconds: try reader.integer()),
                        end: MediaDuration(milliseconds: try reader.integer()),
                        settings: try reader.string(),
                        text: try reader.string()
                    )
                }
                return TextTrack(language: language, src: src, cues: cues)
            }
            let captions = try list(track)
            let chapters = try list(track)
            return Video(
                id: id,
                moduleID: moduleID,
                duration: duration,
                title: title,
                summary: summary,
                sources: sources,
                poster: poster,
                captions: captions,
                chapters: chapters
            )
        }

        mutating func stepPlan() throws(CacheError) -> StepPlan {
            let id = try string()
            let title = try text()
            let summary = try optionalText()
            let steps = try list { (reader: inout Reader) throws(CacheError) -> Step in
                Step(
                    id: try reader.string(),
                    title: try reader.text(),
                    body: try reader.text(),
                    role: try reader.role(),
                    minutes: try reader.integer(),
                    isOptional: try reader.flag(),
                    needs: try reader.list { (reader: inout Reader) throws(CacheError) in try reader.text() },
                    videoMoments: try reader.list { (reader: inout Reader) throws(CacheError) in
                        VideoMoment(videoID: try reader.string(), at: MediaDuration(milliseconds: try reader.integer()))
                    }
                )
            }
            return StepPlan(id: id, title: title, summary: summary, steps: steps)
        }
    }
}
