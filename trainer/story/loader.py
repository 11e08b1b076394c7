"""Loading a story: read the file safely, check its shape, resolve every cross-reference, build the model.

Errors make the file unloadable (``StoryError`` carries all of them, located); warnings are collected by
``trainer.story.analysis`` and only ``check`` reports them. Conditions are parsed and type-checked here, once.
"""

from __future__ import annotations

import gc
import hashlib
from pathlib import Path
from typing import Any

from trainer.story import expr
from trainer.story.diagnostics import Diagnostic, Pos, Severity, StoryError, did_you_mean
from trainer.story.model import (
    END,
    FORMAT_VERSION,
    Choice,
    Condition,
    Criterion,
    Debate,
    Dimension,
    Effect,
    Ending,
    Exchange,
    Flag,
    GoldenPath,
    Grade,
    KeyPoint,
    Opponent,
    QuizQuestion,
    Reason,
    Rebuttal,
    Reference,
    Scene,
    Story,
    WhyPrompt,
    frozen_map,
)
from trainer.story.reader import Located, Raw, may_alias, read_story
from trainer.story.source import compose, read_text


def load_story(path: str | Path) -> Story:
    """Load and validate a story file; raises StoryError (located diagnostics) or OSError."""
    p = Path(path)
    return load_story_text(read_text(p), str(path))


def load_story_text(text: str, path: str = "<story>") -> Story:
    # The cyclic garbage collector is paused for the whole load, not only the compose: the node tree, the
    # shape-checked values and the model are hundreds of thousands of small acyclic objects, and collections
    # triggered while they pile up make large loads super-linear (3.5x slower at 10,000 scenes; bench/README.md).
    # The digest first: its UTF-8 copy of the text is freed before the node tree exists (peak memory).
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        # The node tree is dropped as soon as it is read, before the model is built (peak memory).
        raw, diagnostics = read_story(compose(text, path), path, consume=True, may_alias=may_alias(text))
        if raw is None:
            raise StoryError(diagnostics)
        builder = _Builder(path, diagnostics)
        story = builder.build(raw, digest)
        del raw
    finally:
        if was_enabled:
            gc.enable()
    errors = [d for d in builder.diagnostics if d.severity is Severity.ERROR]
    if errors or story is None:
        raise StoryError(sorted(errors, key=lambda d: (d.pos.line, d.pos.col)))
    return story


def _where(raw: Raw) -> Pos:
    """Where an object in a map of objects is named (its id key), else where its mapping starts."""
    return raw.at("")


def _a(noun: str) -> str:
    return ("an " if noun[0] in "aeiou" else "a ") + noun


def _texts(items: list[Located]) -> tuple[str, ...]:
    return tuple(item.value for item in items)


class _Builder:
    def __init__(self, path: str, diagnostics: list[Diagnostic]) -> None:
        self.path = path
        self.diagnostics = diagnostics
        self.names: expr.Names | None = None
        self.dim_index: dict[str, int] = {}
        self.uses_visited = False

    def error(self, code: str, message: str, pos: Pos, hint: str = "") -> None:
        self.diagnostics.append(Diagnostic(code, Severity.ERROR, message, pos, hint))

    def condition(self, source: str, raw: Raw, key: str = "when") -> Condition | None:
        if not source or self.names is None:
            return None
        base = raw.vat(key)
        try:
            node = expr.parse(source)
            kind = expr.check_types(node, self.names)
        except expr.ExprError as exc:
            self.error(exc.code, exc.message, Pos(base.file, base.line, base.col + exc.offset), exc.hint)
            return None
        if kind != expr.BOOL:
            self.error("E022", f"condition '{source}' is a number, not true/false", base,
                       f"compare it, e.g. {source} >= 1")
            return None
        if expr.scenes_used(node):
            self.uses_visited = True
        return Condition(source, node, expr.compile_expr(node, self.dim_index), base)

    def check_ids(self, items: list[Located], known: dict[str, Any], what: str) -> tuple[str, ...]:
        out = []
        for item in items:
            if item.value in known:
                out.append(item.value)
            else:
                code, where = ("E015", "references") if what == "reference" else ("E014", "flags")
                self.error(code, f"unknown {what} '{item.value}'", item.pos,
                           did_you_mean(item.value, known) or f"declare it under {where}")
        return tuple(out)

    def build(self, raw: Raw, digest: str) -> Story | None:
        if raw["format"] is not None and raw["format"] != FORMAT_VERSION:
            self.error("E009", f"format {raw['format']} is not supported; this trainer reads format "
                       f"{FORMAT_VERSION}", raw.vat("format"), "upgrade trainer, or write format: 1")
            return None
        dimensions = self.dimensions(raw["dimensions"])
        flags = {k: Flag(k, v.value, v.pos) for k, v in raw["flags"].items()}
        scenes_raw: dict[str, Raw] = raw["scenes"]
        endings_raw: dict[str, Raw] = raw["endings"]
        self.check_namespaces(dimensions, flags, scenes_raw, endings_raw)
        self.dim_index = {k: i for i, k in enumerate(dimensions)}
        self.names = expr.Names(self.dim_index, frozenset(flags), frozenset(scenes_raw))
        references = {k: Reference(k, r["title"], r["date"], r["text"], r["place"], r["url"], _where(r))
                      for k, r in raw["references"].items()}
        rubric = {k: Criterion(k, c["label"], c["text"], c["max"], _where(c)) for k, c in raw["rubric"].items()}
        debates = {k: self.debate(k, d, rubric) for k, d in raw["debates"].items()}
        scenes = {}
        for k in list(scenes_raw):
            scenes[k] = self.scene(k, scenes_raw[k], dimensions, flags, references, scenes_raw, endings_raw, debates)
            scenes_raw[k] = None  # only its id is needed from now on (goto checks): free the raw scene early
        endings = {k: Ending(k, e["title"], e["text"], self.condition(e["when"], e),
                             self.check_ids(e["refs"], references, "reference"), _where(e))
                   for k, e in endings_raw.items()}
        if not scenes:
            self.error("E019", "the story has no scenes", raw.at("scenes") if "scenes" in raw.places else raw.pos)
        if not endings:
            self.error("E019", "the story has no endings", raw.at("endings") if "endings" in raw.places
                       else raw.pos, "every story needs at least one ending")
        start = raw["start"] or next(iter(scenes), "")
        if raw["start"] and raw["start"] not in scenes:
            self.error("E011", f"start scene '{raw['start']}' does not exist", raw.vat("start"),
                       did_you_mean(raw["start"], scenes))
        quiz = {k: self.question(k, q) for k, q in raw["quiz"].items()}
        tests = {k: self.golden(k, t, scenes, endings, dimensions) for k, t in raw["tests"].items()}
        if any(d.severity is Severity.ERROR for d in self.diagnostics):
            return None
        return Story(
            id=raw["id"], title=raw["title"], summary=raw["summary"], language=raw["language"],
            authors=_texts(raw["authors"]), minutes=raw["minutes"], start=start,
            dimensions=frozen_map(dimensions), flags=frozen_map(flags), rubric=frozen_map(rubric),
            references=frozen_map(references), scenes=frozen_map(scenes), endings=frozen_map(endings),
            debates=frozen_map(debates), quiz=frozen_map(quiz), tests=frozen_map(tests), path=self.path,
            digest=digest, uses_visited=self.uses_visited, dimension_index=frozen_map(self.dim_index),
        )

    def dimensions(self, raw: dict[str, Raw]) -> dict[str, Dimension]:
        out = {}
        for k, d in raw.items():
            lo, hi = d["min"], d["max"]
            start = lo if d["start"] is None else d["start"]
            if lo > hi:
                self.error("E017", f"dimension '{k}' has min {lo} above max {hi}", d.vat("min"))
            elif not lo <= start <= hi:
                self.error("E017", f"dimension '{k}' starts at {start}, outside its range {lo}..{hi}",
                           d.vat("start"))
            out[k] = Dimension(k, d["label"], d["low"], d["high"], lo, hi, start, d["pair"], _where(d))
        return out

    def check_namespaces(self, *groups: dict[str, Any]) -> None:
        kinds = ("dimension", "flag", "scene", "ending")
        owner: dict[str, str] = {}
        for kind, group in zip(kinds, groups, strict=True):
            for key, value in group.items():
                pos = _where(value) if isinstance(value, Raw) else getattr(value, "pos", None)
                if key in expr.KEYWORDS or key == END:
                    self.error("E010", f"'{key}' is a reserved word and cannot be a {kind} id",
                               pos or Pos(self.path, 1, 1))
                elif key in owner:
                    self.error("E010", f"'{key}' is both {_a(owner[key])} and {_a(kind)}", pos or Pos(self.path, 1, 1),
                               "dimension, flag, scene and ending ids share one namespace")
                else:
                    owner[key] = kind

    def scene(self, key: str, s: Raw, dimensions: dict[str, Dimension], flags: dict[str, Flag],
              references: dict[str, Reference], scenes: dict[str, Raw], endings: dict[str, Raw],
              debates: dict[str, Debate]) -> Scene:
        choices = {}
        for cid, c in s["choices"].items():
            goto = c["goto"]
            if goto and goto != END and goto not in scenes and goto not in endings:
                self.error("E012", f"choice '{cid}' goes to '{goto}': no such scene or ending", c.vat("goto"),
                           did_you_mean(goto, [*scenes, *endings, END]) or "use a scene id, an ending id or end")
            effects = []
            for dim, value in c["effects"].items():
                if isinstance(value, Raw):
                    by, why, pos = value["by"], value["why"], value.at("")
                else:
                    by, why, pos = value.value, "", value.pos
                if by is None:
                    continue
                if dim not in dimensions:
                    self.error("E013", f"effect on unknown dimension '{dim}'", pos,
                               did_you_mean(dim, dimensions) or f"dimensions: {', '.join(dimensions)}")
                    continue
                span = dimensions[dim].max - dimensions[dim].min
                if abs(by) > span:
                    self.error("E018", f"effect {by:+d} on '{dim}' is larger than its whole range "
                               f"({dimensions[dim].min}..{dimensions[dim].max})", pos)
                effects.append(Effect(dim, by, why, pos))
            choices[cid] = Choice(
                id=cid, label=c["label"], goto=goto, when=self.condition(c["when"], c), locked=c["locked"],
                effects=tuple(effects), set_flags=self.check_ids(c["set"], flags, "flag"),
                clear_flags=self.check_ids(c["clear"], flags, "flag"), explain=c["explain"],
                refs=self.check_ids(c["refs"], references, "reference"), pos=_where(c),
            )
        debate = s["debate"]
        if debate and debate not in debates:
            self.error("E016", f"scene '{key}' plays debate '{debate}', which does not exist", s.vat("debate"),
                       did_you_mean(debate, debates))
        why = None
        if s["why"] is not None:
            w: Raw = s["why"]
            reasons = tuple(Reason(r["text"], r["right"], r["feedback"], r.pos) for r in w["reasons"])
            right = sum(r.right for r in reasons)
            if right != 1:
                self.error("E025", f"a why prompt needs exactly one reason with right: true (found {right})",
                           s.at("why"))
            why = WhyPrompt(w["question"], reasons, s.at("why"))
        return Scene(key, s["title"], s["text"], frozen_map(choices), _texts(s["discuss"]), debate, why,
                     _where(s))

    def debate(self, key: str, d: Raw, rubric: dict[str, Criterion]) -> Debate:
        exchanges = []
        for x in d["exchanges"]:
            rebuttals = {}
            for rid, r in x["rebuttals"].items():
                grades = []
                for crit, located in r["grades"].items():
                    score, why = located.value
                    if crit not in rubric:
                        self.error("E024", f"grade on unknown criterion '{crit}'", located.pos,
                                   did_you_mean(crit, rubric) or "declare criteria under rubric")
                    elif not 0 <= score <= rubric[crit].max:
                        self.error("E024", f"score {score} for '{crit}' is outside 0..{rubric[crit].max}",
                                   located.pos)
                    grades.append(Grade(crit, score, why, located.pos))
                rebuttals[rid] = Rebuttal(rid, r["text"], tuple(grades), r["feedback"], r["reply"], _where(r))
            exchanges.append(Exchange(x["claim"], frozen_map(rebuttals), x.pos))
        if not exchanges:
            self.error("E004", f"debate '{key}' has no exchanges", d.at("exchanges"))
        o: Raw = d["opponent"]
        opponent = Opponent(o["name"], o["position"], o["who"]) if o else Opponent("", "", "")
        points = {k: KeyPoint(k, p["point"], _texts(p["phrases"]), _where(p)) for k, p in d["key_points"].items()}
        return Debate(key, d["title"], opponent, tuple(exchanges), frozen_map(points), d["model_answer"],
                      _where(d))

    def question(self, key: str, q: Raw) -> QuizQuestion:
        options = {k: v.value for k, v in q["options"].items()}
        if q["answer"] and q["answer"] not in options:
            self.error("E026", f"quiz answer '{q['answer']}' is not one of the options ({', '.join(options)})",
                       q.vat("answer"))
        return QuizQuestion(key, q["question"], frozen_map(options), q["answer"], q["explain"], q["transfer"],
                            _where(q))

    def golden(self, key: str, t: Raw, scenes: dict[str, Scene], endings: dict[str, Any],
               dimensions: dict[str, Dimension]) -> GoldenPath:
        all_choices = {cid for s in scenes.values() for cid in s.choices}
        for item in t["choices"]:
            if item.value not in all_choices:
                self.error("E027", f"golden path '{key}' names choice '{item.value}', which no scene offers",
                           item.pos, did_you_mean(item.value, all_choices))
        if t["ending"] and t["ending"] not in endings:
            self.error("E027", f"golden path '{key}' expects ending '{t['ending']}', which does not exist",
                       t.vat("ending"), did_you_mean(t["ending"], endings))
        for dim, located in t["expect"].items():
            if dim not in dimensions:
                self.error("E027", f"golden path '{key}' expects a value for unknown dimension '{dim}'",
                           located.pos, did_you_mean(dim, dimensions))
        return GoldenPath(key, _texts(t["choices"]), t["ending"],
                          frozen_map({k: v.value for k, v in t["expect"].items()}), _where(t),
                          tuple(item.pos for item in t["choices"]))
