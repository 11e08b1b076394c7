"""What ``trainer check`` does with each file: load it, collect errors or warnings, render them."""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass, field
from pathlib import Path

from trainer.paths import expand_story_paths
from trainer.story.analysis import Stats, stats, warnings
from trainer.story.diagnostics import Diagnostic, Severity, StoryError, render
from trainer.story.loader import load_story_text
from trainer.story.source import read_text


@dataclass
class FileResult:
    path: str
    diagnostics: list[Diagnostic] = field(default_factory=list)
    stats: Stats | None = None
    source: str = ""

    def count(self, severity: Severity) -> int:
        return sum(d.severity is severity for d in self.diagnostics)

    def failed(self, strict: bool) -> bool:
        return self.count(Severity.ERROR) > 0 or (strict and self.count(Severity.WARNING) > 0)


def check_file(path: Path, with_stats: bool = False) -> FileResult:
    """Raises OSError when the file cannot be opened (a usage error, not a finding)."""
    result = FileResult(str(path))
    try:
        result.source = read_text(path)
        story = load_story_text(result.source, str(path))
    except StoryError as exc:
        result.diagnostics = exc.diagnostics
        return result
    result.diagnostics = warnings(story)
    if with_stats:
        result.stats = stats(story)
    return result


def check_paths(paths: list[str], strict: bool = False, with_stats: bool = False
                ) -> tuple[list[FileResult], list[str]]:
    results, usage = [], []
    files = expand_story_paths(paths)
    if not files:
        usage.append(f"no story files found in {', '.join(paths)}")
    for path in files:
        try:
            results.append(check_file(path, with_stats))
        except OSError as exc:
            usage.append(f"{path}: cannot open: {exc.strerror or exc}")
    return results, usage


def print_text(results: list[FileResult], usage: list[str], strict: bool) -> None:
    for message in usage:
        print(f"error: {message}", file=sys.stderr)
    for r in results:
        lines = r.source.splitlines() if r.source else None
        for d in r.diagnostics:
            shown = d if not (strict and d.severity is Severity.WARNING) else Diagnostic(
                d.code, Severity.ERROR, d.message, d.pos, d.hint)
            print(render(shown, lines))
        if r.stats:
            s = r.stats
            longest = "has a cycle" if s.longest_path is None else f"{s.longest_path} decisions"
            print(f"{r.path}: {s.words:,} words, {s.scenes} scenes, {s.choices} choices, {s.endings} endings, "
                  f"{s.debates} debates, {s.quiz} quiz questions, {s.references} references; longest path {longest}")
    errors = sum(r.count(Severity.ERROR) for r in results)
    warns = sum(r.count(Severity.WARNING) for r in results)
    bad = sum(r.failed(strict) for r in results)
    verdict = "ok" if not bad else f"{bad} of {len(results)} files with findings"
    print(f"checked {len(results)} file{'s' * (len(results) != 1)}: {errors} error{'s' * (errors != 1)}, "
          f"{warns} warning{'s' * (warns != 1)}{' (errors under --strict)' if strict and warns else ''} — {verdict}")


def print_json(results: list[FileResult], usage: list[str]) -> None:
    doc = {
        "files": [
            {"path": r.path, "errors": r.count(Severity.ERROR), "warnings": r.count(Severity.WARNING),
             "diagnostics": [d.as_dict() for d in r.diagnostics],
             **({"stats": r.stats.as_dict()} if r.stats else {})}
            for r in results
        ],
        "usage_errors": usage,
    }
    json.dump(doc, sys.stdout, indent=2, ensure_ascii=False)
    print()
