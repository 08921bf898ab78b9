import Foundation

/// Speaker normalisation: every feature of a recording measured against its own speaker's
/// usual value. Each column of a speaker's rows has that speaker's mean subtracted and is
/// divided by that speaker's standard deviation (the population one, NumPy's default
/// `std`), so what remains is how a recording differs from its singer's other recordings,
/// not how the singer's voice differs from other voices.
///
/// The statistics use no labels, but they do need several recordings of every speaker,
/// test speakers included, before any of them can be judged; and they take a speaker's
/// average to be their neutral point, which holds when each speaker's recordings cover
/// the emotions about evenly (as in RAVDESS, where everyone sings every emotion equally
/// often). `statisticsRows` lets the statistics come from some of a speaker's rows only,
/// to see what happens when that does not hold.
public struct SpeakerNormalization: Sendable {
    /// One speaker's column means and the divisors applied (their standard deviations,
    /// with 1 where a column does not vary within the speaker's rows: it is only centred).
    public struct Statistics: Sendable, Equatable {
        public let mean: [Double]
        public let scale: [Double]

        /// Statistics kept from an earlier computation (e.g. a saved enrolment).
        /// - Throws: `SpeakerNormalizationError.badStatistics` unless the two have the same
        ///   length, every mean is finite and every scale finite and positive.
        public init(mean: [Double], scale: [Double]) throws {
            guard mean.count == scale.count, mean.allSatisfy(\.isFinite), scale.allSatisfy({ $0.isFinite && $0 > 0 }) else {
                throw SpeakerNormalizationError.badStatistics(
                    "\(mean.count) means and \(scale.count) scales; each mean must be finite, each scale finite and above 0")
            }
            self.mean = mean
            self.scale = scale
        }

        fileprivate init(checkedMean mean: [Double], scale: [Double]) {
            self.mean = mean
            self.scale = scale
        }
    }

    public let columns: Int
    public let statistics: [Int: Statistics]

    /// Statistics of each speaker's rows of `rows` (row-major, `columns` values each).
    ///
    /// - Parameters:
    ///   - speakers: the speaker of each row.
    ///   - statisticsRows: the rows to take the statistics from (default: all); a speaker
    ///     with none of these rows gets no statistics, and `apply` refuses their rows.
    /// - Throws: `SpeakerNormalizationError` for counts that do not fit together, a row
    ///   index out of range, or a value that is not finite (named by row and column).
    public init(rows: [Double], columns: Int, speakers: [Int], statisticsRows: [Int]? = nil) throws {
        let rowCount = try Self.checkShape(rows, columns: columns, speakers: speakers)
        if let bad = rows.firstIndex(where: { !$0.isFinite }) {
            throw SpeakerNormalizationError.notFinite(row: bad / columns, column: bad % columns)
        }
        let chosen = statisticsRows ?? Array(0..<rowCount)
        if let outside = chosen.first(where: { !(0..<rowCount).contains($0) }) {
            throw SpeakerNormalizationError.rowOutOfRange(outside, rows: rowCount)
        }
        var rowsOfSpeaker: [Int: [Int]] = [:]
        for row in chosen { rowsOfSpeaker[speakers[row], default: []].append(row) }
        self.columns = columns
        self.statistics = rowsOfSpeaker.mapValues { Self.statistics(of: $0, in: rows, columns: columns) }
    }

    /// Statistics already known, `columns` values each (a saved enrolment).
    /// - Throws: `SpeakerNormalizationError.badStatistics` naming a speaker whose
    ///   statistics have another number of columns.
    public init(columns: Int, statistics: [Int: Statistics]) throws {
        if let (speaker, odd) = statistics.first(where: { $0.value.mean.count != columns }) {
            throw SpeakerNormalizationError.badStatistics("speaker \(speaker) has \(odd.mean.count) columns, not \(columns)")
        }
        self.columns = columns
        self.statistics = statistics
    }

    /// `rows` with each row standardised by its speaker's statistics.
    ///
    /// - Throws: `SpeakerNormalizationError` for counts that do not fit together or a
    ///   speaker without statistics.
    public func apply(to rows: [Double], speakers: [Int]) throws -> [Double] {
        _ = try Self.checkShape(rows, columns: columns, speakers: speakers)
        var out = rows
        for (row, speaker) in speakers.enumerated() {
            guard let own = statistics[speaker] else {
                throw SpeakerNormalizationError.noStatistics(speaker: speaker, row: row)
            }
            let start = row * columns
            for c in 0..<columns { out[start + c] = (rows[start + c] - own.mean[c]) / own.scale[c] }
        }
        return out
    }

    private static func checkShape(_ rows: [Double], columns: Int, speakers: [Int]) throws -> Int {
        guard columns > 0, rows.count % columns == 0 else {
            throw SpeakerNormalizationError.shape(values: rows.count, columns: columns)
        }
        guard rows.count / columns == speakers.count else {
            throw SpeakerNormalizationError.speakerCount(speakers.count, rows: rows.count / columns)
        }
        return speakers.count
    }

    private static func statistics(of chosen: [Int], in rows: [Double], columns: Int) -> Statistics {
        let n = Double(chosen.count)
        var mean = [Double](repeating: 0, count: columns)
        for row in chosen { for c in 0..<columns { mean[c] += rows[row * columns + c] } }
        for c in 0..<columns { mean[c] /= n }
        // Deviations from the mean, not E[x²] - E[x]²: the features reach 1e3 (mel power)
        // beside spreads of 1e-3, where the shortcut would lose the spread to rounding.
        var variance = [Double](repeating: 0, count: columns)
        for row in chosen {
            for c in 0..<columns {
                let d = rows[row * columns + c] - mean[c]
                variance[c] += d * d
            }
        }
        let scale = variance.map { v -> Double in
            let sd = (v / n).squareRoot()
            return sd > 0 ? sd : 1
        }
        return Statistics(checkedMean: mean, scale: scale)
    }
}

/// Why speaker normalisation could not be computed or applied.
public enum SpeakerNormalizationError: Error, Equatable, CustomStringConvertible {
    case shape(values: Int, columns: Int)
    case speakerCount(Int, rows: Int)
    case notFinite(row: Int, column: Int)
    case rowOutOfRange(Int, rows: Int)
    case noStatistics(speaker: Int, row: Int)
    case badStatistics(String)

    public var description: String {
        switch self {
        case .shape(let values, let columns):
            return "speaker normalisation: \(values) values do not make rows of \(columns) columns"
        case .speakerCount(let speakers, let rows):
            return "speaker normalisation: \(speakers) speakers given for \(rows) rows"
        case .notFinite(let row, let column):
            return "speaker normalisation: row \(row), column \(column) is not a finite number"
        case .rowOutOfRange(let row, let rows):
            return "speaker normalisation: statistics row \(row) is outside the \(rows) rows"
        case .noStatistics(let speaker, let row):
            return "speaker normalisation: no statistics for speaker \(speaker) (row \(row)); "
                + "the statistics rows include none of theirs"
        case .badStatistics(let why):
            return "speaker normalisation: unusable statistics: \(why)"
        }
    }
}
