"""JUnit XML for ``trainer test --junit``: the format CI systems (GitHub Actions reporters, GitLab, Jenkins)
read. One ``<testsuite>`` per story file, one ``<testcase>`` per golden path; a failed path carries a
``<failure>`` with its kind and reason, a story that does not load a single ``<testcase name="load">`` with an
``<error>``. Built with ``xml.etree``, so story text can never break the XML."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass, field

from trainer.author.golden import GoldenResult


@dataclass
class SuiteResult:
    """The golden paths of one story file, or why the file could not be tested."""

    path: str
    story: str = ""  # the story's id ("" when it did not load)
    results: list[GoldenResult] = field(default_factory=list)
    error: str = ""  # why the file could not be loaded, as printed

    @property
    def failures(self) -> int:
        return sum(not r.passed for r in self.results)


def junit_xml(suites: list[SuiteResult]) -> str:
    total = sum(len(s.results) + bool(s.error) for s in suites)
    failures = sum(s.failures for s in suites)
    errors = sum(bool(s.error) for s in suites)
    seconds = sum(r.seconds for s in suites for r in s.results)
    root = ET.Element("testsuites", name="trainer test", tests=str(total), failures=str(failures),
                      errors=str(errors), time=f"{seconds:.6f}")
    for s in suites:
        suite = ET.SubElement(root, "testsuite", name=s.story or s.path, file=s.path,
                              tests=str(len(s.results) + bool(s.error)), failures=str(s.failures),
                              errors=str(int(bool(s.error))), time=f"{sum(r.seconds for r in s.results):.6f}")
        if s.error:
            case = ET.SubElement(suite, "testcase", classname=s.story or s.path, name="load", file=s.path)
            ET.SubElement(case, "error", message="the story does not load", type="load").text = s.error
        for r in s.results:
            case = ET.SubElement(suite, "testcase", classname=r.story, name=r.name, file=s.path,
                                 line=str(r.pos.line), time=f"{r.seconds:.6f}")
            if not r.passed:
                failure = ET.SubElement(case, "failure", message=r.reason, type=r.kind)
                failure.text = f"{r.pos}: {r.reason}"
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
