import AcademyContent

extension LibraryCodec {
    /// Appends the binary form of the content model.
    struct Writer {
        var bytes: [UInt8] = []

        mutating func count(_ value: Int) {
            var rest = UInt64(max(0, value))
            while rest >= 0x80 {
                bytes.append(UInt8(rest & 0x7F) | 0x80)
                rest >>= 7
            }
            bytes.append(UInt8(rest))
        }

        mutating func integer(_ value: Int) {
            // Zig-zag, so small negative numbers stay short.
            count(Int(bitPattern: UInt(bitPattern: (value << 1) ^ (value >> 63))))
        }

        mutating func double(_ value: Double) {
            withUnsafeBytes(of: value.bitPattern.littleEndian) { bytes.append(contentsOf: $0) }
        }

        mutating func flag(_ value: Bool) { bytes.append(value ? 1 : 0) }

        mutating func string(_ value: String) {
            var value = value
            value.withUTF8 { utf8 in
                count(utf8.count)
                bytes.append(contentsOf: utf8)
            }
        }

        mutating func optional(_ value: String?) {
            flag(value != nil)
            if let value { string(value) }
        }

        mutating func strings(_ values: [String]) {
            count(values.count)
            for value in values { string(value) }
        }

        mutating func text(_ value: LocalizedText) {
            string(value.primaryLanguage)
            let translations = value.translations
            count(translations.count)
            for (language, text) in translations.sorted(by: { $0.key < $1.key }) {
                string(language)
                string(text)
            }
        }

        mutating func optionalText(_ value: LocalizedText?) {
            flag(value != nil)
            if let value { text(value) }
        }

        mutating func academy(_ academy: Academy) {
            string(academy.id)
            integer(academy.version)
            string(academy.language)
            text(academy.title)
            text(academy.summary)
            for items in [academy.coreValues, academy.instruments] {
                count(items.count)
                for item in items {
                    string(item.id)
                    text(item.title)
                    optionalText(item.summary)
                }
            }
            count(academy.moduleEntries.count)
            for entry in academy.moduleEntries {
                string(entry.id)
                string(entry.folder)
            }
            count(academy.tracks.count)
            for track in academy.tracks {
                string(track.id)
                text(track.title)
                optionalText(track.summary)
                optional(track.role?.rawValue)
                optional(track.schoolType?.rawValue)
                strings(track.moduleIDs)
            }
        }

        mutating func module(_ module: Module) {
            string(module.id)
            integer(module.number)
            integer(module.version)
            string(module.language)
            string(module.folder)
            text(module.title)
            text(module.summary)
            strings(module.instrumentIDs)
            strings(module.audience.map(\.rawValue))
            integer(module.estimatedMinutes)
            strings(module.requiredModuleIDs)
            count(module.videos.count)
            for video in module.videos { self.video(video) }
            count(module.stepPlans.count)
            for plan in module.stepPlans { stepPlan(plan) }
            double(module.completion.videoThreshold)
            switch module.completion.videos {
            case .all: integer(-1)
            case .none: integer(-2)
            case let .atLeast(minimum): integer(max(0, minimum))
            }
            string(module.completion.steps.rawValue)
        }

        mutating func video(_ video: Video) {
            string(video.id)
            string(video.moduleID)
            integer(video.duration.milliseconds)
            text(video.title)
            text(video.summary)
            count(video.sources.count)
            for source in video.sources {
                string(source.src)
                string(source.type)
            }
            optional(video.poster)
            for tracks in [video.captions, video.chapters] {
                count(tracks.count)
                for track in tracks {
                    string(track.language)
                    string(track.src)
                    count(track.cues.count)
                    for cue in track.cues {
                        optional(cue.identifier)
                        integer(cue.start.milliseconds)
                        integer(cue.end.milliseconds)
                        string(cue.settings)
                        string(cue.text)
                    }
                }
            }
        }

        mutating func stepPlan(_ plan: StepPlan) {
            string(plan.id)
            text(plan.title)
            optionalText(plan.summary)
            count(plan.steps.count)
            for step in plan.steps {
                string(step.id)
                text(step.title)
                text(step.body)
                string(step.role.rawValue)
                integer(step.minutes)
                flag(step.isOptional)
                count(step.needs.count)
                for need in step.needs { text(need) }
                count(step.videoMoments.count)
                for moment in step.videoMoments {
                    string(moment.videoID)
                    integer(moment.at.milliseconds)
                }
            }
        }
    }
}
