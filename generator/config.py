"""qgen.yaml + command-line flags -> one frozen BuildConfig.

The file is checked against a small schema; every problem is reported at once, with its
line, and an unknown key suggests the nearest known one. Flags override the file; paths in
the file are relative to the file's folder.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path

import yaml

from .errors import ConfigError, FlagErrors
from .renderers import DEFAULT_FORMATS, FORMATS
from .user_yaml import YamlProblem, compose, construct, new_loader

CONFIG_NAME = "qgen.yaml"


@dataclass(frozen=True)
class BuildConfig:
    paths: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()  # globs of files to leave out of source folders
    out: Path = Path("build")
    formats: tuple[str, ...] = DEFAULT_FORMATS
    count: int | None = None
    shuffle: bool = False
    seed: int | None = None
    variants: int = 1
    templates: str | None = None
    language: str | None = None
    title: str | None = None
    name: str | None = None  # the outputs' file name when several banks are built together
    strict: bool = False
    jobs: int | None = None  # processes for a long bank, a large deck and the PDFs; None: one per processor
    max_image_mb: int = 20  # images larger than this are left out with a finding
    cards: tuple[str, ...] = ("answer",)  # the deck's cards: a card per answer, a card per point
    # The practice loop: papers drawn around the results (README: "The practice loop").
    focus: str | None = None  # "weak": the weakest questions first in the draw
    exclude_recent: int | None = None  # leave out the questions of the last N papers
    quota: tuple[tuple[str, int], ...] = ()  # at least N questions of a part, tag or difficulty
    tag_weak: bool = False  # tag the weak questions' notes qgen::weak
    shuffle_options: bool = False  # each variant orders a choice question's options anew
    answer_grid: bool = False  # a grid on the exam's first page to mark the choices in
    results: str = "results"  # the folder of qgen score's results
    anki_collection: str | None = None  # an Anki collection whose reviews count too
    project: str | None = None  # the folder of the configuration file: outputs name banks relative to it
    long_answer: int = 600  # characters of prose in an answer without points before lint warns
    check_apis: bool = False  # lint: check the examples' imports and calls against a Python
    python: str | None = None  # that Python (default: the one qgen runs in)


# key -> the kind of value it takes (README: "Configuration"); "exam", "anki" and "lint" hold
# mappings of their own.
SCHEMA = {"title": "text", "name": "text", "sources": "paths", "exclude": "globs", "out": "path", "formats": "formats",
          "language": "language",
          "templates": "path", "strict": "bool", "jobs": "count", "max_image_mb": "count",
          "exam": "mapping", "anki": "mapping", "lint": "mapping", "results": "path"}
EXAM_SCHEMA = {"count": "count", "shuffle": "bool", "seed": "int", "variants": "count",
               "focus": "focus", "exclude_recent": "count", "quota": "quota",
               "shuffle_options": "bool", "answer_grid": "bool"}
SECTIONS = {"exam": EXAM_SCHEMA, "anki": {"cards": "cards"},
            "lint": {"long_answer": "count", "check_apis": "bool", "python": "text"}}
CARDS = ("answer", "points")


def load_config(path: Path) -> dict:
    """The settings in ``path`` as BuildConfig field values; raises ConfigError."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(str(path), [(1, f"cannot read: {error}")]) from None
    try:
        loader = new_loader(text)
    except YamlProblem as problem:
        raise ConfigError(str(path), [(problem.line, problem.message)]) from None
    try:
        root = compose(loader)
        if root is None:
            return {}
        if not isinstance(root, yaml.MappingNode):
            raise ConfigError(str(path), [(root.start_mark.line + 1, "must be a mapping of settings (key: value)")])
        problems: list[tuple[int, str]] = []
        settings: dict = {}
        _check_mapping(loader, root, SCHEMA, "", settings, problems, path.parent)
    except YamlProblem as problem:
        raise ConfigError(str(path), [(problem.line, problem.message)]) from None
    finally:
        loader.dispose()
    if problems:
        raise ConfigError(str(path), sorted(problems))
    return settings


def _check_mapping(loader, node, schema, prefix, settings, problems, base: Path) -> None:
    for key_node, value_node in node.value:
        key = str(key_node.value)
        line = key_node.start_mark.line + 1
        if key not in schema:
            near = difflib.get_close_matches(key, list(schema), n=1, cutoff=0.5)
            hint = f"; did you mean “{prefix}{near[0]}”?" if near else f"; known keys: {', '.join(schema)}"
            if not prefix and key in EXAM_SCHEMA:  # count: 10 at the top level
                hint = f"; it belongs under exam: (exam: {{{key}: …}})"
            problems.append((line, f"unknown key “{prefix}{key}”{hint}"))
            continue
        kind = schema[key]
        if kind == "mapping":
            if isinstance(value_node, yaml.MappingNode):
                _check_mapping(loader, value_node, SECTIONS[key], f"{key}.", settings, problems, base)
            else:
                example = next(iter(SECTIONS[key]))
                problems.append((line, f"“{key}” must be a mapping, e.g. {key}: {{{example}: …}}"))
            continue
        try:
            value = construct(loader, value_node)
        except YamlProblem as error:
            problems.append((error.line, f"“{prefix}{key}” is {error.message}"))
            continue
        problem, converted = _convert(kind, value, base)
        if problem:
            problems.append((value_node.start_mark.line + 1, f"“{prefix}{key}” {problem}"))
        else:
            settings["paths" if key == "sources" else key] = converted


def _convert(kind: str, value, base: Path):
    """(problem or None, converted value) for one setting."""
    if kind == "text":
        return (None, str(value)) if isinstance(value, (str, int, float)) and str(value).strip() \
            else ("must be a non-empty text", None)
    if kind == "language":
        ok = isinstance(value, str) and value.lower().split("-")[0] in ("zh", "en")
        return (None, value.lower()) if ok else ("must be zh or en", None)
    if kind == "bool":
        return (None, value) if isinstance(value, bool) else ("must be true or false", None)
    if kind == "int":
        return (None, value) if isinstance(value, int) and not isinstance(value, bool) \
            else ("must be a whole number", None)
    if kind == "count":
        ok = isinstance(value, int) and not isinstance(value, bool) and value >= 1
        return (None, value) if ok else ("must be a whole number of at least 1", None)
    if kind == "path":
        return (None, str(base / str(value))) if isinstance(value, str) and value.strip() \
            else ("must be a path", None)
    if kind == "paths":
        items = [value] if isinstance(value, str) else value
        if not isinstance(items, list) or not items or not all(isinstance(i, str) for i in items):
            return "must be a path or a list of paths", None
        return None, tuple(str(base / item) for item in items)
    if kind == "globs":
        items = [value] if isinstance(value, str) else value
        if not isinstance(items, list) or not all(isinstance(i, str) and i.strip() for i in items):
            return "must be a glob or a list of globs, e.g. [README.md, drafts/*]", None
        return None, tuple(items)
    if kind == "formats":
        items = [f.strip() for f in value.split(",")] if isinstance(value, str) else value
        if not isinstance(items, list) or not items:
            return f"must name at least one format ({', '.join(FORMATS)})", None
        unknown = [str(f) for f in items if f not in FORMATS]
        if unknown:
            return f"has unknown format {', '.join(unknown)}; known: {', '.join(FORMATS)}", None
        return None, tuple(items)
    if kind == "focus":
        return (None, value) if value == "weak" else ("must be weak (the weakest questions first)", None)
    if kind == "quota":
        if not (isinstance(value, dict) and value and all(
                isinstance(n, int) and not isinstance(n, bool) and n >= 0 for n in value.values())):
            return "must map parts, tags or difficulties to whole numbers, e.g. {基础: 3, hard: 2}", None
        return None, tuple((str(key), n) for key, n in value.items())
    if kind == "cards":
        items = [c.strip() for c in value.split(",")] if isinstance(value, str) else value
        if not isinstance(items, list) or not items or not all(item in CARDS for item in items):
            return f"must list cards from {', '.join(CARDS)}, e.g. [answer, points]", None
        return None, tuple(dict.fromkeys(items))
    raise ValueError(kind)


# Command-line flags that take a value, and the kind of value (as in SCHEMA).
FLAG_KINDS = {"formats": "formats", "count": "count", "seed": "int", "variants": "count", "jobs": "count",
              "cards": "cards", "focus": "focus", "exclude_recent": "count"}
FLAG_NAMES = {"formats": "--format", "exclude_recent": "--exclude-recent"}


def check_flags(raw: dict, unknown: list[str], known: list[str]) -> dict:
    """The flags' values converted (None where a flag was not given); every unknown flag
    and bad value is reported at once, with a suggestion where one fits."""
    problems, values = [], {}
    for word in unknown:
        option = word.split("=", 1)[0]
        if not option.startswith("-"):
            problems.append(f"unexpected argument “{word}”")
            continue
        near = difflib.get_close_matches(option, known, n=1, cutoff=0.7)
        problems.append(f"unknown option “{option}”" + (f"; did you mean “{near[0]}”?" if near else ""))
    for key, text in raw.items():
        if text is None:
            values[key] = None
            continue
        kind = FLAG_KINDS[key]
        value = text
        if kind in ("formats", "cards"):
            value = [name.strip() for name in text.split(",") if name.strip()]
        elif kind in ("count", "int"):
            try:
                value = int(text)
            except ValueError:
                value = text
        problem, converted = _convert(kind, value, Path("."))
        if problem:
            problems.append(f"{FLAG_NAMES.get(key, '--' + key)} “{text}”: {problem}")
        values[key] = converted
    if problems:
        raise FlagErrors(problems)
    return values


def resolve_config(flags: dict, config_file: str | None) -> BuildConfig:
    """Defaults < qgen.yaml (or ``--config FILE``) < flags that were given (not None)."""
    settings: dict = {}
    path = Path(config_file) if config_file else Path(CONFIG_NAME)
    if config_file and not path.is_file():
        raise ConfigError(config_file, [(1, "no such configuration file")])
    if path.is_file():
        settings = load_config(path)
        settings["project"] = str(path.resolve().parent)
    settings.update({key: value for key, value in flags.items() if value is not None and value != ()})
    if "out" in settings:
        settings["out"] = Path(settings["out"])
    if settings.get("seed") is not None:
        settings["shuffle"] = True  # a seed only means something for a shuffled paper
    return BuildConfig(**settings)
