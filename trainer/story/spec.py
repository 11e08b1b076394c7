"""The format's shape, declared once: the loader validates against it and ``trainer schema`` prints it as
JSON Schema, so the editor's completion and ``trainer check`` can never disagree.

Each object is a table of fields; each field has a kind, whether it is required, a default and a doc line.
Cross-references (a goto naming a scene, a condition naming a dimension) are checked after this shape
check, in ``trainer.story.loader``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

ID_PATTERN = r"^[a-z][a-z0-9_]*$"


@dataclass(frozen=True)
class Kind:
    """A value's kind. ``name`` is what an error message calls it."""

    name: str

    def schema(self) -> dict[str, Any]:
        raise NotImplementedError


@dataclass(frozen=True)
class Scalar(Kind):
    json_type: str = "string"
    markdown: bool = False
    id_like: bool = False

    def schema(self) -> dict[str, Any]:
        out: dict[str, Any] = {"type": self.json_type}
        if self.id_like:
            out["pattern"] = ID_PATTERN
        return out


@dataclass(frozen=True)
class ListOf(Kind):
    item: Kind = field(default_factory=lambda: TEXT)

    def schema(self) -> dict[str, Any]:
        return {"type": "array", "items": self.item.schema()}


@dataclass(frozen=True)
class MapOf(Kind):
    """A mapping from ids to values; the author's order is kept."""

    value: Kind = field(default_factory=lambda: TEXT)

    def schema(self) -> dict[str, Any]:
        return {"type": "object", "propertyNames": {"pattern": ID_PATTERN},
                "additionalProperties": self.value.schema()}


@dataclass(frozen=True)
class Pair(Kind):
    first: Kind = field(default_factory=lambda: TEXT)
    second: Kind = field(default_factory=lambda: TEXT)

    def schema(self) -> dict[str, Any]:
        return {"type": "array", "prefixItems": [self.first.schema(), self.second.schema()],
                "minItems": 2, "maxItems": 2}


@dataclass(frozen=True)
class Either(Kind):
    """A short form or a long form, e.g. an effect ``2`` or ``{by: 2, why: ...}``."""

    options: tuple[Kind, ...] = ()

    def schema(self) -> dict[str, Any]:
        return {"anyOf": [o.schema() for o in self.options]}


@dataclass(frozen=True)
class Obj(Kind):
    """A mapping with a fixed set of keys, declared in OBJECTS under ``name``."""

    def schema(self) -> dict[str, Any]:
        return {"$ref": f"#/$defs/{self.name}"}


@dataclass(frozen=True)
class Field:
    kind: Kind
    doc: str
    required: bool = False
    default: Any = None


TEXT = Scalar("text")
MARKDOWN = Scalar("text", markdown=True)
INT = Scalar("whole number", json_type="integer")
BOOL = Scalar("true or false", json_type="boolean")
ID = Scalar("id", id_like=True)
EXPR = Scalar("condition")
IDS = ListOf("list of ids", ID)
TEXTS = ListOf("list of texts", TEXT)

OBJECTS: dict[str, dict[str, Field]] = {
    "story": {
        "format": Field(INT, "Format version; always 1.", required=True),
        "id": Field(ID, "The story's id, unique in a library.", required=True),
        "title": Field(TEXT, "The story's title.", required=True),
        "summary": Field(TEXT, "One or two sentences for the library.", required=True),
        "language": Field(TEXT, "BCP-47 language tag.", default="en"),
        "authors": Field(TEXTS, "Authors' names.", default=()),
        "minutes": Field(INT, "Estimated minutes to play in a workshop.", default=0),
        "start": Field(ID, "The scene where play starts; default: the first scene.", default=""),
        "dimensions": Field(MapOf("map of dimensions", Obj("dimension")), "The scored axes.", required=True),
        "flags": Field(MapOf("map of flags", TEXT), "On/off facts; the text says what a set flag means.",
                       default={}),
        "rubric": Field(MapOf("map of criteria", Obj("criterion")), "Criteria debate rebuttals are graded on.",
                        default={}),
        "references": Field(MapOf("map of references", Obj("reference")),
                            "Historical references cited by choices and endings.", default={}),
        "scenes": Field(MapOf("map of scenes", Obj("scene")), "The scenes, in reading order.", required=True),
        "endings": Field(MapOf("map of endings", Obj("ending")),
                         "Ordered rules: the first ending whose `when` holds is chosen.", required=True),
        "debates": Field(MapOf("map of debates", Obj("debate")), "Debate rounds played from scenes.",
                         default={}),
        "quiz": Field(MapOf("map of quiz questions", Obj("question")),
                      "Questions offered before the first scene and after the ending.", default={}),
        "tests": Field(MapOf("map of golden paths", Obj("golden_path")),
                       "Routes whose outcome `trainer test` verifies.", default={}),
    },
    "dimension": {
        "label": Field(TEXT, "Name shown on the meter.", required=True),
        "low": Field(TEXT, "What a low value means.", required=True),
        "high": Field(TEXT, "What a high value means.", required=True),
        "min": Field(INT, "Lowest value.", default=0),
        "max": Field(INT, "Highest value.", default=10),
        "start": Field(INT, "Value at the start; default: min.", default=None),
        "pair": Field(Pair("pair of texts"), "Names of the low and the high end, e.g. [Reform, Revolution].",
                      default=None),
    },
    "reference": {
        "title": Field(TEXT, "What happened.", required=True),
        "date": Field(TEXT, "When, written as it should be shown (e.g. 11 September 1973).", required=True),
        "text": Field(TEXT, "One or two sentences of context.", required=True),
        "place": Field(TEXT, "Where.", default=""),
        "url": Field(TEXT, "A source to read further.", default=""),
    },
    "criterion": {
        "label": Field(TEXT, "Name of the criterion.", required=True),
        "text": Field(TEXT, "The question a grader asks.", default=""),
        "max": Field(INT, "Highest score.", default=2),
    },
    "scene": {
        "title": Field(TEXT, "The scene's title.", required=True),
        "text": Field(MARKDOWN, "What the player reads (Markdown).", required=True),
        "choices": Field(MapOf("map of choices", Obj("choice")), "The options, offered in this order.",
                         default={}),
        "discuss": Field(TEXTS, "Prompts for a workshop room.", default=()),
        "debate": Field(ID, "A debate round played when the scene opens.", default=""),
        "why": Field(Obj("why"), "A 'why?' prompt asked after the choice is made.", default=None),
    },
    "choice": {
        "label": Field(TEXT, "What the player chooses.", required=True),
        "goto": Field(ID, "A scene id, an ending id, or `end` (the ending rules decide).", required=True),
        "when": Field(EXPR, "Condition for the choice to be available.", default=""),
        "locked": Field(TEXT, "Shown, dimmed, when `when` fails; without it the choice is hidden.", default=""),
        "effects": Field(MapOf("map of effects", Either("effect", (INT, Obj("effect")))),
                         "Changes to dimensions.", default={}),
        "set": Field(IDS, "Flags switched on.", default=()),
        "clear": Field(IDS, "Flags switched off.", default=()),
        "explain": Field(MARKDOWN, "The strategic logic of this choice (Markdown).", default=""),
        "refs": Field(IDS, "Reference ids.", default=()),
    },
    "effect": {
        "by": Field(INT, "How much the dimension changes.", required=True),
        "why": Field(TEXT, "The reason for the change.", default=""),
    },
    "why": {
        "question": Field(TEXT, "The question.", required=True),
        "reasons": Field(ListOf("list of reasons", Obj("reason")), "Reasons to pick from.", required=True),
    },
    "reason": {
        "text": Field(TEXT, "A reason.", required=True),
        "right": Field(BOOL, "Whether this is the right reason.", default=False),
        "feedback": Field(TEXT, "Said when the player picks it.", default=""),
    },
    "ending": {
        "title": Field(TEXT, "The ending's title.", required=True),
        "text": Field(MARKDOWN, "The debrief (Markdown).", required=True),
        "when": Field(EXPR, "Rule for this ending; omit on the last (default) ending.", default=""),
        "refs": Field(IDS, "Reference ids.", default=()),
    },
    "debate": {
        "title": Field(TEXT, "The question in dispute.", required=True),
        "opponent": Field(Obj("opponent"), "Who argues against you.", required=True),
        "exchanges": Field(ListOf("list of exchanges", Obj("exchange")), "Exchanges, in order.", required=True),
        "key_points": Field(MapOf("map of key points", Obj("key_point")),
                            "What a typed answer to the first claim should cover.", default={}),
        "model_answer": Field(MARKDOWN, "A strong answer, shown after grading.", default=""),
    },
    "opponent": {
        "name": Field(TEXT, "Name.", required=True),
        "position": Field(TEXT, "School of thought.", required=True),
        "who": Field(TEXT, "One line on who they are.", default=""),
    },
    "exchange": {
        "claim": Field(MARKDOWN, "The opponent's argument, at its strongest.", required=True),
        "rebuttals": Field(MapOf("map of rebuttals", Obj("rebuttal")), "Options to answer with.",
                           required=True),
    },
    "rebuttal": {
        "text": Field(TEXT, "The rebuttal.", required=True),
        "grades": Field(MapOf("map of grades", Pair("score and reason", INT, TEXT)),
                        "Criterion id -> [score, reason].", default={}),
        "feedback": Field(TEXT, "Feedback on this rebuttal.", default=""),
        "reply": Field(TEXT, "The opponent's counter-reply.", default=""),
    },
    "key_point": {
        "point": Field(TEXT, "The point.", required=True),
        "phrases": Field(TEXTS, "Words or phrases; any one covers the point.", required=True),
    },
    "question": {
        "question": Field(TEXT, "The question.", required=True),
        "options": Field(MapOf("map of options", TEXT), "Option id -> text.", required=True),
        "answer": Field(ID, "The right option's id.", required=True),
        "explain": Field(TEXT, "Why the answer is right.", default=""),
        "transfer": Field(BOOL, "A new situation, not the story's own.", default=False),
    },
    "golden_path": {
        "choices": Field(IDS, "Choice ids, in the order they are made.", required=True),
        "ending": Field(ID, "The ending the path must reach.", required=True),
        "expect": Field(MapOf("map of values", INT), "Dimension values at the ending.", default={}),
    },
}


def json_schema() -> dict[str, Any]:
    """The JSON Schema (2020-12) of format 1, generated from OBJECTS."""
    defs: dict[str, Any] = {}
    for name, fields in OBJECTS.items():
        props: dict[str, Any] = {}
        for key, f in fields.items():
            prop = dict(f.kind.schema())
            prop["description"] = f.doc
            if f.default not in (None, "", (), {}):
                prop["default"] = f.default
            props[key] = prop
        defs[name] = {
            "type": "object",
            "properties": props,
            "required": [k for k, f in fields.items() if f.required],
            "additionalProperties": False,
        }
    defs["story"]["properties"]["format"]["const"] = 1
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://trainer.invalid/story-format-1.schema.json",
        "title": "trainer story, format 1",
        "$ref": "#/$defs/story",
        "$defs": defs,
    }
