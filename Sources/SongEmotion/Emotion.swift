/// The six emotions sung in the RAVDESS song corpus. The raw value is the file-name
/// code (01-06); `label` is the class index the models use (code - 1), as in the
/// original tutorial's `y.npy`.
public enum Emotion: Int, CaseIterable, Sendable, CustomStringConvertible {
    case neutral = 1, calm, happy, sad, angry, fearful

    /// Class index 0-5.
    public var label: Int { rawValue - 1 }

    /// The emotion with class index `label` (0-5), or nil.
    public init?(label: Int) { self.init(rawValue: label + 1) }

    /// Lower-case English name, as the RAVDESS documentation spells it.
    public var name: String {
        switch self {
        case .neutral: return "neutral"
        case .calm: return "calm"
        case .happy: return "happy"
        case .sad: return "sad"
        case .angry: return "angry"
        case .fearful: return "fearful"
        }
    }

    public var description: String { name }

    /// Names in label order, for table headers and confusion matrices.
    public static let names: [String] = allCases.map(\.name)
}

/// How strongly the emotion is expressed. Neutral is only ever sung at normal intensity.
public enum Intensity: Int, Sendable {
    case normal = 1, strong
}

/// Which of the two sung sentences the recording holds.
public enum Statement: Int, Sendable {
    /// "Kids are talking by the door"
    case kids = 1
    /// "Dogs are sitting by the door"
    case dogs
}

/// The actor's sex, which RAVDESS encodes in the actor number's parity.
public enum Sex: String, Sendable {
    case male, female
}
