"""The engine: plays a story and explains it, as plain data. Pure Python: never imports Textual.

A game is the story's identity plus a list of decisions; state, explanations, grades and the verdict are all
derived by replaying that list. Front ends (``trainer.tui``, ``trainer.plain``, ``trainer.report``) call the
names exported here and render what they return.

The names are imported on first use (``__getattr__`` below), not when the package is: importing one of them
loads only the modules it needs, so a front end that needs ``Session`` does not pay for the verdict, the
counterfactual search and the debrief before it draws anything.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from trainer.engine.choices import ChoiceOption, available_choices
    from trainer.engine.conditions import ConditionTrace, TermTrace, trace_condition
    from trainer.engine.counterfactual import Change, Counterfactual, Search, Unreached, find_counterfactuals
    from trainer.engine.debrief import Debrief, DebriefEntry, TimelinePoint, build_debrief
    from trainer.engine.decisions import AnswerDebate, AnswerQuiz, AnswerWhy, Choose, Decision
    from trainer.engine.errors import DecisionError, EngineError, InvalidChoice, NoEnding
    from trainer.engine.explain import (
        ChoiceExplanation,
        Destination,
        EffectChange,
        FlagChange,
        RoadNotTaken,
        explain_choice,
    )
    from trainer.engine.grading import (
        CriterionScore,
        PointMatch,
        RebuttalResult,
        TypedResult,
        WhyResult,
        grade_rebuttal,
        grade_typed,
        grade_why,
    )
    from trainer.engine.prompts import AskChoice, AskDebate, AskWhy, Finished, Prompt, ResumeReport, Stuck
    from trainer.engine.quiz import QuizResult, QuizScore, grade_quiz_answer, normalised_gain, score_quiz
    from trainer.engine.rules import Rules, replay_choices, rules_for, start_state, step
    from trainer.engine.session import Session
    from trainer.engine.state import State
    from trainer.engine.verdict import Mover, Played, RuleTrace, Switch, Verdict, build_verdict

_EXPORTS: dict[str, tuple[str, ...]] = {  # module -> the names it gives
    "choices": ("ChoiceOption", "available_choices"),
    "conditions": ("ConditionTrace", "TermTrace", "trace_condition"),
    "counterfactual": ("Change", "Counterfactual", "Search", "Unreached", "find_counterfactuals"),
    "debrief": ("Debrief", "DebriefEntry", "TimelinePoint", "build_debrief"),
    "decisions": ("AnswerDebate", "AnswerQuiz", "AnswerWhy", "Choose", "Decision"),
    "errors": ("DecisionError", "EngineError", "InvalidChoice", "NoEnding"),
    "explain": ("ChoiceExplanation", "Destination", "EffectChange", "FlagChange", "RoadNotTaken", "explain_choice"),
    "grading": (
        "CriterionScore", "PointMatch", "RebuttalResult", "TypedResult", "WhyResult", "grade_rebuttal", "grade_typed",
        "grade_why",
    ),
    "prompts": ("AskChoice", "AskDebate", "AskWhy", "Finished", "Prompt", "ResumeReport", "Stuck"),
    "quiz": ("QuizResult", "QuizScore", "grade_quiz_answer", "normalised_gain", "score_quiz"),
    "rules": ("Rules", "replay_choices", "rules_for", "start_state", "step"),
    "session": ("Session",),
    "state": ("State",),
    "verdict": ("Mover", "Played", "RuleTrace", "Switch", "Verdict", "build_verdict"),
}

_MODULE_OF = {name: module for module, names in _EXPORTS.items() for name in names}


def __getattr__(name: str) -> Any:
    module = _MODULE_OF.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value  # later lookups do not come back here
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_MODULE_OF})

__all__ = [
    "AnswerDebate",
    "AnswerQuiz",
    "AnswerWhy",
    "AskChoice",
    "AskDebate",
    "AskWhy",
    "Change",
    "ChoiceExplanation",
    "ChoiceOption",
    "Choose",
    "ConditionTrace",
    "Counterfactual",
    "CriterionScore",
    "Debrief",
    "DebriefEntry",
    "Decision",
    "DecisionError",
    "Destination",
    "EffectChange",
    "EngineError",
    "Finished",
    "FlagChange",
    "InvalidChoice",
    "Mover",
    "NoEnding",
    "Played",
    "PointMatch",
    "Prompt",
    "QuizResult",
    "QuizScore",
    "RebuttalResult",
    "ResumeReport",
    "RoadNotTaken",
    "RuleTrace",
    "Rules",
    "Search",
    "Session",
    "State",
    "Stuck",
    "Switch",
    "TermTrace",
    "TimelinePoint",
    "TypedResult",
    "Unreached",
    "Verdict",
    "WhyResult",
    "available_choices",
    "build_debrief",
    "build_verdict",
    "explain_choice",
    "find_counterfactuals",
    "grade_quiz_answer",
    "grade_rebuttal",
    "grade_typed",
    "grade_why",
    "normalised_gain",
    "replay_choices",
    "rules_for",
    "score_quiz",
    "start_state",
    "step",
    "trace_condition",
]
