"""Each question's view: its HTML rendered once, read by every output. The seed's views are
kept as a golden file (``pytest --update-golden`` writes it anew, reviewed as a diff)."""

import json

from generator.renderers.markup import MarkupRenderer
from generator.reader import read_bank_file, read_bank_text
from generator.renderers.view import Views, inline_media

from .conftest import SEED, tiny_png

PARTS = ("title", "question", "stem", "answer", "reason", "example", "explanation")


def view_record(view) -> dict:
    html = view.html
    return {"id": view.id, **{part: str(getattr(html, part)) for part in PARTS},
            "extra": [[label, str(text)] for label, text in html.extra],
            "options": {key: str(text) for key, text in html.options.items()},
            "points": [[str(p.label), str(p.text)] for p in html.points],
            "followups": [str(text) for text in html.followups]}


def test_seed_views(golden):
    views = Views(MarkupRenderer())
    records = [view_record(views.question(q)) for q in read_bank_file(SEED).questions]
    golden("seed-views.json", json.dumps(records, ensure_ascii=False, indent=1) + "\n")


def test_a_view_reads_as_its_record_and_is_made_once():
    bank = read_bank_text("### 题目 1：一\n\n**答案：**\n\n1. **甲：** 说明\n2. **乙：** 说明\n", "bank.md")
    views = Views(MarkupRenderer())
    view = views.question(bank.questions[0])
    assert view.title == "一" and view.points == bank.questions[0].points and view.record is bank.questions[0]
    assert views.question(bank.questions[0]) is view and views.bank(bank).questions == [view]
    assert views.bank(bank) is views.bank(bank)  # its preface and parts, too, are rendered once
    assert view.html.section("answer") is view.html.answer  # rendered once, then kept
    assert [str(p.label) for p in view.html.points] == ["甲", "乙"]


def test_a_section_left_empty_is_not_shown():
    bank = read_bank_text("### What is a closure?\n\nA function with its scope.\n\n#### Good to hear\n\n\n\n"
                          "##### Additional Links\n\n* [MDN](https://developer.mozilla.org)\n\n"
                          "### What is hoisting?\n\nDeclarations first.\n\n#### Good to hear\n\n* Scope\n\n"
                          "##### Additional Links\n\n* [MDN](https://developer.mozilla.org)\n", "bank.md")
    question = bank.questions[0]
    assert [extra.label for extra in question.extra] == ["Good to hear", "Additional Links"]  # the record keeps it
    view = Views(MarkupRenderer()).question(question)
    assert [label for label, _ in view.html.extra] == ["Additional Links"]


def test_the_study_pages_last_pass_puts_only_packaged_images_in_place(tmp_path):
    (tmp_path / "tree.png").write_bytes(tiny_png())
    text = ("### 题目 1：一\n\n**题目：** ![树](tree.png)\n\n**答案：** 写作 `src=\"qgen-0123456789abcdef.png\"`\n")
    (tmp_path / "bank.md").write_text(text, "utf-8")
    markup = MarkupRenderer()
    view = Views(markup).question(read_bank_file(tmp_path / "bank.md").questions[0])
    html = str(view.html.question) + str(view.html.answer)
    (name,) = markup.media
    page = inline_media(html, markup)
    assert f'src="{name}"' in html and f'src="{markup.media[name].data_uri()}"' in page
    assert "qgen-0123456789abcdef.png" in page  # the bank's own text is left as written
