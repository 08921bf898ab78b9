import XCTest
@testable import LessonFormat

final class LessonParserTests: XCTestCase {
    func testPlaceholder() {}
}
