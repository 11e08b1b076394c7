"""Static analysis of a loaded story: the warnings ``check`` reports and the figures ``stats`` prints.

This works on the story graph and ignores conditions, so "unreachable" here means "no path of the graph
reaches it"; exact, state-aware answers come from ``trainer explore``.
"""

from __future__ import annotations

import gc
import re
from collections import deque
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from trainer.story import expr
from trainer.story.diagnostics import Diagnostic, Pos, Severity
from trainer.story.model import END, Story

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_CONTROL_NAMES = {0x1B: "an escape character (ESC)", 0x07: "a bell character (BEL)", 0x08: "a backspace",
                  0x9B: "a control sequence introducer (CSI)", 0x0D: "a carriage return"}
_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")


def _warn(code: str, message: str, pos: Pos, hint: str = "") -> Diagnostic:
    return Diagnostic(code, Severity.WARNING, message, pos, hint)


def reachable_scenes(story: Story) -> list[str]:
    """Scenes reachable from the start in the story graph, in breadth-first order."""
    seen = {story.start}
    order = [story.start]
    queue = deque(order)
    while queue:
        scene = story.scenes[queue.popleft()]
        for choice in scene.choices.values():
            if choice.goto in story.scenes and choice.goto not in seen:
                seen.add(choice.goto)
                order.append(choice.goto)
                queue.append(choice.goto)
    return order


def reachable_endings(story: Story, scenes: list[str]) -> set[str]:
    targets = {c.goto for s in scenes for c in story.scenes[s].choices.values()}
    found = {t for t in targets if t in story.endings}
    if END in targets:
        for ending in story.endings.values():
            found.add(ending.id)
            if ending.when is None:
                break  # rules after an unconditional ending can never be chosen
    return found


@contextmanager
def _gc_paused() -> Iterator[None]:
    """Pause the cyclic collector: right after a load, every object of a large story is still in the youngest
    generation, and the first collections would walk all of them (issue 8: half the time of ``warnings``)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def warnings(story: Story) -> list[Diagnostic]:
    with _gc_paused():
        return _warnings(story)


def _warnings(story: Story) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    scenes = reachable_scenes(story)
    reached = set(scenes)
    for sid, scene in story.scenes.items():
        if sid not in reached:
            out.append(_warn("W001", f"scene '{sid}' cannot be reached from the start", scene.pos,
                             "no choice goes to it"))
        if not scene.choices:
            out.append(_warn("W002", f"scene '{sid}' is a dead end: it offers no choice", scene.pos,
                             "add a choice with goto: end, or goto an ending"))
        elif all(c.when is not None for c in scene.choices.values()):
            out.append(_warn("W002", f"scene '{sid}' may be a dead end: every choice has a condition", scene.pos,
                             "add one choice without 'when' so the player can always go on"))
    found = reachable_endings(story, scenes)
    for eid, ending in story.endings.items():
        if eid not in found:
            out.append(_warn("W003", f"ending '{eid}' cannot be reached", ending.pos,
                             "no reachable choice goes to it, and an earlier ending rule always holds"
                             if any(e.when is None for e in story.endings.values()) else
                             "no reachable choice goes to it or to end"))
    goes_to_end = any(c.goto == END for s in story.scenes.values() for c in s.choices.values())
    last = list(story.endings.values())[-1] if story.endings else None
    if goes_to_end and last is not None and last.when is not None:
        out.append(_warn("W009", f"the last ending '{last.id}' has a condition, so 'goto: end' may find no ending",
                         last.when.pos, "leave 'when' off the last ending: it is the default"))
    read: set[str] = set()
    for s in story.scenes.values():
        for c in s.choices.values():
            if c.when:
                read |= expr.names_used(c.when.node)
    for e in story.endings.values():
        if e.when:
            read |= expr.names_used(e.when.node)
    changed = {eff.dimension for s in story.scenes.values() for c in s.choices.values() for eff in c.effects}
    set_flags = {f for s in story.scenes.values() for c in s.choices.values() for f in c.set_flags}
    for did, dim in story.dimensions.items():
        if did not in changed and did not in read:
            out.append(_warn("W005", f"dimension '{did}' is never changed or read", dim.pos))
    for fid, flag in story.flags.items():
        if fid not in set_flags:
            out.append(_warn("W006", f"flag '{fid}' is never set", flag.pos, "set it in a choice, or remove it"))
    for s in story.scenes.values():
        for c in s.choices.values():
            if c.effects and not c.explain.strip():
                out.append(_warn("W004", f"choice '{c.id}' changes scores but has no explanation", c.pos,
                                 "add 'explain:' with the strategic logic of the choice"))
            for eff in c.effects:
                if not eff.why.strip():
                    out.append(_warn("W008", f"effect on '{eff.dimension}' in choice '{c.id}' has no reason",
                                     eff.pos, f"write {eff.dimension}: {{by: {eff.by}, why: ...}}"))
    played = {s.debate for s in story.scenes.values() if s.debate}
    for did, debate in story.debates.items():
        if not debate.model_answer.strip():
            out.append(_warn("W007", f"debate '{did}' has no model answer", debate.pos))
        if did not in played:
            out.append(_warn("W010", f"debate '{did}' is never played: no scene names it", debate.pos,
                             f"add 'debate: {did}' to a scene"))
    out += control_character_warnings(story)
    return sorted(out, key=lambda d: (d.pos.line, d.pos.col, d.code))


@dataclass(frozen=True)
class Stats:
    words: int
    scenes: int
    choices: int
    endings: int
    debates: int
    quiz: int
    references: int
    longest_path: int | None  # decisions on the longest route; None when the graph has a cycle

    def as_dict(self) -> dict[str, int | None]:
        return dict(self.__dict__)


def _owned_texts(story: Story) -> list[tuple[str, Pos, list[str]]]:
    """Every text of the story, grouped by the object that holds it: (what, where, texts)."""
    top = Pos(story.path, 1, 1)
    out: list[tuple[str, Pos, list[str]]] = [("the story", top, [story.title, story.summary])]
    for s in story.scenes.values():
        texts = [s.title, s.text, *s.discuss]
        if s.why:
            texts += [s.why.question, *(r.text + " " + r.feedback for r in s.why.reasons)]
        out.append((f"scene '{s.id}'", s.pos, texts))
        for c in s.choices.values():
            out.append((f"choice '{c.id}'", c.pos, [c.label, c.explain, c.locked, *(e.why for e in c.effects)]))
    for e in story.endings.values():
        out.append((f"ending '{e.id}'", e.pos, [e.title, e.text]))
    for d in story.debates.values():
        texts = [d.title, d.model_answer, d.opponent.name, d.opponent.position, d.opponent.who]
        for x in d.exchanges:
            texts.append(x.claim)
            for r in x.rebuttals.values():
                texts += [r.text, r.feedback, r.reply, *(g.why for g in r.grades)]
        texts += [k.point for k in d.key_points.values()]
        out.append((f"debate '{d.id}'", d.pos, texts))
    for q in story.quiz.values():
        out.append((f"quiz question '{q.id}'", q.pos, [q.question, q.explain, *q.options.values()]))
    for r in story.references.values():
        out.append((f"reference '{r.id}'", r.pos, [r.title, r.text]))
    return out


def _story_texts(story: Story) -> list[str]:
    return [t for _, _, texts in _owned_texts(story) for t in texts]


def control_character_warnings(story: Story) -> list[Diagnostic]:
    """Escapes such as "\\x1b" in double-quoted YAML put control characters into text; the app shows them
    as harmless symbols, but they are almost always a mistake (or an attack on terminals)."""
    out = []
    for what, pos, texts in _owned_texts(story):
        for text in texts:
            m = _CONTROL.search(text) if text else None
            if m:
                code = ord(m.group())
                name = _CONTROL_NAMES.get(code, "a control character")
                out.append(_warn("W011", f"{what} has {name} (U+{code:04X}) in its text", pos,
                                 "remove the escape; players see it as a symbol such as ␛, never as an effect"))
                break
    return out


def longest_path(story: Story) -> int | None:
    """Most decisions on any route from the start (None if the scene graph has a cycle)."""
    memo: dict[str, int] = {}
    state: dict[str, int] = {}  # 1 = on the stack, 2 = done
    for root in reachable_scenes(story):
        if root in memo:
            continue
        stack: list[tuple[str, bool]] = [(root, False)]
        while stack:
            sid, done = stack.pop()
            if done:
                nexts = [c.goto for c in story.scenes[sid].choices.values() if c.goto in story.scenes]
                memo[sid] = 1 + max((memo[n] for n in nexts), default=0)
                state[sid] = 2
                continue
            if state.get(sid) == 2:
                continue
            if state.get(sid) == 1:
                return None
            state[sid] = 1
            stack.append((sid, True))
            for c in story.scenes[sid].choices.values():
                if c.goto in story.scenes:
                    if state.get(c.goto) == 1:
                        return None
                    if state.get(c.goto) != 2:
                        stack.append((c.goto, False))
    return memo.get(story.start, 0)


def stats(story: Story) -> Stats:
    words = sum(len(_WORD.findall(t)) for t in _story_texts(story) if t)
    return Stats(
        words=words,
        scenes=len(story.scenes),
        choices=sum(len(s.choices) for s in story.scenes.values()),
        endings=len(story.endings),
        debates=len(story.debates),
        quiz=len(story.quiz),
        references=len(story.references),
        longest_path=longest_path(story),
    )
