"""The benchmark's synthetic stories (bench/generate.py) are valid stories of the shape issue 8 measures.

No timing here: the benchmark itself is ``python bench/run.py``; this only keeps its input honest.
"""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path
from types import ModuleType

import pytest

from trainer.cli import main
from trainer.story import load_story
from trainer.story.analysis import stats, warnings

ROOT = Path(__file__).resolve().parents[2]
NODES = 200


def _generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_generate", ROOT / "bench" / "generate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def generate() -> ModuleType:
    return _generator()


@pytest.fixture(scope="module")
def story_path(generate: ModuleType, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return generate.write(NODES, tmp_path_factory.mktemp("bench"), seed=1)


def test_passes_check_strict(story_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--strict", str(story_path)]) == 0
    assert "0 errors, 0 warnings" in capsys.readouterr().out
    assert warnings(load_story(story_path)) == []


def test_has_the_shape_of_issue_8(story_path: Path) -> None:
    story = load_story(story_path)
    endings = [e for e in story.endings if re.fullmatch(r"e\d+", e)]
    # 5% of the nodes are endings, the rest scenes; plus the two rule endings
    assert len(endings) == NODES // 20
    assert len(story.scenes) == NODES - len(endings)
    assert len(story.endings) == len(endings) + 2
    s = stats(story)
    assert 70 <= s.words / NODES <= 95  # ~80 words a node
    choices = [c for sc in story.scenes.values() for c in sc.choices.values()]
    full = [sc for sc in story.scenes.values() if len(sc.choices) == 3]
    assert len(full) >= 0.95 * len(story.scenes)  # 3 choices, except near the end of the file
    conditional = [c for c in choices if c.when is not None]
    assert 0.03 * len(choices) < len(conditional) < 0.2 * len(choices)  # some conditional
    changing = [c for c in choices if c.effects or c.set_flags or c.clear_flags]
    assert len(changing) > 0.4 * len(choices)  # variables changed by choices
    for dim in story.dimensions.values():
        assert dim.max - dim.min <= 3  # small ranges keep the state space linear in the story


def test_choices_go_forward_only(story_path: Path) -> None:
    story = load_story(story_path)
    for sid, scene in story.scenes.items():
        for choice in scene.choices.values():
            if choice.goto != "end":
                assert int(choice.goto[1:]) > int(sid[1:]), (sid, choice.id, choice.goto)


def test_every_node_reachable(story_path: Path) -> None:
    story = load_story(story_path)
    targets = {c.goto for s in story.scenes.values() for c in s.choices.values()}
    assert set(story.scenes) - targets == {story.start}
    assert {e for e in story.endings if e.startswith("e")} <= targets


def test_deterministic_from_the_seed(generate: ModuleType) -> None:
    assert generate.generate(100, seed=3) == generate.generate(100, seed=3)
    assert generate.generate(100, seed=3) != generate.generate(100, seed=4)
