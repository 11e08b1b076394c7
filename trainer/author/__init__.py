"""The author's toolkit: prove a story works and see its shape.

- ``trainer.author.explore``: exhaustive and random exploration of the state space (``trainer explore``);
- ``trainer.author.golden``: the story's golden paths replayed through the engine (``trainer test``);
- ``trainer.author.graph``: the story map as Mermaid or Graphviz DOT (``trainer graph``).

Pure Python on top of ``trainer.story`` and ``trainer.engine``: every transition is the engine's own
(``Rules.enabled`` / ``Rules.apply``), never re-implemented here, so what explore proves is what a player gets.
Never imports Textual (authors run these commands in CI and editors); this file imports nothing, so each
command loads only the module it needs.
"""
