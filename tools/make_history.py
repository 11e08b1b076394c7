"""Write docs/history.md from the references of every bundled story (run after editing a story's references).

    python tools/make_history.py            # rewrite docs/history.md
    python tools/make_history.py --check    # exit 1 if docs/history.md is out of date (a test runs this)
"""

from __future__ import annotations

import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from trainer.story import load_story  # noqa: E402

HEADER = """# History used in the bundled stories

Every historical reference cited by a bundled story, with its date and one line of context, grouped by
story. Generated from the stories' `references` by `python tools/make_history.py`; a test fails when this
file and the stories disagree.
"""


def render() -> str:
    out = [HEADER]
    used: dict[tuple[str, str], list[str]] = defaultdict(list)
    for path in sorted((ROOT / "stories").glob("*.yaml")):
        story = load_story(path)
        cited: dict[str, list[str]] = defaultdict(list)
        for scene in story.scenes.values():
            for choice in scene.choices.values():
                for ref in choice.refs:
                    cited[ref].append(scene.id)
        for ending in story.endings.values():
            for ref in ending.refs:
                cited[ref].append(f"ending {ending.id}")
        out.append(f"\n## {story.title} (`{path.name}`)\n")
        out.append("| date | event | place | context | cited in |\n|---|---|---|---|---|")
        for ref in story.references.values():
            where = ", ".join(dict.fromkeys(cited.get(ref.id, []))) or "—"
            text = " ".join(ref.text.split()).replace("|", "\\|")
            out.append(f"| {ref.date} | {ref.title} | {ref.place or '—'} | {text} | {where} |")
            used[(ref.title, ref.date)].append(story.id)
    return "\n".join(out) + "\n"


def main() -> int:
    target = ROOT / "docs" / "history.md"
    text = render()
    if "--check" in sys.argv:
        if not target.exists() or target.read_text(encoding="utf-8") != text:
            print("docs/history.md is out of date: run python tools/make_history.py", file=sys.stderr)
            return 1
        return 0
    target.write_text(text, encoding="utf-8")
    print(f"wrote {target}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
