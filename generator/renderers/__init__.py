"""The output formats, one renderer each, in the order a build renders them: the names that
``--format`` and qgen.yaml's ``formats`` accept come from this table.

A renderer's module has ``render(job: RenderJob) -> Rendered`` (``generator.rendering``): the
files it makes and the findings it has, returned, never added to shared state. A module is
imported only when its format is built, so ``qgen --help`` and ``qgen lint`` load neither
WeasyPrint nor genanki. Renderers turn records into bytes and never parse Markdown structure.
"""

from collections import namedtuple
from importlib import import_module

# formats: the names it answers to; default: those a build makes without --format.
Renderer = namedtuple("Renderer", "module formats default")

RENDERERS = (
    Renderer("anki", ("apkg",), ("apkg",)),
    Renderer("papers", ("exam", "key", "interview"), ("exam", "key")),  # from the papers the build drew
    Renderer("html", ("html",), ("html",)),
    Renderer("moodle", ("moodle",), ()),
    Renderer("json", ("json",), ("json",)),  # last: it records every finding of the build
)

DEFAULT_FORMATS = tuple(name for renderer in RENDERERS for name in renderer.default)
# As messages and --help list them: those made by default first.
FORMATS = DEFAULT_FORMATS + tuple(name for renderer in RENDERERS for name in renderer.formats
                                  if name not in DEFAULT_FORMATS)
PAPER_KINDS = next(renderer.formats for renderer in RENDERERS if renderer.module == "papers")


def renderers_for(formats) -> list[Renderer]:
    """The renderers of the asked-for formats, in build order."""
    return [renderer for renderer in RENDERERS if set(renderer.formats) & set(formats)]


def render(renderer: Renderer, job):
    return import_module(f"{__name__}.{renderer.module}").render(job)
