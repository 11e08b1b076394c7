"""One tiny broken story per diagnostic code, asserting the exact code, location and message."""

from __future__ import annotations

from pathlib import Path

import pytest

from trainer.story import StoryError, load_story_text
from trainer.story.analysis import warnings

STARTER = (Path(__file__).resolve().parents[3] / "trainer" / "story" / "starter.yaml").read_text()

BASE = (Path(__file__).resolve().parents[2] / "stories" / "tiny.yaml").read_text()


def errors_of(text: str) -> list[tuple[str, int, int, str]]:
    with pytest.raises(StoryError) as info:
        load_story_text(text, "t.yaml")
    return [(d.code, d.pos.line, d.pos.col, d.message) for d in info.value.diagnostics]


def test_base_story_is_clean() -> None:
    story = load_story_text(BASE, "t.yaml")
    assert warnings(story) == []


def test_starter_template_is_clean() -> None:
    assert warnings(load_story_text(STARTER, "starter.yaml")) == []


ERROR_CASES = [
    # E001: YAML syntax error (unclosed flow mapping) reported at the parser's mark
    ("E001", BASE.replace("org: {label: Org, low: weak, high: strong, start: 3}",
                          "org: {label: Org, low: weak"), 7, 6, "YAML syntax error"),
    # E002: a misspelt key, with its own position
    ("E002", BASE.replace("    title: Second", "    titel: Second"), 26, 5, "unknown key 'titel' in scene"),
    # E003: a list where a number is expected, at the list
    ("E003", BASE.replace("start: 3}", "start: [3]}"), 6, 53, "expected a whole number, found a list"),
    # E004: a required key missing, reported at the object
    ("E004", BASE.replace("    text: Again.\n", ""), 26, 5, "scene is missing required key 'text'"),
    # E005: an alias
    ("E005", BASE.replace("title: Tiny", "title: &t Tiny").replace("summary: A tiny story.", "summary: *t"),
     3, 8, "aliases (*name) are not allowed in a story"),
    # E006: duplicate key, at the second one
    ("E006", BASE.replace("title: Tiny\n", "title: Tiny\ntitle: Again\n"), 4, 1, "duplicate key 'title'"),
    # E007: an id that is not snake_case
    ("E007", BASE.replace("  second:\n", "  Second-Scene:\n"), 25, 3, "'Second-Scene' is not a valid id"),
    # E009: unsupported format version
    ("E009", BASE.replace("format: 1", "format: 2"), 1, 9, "format 2 is not supported"),
    # E010: an id used for a scene and an ending
    ("E010", BASE.replace("  lose:", "  first:"), 41, 3, "'first' is both a scene and an ending"),
    # E011: start names a missing scene
    ("E011", BASE.replace("summary: A tiny story.", "summary: A tiny story.\nstart: frist"), 5, 8,
     "start scene 'frist' does not exist"),
    # E012: goto to a missing scene, with did-you-mean
    ("E012", BASE.replace("goto: second\n      stay", "goto: secnd\n      stay"), 21, 15,
     "choice 'go' goes to 'secnd': no such scene or ending"),
    # E013: effect on an unknown dimension
    ("E013", BASE.replace("          org: {by: 1", "          orgg: {by: 1"), 17, 11, "unknown dimension 'orgg'"),
    # E014: unknown flag set
    ("E014", BASE.replace("set: [councils]", "set: [council]"), 18, 15, "unknown flag 'council'"),
    # E015: unknown reference
    ("E015", BASE.replace("explain: Because.", "explain: Because.\n        refs: [chile]"), 20, 16,
     "unknown reference 'chile'"),
    # E016: scene plays a missing debate
    ("E016", BASE.replace("    text: Hello.\n", "    text: Hello.\n    debate: nope\n"), 13, 13,
     "plays debate 'nope', which does not exist"),
    # E017: start outside the range
    ("E017", BASE.replace("start: 3}", "start: 11}"), 6, 53, "starts at 11, outside its range 0..10"),
    # E018: effect larger than the range
    ("E018", BASE.replace("org: {by: 1,", "org: {by: 20,"), 17, 11, "effect +20 on 'org' is larger"),
    # E019: no endings
    ("E019", BASE[: BASE.index("endings:")] + "endings: {}\n", 36, 1, "the story has no endings"),
    # E020: bad syntax in a condition, at the offending character
    ("E020", BASE.replace("when: org >= 1", "when: org >= 1 &&"), 20, 24, "unexpected character '&'"),
    # E021: unknown name in a condition, at the name
    ("E021", BASE.replace("when: org >= 1", "when: orgn >= 1"), 20, 15, "unknown name 'orgn'"),
    # E022: type error — a flag compared with a number
    ("E022", BASE.replace("when: org >= 1", "when: councils >= 1"), 20, 24, "'>=' needs number values"),
    # E023: a number over the limit
    ("E023", BASE.replace("when: org >= 1", "when: org >= 99999999"), 20, 22, "is too large"),
]


@pytest.mark.parametrize(("code", "text", "line", "col", "message"), ERROR_CASES, ids=[c[0] for c in ERROR_CASES])
def test_error_code_location_and_message(code: str, text: str, line: int, col: int, message: str) -> None:
    found = errors_of(text)
    matching = [f for f in found if f[0] == code]
    assert matching, f"expected {code}, got {found}"
    _, got_line, got_col, got_message = matching[0]
    assert (got_line, got_col) == (line, col), found
    assert message in got_message


DEBATE = """\
rubric:
  analysis: {label: Analysis}
debates:
  d1:
    title: T
    opponent: {name: N, position: P}
    exchanges:
      - claim: C
        rebuttals:
          r1:
            text: R
            grades:
              analysys: [1, x]
    model_answer: M
"""


def test_e024_grade_on_unknown_criterion() -> None:
    text = BASE.replace("scenes:\n", DEBATE + "scenes:\n")
    text = text.replace("    text: Hello.\n", "    text: Hello.\n    debate: d1\n")
    found = errors_of(text)
    assert ("E024", 21, 15, "grade on unknown criterion 'analysys'") in found


def test_e025_why_prompt_needs_one_right_reason() -> None:
    why = "    why:\n      question: Q?\n      reasons:\n        - text: A\n        - text: B\n"
    found = errors_of(BASE.replace("    text: Again.\n", "    text: Again.\n" + why))
    assert found[0][:3] == ("E025", 28, 5)


def test_e026_quiz_answer_not_an_option() -> None:
    quiz = "quiz:\n  q1:\n    question: Q?\n    options: {a: A, b: B}\n    answer: c\n"
    found = errors_of(BASE + quiz)
    assert found == [("E026", 48, 13, "quiz answer 'c' is not one of the options (a, b)")]


def test_e027_golden_path_names_missing_choice() -> None:
    tests = "tests:\n  route:\n    choices: [go, finsh]\n    ending: win\n"
    found = errors_of(BASE + tests)
    assert found == [("E027", 46, 19, "golden path 'route' names choice 'finsh', which no scene offers")]


def test_e028_value_too_long() -> None:
    found = errors_of(BASE.replace("text: Hello.", "text: " + "x" * 70_000))
    assert found[0][:3] == ("E028", 12, 11)


def test_e008_nesting_too_deep(monkeypatch: pytest.MonkeyPatch) -> None:
    # The format nests at most ~10 levels and the reader never descends into unexpected structure, so the
    # guard is proven with a lowered limit: the first node past it is reported, once.
    from trainer.story import reader

    monkeypatch.setattr(reader, "MAX_DEPTH", 3)
    found = errors_of(BASE)
    assert found[0][:3] == ("E008", 14, 7)


def test_did_you_mean_hint_for_goto() -> None:
    with pytest.raises(StoryError) as info:
        load_story_text(BASE.replace("goto: second\n      stay", "goto: secnd\n      stay"), "t.yaml")
    assert info.value.diagnostics[0].hint == "did you mean 'second'?"


WARNING_CASES = [
    # W001: a scene nothing goes to
    ("W001", BASE.replace("endings:", "  orphan:\n    title: O\n    text: O\n    choices:\n"
                          "      x: {label: X, goto: end}\nendings:"), "scene 'orphan' cannot be reached"),
    # W002: every choice conditional
    ("W002", BASE.replace("      other:\n        label: Other\n        goto: end\n", ""),
     "scene 'second' may be a dead end"),
    # W003: an ending after an unconditional one
    ("W003", BASE + "  never:\n    title: Never\n    text: N\n", "ending 'never' cannot be reached"),
    # W004: a scored choice without explanation
    ("W004", BASE.replace("        explain: Because.\n", ""), "choice 'go' changes scores but has no explanation"),
    # W005: a dimension nobody uses
    ("W005", BASE.replace("flags:", "  idle: {label: I, low: l, high: h}\nflags:"), "dimension 'idle' is never"),
    # W006: a flag never set
    ("W006", BASE.replace("  councils: Councils exist", "  councils: Councils exist\n  strike: A strike"),
     "flag 'strike' is never set"),
    # W008: an effect without a reason
    ("W008", BASE.replace("org: {by: 1, why: It grows.}", "org: 1"), "effect on 'org' in choice 'go' has no reason"),
    # W011: an escape sequence written as a YAML escape in a double-quoted string
    ("W011", BASE.replace("label: Stay", 'label: "Stay \\x1b[2J here"'), "choice 'stay' has an escape character"),
    # W009: the last ending has a condition
    ("W009", BASE.replace("    text: Lost.", "    text: Lost.\n    when: org < 4"), "the last ending 'lose' has a"),
]


@pytest.mark.parametrize(("code", "text", "message"), WARNING_CASES, ids=[c[0] for c in WARNING_CASES])
def test_warning_codes(code: str, text: str, message: str) -> None:
    found = [(d.code, d.message) for d in warnings(load_story_text(text, "t.yaml"))]
    assert any(c == code and message in m for c, m in found), found


def test_w007_and_w010_debate_without_model_answer_never_played() -> None:
    text = BASE.replace("scenes:\n", DEBATE.replace("analysys", "analysis").replace("    model_answer: M\n", "")
                        + "scenes:\n")
    codes = {d.code for d in warnings(load_story_text(text, "t.yaml"))}
    assert {"W007", "W010"} <= codes
