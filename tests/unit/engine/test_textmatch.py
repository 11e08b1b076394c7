"""Folding, stemming and whole-word phrase matching for typed answers."""

from __future__ import annotations

import pytest

from trainer.engine.textmatch import STOP_WORDS, find_phrase, fold, match_phrase, stem, tokens


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
        # a phrase stands together: punctuation between its words breaks it
        ("the state is not. Neutral observers agree", "not neutral", None),
        ("the state, army and police", "state army", None),
        ("not-neutral", "not neutral", ["not", "neutral"]),
        ("workers' control of the banks", "workers control", ["workers", "control"]),  # an apostrophe joins
        ("the State's army", "state army", ["State", "army"]),  # so does a possessive
        ("Workers organised in councils", "workers organise", ["Workers", "organised"]),  # word forms
        # a phrase that is one stop word never matches; inside a longer phrase stop words count
        ("the army", "the", None),
        ("stand with them", "with them", ["with", "them"]),
        ("we vote against the right", "against the right", ["against", "the", "right"]),
    ],
)
def test_find_phrase(answer: str, phrase: str, matched: list[str] | None) -> None:
    hit = find_phrase(tokens(answer), phrase)
    assert (None if hit is None else [t.text for t in hit]) == matched


def test_tokens_keep_positions() -> None:
    toks = tokens("Build councils!")
    assert [(t.text, t.start, t.end) for t in toks] == [("Build", 0, 5), ("councils", 6, 14)]


@pytest.mark.parametrize(
    ("answer", "phrase", "span", "words"),
    [
        # the span is the answer's own text, as typed; its stop words are never listed on their own
        ("We vote Against the Right!", "against the right", "Against the Right", ("Against", "Right")),
        ("they want the rank-and-file", "rank and file", "rank-and-file", ("rank", "file")),
        ("the State’s army", "state army", "State’s army", ("State", "army")),
        ("Cafe\u0301 owners", "café", "Café", ("Café",)),  # decomposed input is normalised first
    ],
)
def test_match_reports_the_span_as_typed(answer: str, phrase: str, span: str, words: tuple[str, ...]) -> None:
    m = match_phrase(tokens(answer), phrase)
    assert m is not None
    assert (m.text, m.words, m.phrase) == (span, words, phrase)


def test_stop_words_are_function_words_only() -> None:
    assert {"the", "and", "with", "them", "of"} <= STOP_WORDS
    # words that can carry a point alone are not stop words
    assert not {"no", "not", "whose", "us", "may", "now", "every"} & STOP_WORDS
