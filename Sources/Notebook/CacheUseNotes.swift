/// What the reports say of a value the cache could not serve or keep: one phrase for the
/// terminal (`TerminalReport.cacheNotes`) and the site page (`StepHTML`), so that the
/// two say the same thing.
extension CacheUse {
    /// "cache entry values/…/v-….npy could not be used, so 'v' was computed again and
    /// stored: the file is empty"; nil when the entry was used or there was none.
    var unusedEntryNote: String? {
        guard let reason = entryNotUsed else { return nil }
        let again = notStored == nil ? "computed again and stored" : "computed again"
        return "cache entry \(file ?? name) could not be used, so '\(name)' was \(again): \(reason)"
    }

    /// "'v' was computed but could not be stored, so the next run computes it again: …";
    /// nil when it was stored or loaded.
    var notStoredNote: String? {
        guard let reason = notStored else { return nil }
        return "'\(name)' was computed but could not be stored in the cache, so the next run computes it again: \(reason)"
    }

    /// Both notes that apply, in that order.
    var notes: [String] { [unusedEntryNote, notStoredNote].compactMap { $0 } }
}
