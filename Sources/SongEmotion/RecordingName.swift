/// The seven fields of a RAVDESS song file name, `03-02-EE-II-SS-RR-AA`:
/// modality (03, audio only), vocal channel (02, song), emotion (01-06), intensity
/// (01 normal, 02 strong; neutral has no strong), statement (01, 02), repetition
/// (01, 02) and actor (01-24; odd actors are male, even female).
public struct RecordingName: Hashable, Sendable {
    public let emotion: Emotion
    public let intensity: Intensity
    public let statement: Statement
    /// 1 or 2.
    public let repetition: Int
    /// 1-24.
    public let actor: Int

    public var sex: Sex { actor % 2 == 1 ? .male : .female }

    /// The name's stem, e.g. `03-02-01-01-01-01-01`.
    public var stem: String {
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return ["03", "02", two(emotion.rawValue), two(intensity.rawValue),
                two(statement.rawValue), two(repetition), two(actor)].joined(separator: "-")
    }

    public init(emotion: Emotion, intensity: Intensity, statement: Statement,
                repetition: Int, actor: Int) {
        self.emotion = emotion
        self.intensity = intensity
        self.statement = statement
        self.repetition = repetition
        self.actor = actor
    }

    /// Parses a file name (a path's last component; the extension is ignored).
    /// - Parameter file: how errors name the file (defaults to `fileName`).
    /// - Throws: `RecordingNameError` naming the file and the first field that is wrong.
    public init(parsing fileName: String, file: String? = nil) throws {
        let file = file ?? fileName
        let base = fileName.split(separator: "/", omittingEmptySubsequences: false).last.map(String.init) ?? fileName
        let stem = base.firstIndex(of: ".").map { String(base[..<$0]) } ?? base
        let parts = stem.split(separator: "-", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 7 else {
            throw RecordingNameError(file: file, field: .layout, value: stem,
                                     reason: "has \(parts.count) dash-separated fields; RAVDESS names have 7 (03-02-EE-II-SS-RR-AA)")
        }
        func number(_ field: RecordingNameError.Field, _ index: Int) throws -> Int {
            let text = parts[index]
            guard text.count == 2, text.allSatisfy({ $0 >= "0" && $0 <= "9" }), let value = Int(text) else {
                throw RecordingNameError(file: file, field: field, value: text, reason: "is not a two-digit number")
            }
            return value
        }
        func fail(_ field: RecordingNameError.Field, _ index: Int, _ reason: String) -> RecordingNameError {
            RecordingNameError(file: file, field: field, value: parts[index], reason: reason)
        }

        switch try number(.modality, 0) {
        case 3: break
        case 1: throw fail(.modality, 0, "means full audio-video; the song corpus is audio-only (03)")
        case 2: throw fail(.modality, 0, "means video-only; the song corpus is audio-only (03)")
        default: throw fail(.modality, 0, "is not a RAVDESS modality (01-03); audio-only is 03")
        }
        switch try number(.vocalChannel, 1) {
        case 2: break
        case 1: throw fail(.vocalChannel, 1, "means speech; this is the song corpus (02)")
        default: throw fail(.vocalChannel, 1, "is not a RAVDESS vocal channel (01 speech, 02 song)")
        }
        let emotionCode = try number(.emotion, 2)
        guard let emotion = Emotion(rawValue: emotionCode) else {
            let reason = (7...8).contains(emotionCode)
                ? "(\(emotionCode == 7 ? "disgust" : "surprised")) occurs only in speech; song emotions are 01-06"
                : "is not a song emotion (01-06: \(Emotion.names.joined(separator: ", ")))"
            throw fail(.emotion, 2, reason)
        }
        guard let intensity = Intensity(rawValue: try number(.intensity, 3)) else {
            throw fail(.intensity, 3, "is not an intensity (01 normal, 02 strong)")
        }
        if emotion == .neutral && intensity == .strong {
            throw fail(.intensity, 3, "(strong) does not occur with emotion 01 (neutral)")
        }
        guard let statement = Statement(rawValue: try number(.statement, 4)) else {
            throw fail(.statement, 4, "is not a statement (01 or 02)")
        }
        let repetition = try number(.repetition, 5)
        guard (1...2).contains(repetition) else {
            throw fail(.repetition, 5, "is not a repetition (01 or 02)")
        }
        let actor = try number(.actor, 6)
        guard (1...24).contains(actor) else {
            throw fail(.actor, 6, "is not an actor (01-24)")
        }
        self.init(emotion: emotion, intensity: intensity, statement: statement,
                  repetition: repetition, actor: actor)
    }
}

/// A file name that is not a RAVDESS song name: which file, which field, and why.
public struct RecordingNameError: Error, Equatable, CustomStringConvertible {
    public enum Field: String, Sendable {
        case layout = "name", modality, vocalChannel = "vocal channel", emotion, intensity,
             statement, repetition, actor
    }
    public let file: String
    public let field: Field
    public let value: String
    public let reason: String

    public var description: String {
        "\(file): \(field.rawValue) '\(value)' \(reason)"
    }
}
