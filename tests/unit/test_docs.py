"""The documentation stays true to the code: every key, every code, the example story, the README commands."""

from __future__ import annotations

import re
from pathlib import Path

from trainer.story import load_story_text
from trainer.story.analysis import warnings
from trainer.story.spec import OBJECTS

ROOT = Path(__file__).resolve().parents[2]
AUTHORING = (ROOT / "docs" / "authoring.md").read_text(encoding="utf-8")


def test_every_key_of_every_object_is_documented() -> None:
    for name, fields in OBJECTS.items():
        section = AUTHORING.split(f"### {name.replace('_', ' ')}\n", 1)
        assert len(section) == 2, f"no section for {name}"
        table = re.split(r"^##", section[1], maxsplit=1, flags=re.M)[0]
        documented = set(re.findall(r"^\| `(\w+)` \|", table, re.M))
        assert documented == set(fields), name


def test_every_diagnostic_code_in_the_code_is_documented() -> None:
    source = "\n".join(p.read_text() for p in (ROOT / "trainer" / "story").glob("*.py"))
    used = set(re.findall(r'"([EW]\d{3})"', source))
    documented = set(re.findall(r"^\| ([EW]\d{3}) \|", AUTHORING, re.M))
    assert used <= documented, used - documented
    assert documented <= used, documented - used


def test_the_example_story_passes_strict_check() -> None:
    example = AUTHORING.split("## A complete small example", 1)[1].split("```yaml\n", 1)[1].split("```", 1)[0]
    assert warnings(load_story_text(example, "authoring.md")) == []


def test_readme_opens_with_the_two_commands_ci_runs() -> None:
    readme = (ROOT / "README.md").read_text()
    blocks = re.findall(r"```sh\n(.*?)\n```", readme, re.S)
    play, test = blocks[0], blocks[1]
    assert play.endswith("trainer") and "pip install ." in play
    assert test in (ROOT / ".ci" / "run").read_text()
