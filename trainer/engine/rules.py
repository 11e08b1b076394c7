"""The rules of play: how a choice turns one ``State`` into the next, and which ending a finished game gets.

This is the hot path of exhaustive exploration and of the counterfactual search, so a story is compiled once
into flat per-choice tables (``Rules``): dimension positions, ranges and flag sets are looked up at compile
time, a choice without effects reuses the previous dims tuple, a choice without flag changes reuses the
previous flag set. ``step(story, state, choice_id)`` is the convenient form; explorers hold a ``Rules`` and
call ``Rules.apply`` on the ``Move`` objects ``Rules.enabled`` returns, which skips the validity checks.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from trainer.engine.errors import InvalidChoice, NoEnding
from trainer.engine.state import EMPTY, State
from trainer.story.expr import Compiled
from trainer.story.model import END, Choice, Story

SCENE, ENDING, RULES = 0, 1, 2  # what a choice's goto names


@dataclass(frozen=True, slots=True)
class Move:
    """One choice compiled for fast application."""

    scene: str
    id: str
    choice: Choice
    when: Compiled | None
    effects: tuple[tuple[int, int, int, int], ...]  # (dimension position, by, min, max)
    set_flags: frozenset[str]
    clear_flags: frozenset[str]
    changes_flags: bool
    target: str
    kind: int  # SCENE, ENDING or RULES
    enter: frozenset[str]  # {target} when the target is a scene, to add to ``visited``


class Rules:
    """A story compiled for play. Build one with ``rules_for(story)``, which caches it."""

    def __init__(self, story: Story) -> None:
        self.story = story
        self.track_visited = story.uses_visited
        index = story.dimension_index
        dims = story.dimensions
        self.moves: dict[str, dict[str, Move]] = {}
        self.scene_moves: dict[str, tuple[Move, ...]] = {}
        for sid, scene in story.scenes.items():
            table: dict[str, Move] = {}
            for cid, c in scene.choices.items():
                kind = RULES if c.goto == END else SCENE if c.goto in story.scenes else ENDING
                effects = tuple(
                    (index[e.dimension], e.by, dims[e.dimension].min, dims[e.dimension].max)
                    for e in c.effects if e.by
                )
                set_flags, clear_flags = frozenset(c.set_flags), frozenset(c.clear_flags)
                table[cid] = Move(
                    scene=sid, id=cid, choice=c, when=c.when.evaluate if c.when else None, effects=effects,
                    set_flags=set_flags, clear_flags=clear_flags, changes_flags=bool(set_flags or clear_flags),
                    target=c.goto, kind=kind, enter=frozenset((c.goto,)) if kind == SCENE else EMPTY,
                )
            self.moves[sid] = table
            self.scene_moves[sid] = tuple(table.values())
        self.endings: tuple[tuple[str, Compiled | None], ...] = tuple(
            (eid, e.when.evaluate if e.when else None) for eid, e in story.endings.items()
        )

    # -- queries -------------------------------------------------------------------------------------------

    def enabled(self, state: State) -> list[Move]:
        """The moves the player may take in ``state``, in the author's order (empty once finished)."""
        if state.ending is not None:
            return []
        d, f, v = state.dims, state.flags, state.visited
        return [m for m in self.scene_moves[state.scene] if m.when is None or m.when(d, f, v)]

    def pick_ending(self, dims: tuple[int, ...], flags: frozenset[str], visited: frozenset[str]) -> str:
        """The first ending whose rule holds; raises NoEnding when none does."""
        for eid, when in self.endings:
            if when is None or when(dims, flags, visited):
                return eid
        raise NoEnding("no ending's rule holds for these values, and the story has no default ending "
                       "(an ending without 'when')")

    def ending_rule(self, state: State) -> int | None:
        """The 0-based position of the ending rule that holds in ``state``, or None."""
        for i, (_, when) in enumerate(self.endings):
            if when is None or when(state.dims, state.flags, state.visited):
                return i
        return None

    # -- transitions ---------------------------------------------------------------------------------------

    def apply(self, move: Move, state: State) -> State:
        """Take ``move`` in ``state`` without checking that it is offered or enabled."""
        dims = state.dims
        if move.effects:
            d = list(dims)
            for i, by, lo, hi in move.effects:
                v = d[i] + by
                d[i] = lo if v < lo else hi if v > hi else v
            dims = tuple(d)
        flags = state.flags
        if move.changes_flags:
            flags = (flags | move.set_flags) - move.clear_flags
        visited = state.visited
        if move.kind == SCENE:
            if self.track_visited and move.target not in visited:
                visited = visited | move.enter
            return State(move.target, dims, flags, visited, None)
        ending = move.target if move.kind == ENDING else self.pick_ending(dims, flags, visited)
        return State(ending, dims, flags, visited, ending)

    def move(self, state: State, choice_id: str) -> Move:
        """The move for ``choice_id`` in ``state``; raises InvalidChoice when it is not open to the player."""
        if state.ending is not None:
            raise InvalidChoice(f"the game is over (ending '{state.ending}'); no choice can be made")
        move = self.moves[state.scene].get(choice_id)
        if move is None:
            offered = ", ".join(self.moves[state.scene]) or "none"
            raise InvalidChoice(f"scene '{state.scene}' offers no choice '{choice_id}' (it offers: {offered})")
        if move.when is not None and not move.when(state.dims, state.flags, state.visited):
            source = move.choice.when.source if move.choice.when else ""
            raise InvalidChoice(f"choice '{choice_id}' in scene '{state.scene}' is not available: "
                                f"its condition '{source}' does not hold")
        return move

    def step(self, state: State, choice_id: str) -> State:
        return self.apply(self.move(state, choice_id), state)


_CACHE: dict[int, Rules] = {}
_CACHE_SIZE = 16


def rules_for(story: Story) -> Rules:
    """The compiled rules of ``story``, cached by identity (a reloaded story is a new object, so a new entry)."""
    rules = _CACHE.get(id(story))
    if rules is not None and rules.story is story:
        return rules
    rules = Rules(story)
    if len(_CACHE) >= _CACHE_SIZE:
        _CACHE.pop(next(iter(_CACHE)))
    _CACHE[id(story)] = rules
    return rules


def step(story: Story, state: State, choice_id: str) -> State:
    """The state after choosing ``choice_id`` in ``state``; raises InvalidChoice or NoEnding."""
    return rules_for(story).step(state, choice_id)


def start_state(story: Story, *, scene: str | None = None, values: Mapping[str, int] | None = None,
                flags: Iterable[str] = ()) -> State:
    """The state a game starts in: the story's start scene and every dimension at its start value.

    ``scene``, ``values`` and ``flags`` let an author start anywhere with chosen values (Ren'Py's warp) to try
    one scene without playing up to it. Raises ValueError for an unknown scene, dimension or flag, or a value
    outside its dimension's range.
    """
    where = story.start if scene is None else scene
    if where not in story.scenes:
        raise ValueError(f"no scene '{where}' in story '{story.id}'")
    dims = [d.start for d in story.dimensions.values()]
    for name, value in (values or {}).items():
        dim = story.dimensions.get(name)
        if dim is None:
            raise ValueError(f"no dimension '{name}' in story '{story.id}'")
        if not dim.min <= value <= dim.max:
            raise ValueError(f"{name} = {value} is outside its range {dim.min}..{dim.max}")
        dims[story.dimension_index[name]] = value
    flag_set = frozenset(flags)
    unknown = sorted(flag_set - set(story.flags))
    if unknown:
        raise ValueError(f"no flag '{unknown[0]}' in story '{story.id}'")
    visited = frozenset((where,)) if story.uses_visited else EMPTY
    return State(where, tuple(dims), flag_set, visited, None)


def replay_choices(story: Story, choice_ids: Iterable[str], start: State | None = None) -> list[State]:
    """Every state along a route of choice ids, the start included; raises InvalidChoice at the first misfit.
    Golden paths (``tests:`` in a story) are checked with this."""
    rules = rules_for(story)
    state = start_state(story) if start is None else start
    states = [state]
    for cid in choice_ids:
        state = rules.step(state, cid)
        states.append(state)
    return states
