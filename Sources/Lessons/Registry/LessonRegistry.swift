import Notebook
import DemoLesson
import SdFcLesson
import SdLstmLesson
import SiLstmLesson
import SiCnnLesson

/// Every compiled lesson, in reading order. To add a lesson `NAME` (see docs/lesson-format.md):
/// write `lessons/NAME.md`, add a target for `Sources/Lessons/NAME/` in Package.swift with the
/// TangleLessons plugin, add it to this target's dependencies, and list it here.
public enum LessonRegistry {
    public static let all: [LessonEntry] = [
        SdFcLesson.lesson,
        SdLstmLesson.lesson,
        SiLstmLesson.lesson,
        SiCnnLesson.lesson,
        DemoLesson.lesson,
    ]

    /// The lesson called `name`.
    public static func lesson(named name: String) -> LessonEntry? {
        all.first { $0.name == name }
    }
}
