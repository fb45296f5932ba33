"""Errors that qgen reports to the user as a message, never as a traceback.

Any exception that is not a QgenError is a bug in qgen and keeps its traceback.
"""

from __future__ import annotations


class QgenError(Exception):
    """A problem the user can fix; printed as ``path:line: message``."""

    exit_code = 2
    details: list[str] = []  # lines printed before the message (findings, one per line)

    def __init__(self, message: str, path: str | None = None, line: int | None = None):
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line

    def __str__(self) -> str:
        place = ""
        if self.path:
            place = f"{self.path}:{self.line}: " if self.line else f"{self.path}: "
        return place + self.message


class SourceError(QgenError):
    """A bank that cannot be read: missing, not UTF-8, binary, no questions."""


class NotABank(SourceError):
    """A readable Markdown file in which no question is found."""


class SourceErrors(SourceError):
    """Several fatal source problems, reported together."""

    def __init__(self, errors: list[SourceError]):
        super().__init__("; ".join(str(e) for e in errors))
        self.errors = errors

    def __str__(self) -> str:
        return "\n".join(str(e) for e in self.errors)


class UsageError(QgenError):
    """A command line or option value that makes no sense."""


class FlagErrors(UsageError):
    """Bad flags or values on the command line; ``details`` lists each one."""

    def __init__(self, problems: list[str]):
        count = len(problems)
        super().__init__(f"{count} problem{'s' * (count != 1)} on the command line")
        self.details = problems


class ConfigError(QgenError):
    """qgen.yaml has problems; ``details`` lists each with its line."""

    def __init__(self, path: str, problems: list[tuple[int, str]]):
        count = len(problems)
        super().__init__(f"{count} problem{'s' * (count != 1)} in the configuration", path)
        self.details = [f"{path}:{line}: {message}" for line, message in problems]


class TemplateProblem(QgenError):
    """A template (usually one of the user's, from --templates) that cannot be rendered."""


class RenderError(QgenError):
    """An output that cannot be written, for a reason outside qgen's control."""

    exit_code = 1


class BankErrors(QgenError):
    """Error-level lint findings: the outputs would be wrong, so nothing is written."""

    def __init__(self, findings):
        count = len(findings)
        super().__init__(f"{count} error{'s' * (count != 1)} in the bank; nothing was written")
        self.details = [str(finding) for finding in findings]


class StrictFailure(QgenError):
    """--strict and the bank has warnings: the build fails, nothing is written."""

    exit_code = 1

    def __init__(self, findings):
        count = len(findings)
        super().__init__(f"{count} warning{'s' * (count != 1)} with --strict; nothing was written")
        self.details = [str(finding) for finding in findings]
