import SongEmotion
import XCTest

final class RecordingNameTests: XCTestCase {
    func testParsesEveryField() throws {
        let name = try RecordingName(parsing: "Actor_24/03-02-05-02-01-02-24.flac")
        XCTAssertEqual(name.emotion, .angry)
        XCTAssertEqual(name.emotion.label, 4)
        XCTAssertEqual(name.emotion.name, "angry")
        XCTAssertEqual(name.intensity, .strong)
        XCTAssertEqual(name.statement, .kids)
        XCTAssertEqual(name.repetition, 2)
        XCTAssertEqual(name.actor, 24)
        XCTAssertEqual(name.sex, .female)
        XCTAssertEqual(name.stem, "03-02-05-02-01-02-24")
    }

    func testLabelsAndNamesFollowTheRAVDESSCodes() throws {
        let expected = ["neutral", "calm", "happy", "sad", "angry", "fearful"]
        for (code, name) in expected.enumerated().map({ ($0.offset + 1, $0.element) }) {
            let intensity = code == 1 ? "01" : "02"
            let parsed = try RecordingName(parsing: "03-02-0\(code)-\(intensity)-02-01-07.wav")
            XCTAssertEqual(parsed.emotion.label, code - 1)
            XCTAssertEqual(parsed.emotion.name, name)
            XCTAssertEqual(parsed.sex, .male, "odd actors are male")
            XCTAssertEqual(parsed.statement, .dogs)
        }
        XCTAssertEqual(Emotion.names, expected)
        XCTAssertEqual(Emotion(label: 5), .fearful)
        XCTAssertNil(Emotion(label: 6))
    }

    /// Each bad field is named, with the file.
    func testRejectsEachBadFieldByName() {
        let cases: [(String, RecordingNameError.Field, String)] = [
            ("03-02-01-01-01-01.wav", .layout, "03-02-01-01-01-01"),
            ("03-02-01-01-01-01-01-01.wav", .layout, "03-02-01-01-01-01-01-01"),
            ("01-02-01-01-01-01-01.wav", .modality, "01"),
            ("04-02-01-01-01-01-01.wav", .modality, "04"),
            ("3-02-01-01-01-01-01.wav", .modality, "3"),
            ("03-01-01-01-01-01-01.wav", .vocalChannel, "01"),
            ("03-02-07-01-01-01-01.wav", .emotion, "07"),
            ("03-02-00-01-01-01-01.wav", .emotion, "00"),
            ("03-02-0x-01-01-01-01.wav", .emotion, "0x"),
            ("03-02-01-02-01-01-01.wav", .intensity, "02"),  // neutral is never strong
            ("03-02-03-03-01-01-01.wav", .intensity, "03"),
            ("03-02-03-01-03-01-01.wav", .statement, "03"),
            ("03-02-03-01-01-00-01.wav", .repetition, "00"),
            ("03-02-03-01-01-01-25.wav", .actor, "25"),
            ("03-02-03-01-01-01-00.wav", .actor, "00"),
            ("03-02-03-01-01-01-+1.wav", .actor, "+1"),
        ]
        for (file, field, value) in cases {
            XCTAssertThrowsError(try RecordingName(parsing: "Actor_01/" + file), file) { error in
                guard let error = error as? RecordingNameError else { return XCTFail("\(file): \(error)") }
                XCTAssertEqual(error.field, field, file)
                XCTAssertEqual(error.value, value, file)
                XCTAssertEqual(error.file, "Actor_01/" + file)
                XCTAssertTrue(error.description.hasPrefix("Actor_01/\(file): \(field.rawValue) '\(value)'"), error.description)
            }
        }
    }
}
