"""What a bank's language changes in its outputs, and a guess of it from the text.

qgen prints its own words in Chinese or English (``interface_language``); the bank's own
language also decides the direction of its text (Arabic, Persian and Hebrew run right to
left) and which forms of the CJK characters its fonts draw (a Japanese 直 is not a
Chinese one): one Noto CJK family serves all of them, region by region.
"""

from __future__ import annotations

import re

RIGHT_TO_LEFT = {"ar", "arc", "ckb", "dv", "fa", "he", "iw", "ks", "ps", "sd", "ug", "ur", "yi"}
_TAG = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$")

# Letters counted to tell the language of a text. A Han, kana or Hangul character carries
# about as much as a short Latin word, hence the weight of four (as before other scripts).
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_KANA = re.compile(r"[\u3041-\u30ff]")
_HANGUL = re.compile(r"[\uac00-\ud7af]")
_ARABIC = re.compile(r"[\u0620-\u064a\u066e-\u06d3\ufb50-\ufdff\ufe70-\ufefc]")
_HEBREW = re.compile(r"[\u05d0-\u05ea]")
_LATIN = re.compile(r"[A-Za-z]")
# Persian writes ی and ک where Arabic writes ي and ك; Urdu has letters of its own.
_PERSIAN = re.compile(r"[\u06cc\u06a9\u067e\u0686\u0698\u06af]")
_ARABIC_ONLY = re.compile(r"[\u064a\u0643\u0629]")
_URDU = re.compile(r"[\u0679\u0688\u0691\u06ba\u06be\u06c1\u06d2]")
# Common characters written one way in Traditional Chinese and another in Simplified.
_TRADITIONAL = re.compile("[這個們來說為時會對於與發後問題還沒經過進動學實現關應該當將從開長無種樣點裡間麼義頭]")
_SIMPLIFIED = re.compile("[这个们来说为时会对于与发后问题还没经过进动学实现关应该当将从开长无种样点里间么义头]")
# Code says nothing of the author's language: fenced blocks (an unclosed one runs to the
# end, as in Markdown) and inline code are left out.
_CODE = re.compile(r"^ {0,3}(`{3,}|~{3,})[^\n]*\n.*?(?:^ {0,3}\1[`~]*[ \t]*$|\Z)|`[^`\n]+`", re.M | re.S)


def interface_language(language: str) -> str:
    """The language of qgen's own words: "zh-CN", "zh" -> "zh"; anything else -> "en"."""
    return "zh" if language.lower().startswith("zh") else "en"


def is_language_tag(value) -> bool:
    """``zh``, ``ja``, ``pt-BR``, ``zh-Hant``: a language tag as HTML's ``lang`` takes it."""
    return isinstance(value, str) and bool(_TAG.match(value))


def canonical_tag(language: str) -> str:
    """``ZH-hant-tw`` -> ``zh-Hant-TW``: the case a tag is written in everywhere qgen puts
    it, so that the outputs' selectors (``[lang|="zh-Hant"]``) find it."""
    first, *rest = language.split("-")
    return "-".join([first.lower(), *(part.title() if len(part) == 4 else part.upper() if len(part) == 2
                                      else part.lower() for part in rest)])


def text_direction(language: str) -> str:
    """"rtl" for the languages written right to left, else "ltr"."""
    return "rtl" if language.lower().split("-")[0] in RIGHT_TO_LEFT else "ltr"


def cjk_region(language: str) -> str:
    """The region of the Noto CJK fonts whose character forms the language uses."""
    subtags = language.lower().split("-")
    if subtags[0] == "ja":
        return "JP"
    if subtags[0] == "ko":
        return "KR"
    if subtags[0] == "zh" and "hk" in subtags[1:]:
        return "HK"
    if subtags[0] == "zh" and {"hant", "tw", "mo"} & set(subtags[1:]):
        return "TC"
    return "SC"


def guess_language(text: str) -> str:
    """The language most of the text's prose is written in, by its letters: ``zh``,
    ``zh-Hant``, ``ja``, ``ko``, ``ar``, ``fa``, ``ur``, ``he``, else ``en``."""
    sample = _CODE.sub("", text[:200_000])
    han, kana, hangul = (len(pattern.findall(sample)) for pattern in (_HAN, _KANA, _HANGUL))
    latin = len(_LATIN.findall(sample))
    if (han + kana + hangul) * 4 >= latin and han + kana + hangul:
        if hangul >= han + kana:
            return "ko"
        if kana * 5 >= han:
            return "ja"
        return "zh-Hant" if len(_TRADITIONAL.findall(sample)) > len(_SIMPLIFIED.findall(sample)) else "zh"
    arabic, hebrew = len(_ARABIC.findall(sample)), len(_HEBREW.findall(sample))
    if hebrew >= latin and hebrew > arabic:
        return "he"
    if arabic >= latin and arabic:
        if len(_URDU.findall(sample)) * 20 >= arabic:
            return "ur"
        return "fa" if len(_PERSIAN.findall(sample)) > len(_ARABIC_ONLY.findall(sample)) else "ar"
    return "en"


def text_settings(language: str) -> dict[str, str]:
    """What a page's templates need to lay out text of this language: its ``lang`` tag, its
    ``dir`` and the region of its CJK fonts (``cjk``)."""
    return {"lang": language, "dir": text_direction(language), "cjk": cjk_region(language)}


def marked_language(language: str) -> str | None:
    """The language a card's text is marked with (``lang``, ``dir``) where the note type
    shared by every bank would lay it out or draw it wrongly: right to left, or CJK
    characters of another region than the default (SC); else None."""
    return language if text_direction(language) == "rtl" or cjk_region(language) != "SC" else None
