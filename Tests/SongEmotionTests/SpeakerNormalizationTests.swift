import Foundation
import NumPy
import SongEmotion
import TestSupport
import XCTest

final class SpeakerNormalizationTests: XCTestCase {
    /// NumPy's per-actor standardisation of the committed features
    /// (scripts/reference/speaker_normalization.py), on one column of each feature group:
    /// with every row's statistics, and with each actor's first 8 rows only.
    func testMatchesNumPyOnTheCommittedFeatures() throws {
        let saved = try SavedFeatures.read(from: ReferencePaths.repositoryRoot.appendingPathComponent(SavedFeatures.defaultFolder))
        let actors = try saved.recordings.map { try RecordingName(parsing: $0).actor }
        let columns = [0, 45, 100, 181, 190, 385]
        var firstRows: [Int] = []
        for actor in Set(actors) { firstRows += actors.indices.filter { actors[$0] == actor }.prefix(8) }
        for (statisticsRows, fixture) in [(nil, "speaker_normalized.npy"), (firstRows, "speaker_normalized_subset.npy")] {
            let normalization = try SpeakerNormalization(rows: saved.x, columns: FeatureRecipe.count, speakers: actors,
                                                         statisticsRows: statisticsRows)
            let ours = try normalization.apply(to: saved.x, speakers: actors)
            let numpy = try NPY.read(contentsOf: ReferencePaths.fixture("SongEmotionTests", fixture))
            XCTAssertEqual(numpy.shape, [saved.count, columns.count])
            var worst = 0.0
            for row in 0..<saved.count {
                for (k, column) in columns.enumerated() {
                    let expected = numpy.doubles[row * columns.count + k]
                    worst = max(worst, abs(ours[row * FeatureRecipe.count + column] - expected) / max(abs(expected), 1))
                }
            }
            XCTAssertLessThan(worst, 1e-12, fixture)
        }
    }

    /// Each actor's columns end with mean 0 and standard deviation 1, a column constant
    /// within an actor is only centred, and one actor's rows do not move another's.
    func testEachSpeakerIsCentredAndScaledOnItsOwn() throws {
        // Speaker 7: column 0 spreads 1 and 3, column 1 is constant; speaker 9 has one row.
        let rows: [Double] = [1, 10,
                              5, 0,
                              3, 10]
        let normalization = try SpeakerNormalization(rows: rows, columns: 2, speakers: [7, 9, 7])
        XCTAssertEqual(normalization.statistics[7]?.mean, [2, 10])
        XCTAssertEqual(normalization.statistics[7]?.scale, [1, 1])
        XCTAssertEqual(try normalization.apply(to: rows, speakers: [7, 9, 7]), [-1, 0, 0, 0, 1, 0])
    }

    /// Values of 1e6 spreading by 1e-3 (mel power beside small spreads): the deviations are
    /// taken from the mean, so the spread survives and comes out as 1.
    func testLargeOffsetsKeepTheirSpread() throws {
        let rows: [Double] = (0..<100).map { 1e6 + Double($0 % 2 == 0 ? 1 : -1) * 1e-3 }
        let out = try SpeakerNormalization(rows: rows, columns: 1, speakers: Array(repeating: 1, count: 100))
            .apply(to: rows, speakers: Array(repeating: 1, count: 100))
        for value in out { XCTAssertEqual(abs(value), 1, accuracy: 1e-6) }
    }

    /// Statistics from some rows apply to all of that speaker's rows; a speaker without
    /// any statistics rows is refused by name.
    func testStatisticsFromSomeRows() throws {
        let rows: [Double] = [0, 2, 4, 10]
        let normalization = try SpeakerNormalization(rows: rows, columns: 1, speakers: [1, 1, 1, 2], statisticsRows: [0, 1])
        XCTAssertEqual(try normalization.apply(to: [0, 2, 4], speakers: [1, 1, 1]), [-1, 1, 3])
        XCTAssertThrowsError(try normalization.apply(to: rows, speakers: [1, 1, 1, 2])) { error in
            XCTAssertEqual(error as? SpeakerNormalizationError, .noStatistics(speaker: 2, row: 3))
            XCTAssertTrue("\(error)".contains("speaker 2"), "\(error)")
        }
    }

    func testBadInputIsNamed() {
        func failure(_ body: () throws -> Any) -> SpeakerNormalizationError? {
            do { _ = try body(); return nil } catch { return error as? SpeakerNormalizationError }
        }
        XCTAssertEqual(failure { try SpeakerNormalization(rows: [1, 2, 3], columns: 2, speakers: [1]) },
                       .shape(values: 3, columns: 2))
        XCTAssertEqual(failure { try SpeakerNormalization(rows: [1, 2], columns: 0, speakers: [1]) },
                       .shape(values: 2, columns: 0))
        XCTAssertEqual(failure { try SpeakerNormalization(rows: [1, 2], columns: 1, speakers: [1]) },
                       .speakerCount(1, rows: 2))
        XCTAssertEqual(failure { try SpeakerNormalization(rows: [1, 2, .nan, 4], columns: 2, speakers: [1, 1]) },
                       .notFinite(row: 1, column: 0))
        XCTAssertEqual(failure { try SpeakerNormalization(rows: [1, 2], columns: 1, speakers: [1, 1], statisticsRows: [2]) },
                       .rowOutOfRange(2, rows: 2))
        XCTAssertEqual(failure { try SpeakerNormalization(rows: [1, 2], columns: 1, speakers: [1, 1]).apply(to: [1], speakers: [1, 1]) },
                       .speakerCount(2, rows: 1))
    }

    /// Saved statistics (a singer enrolment) normalise as the ones computed from the rows.
    func testKnownStatisticsApplyAsComputedOnes() throws {
        let rows: [Double] = [1, 10, 3, 14, 5, 30]
        let computed = try SpeakerNormalization(rows: rows, columns: 2, speakers: [7, 7, 7])
        let own = try XCTUnwrap(computed.statistics[7])
        let saved = try SpeakerNormalization(columns: 2, statistics: [7: try .init(mean: own.mean, scale: own.scale)])
        XCTAssertEqual(try saved.apply(to: [3, 14], speakers: [7]), try computed.apply(to: [3, 14], speakers: [7]))

        func failure(_ body: () throws -> Any) -> String? {
            do { _ = try body(); return nil } catch { return "\(error)" }
        }
        XCTAssertEqual(failure { try SpeakerNormalization.Statistics(mean: [1, 2], scale: [1]) },
                       "speaker normalisation: unusable statistics: 2 means and 1 scales; "
                       + "each mean must be finite, each scale finite and above 0")
        XCTAssertNotNil(failure { try SpeakerNormalization.Statistics(mean: [1], scale: [0]) })
        XCTAssertNotNil(failure { try SpeakerNormalization.Statistics(mean: [.nan], scale: [1]) })
        XCTAssertEqual(failure { try SpeakerNormalization(columns: 3, statistics: [7: own]) },
                       "speaker normalisation: unusable statistics: speaker 7 has 2 columns, not 3")
    }
}
