"""Markdown fragment -> HTML, with code highlighted (``highlight``), callouts titled
(``callouts``) and raw HTML escaped, so a ``<script>`` in a bank shows as text. One
MarkupRenderer serves a whole build: rendered fragments are cached, so the same Markdown is
never rendered twice (cards and exams share it).
"""

from __future__ import annotations

import base64
import hashlib
import mimetypes
import html
import re
from urllib.parse import unquote
from dataclasses import dataclass, field
from pathlib import Path

from markdown_it import MarkdownIt
from markdown_it.common.normalize_url import validateLink
from markupsafe import Markup
from mdit_py_plugins.dollarmath import dollarmath_plugin
from mdit_py_plugins.footnote import footnote_plugin
from mdit_py_plugins.texmath import texmath_plugin

from ..blocks import fence_language
from ..model import Finding
from ..sources import refers_to_files
from .callouts import callout_plugin
from .math import math_plugin
from .highlight import highlight, highlight_inline
from .inline_html import has_image_tag, image_of_tag, render_inline_tag

IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp", ".bmp"}


@dataclass
class MediaFile:
    """A local image the bank refers to, under the unique name it is packaged as."""

    name: str
    path: Path

    def data_uri(self) -> str:
        mime = mimetypes.guess_type(self.path.name)[0] or "application/octet-stream"
        return f"data:{mime};base64,{self.base64()}"

    def base64(self) -> str:
        return base64.b64encode(self.path.read_bytes()).decode("ascii")


@dataclass
class MarkupRenderer:
    """Renders the Markdown of one build; collects media and warnings as it goes.

    ``bank_dir`` is the only folder images may come from; anything outside it, remote or
    missing is left out with a warning (file and line). ``[text][label]`` links resolve
    against their file's ``link_definitions``. With a ``store`` (the build cache's), HTML
    rendered by an earlier build is taken from it rather than rendered again."""

    max_image_mb: int = 20  # a larger image is left out with a finding, never read
    store: object = None  # an HtmlStore (generator.cache)
    link_definitions: dict[str, tuple] = field(default_factory=dict)  # source -> Bank.link_definitions
    footnotes: dict[str, tuple] = field(default_factory=dict)  # source -> Bank.footnotes
    media_prefix: str = ""  # before a packaged image's name in src (Moodle: "@@PLUGINFILE@@/")
    inline_code_style: str | None = None  # a Pygments style written into each token (no stylesheet)
    findings: list[Finding] = field(default_factory=list)
    media: dict[str, MediaFile] = field(default_factory=dict)
    local_files: set[Path] = field(default_factory=set)  # every local image looked for, found or not
    _html_anywhere: dict = field(default_factory=dict)  # text -> HTML, the same wherever it is
    _html_here: dict = field(default_factory=dict)  # (text, place) -> HTML
    _html_inline: dict = field(default_factory=dict)

    def __post_init__(self):
        # Settings that change the HTML of a fragment; the store keys its files by them.
        settings = {"media_prefix": self.media_prefix, "inline_code_style": self.inline_code_style}
        self._stored, self._stored_inline = self.store.attach(self, settings) if self.store else ({}, {})
        # Inline tags are read so that a few harmless ones render (``<code>``, ``<br>``, ``<b>``,
        # as banks write them in prose); every other tag, and every HTML block, is text.
        self._parser = (MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
                        .disable("html_block")
                        .use(texmath_plugin, delimiters="brackets")
                        .use(dollarmath_plugin, allow_digits=False, double_inline=True)
                        .use(footnote_plugin).use(callout_plugin).use(math_plugin))
        self._parser.add_render_rule("html_inline", lambda renderer, *args: self._render_inline_tag(renderer, *args))
        # markdown-it binds rules to its renderer, so they are plain functions here.
        self._parser.add_render_rule("fence", lambda renderer, *args: self._render_fence(renderer, *args))
        self._parser.add_render_rule("code_block", lambda renderer, *args: self._render_fence(renderer, *args))
        self._parser.add_render_rule("image", lambda renderer, *args: self._render_image(renderer, *args))
        self._parser.add_render_rule("link_open", lambda renderer, *args: self._render_link(renderer, *args))
        self._parser.add_render_rule("link_close", lambda renderer, *args: self._render_link(renderer, *args))
        # markdown-it drops file: links silently; let them through to the rules above, which
        # leave them out with a warning the user can act on.
        self._parser.validateLink = lambda url: validateLink(url) or url.lower().startswith("file:")

    def block(self, text: str | None, source: str, line: int, bank_dir: Path | None = None) -> Markup:
        """A section's Markdown as HTML ("" for an absent section). Images refer to their
        packaged media name (the study page puts their bytes in place, ``view.inline_media``)."""
        if not text:
            return Markup("")
        links = self.link_definitions.get(source)
        notes = [markdown for label, markdown in self.footnotes.get(source, ()) if f"[^{label}]" in text]
        if not links and not notes:
            if text in self._html_anywhere:
                return self._html_anywhere[text]
            if text in self._stored:
                html = self._html_anywhere[text] = Markup(self._stored[text])
                return html
        key = (text, source, line, bank_dir)
        if key not in self._html_here:
            # Footnote anchors are told apart by the section's text, never by its place, so
            # that a card does not change when lines are added above it.
            env = {"source": source, "line": line, "text": text, "bank_dir": bank_dir,
                   "docId": hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()[:8]}
            if links:
                env["references"] = {label: {"href": href, "title": title} for label, href, title in links}
            # The definitions the section refers to, wherever they stand in the file.
            markdown = "\n\n".join([text, *notes])
            html = Markup(self._parser.renderer.render(self._parser.parse(markdown, env), self._parser.options, env))
            if "![" in text or has_image_tag(text) or env.get("warned") or links or notes:
                self._html_here[key] = html  # images, warnings and links depend on the text's place
            else:
                self._html_anywhere[text] = html
                return html
        return self._html_here[key]

    def hand_over(self) -> dict:
        """What rendering found out since the last hand-over, for another renderer to take
        over with ``merge``: warnings, images and the HTML of sections that is the same
        wherever they are. This renderer starts afresh, so nothing is handed over twice."""
        learned = {"findings": self.findings, "media": self.media, "local_files": self.local_files,
                   "html": self._html_anywhere, "inline": self._html_inline}
        self.findings, self.media, self.local_files = [], {}, set()
        self._html_anywhere, self._html_inline = {}, {}
        return learned

    def merge(self, learned: dict) -> None:
        known = set(self.findings)
        self.findings.extend(finding for finding in learned["findings"] if finding not in known)
        self.media.update(learned["media"])
        self.local_files.update(learned["local_files"])
        self._html_anywhere.update(learned["html"])
        self._html_inline.update(learned["inline"])

    def knows(self, text: str) -> bool:
        """Whether a fragment's HTML is at hand (rendered or stored) where it needs no place."""
        return text in self._html_anywhere or text in self._stored

    def html_by_text(self) -> tuple[dict[str, str], dict[str, str]]:
        """(block, inline) HTML by Markdown text of every fragment rendered or reused so far
        whose HTML is its text's alone: what the store keeps for the next build."""
        return self._html_anywhere, self._html_inline

    def check(self, text: str | None, source: str, line: int, bank_dir: Path | None) -> None:
        """The image and link warnings rendering the section would give, without rendering
        it (for lint): the same checks on the same tokens."""
        if not text or not refers_to_files(text):
            return
        env = {"source": source, "line": line, "text": text, "bank_dir": bank_dir}
        links = self.link_definitions.get(source)
        if links:
            env["references"] = {label: {"href": href, "title": title} for label, href, title in links}
        for token in self._parser.parse(text, env):
            for child in token.children or []:
                image = image_of_tag(child.content) if child.type == "html_inline" else child
                if image is not None and image.type == "image":
                    self._local_image(str(image.attrGet("src") or ""), env)
                elif child.type == "link_open":
                    self._check_link(str(child.attrGet("href") or ""), env)

    def inline(self, text: str | None) -> Markup:
        """One line of Markdown (a title) as inline HTML."""
        if not text:
            return Markup("")
        if text not in self._html_inline:
            stored = self._stored_inline.get(text)
            self._html_inline[text] = Markup(stored if stored is not None else
                                             self._parser.renderInline(text, {"bank_dir": None}))
        return self._html_inline[text]

    def _render_fence(self, renderer, tokens, index, options, env):
        if self.inline_code_style:
            return highlight_inline(tokens[index].content, fence_language(tokens[index].info),
                                    self.inline_code_style) + "\n"
        return highlight(tokens[index].content, fence_language(tokens[index].info)) + "\n"

    def _render_inline_tag(self, renderer, tokens, index, options, env) -> str:
        """``<img src=…>`` is an image as ``![](…)`` is (a local file packaged, anything else
        left out with a warning; its other attributes dropped); a few tags that only style
        text render; any other tag is text."""
        image = image_of_tag(tokens[index].content)
        if image is not None:
            return self._render_image(renderer, [image], 0, options, env)
        return render_inline_tag(renderer, tokens, index, options, env)

    def _render_image(self, renderer, tokens, index, options, env):
        token = tokens[index]
        media = self._local_image(str(token.attrGet("src") or ""), env)
        if media is None:
            alt = renderer.renderInlineAsText(token.children or [], options, env)
            return html.escape(f"[{alt or 'image'}]")
        token.attrSet("src", self.media_prefix + media.name)
        return renderer.image(tokens, index, options, env)

    def _render_link(self, renderer, tokens, index, options, env):
        """Links to local files are dropped (their text stays); others render as usual."""
        token = tokens[index]
        links = env.setdefault("open_links", [])
        if token.type == "link_close":
            return "" if (links.pop() if links else False) else renderer.renderToken(tokens, index, options, env)
        dropped = self._check_link(str(token.attrGet("href") or ""), env)
        links.append(dropped)
        return "" if dropped else renderer.renderToken(tokens, index, options, env)

    def _check_link(self, href: str, env) -> bool:
        """Whether a link is left out (a local file), with a warning."""
        if not href.lower().startswith("file:"):
            return False
        self._warn(env, href, "link", f"link “{href}” points to a local file; it is left out")
        return True

    def _warn(self, env, src: str, code: str, message: str) -> None:
        if "source" not in env:
            return
        env["warned"] = True
        finding = Finding(env["source"], _line_of(src, env), "warning", code, message)
        if finding not in self.findings:  # the same section may render for several outputs
            self.findings.append(finding)

    def _local_image(self, src: str, env) -> MediaFile | None:
        bank_dir: Path | None = env.get("bank_dir")
        problem = None
        if re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", src) or src.startswith("//"):
            problem = f"image “{src}” is not a local file; it is left out (qgen loads nothing from the network)"
        elif bank_dir is None:
            return None
        else:
            # markdown-it percent-encodes the link (图.png -> %E5%9B%BE.png); the file has the name.
            path = (bank_dir / unquote(src.split("#")[0].split("?")[0])).resolve()
            self.local_files.add(path)
            if not path.is_relative_to(bank_dir.resolve()):
                problem = f"image “{src}” is outside the bank's folder; it is left out"
            elif not path.is_file():
                problem = f"image “{unquote(src)}” does not exist"
            elif path.suffix.lower() not in IMAGE_SUFFIXES:
                problem = f"“{src}” is not an image file ({', '.join(sorted(IMAGE_SUFFIXES))})"
            elif path.stat().st_size > self.max_image_mb * 1024 * 1024:
                problem = (f"image “{unquote(src)}” is {path.stat().st_size / 1024 / 1024:.0f} MB, over the "
                           f"{self.max_image_mb} MB limit (max_image_mb in qgen.yaml); it is left out")
            else:
                return self._add_media(path)
        if problem:
            self._warn(env, src, "image", problem)
        return None

    def _add_media(self, path: Path) -> MediaFile:
        digest = hashlib.sha1(path.read_bytes()).hexdigest()[:16]
        name = f"qgen-{digest}{path.suffix.lower()}"
        self.media.setdefault(name, MediaFile(name, path))
        return self.media[name]


def _line_of(src: str, env) -> int:
    """The file line of an image: the section's line plus where its source appears."""
    for offset, line in enumerate(env.get("text", "").split("\n")):
        if src in line:
            return env["line"] + offset
    return env["line"]


_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")


def lines_with_code_apart(markdown: str):
    """Each line of a Markdown fragment with what it is: ``"fence"`` (a code fence's opening
    or closing line), ``"code"`` (inside one; an unclosed one runs to the end) or ``"text"``."""
    fence = None
    for line in markdown.split("\n"):
        mark = _FENCE.match(line)
        if fence is None and mark and not (mark.group(1)[0] == "`" and "`" in line[mark.end():]):
            fence = mark.group(1)
            yield "fence", line
        elif fence and mark and mark.group(1)[0] == fence[0] and len(mark.group(1)) >= len(fence) \
                and not line[mark.end():].strip():
            fence = None
            yield "fence", line
        else:
            yield ("code" if fence else "text"), line
