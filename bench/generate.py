"""Synthetic stories in trainer's format (docs/format.md) for the benchmarks, deterministic from a seed.

The shape is the one issue 8 measures ink and ChoiceScript on: N nodes of ~80 words each, of which 5% are
endings and 95% are scenes with 3 forward choices, some of them conditional, and choices that change
variables. In trainer's format it is written as:

- **Nodes.** Node ``i`` (``0 <= i < N``) is a scene ``s<i>`` or, for 5% of them (never node 0), a named ending
  ``e<i>`` (an ``endings:`` entry with a title and a ~75-word debrief). Every node has ~80 words counting its
  title, text, choice labels, explanations and effect reasons (``trainer stats`` counts them).
- **Choices go forward only.** Each of a scene's 3 choices goes to a node in the next ``WINDOW`` (8) nodes, so
  the graph is a DAG. Every node has at least one unconditional incoming choice from an earlier scene, so
  every scene and ending is reachable. Near the end of the file, where fewer nodes lie ahead, choices go to
  ``end`` and the ending rules decide.
- **Endings.** Two rule endings come first (``triumph: support >= 3 and unity >= 3``, ``divided: split and
  unity <= 1``), then the named endings with no rule (the first of them is the default for ``goto: end``).
  A random playthrough meets an ending about once in 20 decisions (5% of nodes), whatever N is, as in the
  ChoiceScript version, whose randomtest time does not grow with the story.
- **Variables.** Two dimensions, ``support`` and ``unity``, range 0..3 (start 1), and one flag, ``split``.
  About half the choices change one dimension by ±1 (with a reason, and an ``explain``), one in ten sets
  or clears ``split``. So a scene is reached in at most 4 × 4 × 2 = 32 distinct states, and an exhaustive
  explore visits at most 32 × N states (deep scenes see most combinations): the state space grows linearly
  with the story, as ChoiceScript's quicktest work does.
- **Conditions.** One scene in four has a conditional choice (``support >= 2``, ``unity >= 2 and not
  split``, ...), never its only way forward and never a node's only way in; a third of those have
  ``locked:`` text.

The file passes ``trainer check --strict`` (no warnings). Use ``python bench/generate.py N -o FILE``.
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

WINDOW = 8  # how far ahead a choice may go
ENDING_SHARE = 0.05
CONDITIONAL_SHARE = 0.25
EFFECT_SHARE = 0.5
FLAG_SHARE = 0.1
DIMENSIONS = ("support", "unity")
DIM_MIN, DIM_MAX, DIM_START = 0, 3, 1

_WORDS = (
    "strike", "committee", "delegates", "council", "workers", "union", "leaders", "factory", "district",
    "meeting", "vote", "assembly", "leaflet", "street", "square", "crowd", "police", "mayor", "minister",
    "government", "election", "party", "paper", "press", "printers", "dockers", "miners", "railway", "bakery",
    "shift", "wages", "hours", "rent", "tenants", "bread", "market", "price", "harbour", "ship", "cargo",
    "winter", "spring", "night", "morning", "evening", "road", "bridge", "station", "hall", "school",
    "teachers", "nurses", "students", "farmers", "village", "town", "city", "region", "border", "neighbours",
    "soldiers", "officers", "barracks", "ministry", "parliament", "bank", "credit", "debt", "loan", "contract",
    "notice", "letter", "speech", "banner", "rally", "picket", "line", "gate", "yard", "depot", "warehouse",
    "kitchen", "canteen", "fund", "collection", "promise", "demand", "answer", "question", "rumour", "report",
    "news", "telegram", "radio",
)
_VERBS = (
    "gathers", "waits", "argues", "refuses", "listens", "watches", "decides", "counts", "shouts", "marches",
    "returns", "votes", "calls", "writes", "reads", "prints", "carries", "opens", "closes", "holds", "breaks",
    "joins", "leaves",
)
_ADJS = (
    "tired", "angry", "quiet", "hopeful", "cautious", "crowded", "empty", "cold", "late", "early", "divided",
    "united", "nervous", "patient", "determined", "uncertain", "loud", "small", "large", "local", "distant",
)
_LABEL_VERBS = ("Call", "Send", "Answer", "Hold", "Join", "Refuse", "Print", "Visit", "Trust", "Organise",
                "Delay", "Question", "Support", "Warn")
_CONDITIONS = (
    ("support >= 2", "Not enough people are with you yet"),
    ("unity >= 2 and not split", "The movement is too divided for this"),
    ("support + unity >= 4", "You lack the strength for this"),
    ("not split", "The split makes this impossible"),
)


def _sentence(rng: random.Random) -> str:
    n = rng.randint(7, 11)
    words = [rng.choice(_ADJS) if k % 4 == 1 else rng.choice(_VERBS) if k % 4 == 2 else rng.choice(_WORDS)
             for k in range(n)]
    if n > 8:
        words[4] += ","
    return " ".join(words).capitalize() + "."


def _text(rng: random.Random, words: int) -> str:
    out: list[str] = []
    count = 0
    while count < words:
        s = _sentence(rng)
        out.append(s)
        count += s.count(" ") + 1
    return " ".join(out)


def _wrap(text: str, indent: str, width: int = 100) -> str:
    lines, line = [], ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(indent + line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    lines.append(indent + line)
    return "\n".join(lines)


def _label(rng: random.Random) -> str:
    return f"{rng.choice(_LABEL_VERBS)} the {rng.choice(_ADJS)} {rng.choice(_WORDS)}"


def _title(rng: random.Random) -> str:
    return f"The {rng.choice(_ADJS)} {rng.choice(_WORDS)}"


def plan(n: int, seed: int) -> tuple[list[bool], list[list[tuple[int | None, bool]]]]:
    """The graph: which nodes are endings, and for each scene its 3 targets (None = ``end``) with a flag
    saying whether the edge is the target's guaranteed way in (such edges are never conditional)."""
    if n < 20:
        raise ValueError("a synthetic story needs at least 20 nodes")
    rng = random.Random(seed)
    is_ending = [False] * n
    candidates = list(range(1, n))
    for i in rng.sample(candidates, max(1, round(n * ENDING_SHARE))):
        is_ending[i] = True
    edges: list[list[tuple[int | None, bool]]] = [[] for _ in range(n)]
    # Every node gets one unconditional way in from a scene in the window before it.
    for i in range(1, n):
        parents = [j for j in range(max(0, i - WINDOW), i) if not is_ending[j] and len(edges[j]) < 3]
        if not parents:  # pragma: no cover - with 95% scenes of 3 slots each this does not happen
            parents = [j for j in range(i) if not is_ending[j] and len(edges[j]) < 3]
        if not parents:
            raise ValueError(f"cannot give node {i} a way in; try another seed")
        edges[rng.choice(parents)].append((i, True))
    # The remaining slots go to random nodes ahead, distinct within a scene, or to `end` near the tail.
    for j in range(n):
        if is_ending[j]:
            continue
        taken = {t for t, _ in edges[j]}
        ahead = [t for t in range(j + 1, min(n, j + WINDOW + 1)) if t not in taken]
        rng.shuffle(ahead)
        while len(edges[j]) < 3:
            if ahead:
                edges[j].append((ahead.pop(), False))
            elif None not in taken:
                edges[j].append((None, False))
                taken.add(None)
            else:
                break
        edges[j].sort(key=lambda e: (e[0] is None, e[0] or 0))
    return is_ending, edges


def generate(n: int, seed: int = 1) -> str:
    """The YAML text of a synthetic story of ``n`` nodes (scenes + 5% endings)."""
    is_ending, edges = plan(n, seed)
    rng = random.Random(seed * 7919 + n)
    name = [f"e{i}" if is_ending[i] else f"s{i}" for i in range(n)]
    out: list[str] = [
        "# Synthetic benchmark story, generated by bench/generate.py; see its docstring for the shape.",
        "format: 1",
        f"id: synthetic_{n}",
        f"title: Synthetic story of {n} nodes",
        f"summary: A generated story of {n} nodes (seed {seed}) for trainer's benchmarks.",
        "dimensions:",
    ]
    for dim in DIMENSIONS:
        out += [f"  {dim}:", f"    label: {dim.capitalize()}", f"    low: Little {dim}", f"    high: Much {dim}",
                f"    min: {DIM_MIN}", f"    max: {DIM_MAX}", f"    start: {DIM_START}"]
    out += ["flags:", "  split: The movement has split in two", "scenes:"]
    for i in range(n):
        if is_ending[i]:
            continue
        out += [f"  {name[i]}:", f"    title: {_title(rng)}", "    text: |", _wrap(_text(rng, 30), "      "),
                "    choices:"]
        conditional = rng.random() < CONDITIONAL_SHARE
        fillers = [k for k, (_, spine) in enumerate(edges[i]) if not spine]
        cond_slot = rng.choice(fillers) if conditional and fillers and len(edges[i]) > 1 else -1
        for k, (target, _) in enumerate(edges[i]):
            out += [f"      {'abc'[k]}:", f"        label: {_label(rng)}"]
            if k == cond_slot:
                when, locked = rng.choice(_CONDITIONS)
                out.append(f"        when: {when}")
                if rng.random() < 1 / 3:
                    out.append(f"        locked: {locked}")
            if rng.random() < EFFECT_SHARE:
                dim = rng.choice(DIMENSIONS)
                by = rng.choice((1, 1, -1))
                why = _text(rng, 5)[:-1].replace(",", "")  # no comma: it sits in a flow mapping
                out += ["        effects:", f"          {dim}: {{by: {by}, why: {why}}}",
                        f"        explain: {_text(rng, 9)}"]
            r = rng.random()
            if r < FLAG_SHARE / 2:
                out.append("        set: [split]")
            elif r < FLAG_SHARE:
                out.append("        clear: [split]")
            out.append(f"        goto: {'end' if target is None else name[target]}")
    out += [
        "endings:",
        "  triumph:",
        "    title: Triumph",
        "    when: support >= 3 and unity >= 3",
        "    text: |",
        _wrap(_text(rng, 75), "      "),
        "  divided:",
        "    title: Divided",
        "    when: split and unity <= 1",
        "    text: |",
        _wrap(_text(rng, 75), "      "),
    ]
    for i in range(n):
        if is_ending[i]:
            out += [f"  {name[i]}:", f"    title: {_title(rng)}", "    text: |", _wrap(_text(rng, 70), "      ")]
    return "\n".join(out) + "\n"


def write(n: int, folder: Path, seed: int = 1) -> Path:
    """Write the story of ``n`` nodes to ``folder`` (reusing an identical file already there)."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"synthetic_{n}_seed{seed}.yaml"
    text = generate(n, seed)
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write a synthetic benchmark story in trainer's format.")
    parser.add_argument("nodes", type=int, help="number of nodes (scenes + 5%% endings), e.g. 10000")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("-o", "--output", help="file to write (default: standard output)")
    args = parser.parse_args(argv)
    text = generate(args.nodes, args.seed)
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
