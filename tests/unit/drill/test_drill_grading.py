"""The grader as a drill player meets it (issue 6, "Done when"), for what the engine's own tests
(``tests/unit/engine/test_grading.py``, ``test_textmatch.py``) do not already cover: synonyms an author lists,
word forms inside multi-word phrases, an accented phrase met by unaccented answers, substrings at other places
in a word, and the 20,000-character answer the issue names.

They go through ``RoundPlay.type``, i.e. the engine's ``grade_typed`` on a real story file
(``tests/stories/drill_small.yaml``), so they also prove the drill hands the player's text over unchanged.
"""

from __future__ import annotations

import pytest
from drill_helpers import round_of

from trainer.drill.deck import Deck
from trainer.drill.play import RoundPlay
from trainer.engine.grading import TypedResult


def typed(deck: Deck, text: str) -> TypedResult:
    return RoundPlay(round_of(deck, "left_government")).type(text)


def covered(result: TypedResult) -> dict[str, tuple[str, ...]]:
    return {p.point: p.words for p in result.covered}


@pytest.mark.parametrize(("answer", "point", "words"), [
    # synonyms: any phrase the author listed covers the point, and only the words used are reported
    ("The police will side with the owners.", "state", ("police",)),
    ("Form a soviet in every district.", "councils", ("soviet",)),
    ("Pinochet showed what they do.", "history", ("Pinochet",)),
    # word forms inside a multi-word phrase ("workers organise")
    ("The workers organised themselves.", "councils", ("workers", "organised")),
    ("Workers organising in every yard.", "councils", ("Workers", "organising")),
    # the author wrote "État": unaccented and upper-case answers both match it
    ("l'etat bourgeois", "state", ("etat",)),
    ("L'ÉTAT BOURGEOIS", "state", ("ÉTAT",)),
    ("l’État", "state", ("État",)),  # a typographic apostrophe
])
def test_synonyms_word_forms_and_accents_match(deck: Deck, answer: str, point: str, words: tuple[str, ...]) -> None:
    result = typed(deck, answer)
    assert result.graded
    assert covered(result)[point] == words


@pytest.mark.parametrize(("answer", "point"), [
    ("They disarmy nobody.", "state"),              # 'army' at the end of a longer word
    ("Policemen everywhere.", "state"),             # 'police' (stemmed 'polic') inside 'policemen'
    ("The councillor spoke.", "councils"),          # 'council' inside 'councillor'
    ("Sovietology is a science.", "councils"),      # 'soviet' inside 'sovietology'
    ("Chileans are proud.", "history"),             # 'chile' inside 'chileans'
])
def test_substrings_inside_other_words_do_not_match(deck: Deck, answer: str, point: str) -> None:
    result = typed(deck, answer)
    assert result.graded
    assert point not in covered(result)


@pytest.mark.parametrize("answer", [
    "a" * 20_000,      # one enormous word
    "army " * 4_000,   # 20,000 characters of matching words: still refused, not graded
])
def test_a_20000_character_answer_gets_a_clear_message(deck: Deck, answer: str) -> None:
    result = typed(deck, answer)
    assert result.status == "too_long"
    assert result.message == ("Your answer is 20,000 characters long; the limit is 10,000. Shorten it to the "
                              "argument that matters most.")
    assert not result.covered and not result.missed
