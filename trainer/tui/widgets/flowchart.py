"""The story so far as a flowchart, like a chapter flowchart in Detroit: Become Human: each decision on the
path taken (●) with the branches seen there and not taken (○, or ⊘ when locked), where the player is now (◉),
and the endings (◆ found, ◇ not yet). A branch leads to "?" until its scene or ending has been seen: the
undiscovered parts of the story stay hidden. Rows of a decision carry its position in the decision list so
selecting one can rewind there."""

from __future__ import annotations

from rich.console import RenderableType
from rich.text import Text
from textual.widgets.option_list import Option

from trainer.engine import State, available_choices
from trainer.story import Story
from trainer.story.model import END
from trainer.tui.game import Game
from trainer.tui.safe import one_line, plain
from trainer.tui.widgets.rows import hanging


def _target(story: Story, goto: str, seen: set[str], found: set[str]) -> Text:
    if goto == END:
        return Text("an ending (by the rules)", style="dim")
    if goto in story.endings:
        ending = story.endings[goto]
        return plain(f"◆ {one_line(ending.title)}", "bold") if goto in found else Text("◇ an ending", style="dim")
    if goto in seen and goto in story.scenes:
        return plain(one_line(story.scenes[goto].title))
    return Text("?", style="dim")


def _branches(story: Story, state: State, taken: str | None, seen: set[str], found: set[str],
              after: State | None = None) -> list[RenderableType]:
    rows: list[RenderableType] = []
    for o in available_choices(story, state):
        if o.hidden:
            continue
        mark = "●" if o.id == taken else "⊘" if not o.enabled else "○"
        style = "bold" if o.id == taken else "dim" if not o.enabled else ""
        goto = after.scene if after is not None and o.id == taken else o.choice.goto  # where it did lead
        text = Text.assemble(plain(one_line(o.label), style), "  → ", _target(story, goto, seen, found))
        if not o.enabled:
            text.append("  (locked)", style="dim")
        rows.append(hanging([(f"  │  {mark}", text)]))
    return rows


def flow_options(game: Game) -> list[Option]:
    story, session = game.story, game.session
    seen = set(game.seen)
    found = set(game.endings_found)
    if game.state.ending:
        found.add(game.state.ending)
    seen |= found
    options: list[Option] = [Option(Text("START", style="bold"), id="start", disabled=True)]
    for step, (index, p) in enumerate(zip(game.choice_indices(), session.played(), strict=True), start=1):
        scene = story.scenes[p.scene]
        options.append(Option(Text.assemble(("● ", "bold"), (f"{step}  ", "bold"), plain(one_line(scene.title),
                                                                                         "bold")), id=f"d{index}"))
        options.extend(Option(row, id=f"d{index}:{n}")
                       for n, row in enumerate(_branches(story, p.before, p.choice, seen, found, p.after)))
    state = game.state
    if state.ending:
        ending = story.endings[state.ending]
        options.append(Option(Text.assemble(("◆ ENDING  ", "bold"), plain(one_line(ending.title), "bold")),
                              id="here"))
    else:
        scene = story.scenes[state.scene]
        options.append(Option(Text.assemble(("◉ ", "bold"), (f"{game.steps + 1}  ", "bold"),
                                            plain(one_line(scene.title), "bold"), ("   ← you are here", "italic")),
                              id="here"))
        options.extend(Option(row, id=f"here:{n}") for n, row in
                       enumerate(_branches(story, state, None, seen, found)))
    options.append(Option(Text(""), id="gap", disabled=True))
    options.append(Option(Text("ENDINGS", style="bold"), id="endings", disabled=True))
    for e in story.endings.values():
        row = plain(f"◆ {one_line(e.title)}", "bold") if e.id in found else Text("◇ not found yet", style="dim")
        options.append(Option(row, id=f"ending-{e.id}", disabled=e.id not in found))
    return options


def decision_of(option_id: str | None) -> int | None:
    """The decision index a flowchart row belongs to, or None for rows that are not a past decision."""
    if not option_id or not option_id.startswith("d"):
        return None
    head = option_id[1:].split(":", 1)[0]
    return int(head) if head.isdigit() else None
