// The DemoLesson module: its code is tangled from lessons/demo.md at build time by the
// TangleLessons plugin (Plugins/Tangle). Nothing to write here; edit the lesson.
