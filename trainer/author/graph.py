"""The story map: scenes and endings as a graph, written as Mermaid (renders on GitHub) or Graphviz DOT.

``story_map`` turns a story into plain nodes and edges; ``render_mermaid`` and ``render_dot`` write them out.
Scenes are boxes (hexagons when they play a debate round), endings are styled apart, and a choice with a
``when`` has its condition on its edge. ``goto: end`` choices all lead to one diamond, the story's ending rules,
from which dashed edges go to each ending the rules can pick, labelled with the ending's rule. (Dashed edges
straight from every such choice to every ending would say the same, since the rules are the same wherever
``end`` is reached, but with choices × endings edges where this needs choices + endings.)

Story text never breaks the syntax: ids are generated (``s_<scene>``, ``e_<ending>``: snake_case, never a
keyword), and every label is quoted with the few characters each format treats specially escaped — Mermaid
through its ``#code;`` entities, DOT through backslash escapes — and control characters dropped.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass

from trainer.story.analysis import reachable_scenes
from trainer.story.model import END, Story

LABEL_WIDTH = 32  # characters per line of a label
LABEL_MAX = 90  # characters of a label before it is cut with "…"


@dataclass(frozen=True, slots=True)
class Node:
    id: str  # safe in both formats: [a-z0-9_]
    kind: str  # "start", "scene", "debate" (a scene that plays a debate round), "ending" or "rules"
    lines: tuple[str, ...]  # the label, one entry per line, unescaped
    unreachable: bool = False  # a scene no path of the story graph reaches (check's W001)


@dataclass(frozen=True, slots=True)
class Edge:
    source: str
    target: str
    lines: tuple[str, ...]  # the label, unescaped
    kind: str  # "choice", "conditional" (a choice with `when`), "rule" (goto: end) or "start"


@dataclass(frozen=True, slots=True)
class StoryMap:
    title: str
    nodes: tuple[Node, ...]
    edges: tuple[Edge, ...]


def _scene_id(sid: str) -> str:
    return f"s_{sid}"


def _ending_id(eid: str) -> str:
    return f"e_{eid}"


RULES_ID = "ending_rules"  # the one node every `goto: end` leads to


def _clean(text: str) -> str:
    """One line of plain text: whitespace runs (newlines too) become one space, control characters go."""
    return " ".join("".join(ch if ch.isprintable() else " " for ch in text).split())


def _wrap(text: str, limit: int = LABEL_MAX) -> tuple[str, ...]:
    text = _clean(text)
    if len(text) > limit:
        text = text[: limit - 1].rstrip() + "…"
    return tuple(textwrap.wrap(text, LABEL_WIDTH, break_long_words=True, break_on_hyphens=False)) or ("",)


def story_map(story: Story) -> StoryMap:
    """The story as nodes and edges, in the author's order."""
    reached = set(reachable_scenes(story))
    nodes = [Node("story_start", "start", ("start",))]
    edges = [Edge("story_start", _scene_id(story.start), (), "start")]
    for sid, scene in story.scenes.items():
        lines = (*_wrap(scene.title), f"({sid})")
        kind = "scene"
        if scene.debate:
            debate = story.debates[scene.debate]
            lines = (*lines, *_wrap(f"debate: {debate.title}"))
            kind = "debate"
        nodes.append(Node(_scene_id(sid), kind, lines, sid not in reached))
    for eid, ending in story.endings.items():
        nodes.append(Node(_ending_id(eid), "ending", (*_wrap(ending.title), f"({eid})")))
    to_end = False
    for sid, scene in story.scenes.items():
        for c in scene.choices.values():
            if c.goto == END:
                to_end = True
                target = RULES_ID
            else:
                target = _scene_id(c.goto) if c.goto in story.scenes else _ending_id(c.goto)
            lines = _wrap(c.label, 60)
            if c.when is not None:
                edges.append(Edge(_scene_id(sid), target, (*lines, *_wrap(f"when {c.when.source}")), "conditional"))
            else:
                edges.append(Edge(_scene_id(sid), target, lines, "choice"))
    if to_end:
        nodes.append(Node(RULES_ID, "rules", ("goto: end", "ending rules")))
        for eid, rule in _pickable_endings(story):
            edges.append(Edge(RULES_ID, _ending_id(eid), _wrap(rule), "rule"))
    return StoryMap(_clean(story.title), tuple(nodes), tuple(edges))


def _pickable_endings(story: Story) -> list[tuple[str, str]]:
    """The endings ``goto: end`` can pick, with their rule: every one up to the first without a condition."""
    out = []
    for k, (eid, ending) in enumerate(story.endings.items(), start=1):
        if ending.when is None:
            out.append((eid, f"rule {k}: otherwise"))
            break
        out.append((eid, f"rule {k}: {ending.when.source}"))
    return out


# -- Mermaid -------------------------------------------------------------------------------------------------

# Inside a quoted Mermaid label these would end the string, start an entity, or be read as HTML or Markdown.
# Brackets are safe inside quotes, but escaping them too costs nothing and keeps older renderers happy. ':' is
# escaped because before rendering Mermaid rewrites any line matching /style.*:\S*#.*;/ (or classDef) as a colour
# definition and drops a ';' from it, which would break the entities here; a line without ':' cannot match.
_MERMAID_ESCAPES = {":": "#58;", '"': "#quot;", "#": "#35;", "&": "#38;", "<": "#60;", ">": "#62;", "`": "#96;",
                    "|": "#124;", "%": "#37;", ";": "#59;", "\\": "#92;", "{": "#123;", "}": "#125;",
                    "[": "#91;", "]": "#93;", "(": "#40;", ")": "#41;"}
_MERMAID_SHAPES = {"start": ('(["', '"])'), "scene": ('["', '"]'), "debate": ('{{"', '"}}'),
                   "ending": ('(["', '"])'), "rules": ('{"', '"}')}


def mermaid_text(text: str) -> str:
    """``text`` safe inside a double-quoted Mermaid label."""
    return "".join(_MERMAID_ESCAPES.get(ch, ch) for ch in text)


def _mermaid_label(lines: tuple[str, ...]) -> str:
    return "<br/>".join(mermaid_text(line) for line in lines)


def render_mermaid(story: Story) -> str:
    """A Mermaid flowchart of the story, as GitHub renders it in a ```mermaid block."""
    m = story_map(story)
    out = [f"%% Story map of {mermaid_text(m.title)}, drawn by trainer graph", "flowchart TD"]
    for node in m.nodes:
        left, right = _MERMAID_SHAPES[node.kind]
        out.append(f"    {node.id}{left}{_mermaid_label(node.lines)}{right}")
    for edge in m.edges:
        arrow = "-.->" if edge.kind == "rule" else "-->"
        label = f'|"{_mermaid_label(edge.lines)}"|' if edge.lines else ""
        out.append(f"    {edge.source} {arrow}{label} {edge.target}")
    out += [
        "    classDef start fill:#eeeeee,stroke:#555555",
        "    classDef ending fill:#fde9c8,stroke:#9a5b00,stroke-width:2px",
        "    classDef debate fill:#dde8f7,stroke:#2a5599",
        "    classDef rules fill:#fff7e6,stroke:#9a5b00,stroke-dasharray:4 2",
        "    classDef unreachable stroke:#c0392b,stroke-width:2px,stroke-dasharray:5 3",
    ]
    for kind in ("start", "ending", "debate", "rules"):
        ids = [n.id for n in m.nodes if n.kind == kind]
        if ids:
            out.append(f"    class {','.join(ids)} {kind}")
    lost = [n.id for n in m.nodes if n.unreachable]
    if lost:
        out.append(f"    class {','.join(lost)} unreachable")
    conditional = [str(k) for k, edge in enumerate(m.edges) if edge.kind == "conditional"]
    if conditional:
        out.append(f"    linkStyle {','.join(conditional)} stroke:#2a5599,color:#2a5599")
    return "\n".join(out) + "\n"


def render_mermaid_markdown(story: Story) -> str:
    """The Mermaid flowchart in a Markdown file: a heading and a fenced block GitHub draws."""
    title = _clean(story.title).replace("`", "'")
    return f"# Story map: {title}\n\n```mermaid\n{render_mermaid(story)}```\n"


# -- Graphviz DOT --------------------------------------------------------------------------------------------

_DOT_STYLES = {
    "start": 'shape=circle, label="", width=0.25, style=filled, fillcolor="#555555"',
    "scene": 'shape=box, style="rounded"',
    "debate": 'shape=hexagon, style=filled, fillcolor="#dde8f7", color="#2a5599"',
    "ending": 'shape=box, style="rounded,filled,bold", fillcolor="#fde9c8", color="#9a5b00"',
    "rules": 'shape=diamond, style="dashed,filled", fillcolor="#fff7e6", color="#9a5b00"',
}


def dot_text(text: str) -> str:
    """``text`` safe inside a double-quoted DOT string: backslashes and quotes escaped (so ``\\n``, ``\\l`` and
    the other escString sequences cannot be formed by story text), and ``&`` written ``&amp;`` because
    Graphviz decodes HTML entities in every label."""
    return text.replace("&", "&amp;").replace("\\", "\\\\").replace('"', '\\"')


def _dot_label(lines: tuple[str, ...]) -> str:
    return "\\n".join(dot_text(line) for line in lines)


def render_dot(story: Story) -> str:
    """A Graphviz digraph of the story (``dot -Tsvg map.dot -o map.svg``)."""
    m = story_map(story)
    out = [
        f'digraph "{dot_text(story.id)}" {{',
        f'    graph [rankdir=TB, labelloc=t, fontname="Helvetica", label="{dot_text(m.title)}"];',
        '    node [fontname="Helvetica", fontsize=11];',
        '    edge [fontname="Helvetica", fontsize=9];',
    ]
    for node in m.nodes:
        style = _DOT_STYLES[node.kind]
        if node.unreachable:
            style += ', color="#c0392b", penwidth=2'
        label = "" if node.kind == "start" else f', label="{_dot_label(node.lines)}"'
        out.append(f'    "{node.id}" [{style}{label}];')
    for edge in m.edges:
        attrs = []
        if edge.lines:
            attrs.append(f'label="{_dot_label(edge.lines)}"')
        if edge.kind == "rule":
            attrs.append('style=dashed, color="#9a5b00"')
        elif edge.kind == "conditional":
            attrs.append('color="#2a5599"')
        suffix = f" [{', '.join(attrs)}]" if attrs else ""
        out.append(f'    "{edge.source}" -> "{edge.target}"{suffix};')
    out.append("}")
    return "\n".join(out) + "\n"
