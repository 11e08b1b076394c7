"""Golden paths: the routes a story's ``tests:`` names, replayed through the engine and checked.

Each path is a list of choice ids, the ending it must reach and, optionally, dimension values at that ending.
A path is replayed step by step with the engine (``available_choices`` says whether a choice is offered and,
if locked, why; ``Rules.step`` makes it), so a failure can say exactly which step went wrong and how:

- ``not_offered``: the scene has no such choice (the ids it offers are listed);
- ``locked``: the choice is there but its condition does not hold (the author's locked text and the unmet
  terms, "needs organisation >= 3 (you have 2)");
- ``no_ending``: a ``goto: end`` choice for which no ending rule holds;
- ``over``: the game ended before the path's choices ran out;
- ``unfinished``: the choices ran out before an ending;
- ``wrong_ending``: it ended, but not where the path says;
- ``value``: the right ending, but a dimension's value is off (expected vs got, every one that is off).
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from trainer.engine.choices import available_choices
from trainer.engine.errors import NoEnding
from trainer.engine.rules import rules_for, start_state
from trainer.story.diagnostics import Pos
from trainer.story.model import GoldenPath, Story


@dataclass(frozen=True, slots=True)
class GoldenResult:
    """One golden path, replayed."""

    story: str  # the story's id
    name: str
    kind: str  # "" when it passed, else one of the kinds in the module docstring
    reason: str  # "" when it passed: what went wrong, in one line
    pos: Pos  # where to look: the failing choice in ``tests:``, else the path itself
    ending: str | None  # the ending reached, if any
    steps: int  # choices made before it stopped
    seconds: float = 0.0

    @property
    def passed(self) -> bool:
        return not self.kind

    def to_dict(self) -> dict[str, object]:
        return {"story": self.story, "name": self.name, "passed": self.passed, "kind": self.kind,
                "reason": self.reason, "file": self.pos.file, "line": self.pos.line, "column": self.pos.col,
                "ending": self.ending, "steps": self.steps}


def run_golden_paths(story: Story) -> list[GoldenResult]:
    """Every golden path of ``story``, in the order they are written."""
    return [run_golden_path(story, path) for path in story.tests.values()]


def run_golden_path(story: Story, path: GoldenPath) -> GoldenResult:
    began = time.perf_counter()
    kind, reason, where, ending, steps = _replay(story, path)
    pos = path.choice_pos[where] if where is not None and where < len(path.choice_pos) else path.pos
    return GoldenResult(story.id, path.name, kind, reason, pos, ending, steps, time.perf_counter() - began)


def _replay(story: Story, path: GoldenPath) -> tuple[str, str, int | None, str | None, int]:
    """(kind, reason, index of the failing choice or None, ending reached, choices made)."""
    rules = rules_for(story)
    state = start_state(story)
    for k, cid in enumerate(path.choices):
        step = f"step {k + 1} ('{cid}')"
        if state.ending is not None:
            left = len(path.choices) - k
            return ("over", f"{step}: the game is already over, at ending '{state.ending}' after {k} "
                    f"choice{'s' * (k != 1)}; {left} choice{'s' * (left != 1)} left unplayed", k, state.ending, k)
        options = {o.id: o for o in available_choices(story, state)}
        option = options.get(cid)
        if option is None:
            offered = ", ".join(options) or "none"
            return ("not_offered", f"{step}: scene '{state.scene}' offers no choice '{cid}' (it offers: {offered})",
                    k, None, k)
        if not option.enabled:
            return ("locked", f"{step}: choice '{cid}' in scene '{state.scene}' is locked: {option.reason}",
                    k, None, k)
        try:
            state = rules.step(state, cid)
        except NoEnding:
            return ("no_ending", f"{step}: choice '{cid}' in scene '{state.scene}' goes to end, but no ending "
                    "rule holds", k, None, k)
    made = len(path.choices)
    if state.ending is None:
        return ("unfinished", f"the choices run out in scene '{state.scene}' after {made} "
                f"choice{'s' * (made != 1)}, before any ending (expected '{path.ending}')", None, None, made)
    if state.ending != path.ending:
        return ("wrong_ending", f"reached ending '{state.ending}', expected '{path.ending}'", None, state.ending,
                made)
    off = [(dim, want, state.dims[story.dimension_index[dim]]) for dim, want in path.expect.items()
           if state.dims[story.dimension_index[dim]] != want]
    if off:
        detail = "; ".join(f"{dim}: expected {want}, got {got}" for dim, want, got in off)
        return ("value", f"reached '{state.ending}' as expected, but {detail}", None, state.ending, made)
    return ("", "", None, state.ending, made)
