/// What the reports say of a value whose cache entry was there but could not be used: one
/// phrase for the terminal (`TerminalReport.unusedEntries`) and the site page (`StepHTML`),
/// so that the two say the same thing.
extension CacheUse {
    /// "cache entry values/…/v-….npy could not be used, so 'v' was computed again and
    /// stored: the file is empty"; nil when the entry was used or there was none.
    var unusedEntryNote: String? {
        guard let reason = entryNotUsed else { return nil }
        return "cache entry \(file ?? name) could not be used, so '\(name)' was computed again and stored: \(reason)"
    }
}
