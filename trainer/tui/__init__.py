"""The Textual app: the library, play, debate, ending, map and help screens.

This package only draws: every decision goes to ``trainer.engine.Session`` and every explanation shown is the
plain data the engine returns. Nothing outside ``trainer.commands.play`` imports it, so commands that do not
draw never pay for Textual. Author and player text reaches the terminal only through ``trainer.tui.safe``.
"""
