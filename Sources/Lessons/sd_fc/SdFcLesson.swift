// The SdFcLesson module: its code is tangled from lessons/sd_fc.md at build time by the
// TangleLessons plugin (Plugins/Tangle). Nothing to write here; edit the lesson.
