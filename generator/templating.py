"""The one Jinja environment: user templates first, the built-in ones after.

Autoescaping is on for HTML templates and off for Markdown ones; bank text reaches a
template only as data, so Jinja syntax inside a bank is printed, never evaluated. With a
user's template folder the environment is Jinja's sandbox: a template from a cloned bank
repository can format data but cannot reach Python's internals (``__class__``, …).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import jinja2
import jinja2.sandbox
from markupsafe import Markup

from .markers import plain_text

PACKAGE_DIR = Path(__file__).resolve().parent


def builtin_templates_dir() -> Path:
    """``templates/`` in a source checkout, ``generator/templates`` in an installed wheel."""
    for candidate in (PACKAGE_DIR / "templates", PACKAGE_DIR.parent / "templates"):
        if candidate.is_dir():
            return candidate
    raise RuntimeError("qgen's templates folder is missing from the installation")


def template_dir(user_dir: str | None) -> str | None:
    """The user's template folder as an absolute path, checked; None for the built-in ones."""
    if not user_dir:
        return None
    path = Path(user_dir)
    if not path.is_dir():
        from .errors import UsageError

        raise UsageError("templates folder does not exist", user_dir)
    return str(path.resolve())


@lru_cache(maxsize=8)
def environment(user_dir: str | None = None) -> jinja2.Environment:
    """Templates are looked up in ``user_dir`` first; ``default/…`` always names the
    built-in one, so a user template can ``{% extends "default/exam/exam.html.j2" %}``."""
    search = [user_dir] if user_dir else []
    loader = jinja2.ChoiceLoader([
        jinja2.FileSystemLoader(search + [str(builtin_templates_dir())]),
        jinja2.PrefixLoader({"default": jinja2.FileSystemLoader(str(builtin_templates_dir()))}),
    ])
    kind = jinja2.sandbox.SandboxedEnvironment if user_dir else jinja2.Environment
    env = kind(
        loader=loader,
        autoescape=jinja2.select_autoescape(enabled_extensions=("html", "htm", "xml", "html.j2")),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["css_string"] = css_string
    env.filters["plain"] = plain_text  # Markdown's words alone, where only text goes
    env.filters["mathjax"] = mathjax  # math as MathJax reads it, for Moodle
    return env


def mathjax(html) -> Markup:
    """The HTML with its math in MathJax's delimiters (``renderers.math.for_mathjax``)."""
    from .renderers.math import for_mathjax

    return Markup(for_mathjax(str(html)))


def css_string(value) -> str:
    """A CSS string literal: quotes, backslashes, line breaks and '<' escaped."""
    escaped = "".join(
        f"\\{ord(char):x} " if char in '"\\<>\n\r' or ord(char) < 0x20 else char for char in str(value))
    return f'"{escaped}"'


def unused_templates(user_dir: str | None) -> list[Path]:
    """Files in the user's template folder that replace no built-in template and that no
    other template of the folder names (a misspelled ``exams/exam.html.j2``)."""
    if not user_dir:
        return []
    builtin = {p.relative_to(builtin_templates_dir()).as_posix() for p in builtin_templates_dir().rglob("*") if p.is_file()}
    files = [p for p in sorted(Path(user_dir).rglob("*")) if p.is_file() and not p.name.startswith(".")]
    texts = "\n".join(p.read_text("utf-8", "replace") for p in files)
    return [p for p in files if p.relative_to(user_dir).as_posix() not in builtin
            and p.relative_to(user_dir).as_posix() not in texts]


def template_problem(error: jinja2.TemplateError):
    """A Jinja error as a TemplateProblem naming the template file and line: a syntax error
    carries them; for others, the innermost template frame of the traceback does."""
    from .errors import TemplateProblem

    path, line = getattr(error, "filename", None), getattr(error, "lineno", None)
    frame = None if path else _template_frame(error)
    if frame:
        path, line = frame.filename, frame.lineno
    kind = "template not found" if isinstance(error, jinja2.TemplateNotFound) else "template error"
    return TemplateProblem(f"{kind}: {error.message or error}", path, line)


def raised_by_template(error: Exception):
    """A TemplateProblem when ``error`` (``{{ 1 / 0 }}``, ``{{ q.number + "x" }}``) was raised
    by a template's own code, not by qgen's code that a template called; else None."""
    from .errors import TemplateProblem

    frame = _template_frame(error, raised_there=True)
    if frame is None:
        return None
    return TemplateProblem(f"template error: {type(error).__name__}: {error}", frame.filename, frame.lineno)


def _template_frame(error: Exception, raised_there: bool = False):
    """The innermost traceback frame of ``error`` that is template code (with
    ``raised_there``, only if the error was raised in it), or None."""
    import traceback

    frames = traceback.extract_tb(error.__traceback__)
    frames = [frame for frame in (frames[-1:] if raised_there else frames) if frame.filename.endswith(".j2")]
    return frames[-1] if frames else None


def render(template_name: str, **context) -> str:
    return environment().get_template(template_name).render(**context)


@lru_cache(maxsize=8)
def card_environment(user_dir: str | None = None) -> jinja2.Environment:
    """For Anki card templates, whose own ``{{Field}}`` syntax must pass through untouched:
    qgen's values go in ``[[ … ]]`` and its tags in ``[% … %]``."""
    env = environment(user_dir).overlay(
        variable_start_string="[[", variable_end_string="]]",
        block_start_string="[%", block_end_string="%]",
        comment_start_string="[#", comment_end_string="#]",
    )
    return env
