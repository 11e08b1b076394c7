"""The engine: plays a story and explains it, as plain data. Pure Python: never imports Textual.

A game is the story's identity plus a list of decisions; state, explanations, grades and the verdict are all
derived by replaying that list. Front ends (``trainer.tui``, ``trainer.plain``, ``trainer.report``) call the
names exported here and render what they return.
"""

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
