import SongEmotion

/// What `train` tells the user about features that are not the recipe's 386 columns, when
/// it was not given their `--extra` list: `predict` rebuilds the model for the recipe's
/// columns and its `--extra` groups, so it can use the weights only when some `--extra`
/// list gives the same width, and it can check which list only when train recorded it.
enum FeatureWidthNote {
    /// The note for a features file of `columns` columns, or nil for the recipe's 386.
    /// Lines stay short for an 80-column terminal; only the path may make the first longer.
    static func note(features: String, columns: Int) -> String? {
        guard columns != FeatureRecipe.count else { return nil }
        guard extractable(columns) else {
            return "note: \(features) has \(columns) columns; the model takes \(columns) inputs.\n"
                + "No --extra list gives \(columns) columns (the recipe's \(FeatureRecipe.count) and the --extra\n"
                + "groups' means and deviations), so `notebook predict` cannot use these weights."
        }
        return "note: \(features) has \(columns) columns, \(columns - FeatureRecipe.count) more than the recipe's "
            + "\(FeatureRecipe.count).\n"
            + "To use these weights, give `notebook predict` the --extra list the features\n"
            + "were extracted with, in the same order. Give train that list too (--extra),\n"
            + "and predict will refuse another; without it, it cannot tell one of that width."
    }

    /// Whether the recipe with some list of extras has `columns` columns (the order of the
    /// list does not change the width, so every subset is tried: 2^8 of them).
    static func extractable(_ columns: Int) -> Bool {
        let all = FeatureExtra.allCases
        return (0..<(1 << all.count)).contains { subset in
            FeatureRecipe.count(extras: all.indices.filter { subset & (1 << $0) != 0 }.map { all[$0] }) == columns
        }
    }
}
