"""`trainer graph`: the story map — scenes, endings, conditional edges, debate rounds — as Mermaid or DOT.

Mermaid renders on GitHub: with ``-o map.md`` (or ``.markdown``) the chart is written inside a fenced
```` ```mermaid ```` block under a heading, ready to commit; any other file, or stdout, gets the bare chart.
DOT renders with Graphviz: ``trainer graph story.yaml --format dot -o map.dot && dot -Tsvg map.dot -o map.svg``.

Exit status: 0 written; 1 the story does not load (its diagnostics are printed); 2 usage error.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

HELP = "draw the story map as Mermaid (renders on GitHub) or Graphviz DOT"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("story", metavar="STORY", help="a story file")
    parser.add_argument("--format", choices=("mermaid", "dot"), default="mermaid",
                        help="mermaid (default) or dot")
    parser.add_argument("-o", "--output", metavar="FILE", type=Path,
                        help="write to FILE instead of stdout (a .md file gets a fenced mermaid block)")


def run(args: argparse.Namespace) -> int:
    from trainer.author.graph import render_dot, render_mermaid, render_mermaid_markdown
    from trainer.author.loading import load_for_author

    story = load_for_author(args.story)
    if isinstance(story, int):
        return story
    markdown = args.output is not None and args.output.suffix.lower() in (".md", ".markdown")
    if args.format == "dot":
        text = render_dot(story)
    else:
        text = render_mermaid_markdown(story) if markdown else render_mermaid(story)
    if args.output is None:
        sys.stdout.write(text)
        return 0
    try:
        args.output.write_text(text, encoding="utf-8")
    except OSError as exc:
        print(f"trainer graph: error: cannot write {args.output}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    print(f"wrote {args.output}", file=sys.stderr)
    return 0
