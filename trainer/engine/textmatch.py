"""Matching a typed answer against an author's key phrases: whole words, folded, lightly stemmed.

Why so simple: the grader must be predictable for authors ("which words count?") and explainable to players
("you covered *the state* with the words 'State', 'army'"). So a phrase matches when its words appear in the
answer consecutively, each compared after folding:

- case and accents (``État`` = ``etat``; Unicode NFKD, combining marks dropped, ``casefold``);
- simple English word forms, by a small suffix stemmer (``armies`` = ``army``, ``organised`` =
  ``organising`` = ``organise``, ``strikes`` = ``strike``);
- whole words only: ``army`` does not match ``armyworm``, and ``arm`` does not match ``army``;
- hyphens and apostrophes separate words (``civil-service`` = ``civil service``; ``state's`` = ``state``).

Limits, said plainly: it does not understand negation ("the state is *not* neutral" and "the state is
neutral" both contain ``state`` and ``neutral``), irony, or synonyms the author did not list; the stemmer
conflates a few unrelated words (``united``/``unit``) and misses irregular forms (``went``/``go``).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

_WORD = re.compile(r"[^\W_]+")
_POSSESSIVE = re.compile(r"['’]s\b", re.IGNORECASE)
_KEEP_S = ("ss", "us", "is", "os")
_NO_DOUBLE = set("lsz")
_VOWELS = set("aeiouy")


def fold(word: str) -> str:
    """Lower case without accents: ``'Révolution'`` -> ``'revolution'``."""
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


def stem(word: str) -> str:
    """A deliberately small English stemmer (plural, -ed, -ing, final -e); see the module docstring."""
    w = word
    if len(w) > 4 and w.endswith("ies"):
        w = w[:-3] + "y"
    elif len(w) > 4 and w.endswith("sses"):
        w = w[:-2]
    elif len(w) > 3 and w.endswith("s") and not w.endswith(_KEEP_S):
        w = w[:-1]
    if len(w) > 4 and w.endswith("ied"):
        w = w[:-3] + "y"
    elif len(w) > 5 and w.endswith("ing"):
        w = _undouble(w[:-3])
    elif len(w) > 4 and w.endswith("ed") and not w.endswith("eed"):
        w = _undouble(w[:-2])
    if len(w) > 3 and w.endswith("e"):
        w = w[:-1]
    return w


def _undouble(w: str) -> str:
    if len(w) > 2 and w[-1] == w[-2] and w[-1] not in _VOWELS and w[-1] not in _NO_DOUBLE:
        return w[:-1]
    return w


@dataclass(frozen=True, slots=True)
class Token:
    key: str  # folded and stemmed: what is compared
    text: str  # as the player typed it
    start: int
    end: int


def tokens(text: str) -> list[Token]:
    """The words of ``text`` with their folded stems and their place in the original."""
    text = unicodedata.normalize("NFC", text)
    text = _POSSESSIVE.sub(lambda m: " " * len(m.group()), text)
    return [Token(stem(fold(m.group())), m.group(), m.start(), m.end()) for m in _WORD.finditer(text)]


def phrase_keys(phrase: str) -> tuple[str, ...]:
    return tuple(t.key for t in tokens(phrase))


def find_phrase(answer: list[Token], phrase: str) -> list[Token] | None:
    """The first place the whole phrase occurs, word for word, in the answer's tokens; None if absent."""
    keys = phrase_keys(phrase)
    n = len(keys)
    if not n:
        return None
    for i in range(len(answer) - n + 1):
        if all(answer[i + j].key == keys[j] for j in range(n)):
            return answer[i:i + n]
    return None
