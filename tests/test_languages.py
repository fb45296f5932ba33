"""A bank's language: guessed from its prose (its code left out), or set in its front
matter; and what it changes: the direction of the text and the forms of CJK characters."""

import pytest

from generator.languages import (canonical_tag, cjk_region, guess_language, is_language_tag, text_direction,
                                 text_settings)

from .conftest import ROOT, read

CODE = ("```javascript\nconst secret = sessionStorage.getItem('cool_secret');\n"
        "console.log(typeof secret, secret.length, JSON.stringify({ secret }));\n```\n\n")

# Each as its authors write it: a question, code longer than the prose, then the answer.
BANKS = {
    "ar": "###### 1. ايه اللي هيتطبع؟\n\n" + CODE * 3 +
          "#### الاجابة الصحيحة: ب\n\nاحنا بنعمل المتغير `var` من جديد بنفس الاسم و بقيم مختلفة.\n",
    "fa": "### ۱. خروجی چیست؟\n\n" + CODE * 2 +
          "پاسخ: گزینه ب. متغیرها با کلمه کلیدی `let` تعریف می‌شوند و این یک ویژگی مهم است.\n",
    "ur": "### 1. کیا چھپے گا؟\n\n" + CODE +
          "جواب: یہ فنکشن ایک نئی قدر واپس کرتا ہے اور پرانی قدر کو تبدیل نہیں کرتا۔\n",
    "he": "### 1. מה יודפס?\n\n" + CODE +
          "תשובה: הפונקציה מחזירה ערך חדש ואינה משנה את הערך הישן, כי המשתנה מוגדר מחדש.\n",
    "ja": "###### 1. 何が出力されるでしょうか？\n\n" + CODE * 3 +
          "`null`はfalsyです。`!null`は`true`を返します。`!true`は`false`を返します。\n",
    "ko": "###### 1. 무엇이 출력 될까요?\n\n" + CODE * 3 +
          "`null`은 거짓 같은 값이에요. `!null`은 `true`를 반환해요.\n",
    "zh-Hant": "###### 1. 這個函數會輸出什麼？\n\n" + CODE * 3 +
               "答案：因為變數在宣告之前就被使用了，所以會得到 `undefined`。這是一個常見的問題。\n",
    # Mostly code, but its prose is Chinese: it was guessed English when code was counted.
    "zh": "### 1. 下面的代码输出什么？\n\n" + CODE * 6 + "答案：输出 `undefined`，因为变量提升。\n",
    "en": "### 1. What does `'你好'.length` return?\n\n" + CODE + "It returns 2: two UTF-16 code units.\n",
}


@pytest.mark.parametrize("language", BANKS)
def test_the_language_is_guessed_from_the_prose_not_the_code(language):
    assert guess_language(BANKS[language]) == language
    assert read(BANKS[language]).language == language


def test_the_seed_is_chinese():
    assert read((ROOT / "source" / "llm-interview.md").read_text("utf-8")).language == "zh"


def test_an_unclosed_fence_leaves_the_prose_before_it_counted():
    assert guess_language("答案：因为变量提升，所以输出未定义的值。\n\n```js\n" + "let x = 1;\n" * 50) == "zh"


@pytest.mark.parametrize("language, direction, region", [
    ("ar", "rtl", "SC"), ("fa-IR", "rtl", "SC"), ("he", "rtl", "SC"), ("ur", "rtl", "SC"),
    ("en", "ltr", "SC"), ("zh", "ltr", "SC"), ("zh-CN", "ltr", "SC"), ("ZH-Hans", "ltr", "SC"),
    ("zh-Hant", "ltr", "TC"), ("zh-TW", "ltr", "TC"), ("zh-HK", "ltr", "HK"), ("ja", "ltr", "JP"),
    ("ko-KR", "ltr", "KR"), ("pt-BR", "ltr", "SC"),
])
def test_direction_and_character_forms(language, direction, region):
    assert (text_direction(language), cjk_region(language)) == (direction, region)
    assert text_settings(language) == {"lang": language, "dir": direction, "cjk": region}


@pytest.mark.parametrize("value, ok", [
    ("ar", True), ("zh-Hant", True), ("pt-BR", True), ("en", True), ("ZH", True),
    ("french!", False), ("", False), ("a", False), ("zh_CN", False), (["zh"], False), (7, False),
])
def test_what_a_language_tag_is(value, ok):
    assert is_language_tag(value) is ok


def test_the_front_matter_sets_any_language_and_wins_over_the_guess():
    bank = read("---\nlanguage: ar\n---\n" + BANKS["en"])
    assert bank.language == "ar"
    assert read("---\nlanguage: zh-Hant\n---\n" + BANKS["zh"]).language == "zh-Hant"


@pytest.mark.parametrize("written, canonical", [("ZH", "zh"), ("zh-hant", "zh-Hant"), ("ZH-HANT-tw", "zh-Hant-TW"),
                                                ("pt-br", "pt-BR"), ("ja", "ja"), ("es-419", "es-419")])
def test_a_tag_is_written_in_one_case_everywhere(written, canonical):
    """The outputs find a bank's language by attribute (``[lang|="zh-Hant"]``), which may
    compare letter case: the reader writes every tag in the case the standard does."""
    assert canonical_tag(written) == canonical
    assert read(f"---\nlanguage: {written}\n---\n### 1. What?\n\nThis.\n").language == canonical
