"""Hostile files: each exits 1 with one clear located message and no traceback (run as a real command)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ALIAS_BOMB = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n"
    for i in range(9)
)

HOSTILE: list[tuple[str, bytes, str]] = [
    # an empty file
    ("empty", b"", "file is empty"),
    # only comments
    ("comments", b"# nothing here\n", "file is empty"),
    # binary garbage with NUL bytes
    ("binary", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "NUL byte"),
    # billion laughs: rejected at the first alias, without expanding anything
    ("alias_bomb", ALIAS_BOMB.encode(), "aliases (*name) are not allowed"),
    # 60,000 nested brackets: libyaml stops at its depth limit; we say so with a location
    ("deep_brackets", b"[" * 60_000 + b"]" * 60_000, "YAML syntax error"),
    # tab indentation
    ("tabs", b"format: 1\nscenes:\n\tfirst:\n\t\ttitle: x\n", "YAML syntax error"),
    # a python tag that would run code under an unsafe loader
    ("python_tag", b"!!python/object/apply:os.system ['echo pwned']\n", "YAML tags are not allowed"),
    # Latin-1 bytes
    ("latin1", "format: 1\ntitle: Caf\xe9 society\n".encode("latin-1"), "not valid UTF-8"),
    # a 30 MB scalar
    ("huge_scalar", b"format: 1\nid: big\ntitle: " + b"x" * 30_000_000 + b"\n", "characters long; the limit is"),
]


@pytest.mark.parametrize(("name", "data", "message"), HOSTILE, ids=[h[0] for h in HOSTILE])
def test_hostile_file_exits_1_with_one_located_message(tmp_path: Path, name: str, data: bytes, message: str) -> None:
    path = tmp_path / f"{name}.yaml"
    path.write_bytes(data)
    proc = subprocess.run([sys.executable, "-m", "trainer", "check", str(path)], capture_output=True, text=True,
                          timeout=60)  # a hang guard, not a speed assertion
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "Traceback" not in proc.stderr and "Traceback" not in proc.stdout
    headers = [ln for ln in proc.stdout.splitlines() if ": error[" in ln]
    assert len(headers) == 1, proc.stdout
    assert headers[0].startswith(f"{path}:")
    assert message in headers[0]


def test_latin1_error_names_the_line_and_column(tmp_path: Path) -> None:
    from trainer.story import StoryError
    from trainer.story.source import decode

    with pytest.raises(StoryError) as info:
        decode("format: 1\ntitle: Caf\xe9\n".encode("latin-1"), "f.yaml")
    pos = info.value.diagnostics[0].pos
    assert (pos.line, pos.col) == (2, 11)


def test_missing_file_is_a_usage_error(tmp_path: Path) -> None:
    from trainer.cli import main

    assert main(["check", str(tmp_path / "nope.yaml")]) == 2
