"""The authoring commands as a user runs them: check (text and JSON, exit codes), schema, new, stats."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from trainer.cli import main
from trainer.story.spec import OBJECTS

TINY = Path(__file__).resolve().parents[2] / "stories" / "tiny.yaml"


def test_check_clean_story_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--strict", str(TINY)]) == 0
    assert "0 errors, 0 warnings" in capsys.readouterr().out


def test_check_renders_source_line_caret_and_hint(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(TINY.read_text().replace("goto: second\n      stay", "goto: secnd\n      stay"))
    assert main(["check", str(bad)]) == 1
    out = capsys.readouterr().out.splitlines()
    header = next(i for i, ln in enumerate(out) if "error[E012]" in ln)
    assert out[header] == f"{bad}:21:15: error[E012]: choice 'go' goes to 'secnd': no such scene or ending"
    assert out[header + 1].endswith("|         goto: secnd")
    assert out[header + 2].index("^") == out[header + 1].index("secnd")
    assert out[header + 3].strip() == "= hint: did you mean 'second'?"


def test_warnings_fail_only_under_strict(tmp_path: Path) -> None:
    warned = tmp_path / "warned.yaml"
    warned.write_text(TINY.read_text().replace("        explain: Because.\n", ""))
    assert main(["check", str(warned)]) == 0
    assert main(["check", "--strict", str(warned)]) == 1


def test_check_json_for_editors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(TINY.read_text().replace("when: org >= 1", "when: orgn >= 1"))
    assert main(["check", "--format", "json", str(bad)]) == 1
    doc = json.loads(capsys.readouterr().out)
    diag = doc["files"][0]["diagnostics"][0]
    assert (diag["code"], diag["line"], diag["column"], diag["severity"]) == ("E021", 20, 15, "error")


def test_check_folder_and_usage_errors(tmp_path: Path) -> None:
    assert main(["check", str(tmp_path)]) == 2  # no stories in an empty folder
    (tmp_path / "a.yaml").write_text(TINY.read_text())
    assert main(["check", str(tmp_path)]) == 0


def test_schema_is_generated_from_the_loader_spec(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema"]) == 0
    schema = json.loads(capsys.readouterr().out)
    for name, fields in OBJECTS.items():
        assert set(schema["$defs"][name]["properties"]) == set(fields), name
        assert schema["$defs"][name]["additionalProperties"] is False
    assert "dimensions" in schema["$defs"]["story"]["required"]


def test_schema_validates_the_starter_story(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """A structural check without a JSON Schema library: every key of the starter is in the schema."""
    import yaml

    assert main(["schema"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert main(["new", str(tmp_path / "s.yaml")]) == 0
    doc = yaml.safe_load((tmp_path / "s.yaml").read_text())
    assert set(doc) <= set(schema["$defs"]["story"]["properties"])
    for scene in doc["scenes"].values():
        assert set(scene) <= set(schema["$defs"]["scene"]["properties"])


def test_new_writes_a_story_that_passes_strict_check(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "The Depot.yaml"
    assert main(["new", str(target)]) == 0
    assert "id: the_depot " in target.read_text()
    assert main(["check", "--strict", str(target)]) == 0
    assert main(["new", str(target)]) == 2  # refuses to overwrite
    assert "already exists" in capsys.readouterr().err


def test_stats(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["stats", "--format", "json", str(TINY)]) == 0
    stats = json.loads(capsys.readouterr().out)["files"][0]["stats"]
    assert stats["scenes"] == 2 and stats["choices"] == 4 and stats["endings"] == 2
    assert stats["longest_path"] == 2
    assert stats["words"] > 10
