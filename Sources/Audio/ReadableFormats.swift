import CSndFile

/// The audio container formats the linked libsndfile can decode, as libsndfile itself
/// reports them (so a libsndfile built with MP3 or Opus support widens the list without
/// a change here).
public enum ReadableFormats {
    /// Lower-case file-name extensions (no dot) of every major and "simple" format the
    /// linked libsndfile knows, e.g. `wav`, `flac`, `aiff`, `ogg`.
    public static let fileExtensions: Set<String> = queryExtensions().union(spellings).subtracting(headerless)

    /// Other spellings of formats libsndfile reads whose list it leaves out: it names
    /// AIFF `aiff` and WAV `wav`, but opens `.aif`, `.wave`, `.snd` (AU) and `.gsm` alike.
    static let spellings: Set<String> = ["aif", "wave", "snd", "gsm"]

    /// A format libsndfile lists but cannot open from the file alone: raw PCM carries no
    /// header saying its rate and encoding, so a folder's `.raw` file would stop a run
    /// instead of being left out.
    static let headerless: Set<String> = ["raw"]

    /// Whether a file name ends in an extension libsndfile reads (case-insensitive).
    public static func isReadable(fileName: String) -> Bool {
        guard let dot = fileName.lastIndex(of: "."), dot != fileName.startIndex else { return false }
        return fileExtensions.contains(fileName[fileName.index(after: dot)...].lowercased())
    }

    private static func queryExtensions() -> Set<String> {
        var result = Set<String>()
        // Major formats (containers) and simple formats (container + encoding presets)
        // carry different spellings of some extensions, e.g. "oga" and "ogg"; take both.
        for (countCommand, itemCommand) in [(SFC_GET_FORMAT_MAJOR_COUNT, SFC_GET_FORMAT_MAJOR),
                                            (SFC_GET_SIMPLE_FORMAT_COUNT, SFC_GET_SIMPLE_FORMAT)] {
            var count: Int32 = 0
            sf_command(nil, Int32(countCommand), &count, Int32(MemoryLayout<Int32>.size))
            for index in 0..<max(count, 0) {
                var info = SF_FORMAT_INFO()
                info.format = index
                guard sf_command(nil, Int32(itemCommand), &info,
                                 Int32(MemoryLayout<SF_FORMAT_INFO>.size)) == 0,
                      let ext = info.extension else { continue }
                let text = String(cString: ext).lowercased()
                if !text.isEmpty { result.insert(text) }
            }
        }
        return result
    }
}
