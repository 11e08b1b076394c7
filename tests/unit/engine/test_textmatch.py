"""Folding, stemming and whole-word phrase matching for typed answers."""

from __future__ import annotations

import pytest

from trainer.engine.textmatch import find_phrase, fold, stem, tokens


@pytest.mark.parametrize(
    ("word", "folded"),
    [
        ("État", "etat"),  # accent and case
        ("RÉVOLUTION", "revolution"),
        ("Straße", "strasse"),  # casefold, not lower
        ("naïve", "naive"),
    ],
)
def test_fold(word: str, folded: str) -> None:
    assert fold(word) == folded


@pytest.mark.parametrize(
    ("forms", "same"),
    [
        (["army", "armies"], True),  # -ies plural
        (["strike", "strikes", "striking"], True),  # -s, -ing, final e
        (["organise", "organised", "organising", "organises"], True),  # -ed, -ing, -s
        (["class", "classes"], True),  # -sses
        (["council", "councils"], True),
        (["stop", "stopped", "stopping"], True),  # doubled consonant
        (["carry", "carried", "carries"], True),  # -ied, -ies
        (["crisis"], True),  # -is is not a plural
        (["arm", "army"], False),  # different words stay different
        (["state", "statue"], False),
        (["bring", "br"], False),  # short words keep their -ing
    ],
)
def test_stem(forms: list[str], same: bool) -> None:
    stems = {stem(w) for w in forms}
    assert (len(stems) == 1) is same


@pytest.mark.parametrize(
    ("answer", "phrase", "matched"),
    [
        ("The army answers to capital.", "army", ["army"]),  # plain word
        ("Armies answer to capital.", "army", ["Armies"]),  # plural and case folded, reported as typed
        ("The armyworm ate the crop.", "army", None),  # whole words, not substrings
        ("An army of one.", "arm", None),  # 'arm' is not 'army'
        ("Workers must arm themselves politically", "army", None),
        ("the State is NOT neutral", "not neutral", ["NOT", "neutral"]),  # phrase, consecutive words
        ("neutral, it is not", "not neutral", None),  # words out of order do not match
        ("the civil-service obeys", "civil service", ["civil", "service"]),  # hyphen separates words
        ("the state's army", "state", ["state"]),  # possessive
        ("L'État bourgeois", "etat", ["État"]),  # accents folded on both sides
        ("", "army", None),  # nothing to match
    ],
)
def test_find_phrase(answer: str, phrase: str, matched: list[str] | None) -> None:
    hit = find_phrase(tokens(answer), phrase)
    assert (None if hit is None else [t.text for t in hit]) == matched


def test_tokens_keep_positions() -> None:
    toks = tokens("Build councils!")
    assert [(t.text, t.start, t.end) for t in toks] == [("Build", 0, 5), ("councils", 6, 14)]
