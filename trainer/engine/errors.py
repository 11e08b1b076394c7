"""Errors the engine raises. Each carries a message fit to show a player or an author as it is."""

from __future__ import annotations


class EngineError(Exception):
    """Base class: something the story or the decision list does not allow."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class InvalidChoice(EngineError):
    """A choice that is not offered in the current scene, or whose condition does not hold."""


class NoEnding(EngineError):
    """``goto: end`` was taken but no ending's rule holds (the story lacks a default ending)."""


class DecisionError(EngineError):
    """A recorded decision that does not fit the game at the point where it is replayed."""
