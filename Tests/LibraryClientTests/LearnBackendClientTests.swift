import Learn
import XCTest

/// `LearnBackend`'s settings from a Swift 6 package. This file compiles only while
/// `threads` is not stored shared mutable state, which Swift 6 forbids using from outside.
final class LearnBackendClientTests: XCTestCase {
    func testThreadsCanBeReadAndSet() {
        let saved = LearnBackend.threads
        defer { LearnBackend.threads = saved }
        LearnBackend.threads = 1
        XCTAssertEqual(LearnBackend.threads, 1)
        LearnBackend.threads = 3
        XCTAssertEqual(LearnBackend.threads, 3)
    }
}
