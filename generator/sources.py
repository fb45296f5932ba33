"""Finding bank files and turning their bytes into text, with a clear word when they are not text."""

from __future__ import annotations

import codecs
import fnmatch
import os
import re
from functools import lru_cache
from pathlib import Path

from .errors import NotABank, SourceError, SourceErrors

MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown", ".mkd", ".mdx")
DEFAULT_SOURCE = Path("source")


def find_sources(paths: list[str] | None, exclude: tuple[str, ...] = ()) -> list[tuple[Path, Path | None]]:
    """Expand files and folders into Markdown files, in a stable order, each with the folder
    it was found in (None for a file named on its own); folders are searched recursively,
    leaving out hidden files and those matching an ``exclude`` glob (``drafts/*``,
    ``**/README.md``), taken relative to that folder. Raises SourceError naming every path
    that does not exist or holds no Markdown file."""
    paths = paths or [str(DEFAULT_SOURCE)]
    found: list[tuple[Path, Path | None]] = []
    problems = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            files = sorted(
                p for p in path.rglob("*")
                if p.suffix.lower() in MARKDOWN_SUFFIXES and p.is_file()
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
                and not _excluded(p.relative_to(path), exclude)
            )
            if not files:
                problems.append(SourceError(f"no Markdown files ({', '.join('*' + s for s in MARKDOWN_SUFFIXES)}) in this folder", raw))
            found.extend((file, path) for file in files)
        elif path.is_file():
            found.append((path, None))
        elif path.exists():
            problems.append(SourceError("not a regular file", raw))
        else:
            problems.append(SourceError("no such file or folder", raw))
    if problems:
        raise SourceErrors(problems)
    unique: dict[Path, tuple[Path, Path | None]] = {}
    for file, root in found:
        unique.setdefault(file, (file, root))
    return list(unique.values())


def _excluded(relative: Path, patterns: tuple[str, ...]) -> bool:
    """Whether a file below a source folder matches an ``exclude`` glob; ``**/`` matches
    any depth, including none."""
    text = relative.as_posix()
    return any(fnmatch.fnmatch(text, pattern) or (pattern.startswith("**/") and fnmatch.fnmatch(text, pattern[3:]))
               for pattern in patterns)


def bank_folder(source: str) -> Path:
    """The folder a bank's images are taken from: the bank file's own folder. A relative
    source is relative to the working folder, which a program using qgen may change."""
    return _resolved_folder(source, os.getcwd())


@lru_cache(maxsize=1024)
def _resolved_folder(source: str, working_folder: str) -> Path:
    return (Path(working_folder) / source).resolve().parent


def display_path(path: Path) -> str:
    """The path as the user would type it: relative to the working folder when inside it."""
    try:
        return os.path.relpath(path) if not os.path.relpath(path).startswith("..") else str(path)
    except ValueError:  # another drive on Windows
        return str(path)


def project_path(source: str, project: str | None) -> str:
    """A bank's path as the outputs name it: relative to the project (the folder holding the
    configuration), so that it does not depend on where qgen runs."""
    if project is None:
        return source
    try:
        return os.path.relpath(os.path.abspath(source), project)
    except ValueError:  # another drive on Windows
        return source


def decode_bank(data: bytes, source: str) -> str:
    """The bank's text, every line ending made ``\\n``: UTF-8 (its BOM dropped), or UTF-16
    or UTF-32 that starts with its byte-order mark (as Windows' Notepad and PowerShell's
    ``>`` save a file); anything else is named, with the command that converts it."""
    codec, mark = unicode_form(data)
    if mark and codec != "utf-8":
        try:
            text = data[len(mark):].decode(codec)
        except UnicodeDecodeError as error:
            line = data[len(mark):len(mark) + error.start].decode(codec, "replace").count("\n") + 1
            raise SourceError(f"not {codec.upper()} text after its byte-order mark", source, line) from None
    elif b"\x00" in data[:8192]:
        wide = _utf16_without_mark(data[:8192])
        raise SourceError(f"UTF-16 text without a byte-order mark; convert it, e.g. iconv -f {wide} -t UTF-8"
                          if wide else "this is a binary file, not a Markdown bank", source)
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            line = data[: error.start].count(b"\n") + 1
            raise SourceError(
                f"not UTF-8 text ({_guess_encoding(data)}); convert it, e.g. "
                f"iconv -f {_iconv_name(data)} -t UTF-8",
                source,
                line,
            ) from None
    if not text.strip():
        raise NotABank("the file is empty", source)
    return text.replace("\r\n", "\n").replace("\r", "\n")


# Longest first: UTF-32's little-endian mark starts with UTF-16's.
_MARKS = (("utf-32-le", codecs.BOM_UTF32_LE), ("utf-32-be", codecs.BOM_UTF32_BE), ("utf-8", codecs.BOM_UTF8),
          ("utf-16-le", codecs.BOM_UTF16_LE), ("utf-16-be", codecs.BOM_UTF16_BE))


def unicode_form(data: bytes) -> tuple[str, bytes]:
    """The codec and the byte-order mark a file opens with: ("utf-16-le", b"\\xff\\xfe"), or
    ("utf-8", b"") for a file without a mark."""
    return next(((codec, mark) for codec, mark in _MARKS if data.startswith(mark)), ("utf-8", b""))


def _utf16_without_mark(head: bytes) -> str | None:
    """UTF-16LE or UTF-16BE for text whose ASCII (its line ends, ``#``, ``*``, digits) puts
    a zero in every other byte: a fifth of the pairs or more, hardly any on the other side
    (``一`` is ``00 4E`` in UTF-16LE)."""
    pairs = len(head) / 2
    even, odd = head[0::2].count(0) / pairs, head[1::2].count(0) / pairs
    if min(even, odd) < 0.05 and max(even, odd) > 0.2:
        return "UTF-16LE" if odd > even else "UTF-16BE"
    return None


def _guess_encoding(data: bytes) -> str:
    """GBK writes every Chinese character as two high bytes; Latin-1 text has lone ones."""
    high = [i for i, byte in enumerate(data) if byte >= 0x80]
    paired = sum(1 for i in high if (i + 1 < len(data) and data[i + 1] >= 0x80)
                 or (i > 0 and data[i - 1] >= 0x80))
    try:
        data.decode("gb18030")
        gbk = paired >= 0.9 * len(high)
    except UnicodeDecodeError:
        gbk = False
    return "it looks like GBK/GB18030" if gbk else "it looks like Latin-1 or Windows-1252"


def _iconv_name(data: bytes) -> str:
    return "GB18030" if "GBK" in _guess_encoding(data) else "LATIN1"


_IMAGE_OR_FILE = re.compile(r"!\[|<img\b|file:", re.I)


def refers_to_files(text: str) -> bool:
    """Whether Markdown may show an image (``![…](…)``, ``<img src=…>``) or link to a local
    file: what has to be checked against the bank's folder."""
    return bool(_IMAGE_OR_FILE.search(text))
