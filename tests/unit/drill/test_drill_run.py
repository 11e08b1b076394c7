"""A drill from start to end, in process: the queue, the limit, a bad round put back once, and saving."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from drill_helpers import NOW

from trainer.drill.deck import Deck
from trainer.drill.run import DrillRun
from trainer.drill.store import EMPTY, load_drill


def test_a_bad_round_comes_back_once(deck: Deck, tmp_path: Path) -> None:
    store = tmp_path / "drill.json"
    drill = DrillRun(deck, EMPTY, store=store, now=lambda: NOW)
    assert drill.summary() == "2 rounds (2 new)"
    statuses = []
    while (play := drill.next_round()) is not None:
        statuses.append((play.round.debate.id, drill.status(play.round.key)))
        play.skip()
        play.skip()  # every round scores 0
        drill.finish(play)
    assert statuses == [("left_government", "new"), ("patience", "new"),
                        ("left_government", "again"), ("patience", "again")]  # once each, not forever
    assert [o.again for o in drill.outcomes] == [True, True, False, False]
    assert load_drill(store).rounds["drill_small/patience"].attempts == 2


def test_limit_and_summary_count_the_rounds_taken(deck: Deck, tmp_path: Path) -> None:
    drill = DrillRun(deck, EMPTY, limit=1, store=tmp_path / "drill.json", now=lambda: NOW)
    assert drill.queue == ["drill_small/left_government"]
    assert drill.summary() == "1 round (1 new)"


def test_next_drill_starts_with_what_is_due(deck: Deck, tmp_path: Path) -> None:
    store = tmp_path / "drill.json"
    first = DrillRun(deck, EMPTY, store=store, now=lambda: NOW)
    good = first.next_round()
    assert good is not None
    good.choose("state")
    good.choose("chile")  # 0.75: box 2, due in a day
    first.finish(good)
    bad = first.next_round()
    assert bad is not None
    bad.choose("now")
    bad.choose("tired")  # 0.5: stays in box 1, due at once
    first.finish(bad)
    same_day = DrillRun(deck, load_drill(store), store=store, now=lambda: NOW + timedelta(hours=1))
    assert same_day.queue == ["drill_small/patience"]
    assert same_day.summary() == "1 round (1 due again)"
    assert same_day.status("drill_small/patience") == "box 1"
    next_day = DrillRun(deck, load_drill(store), store=store, now=lambda: NOW + timedelta(days=1))
    assert next_day.queue == ["drill_small/patience", "drill_small/left_government"]  # box 1 before box 2
