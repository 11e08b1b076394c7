"""trainer: a terminal interactive-fiction and debate trainer.

Layers, imports pointing down only: ``cli`` → ``tui`` / ``report`` → ``engine`` → ``story``.
Nothing outside ``trainer.tui`` may import Textual.
"""

__version__ = "0.1.0"
