"""Debate drills: the rounds of one or all stories, practised again and again on a spaced-repetition schedule.

Pure Python, never Textual: the deck, the schedule, the progress store in ``TRAINER_HOME`` and the progress
view are plain data that ``trainer debate --plain`` prints and the TUI drill app renders. Grading is the
engine's (``trainer.engine.grading``) and files are written with the engine's atomic writer; this package only
decides which round comes next and remembers how each went.
"""
