"""Where things live: the bundled stories (inside the wheel, or ``stories/`` in a source checkout) and the
player's data folder ``TRAINER_HOME`` (default: the platform's user data folder), so tests and CI never
touch a real home."""

from __future__ import annotations

import os
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def bundled_stories_dir() -> Path:
    installed = _PACKAGE / "_stories"  # where the wheel puts stories/ (see pyproject.toml)
    if installed.is_dir():
        return installed
    return _PACKAGE.parent / "stories"


#: The order a newcomer should meet the bundled stories in: the tutorial, then the strategy step by step.
TEACHING_ORDER = ("tutorial", "elections_or_councils", "islands_or_power", "organise_the_oppressed",
                  "dual_power", "morning_after", "permanent_or_isolated")


def bundled_stories() -> list[Path]:
    """Bundled story files in teaching order; any others after them, by name."""
    folder = bundled_stories_dir()
    if not folder.is_dir():
        return []
    rank = {stem: i for i, stem in enumerate(TEACHING_ORDER)}
    return sorted(folder.glob("*.yaml"), key=lambda p: (rank.get(p.stem, len(rank)), p.name))


def trainer_home() -> Path:
    """The player's data folder; created on first use."""
    env = os.environ.get("TRAINER_HOME")
    if env:
        home = Path(env).expanduser()
    else:
        from platformdirs import user_data_dir

        home = Path(user_data_dir("trainer", appauthor=False))
    home.mkdir(parents=True, exist_ok=True)
    return home


def user_stories_dir() -> Path:
    return trainer_home() / "stories"


def expand_story_paths(paths: list[str]) -> list[Path]:
    """Files as given; folders become the ``*.yaml``/``*.yml`` files inside them, sorted."""
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            out.extend(sorted([*p.glob("*.yaml"), *p.glob("*.yml")]))
        else:
            out.append(p)
    return out
