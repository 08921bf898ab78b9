import Audio  // not @testable: these are the calls another package can make
import XCTest

final class MatrixTests: XCTestCase {
    func testMapKeepsTheShapeAndTransformsEveryElement() throws {
        let m = try XCTUnwrap(Matrix(rows: 2, columns: 3, values: [1, -2, 3, -4, 5, -6]))
        let squared = m.map { $0 * $0 }
        XCTAssertEqual(squared.rows, 2)
        XCTAssertEqual(squared.columns, 3)
        XCTAssertEqual(squared.values, [1, 4, 9, 16, 25, 36])
        XCTAssertEqual(m.values, [1, -2, 3, -4, 5, -6], "map leaves the original alone")
    }

    func testSubscriptWritesTheElementItNames() throws {
        var m = Matrix(rows: 2, columns: 3)
        m[1, 2] = 7
        m[0, 1] = -1
        XCTAssertEqual(m.values, [0, -1, 0, 0, 0, 7])
        XCTAssertEqual(m[1, 2], 7)
    }

    func testMapPassesErrorsThrough() throws {
        struct Refused: Error {}
        let m = Matrix(rows: 1, columns: 2, repeating: 1)
        XCTAssertThrowsError(try m.map { _ in throw Refused() })
    }

    /// Printing a spectrogram shows its shape and its first and last values, not half a million.
    func testPrintingShowsTheShape() throws {
        XCTAssertEqual("\(Matrix(rows: 1025, columns: 470))", "Matrix 1025 x 470 [0.0, 0.0, 0.0, ..., 0.0, 0.0, 0.0]")
        let small = try XCTUnwrap(Matrix(rows: 2, columns: 2, values: [1, -2, 3.5, 4]))
        XCTAssertEqual("\(small)", "Matrix 2 x 2 [1.0, -2.0, 3.5, 4.0]")
        let counted = try XCTUnwrap(Matrix(rows: 2, columns: 7, values: (0..<14).map(Float.init)))
        XCTAssertEqual("\(counted)", "Matrix 2 x 7 [0.0, 1.0, 2.0, ..., 11.0, 12.0, 13.0]")
        let d = try XCTUnwrap(ComplexMatrix(rows: 1, columns: 2, real: [1, 0], imag: [-2, 0.5]))
        XCTAssertEqual("\(d)", "ComplexMatrix 1 x 2 [1.0-2.0i, 0.0+0.5i]")
        let song = AudioSignal(samples: [Float](repeating: 0, count: 96_000), sampleRate: 48_000, channels: 2)
        XCTAssertEqual("\(song)", "AudioSignal 96000 samples at 48000 Hz (2.00 s), mixed down from 2 channels")
        let tonal = try tonnetz(chroma: Matrix(rows: 12, columns: 3, repeating: 1))
        XCTAssertTrue("\(tonal)".hasPrefix("Tonnetz 6 x 3 ["), "\(tonal)")
    }
}
