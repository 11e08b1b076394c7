"""Matching a typed answer against an author's key phrases: whole words, folded, lightly stemmed.

Why so simple: the grader must be predictable for authors ("which words count?") and explainable to players
("you covered *the state* with 'the State's army'"). So a phrase matches when its words appear in the answer
consecutively, as one phrase, each compared after folding:

- case and accents (``État`` = ``etat``; Unicode NFKD, combining marks dropped, ``casefold``);
- simple English word forms, by a small suffix stemmer (``armies`` = ``army``, ``organised`` =
  ``organising`` = ``organise``, ``strikes`` = ``strike``);
- whole words only: ``army`` does not match ``armyworm``, and ``arm`` does not match ``army``;
- hyphens and apostrophes separate words (``civil-service`` = ``civil service``; ``state's`` = ``state``);
- the words of a phrase must stand together: only spaces, hyphens and apostrophes may come between them, so
  ``not neutral`` matches "not neutral" and "not-neutral" but not "not. Neutral" or "not, neutral";
- a phrase made of one stop word (``the``, ``and``, ``with``: ``STOP_WORDS``) never matches, since nearly
  every answer has it; stop words count inside a longer phrase (``against the right``).

What matched is reported as ``Match``: the author's phrase and the span of the answer it matched, as typed
("Against the Right"), so a player is never shown a stop word on its own.

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


# Function words (articles, conjunctions, prepositions, pronouns, auxiliaries): never a key phrase on their
# own, never listed on their own as "your words". Words that can carry a point alone are left out: "no" (a
# referendum's No), "not", "whose", "us" (the US), "may" (May 1968).
STOP_WORDS = frozenset((
    "a", "an", "the", "and", "or", "but", "nor", "of", "to", "in", "on", "at", "by", "for", "with", "from",
    "into", "onto", "as", "than", "then", "so", "if", "is", "are", "was", "were", "be", "been", "being", "am",
    "do", "does", "did", "has", "have", "had", "will", "would", "shall", "should", "can", "could", "might",
    "must", "it", "its", "this", "that", "these", "those", "there", "their", "theirs", "them", "they", "we",
    "our", "ours", "you", "your", "yours", "he", "him", "his", "she", "her", "hers", "i", "me", "my", "mine",
))

_JOINERS = frozenset(" \t\n\r\u00a0-\u2010\u2011'\u2019")  # what may stand between the words of a phrase


@dataclass(frozen=True, slots=True)
class Token:
    key: str  # folded and stemmed: what is compared
    text: str  # as the player typed it
    start: int
    end: int
    joined: bool = True  # only spaces, hyphens and apostrophes since the word before (False after . , ; etc.)

    @property
    def stop(self) -> bool:
        return fold(self.text) in STOP_WORDS


class Tokens(list[Token]):
    """The words of a text, with the text itself (NFC-normalised) to cut matched spans from."""

    def __init__(self, text: str, words: list[Token]) -> None:
        super().__init__(words)
        self.text = text


def tokens(text: str) -> Tokens:
    """The words of ``text`` with their folded stems and their place in the original (NFC-normalised)."""
    text = unicodedata.normalize("NFC", text)
    blanked = _POSSESSIVE.sub(lambda m: " " * len(m.group()), text)
    out: list[Token] = []
    for m in _WORD.finditer(blanked):
        joined = not out or all(ch in _JOINERS for ch in blanked[out[-1].end:m.start()])
        out.append(Token(stem(fold(m.group())), m.group(), m.start(), m.end(), joined))
    return Tokens(text, out)


def phrase_keys(phrase: str) -> tuple[str, ...]:
    return tuple(t.key for t in tokens(phrase))


def find_phrase(answer: list[Token], phrase: str) -> list[Token] | None:
    """The first place the whole phrase occurs in the answer's tokens, word for word and as one phrase
    (nothing but spaces, hyphens and apostrophes between its words); None if absent, and always None for a
    phrase that is a single stop word."""
    words = tokens(phrase)
    keys = tuple(t.key for t in words)
    n = len(keys)
    if not n or (n == 1 and words[0].stop):
        return None
    for i in range(len(answer) - n + 1):
        if all(answer[i + j].key == keys[j] and (j == 0 or answer[i + j].joined) for j in range(n)):
            return answer[i:i + n]
    return None


@dataclass(frozen=True, slots=True)
class Match:
    """One key phrase found in an answer."""

    phrase: str  # the author's phrase
    text: str  # the span of the answer it matched, as typed: "Against the Right"
    start: int
    end: int
    words: tuple[str, ...]  # the span's words that are not stop words, as typed

    def to_dict(self) -> dict[str, object]:
        return {"phrase": self.phrase, "text": self.text, "start": self.start, "end": self.end,
                "words": list(self.words)}


def match_phrase(answer: Tokens, phrase: str) -> Match | None:
    """``find_phrase`` as a ``Match`` carrying the matched span of the answer's text."""
    hit = find_phrase(answer, phrase)
    if hit is None:
        return None
    start, end = hit[0].start, hit[-1].end
    return Match(phrase, answer.text[start:end], start, end, tuple(t.text for t in hit if not t.stop))
