"""`trainer graph`: the story map's content, and output that story text can never break.

Mermaid and DOT output for a story whose titles and labels are full of quotes, brackets, markup, entities,
backslashes and keywords is checked three ways: by a line grammar and tokenizer here (every label quoted and
decoding back to the story's text), by Graphviz's own ``dot -Tsvg`` when it is installed, and by Mermaid's own
parser when ``TRAINER_MERMAID_DIR`` names a folder where ``npm install mermaid jsdom`` was run.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from trainer.author.graph import render_dot, render_mermaid, story_map
from trainer.cli import main
from trainer.story import load_story, load_story_text

ROOT = Path(__file__).resolve().parents[3]
STORIES = ROOT / "tests" / "stories"
HOSTILE = STORIES / "author_hostile.yaml"
MAPPED = [HOSTILE, STORIES / "author_complete.yaml", STORIES / "author_loop.yaml",
          STORIES / "author_unreachable.yaml"]

# -- Mermaid: a line grammar for exactly what render_mermaid may write ----------------------------------------

_ID = r"[a-z][a-z0-9_]*"
_LABEL = r'[^"<>`|\n]*?'  # no quote, no raw HTML, no backtick, no pipe (line breaks are written <br/>)
_SHAPES = [(r'\(\["', r'"\]\)'), (r'\["', r'"\]'), (r'\{\{"', r'"\}\}'), (r'\{"', r'"\}')]
_NODE = re.compile(rf"^    ({_ID})(?:{'|'.join(f'{a}((?:{_LABEL}|<br/>)*){b}' for a, b in _SHAPES)})$")
_EDGE = re.compile(rf'^    ({_ID}) (-->|-\.->)(?:\|"((?:{_LABEL}|<br/>)*)"\|)? ({_ID})$')
_STYLE = re.compile(rf"^    (classDef {_ID} [a-z:#0-9,\- ]+|class {_ID}(,{_ID})* {_ID}"
                    rf"|linkStyle \d+(,\d+)* [a-z:#0-9,]+)$")
_ENTITY = re.compile(r"#(\d+|quot);")


def _decode_mermaid(label: str) -> list[str]:
    assert not re.search(r"#(?!\d+;|quot;)", label), label  # every '#' starts an entity
    return [_ENTITY.sub(lambda m: '"' if m.group(1) == "quot" else chr(int(m.group(1))), part)
            for part in label.split("<br/>")]


@pytest.mark.parametrize("path", MAPPED, ids=lambda p: p.stem)
def test_mermaid_lines_follow_the_grammar_and_labels_decode_to_the_story_text(path: Path) -> None:
    story = load_story(path)
    lines = render_mermaid(story).splitlines()
    assert lines[0].startswith("%% ") and lines[1] == "flowchart TD"
    labels: dict[str, list[str]] = {}
    edges: list[tuple[str, str, list[str]]] = []
    for line in lines[2:]:
        node, edge = _NODE.match(line), _EDGE.match(line)
        if node:
            label = next(g for g in node.groups()[1:] if g is not None)
            labels[node.group(1)] = _decode_mermaid(label)
        elif edge:
            edges.append((edge.group(1), edge.group(4), _decode_mermaid(edge.group(3) or "")))
        else:
            assert _STYLE.match(line), f"not a line render_mermaid may write: {line!r}"
    m = story_map(story)
    assert labels == {n.id: list(n.lines) for n in m.nodes}
    assert edges == [(e.source, e.target, list(e.lines) or [""]) for e in m.edges]


def test_mermaid_keywords_in_ids_cannot_clash() -> None:
    # a scene called end_game and one called graph: ids are prefixed, so never the keyword `end` or `graph`
    text = render_mermaid(load_story(HOSTILE))
    assert re.search(r"^    s_end_game\{\{", text, re.M) and re.search(r'^    s_graph\["', text, re.M)
    ids = {n.id for n in story_map(load_story(HOSTILE)).nodes}
    assert all(re.fullmatch(r"(s|e)_[a-z0-9_]+|story_start|ending_rules", i) for i in ids), ids


# -- DOT: a tokenizer, then Graphviz itself -------------------------------------------------------------------

_DOT_TOKEN = re.compile(r'\s*(?:("(?:[^"\\]|\\.)*")|(->|[{}\[\];,=])|([A-Za-z_][A-Za-z0-9_.]*|-?\d+(?:\.\d+)?))',
                        re.S)


def _dot_tokens(text: str) -> list[str]:
    tokens, pos = [], 0
    while pos < len(text.rstrip()):
        m = _DOT_TOKEN.match(text, pos)
        assert m and m.end() > pos, f"cannot tokenize DOT at {text[pos:pos + 40]!r}"
        tokens.append(m.group(m.lastindex or 0))
        pos = m.end()
    return tokens


def _decode_dot(quoted: str) -> list[str]:
    body = quoted[1:-1]
    # escString: \\ and \" are the only escapes story text may produce; \n is our line break
    assert not re.search(r"\\(?![\\\"n])", body.replace("\\\\", "")), body
    parts = re.split(r"(?<!\\)((?:\\\\)*)\\n", body)
    lines, buf = [], ""
    for k, part in enumerate(parts):
        if k % 2 == 0:
            buf += part
            lines.append(buf)
            buf = ""
        else:
            buf = part
    text_lines = [line.replace("\\\\", "\x00").replace('\\"', '"').replace("\x00", "\\") for line in lines]
    return [line.replace("&amp;", "&") for line in text_lines]


@pytest.mark.parametrize("path", MAPPED, ids=lambda p: p.stem)
def test_dot_tokenizes_balances_and_labels_decode_to_the_story_text(path: Path) -> None:
    story = load_story(path)
    tokens = _dot_tokens(render_dot(story))
    assert tokens[0] == "digraph" and tokens[2] == "{" and tokens[-1] == "}"
    assert tokens.count("{") == tokens.count("}") == 1 and tokens.count("[") == tokens.count("]")
    m = story_map(story)
    node_labels = {n.id: list(n.lines) for n in m.nodes if n.kind != "start"}
    found: dict[str, list[str]] = {}
    edge_labels: list[list[str]] = []
    for k, tok in enumerate(tokens):
        if tok == "label" and tokens[k + 1] == "=" and tokens[k + 2].startswith('"'):
            # the statement this attribute belongs to starts after the last ';' or '{'
            start = max(i for i in range(k) if tokens[i] in (";", "{")) + 1
            if tokens[start] == "graph":
                continue
            if tokens[start + 1] == "->":
                edge_labels.append(_decode_dot(tokens[k + 2]))
            else:
                found[tokens[start].strip('"')] = _decode_dot(tokens[k + 2])
    assert {k: v for k, v in found.items() if v != [""]} == node_labels
    assert edge_labels == [list(e.lines) for e in m.edges if e.lines]


@pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz is not installed")
@pytest.mark.parametrize("path", MAPPED, ids=lambda p: p.stem)
def test_graphviz_accepts_the_dot(path: Path) -> None:
    proc = subprocess.run(["dot", "-Tsvg"], input=render_dot(load_story(path)), capture_output=True, text=True,
                          timeout=60)
    assert proc.returncode == 0 and not proc.stderr.strip(), proc.stderr


_MERMAID_CHECK = """
import { JSDOM } from "jsdom";
const dom = new JSDOM("<!doctype html><html><body></body></html>");
globalThis.window = dom.window; globalThis.document = dom.window.document;
const { default: mermaid } = await import("mermaid");
mermaid.initialize({ startOnLoad: false, securityLevel: "strict" });
let text = ""; for await (const chunk of process.stdin) text += chunk;
try { await mermaid.parse(text); console.log("OK"); }
catch (e) { console.log(String(e.message || e)); process.exit(1); }
"""


@pytest.mark.skipif(not os.environ.get("TRAINER_MERMAID_DIR") or shutil.which("node") is None,
                    reason="set TRAINER_MERMAID_DIR to a folder with `npm install mermaid jsdom` to run")
@pytest.mark.parametrize("path", MAPPED, ids=lambda p: p.stem)
def test_mermaid_parser_accepts_the_chart(path: Path) -> None:
    proc = subprocess.run(["node", "--input-type=module", "-e", _MERMAID_CHECK],
                          input=render_mermaid(load_story(path)), capture_output=True, text=True, timeout=120,
                          cwd=os.environ["TRAINER_MERMAID_DIR"])
    assert proc.returncode == 0 and proc.stdout.strip() == "OK", proc.stdout + proc.stderr


# -- content -------------------------------------------------------------------------------------------------

SMALL = """\
format: 1
id: small
title: Small
summary: s
dimensions:
  org: {label: O, low: l, high: h}
scenes:
  one:
    title: One
    text: t
    choices:
      up: {label: Up, when: org >= 1, goto: end}
      straight: {label: Straight, goto: won}
  lost_scene:
    title: Lost
    text: t
    choices:
      back: {label: Back, goto: one}
endings:
  won: {title: Won, when: org >= 5, text: t}
  fallback: {title: Fallback, text: t}
  never: {title: Never, text: t}
"""


def test_map_content_endings_conditions_rules_and_unreachable_scenes() -> None:
    m = story_map(load_story_text(SMALL, "small.yaml"))
    kinds = {n.id: n.kind for n in m.nodes}
    assert kinds == {"story_start": "start", "s_one": "scene", "s_lost_scene": "scene", "e_won": "ending",
                     "e_fallback": "ending", "e_never": "ending", "ending_rules": "rules"}
    assert [n.id for n in m.nodes if n.unreachable] == ["s_lost_scene"]
    edges = {(e.source, e.target): (e.kind, e.lines) for e in m.edges}
    assert edges[("s_one", "ending_rules")] == ("conditional", ("Up", "when org >= 1"))
    assert edges[("s_one", "e_won")] == ("choice", ("Straight",))
    # goto: end can pick won (rule 1) or fallback (the default, rule 2); never comes after the default
    assert edges[("ending_rules", "e_won")] == ("rule", ("rule 1: org >= 5",))
    assert edges[("ending_rules", "e_fallback")] == ("rule", ("rule 2: otherwise",))
    assert ("ending_rules", "e_never") not in edges


def test_debate_rounds_are_marked() -> None:
    m = story_map(load_story(HOSTILE))
    scene = next(n for n in m.nodes if n.id == "s_end_game")
    assert scene.kind == "debate" and any(line.startswith("debate: ") for line in scene.lines)
    assert "{{" in render_mermaid(load_story(HOSTILE)).split("s_end_game", 1)[1].split("\n", 1)[0]
    assert 'shape=hexagon' in next(line for line in render_dot(load_story(HOSTILE)).splitlines()
                                   if line.strip().startswith('"s_end_game" ['))


def test_long_labels_are_wrapped_and_cut() -> None:
    long = SMALL.replace("label: Straight", "label: " + "word " * 60)
    edge = next(e for e in story_map(load_story_text(long, "x.yaml")).edges if e.target == "e_won")
    assert all(len(line) <= 32 for line in edge.lines)
    assert edge.lines[-1].endswith("…")


# -- the command ---------------------------------------------------------------------------------------------


def test_command_writes_mermaid_to_stdout(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["graph", str(HOSTILE)]) == 0
    assert capsys.readouterr().out == render_mermaid(load_story(HOSTILE))


def test_command_markdown_file_gets_a_fenced_block(tmp_path: Path) -> None:
    out = tmp_path / "map.md"
    assert main(["graph", str(HOSTILE), "--format", "mermaid", "-o", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# Story map: ") and "\n```mermaid\n%% Story map" in text and text.endswith("```\n")


def test_command_dot_file(tmp_path: Path) -> None:
    out = tmp_path / "map.dot"
    assert main(["graph", str(HOSTILE), "--format", "dot", "-o", str(out)]) == 0
    assert out.read_text(encoding="utf-8") == render_dot(load_story(HOSTILE))


def test_command_unloadable_story_exits_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(SMALL.replace("goto: won", "goto: wonn"))
    assert main(["graph", str(bad)]) == 1
    assert "error[E012]" in capsys.readouterr().err


@pytest.mark.parametrize("argv", [["graph", "/no/such.yaml"], ["graph", str(HOSTILE), "--format", "png"]])
def test_command_usage_errors_exit_2(argv: list[str]) -> None:
    try:
        code = main(argv)
    except SystemExit as exc:
        code = int(exc.code or 0)
    assert code == 2
