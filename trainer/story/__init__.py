"""The story format: model, YAML loader with source positions, validation and static analysis.

Knows nothing of play (``trainer.engine``) or of screens (``trainer.tui``), and never imports Textual.
"""

from trainer.story.diagnostics import Diagnostic, Severity, StoryError
from trainer.story.loader import load_story, load_story_text
from trainer.story.model import Story

__all__ = ["Diagnostic", "Severity", "Story", "StoryError", "load_story", "load_story_text"]
