"""The progress view: the key points a player keeps missing, per round and criterion, weakest first."""

from __future__ import annotations

from pathlib import Path

from drill_helpers import NOW, played, round_of

from trainer.drill.deck import Deck
from trainer.drill.plain import progress_lines
from trainer.drill.store import load_drill, record_attempt
from trainer.drill.view import progress_view


def _drill(deck: Deck, path: Path, *rounds: tuple[str, tuple[str, ...]]) -> None:
    for debate, answers in rounds:
        rnd = round_of(deck, debate)
        record_attempt(rnd, played(rnd, *answers), NOW, path)


def test_keeps_missing_means_twice_and_at_least_half(deck: Deck, tmp_path: Path) -> None:
    path = tmp_path / "drill.json"
    _drill(deck, path,
           ("left_government", ("t:The army and Chile.", "chile")),      # misses councils
           ("left_government", ("t:The army, councils.", "chile")),      # misses history
           ("left_government", ("t:The police and the coup.", "chile")),  # misses councils again
           ("left_government", ("state", "chile")))                     # chosen: no key points asked
    view = progress_view(load_drill(path), NOW)
    (rv,) = view.rounds
    missed = {p.point: (p.missed, p.asked) for p in rv.points}
    assert missed == {"councils": (2, 3), "history": (1, 3), "state": (0, 3)}
    assert [p.point for p in view.keeps_missing] == ["councils"]  # history: missed once only
    assert rv.points[0].point == "councils"  # most missed first
    assert rv.attempts == 4


def test_criteria_weakest_first_per_round_and_overall(deck: Deck, tmp_path: Path) -> None:
    path = tmp_path / "drill.json"
    _drill(deck, path, ("left_government", ("state", "trust")), ("patience", ("now", "tired")))
    view = progress_view(load_drill(path), NOW)
    assert [(c.criterion, c.score, c.max) for c in view.criteria] == [("evidence", 1, 8), ("analysis", 5, 8)]
    lg = next(v for v in view.rounds if v.key.endswith("left_government"))
    assert [c.criterion for c in lg.criteria] == ["evidence", "analysis"]
    assert [v.key.split("/")[1] for v in view.rounds] == ["left_government", "patience"]  # lowest score first
    assert view.boxes == (2, 0, 0, 0, 0)


def test_view_can_be_limited_to_some_rounds(deck: Deck, tmp_path: Path) -> None:
    path = tmp_path / "drill.json"
    _drill(deck, path, ("left_government", ("state", "trust")), ("patience", ("now", "tired")))
    view = progress_view(load_drill(path), NOW, {"drill_small/patience"})
    assert [v.key for v in view.rounds] == ["drill_small/patience"]


def test_progress_lines(deck: Deck, tmp_path: Path) -> None:
    path = tmp_path / "drill.json"
    _drill(deck, path, ("left_government", ("t:The army.", "trust")), ("left_government", ("t:Chile!", "trust")))
    text = "\n".join(progress_lines(progress_view(load_drill(path), NOW)))
    assert "Workers need councils of their own: missed 2 of 2, in \"Is a left government enough?\"" in text
    assert "Rubric over all rounds" in text and "Analysis: 0 of 4 (0%)" in text
    assert "box 1 of 5: due again at your next drill; drilled 2 times" in text
    assert "(Drill small)" in text  # story title printed without its escape sequence


def test_no_progress_says_how_to_start() -> None:
    from trainer.drill.store import EMPTY

    assert progress_lines(progress_view(EMPTY, NOW)) == ["No drill progress yet. Start a drill with: trainer debate"]
