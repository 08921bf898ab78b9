// The SiLstmLesson module: its code is tangled from lessons/si_lstm.md at build time by the
// TangleLessons plugin (Plugins/Tangle). Nothing to write here; edit the lesson.
