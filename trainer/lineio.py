"""Line-oriented input and output shared by the plain game and the plain drill (screen readers, pipes).

Every line printed is stripped of control characters, so story text cannot send escape sequences to the
terminal; when input is piped, each answer is echoed so that a transcript reads like a session.
"""

from __future__ import annotations

from typing import TextIO

from trainer.report.plaintext import strip_controls

ECHO_LIMIT = 200


class EndOfInput(Exception):
    """Standard input ended: the caller saves what it has and exits 0."""


def isatty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


class LineIO:
    def __init__(self, stdin: TextIO, stdout: TextIO) -> None:
        self.stdin, self.stdout = stdin, stdout
        self.echo = not isatty(stdin)

    def say(self, *lines: str) -> None:
        for line in lines:
            self.stdout.write(strip_controls(line) + "\n")
        self.stdout.flush()

    def ask(self, prompt: str) -> str:
        """One line of input without its line ending; raises EndOfInput when input has ended."""
        self.stdout.write(strip_controls(prompt) + " ")
        self.stdout.flush()
        line = self.stdin.readline()
        if not line:
            self.stdout.write("\n")
            raise EndOfInput
        answer = line.rstrip("\r\n")
        if self.echo:
            shown = strip_controls(answer[:ECHO_LIMIT]) + ("…" if len(answer) > ECHO_LIMIT else "")
            self.stdout.write(shown + "\n")
        return answer
