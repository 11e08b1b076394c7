"""YAML 1.1 surprises must not corrupt ids or labels: text fields keep exactly what the author wrote."""

from __future__ import annotations

from pathlib import Path

import pytest

from trainer.story import StoryError, load_story_text

BASE = (Path(__file__).resolve().parents[2] / "stories" / "tiny.yaml").read_text()

SURPRISES = [
    # Norway problem: bare no/No/NO would be False in YAML 1.1
    "no", "No", "NO", "on", "Yes", "off",
    # octal-looking and sexagesimal numbers
    "010", "12:30", "0x1F",
    # a date
    "1973-09-11",
    # null-looking words that are real labels
    "Null note", "~ tilde",
]


@pytest.mark.parametrize("word", SURPRISES)
def test_text_fields_keep_their_source_text(word: str) -> None:
    story = load_story_text(BASE.replace("label: Go on", f"label: {word}").replace("title: Tiny", f"title: {word}"))
    assert story.scenes["first"].choices["go"].label == word
    assert story.title == word


@pytest.mark.parametrize("word", ["no", "on", "yes"])
def test_boolean_fields_accept_only_true_false(word: str) -> None:
    why = f"    why:\n      question: Q?\n      reasons:\n        - text: A\n          right: {word}\n"
    with pytest.raises(StoryError) as info:
        load_story_text(BASE.replace("    text: Again.\n", "    text: Again.\n" + why))
    assert any(d.code == "E003" and "true or false" in d.message for d in info.value.diagnostics)


def test_quoted_number_is_not_a_number() -> None:
    with pytest.raises(StoryError) as info:
        load_story_text(BASE.replace("start: 3}", 'start: "3"}'))
    assert info.value.diagnostics[0].message == "expected a whole number, found '3'"


def test_ids_with_yaml_keywords_stay_ids() -> None:
    story = load_story_text(BASE.replace("      stay:", "      no:").replace("  councils: Councils exist",
                                                                              "  councils: Councils exist"))
    assert list(story.scenes["first"].choices) == ["go", "no"]
