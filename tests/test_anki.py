"""Anki packages, imported with the real Anki backend (the ``anki`` package from PyPI)."""

import os
import re
import shutil
import zipfile

import pytest

from .conftest import SEED, build_deck as build, counts, deck_changes, import_package, tiny_png

pytest.importorskip("anki.collection")  # the real Anki backend, or these tests skip


@pytest.fixture
def bank_dir(tmp_path):
    folder = tmp_path / "bank"
    folder.mkdir()
    shutil.copy(SEED, folder / "llm-interview.md")
    return folder


def test_seed_deck_imports_thirty_notes_with_highlighted_code(collection, tmp_path):
    build("--out", tmp_path / "out")
    log = import_package(collection, tmp_path / "out" / "llm-interview.apkg")
    assert (len(log.new), len(log.updated)) == (30, 0)
    assert collection.note_count() == 30 and collection.card_count() == 30
    assert "llm-interview" in [d.name for d in collection.decks.all_names_and_ids()]
    assert not collection.get_empty_cards().notes

    cards = sorted((collection.get_card(cid) for cid in collection.find_cards("")), key=lambda c: c.due)
    first = cards[0]
    note = first.note()
    assert note["Title"] == "如何在大模型时代构建可扩展的架构？"
    assert note["Number"] == "1"
    assert note["Source"] == "source/llm-interview.md:3"
    assert note["Question"] == "<p>大模型训练需要大量计算资源，如何设计一个可扩展的架构来应对这一需求？</p>"
    assert note["Answer"].startswith("<p>在大模型时代") and "<ol>" in note["Answer"]
    assert note.tags == ["llm-interview"]
    question_html, answer_html = first.question(), first.answer()
    assert "如何在大模型时代构建可扩展的架构？" in question_html
    assert "通常需要考虑以下几个方面" not in question_html
    assert '<div class="qgen-code"><pre>' in answer_html
    assert '<span class="c1"># TensorFlow 分布式训练示例</span>' in answer_html
    assert "答案" in answer_html and "解析" in answer_html
    # Cards keep the bank's order.
    assert [c.note()["Number"] for c in cards] == [str(n) for n in range(1, 31)]


def test_stylesheet_has_day_and_night_palettes_and_no_italic_code(collection, tmp_path):
    build("--out", tmp_path / "out")
    import_package(collection, tmp_path / "out" / "llm-interview.apkg")
    (notetype,) = [nt for nt in collection.models.all() if nt["name"].startswith("qgen")]
    css = notetype["css"]
    assert ".nightMode .qgen-code" in css and ".night_mode .qgen-code" in css
    assert ".nightMode .qgen-code span[class], .night_mode .qgen-code span[class] { font-style: normal; }" in css
    assert "overflow-x: auto" in css and "text-align: left" in css
    assert "http" not in css.replace("https://", "").lower() or "url(" not in css
    assert "<script" not in notetype["tmpls"][0]["qfmt"] + notetype["tmpls"][0]["afmt"]


def test_edited_answer_updates_the_note_in_place(collection, tmp_path, bank_dir):
    out = tmp_path / "out"
    build(bank_dir, "--out", out)
    import_package(collection, out / "llm-interview.apkg")
    decks_before = sorted(d.name for d in collection.decks.all_names_and_ids())

    bank = bank_dir / "llm-interview.md"
    text = bank.read_text(encoding="utf-8")
    bank.write_text(text.replace("5. **资源调度：**", "5. **弹性伸缩（新）：**", 1), encoding="utf-8")
    build(bank_dir, "--out", out)
    assert counts(deck_changes(out)) == (0, 1, 0)

    log = import_package(collection, out / "llm-interview.apkg")
    assert (len(log.new), len(log.updated)) == (0, 1)
    assert collection.note_count() == 30
    assert len([nt for nt in collection.models.all() if nt["name"].startswith("qgen")]) == 1
    assert sorted(d.name for d in collection.decks.all_names_and_ids()) == decks_before
    (nid,) = collection.find_notes("弹性伸缩（新）")
    assert collection.get_note(nid)["Number"] == "1"


def test_a_changed_card_style_reaches_the_collection_on_the_next_import(collection, tmp_path, bank_dir):
    """Anki takes an imported note type only when it is newer than its own. The note type's
    time was the banks' and templates' newest: with SOURCE_DATE_EPOCH fixed, or a bank edited
    after the templates changed, a new card style never reached a collection."""
    templates, out = tmp_path / "templates", tmp_path / "out"
    (templates / "anki").mkdir(parents=True)
    style = templates / "anki" / "style.css.j2"
    style.write_text('{% include "default/anki/style.css.j2" %}\n', "utf-8")
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1700000000"}
    build(bank_dir, "--out", out, "--templates", templates, env=env)
    import_package(collection, out / "llm-interview.apkg")
    style.write_text('{% include "default/anki/style.css.j2" %}\n.qgen-title { color: #123456; }\n', "utf-8")
    build(bank_dir, "--out", out, "--templates", templates, env=env)
    import_package(collection, out / "llm-interview.apkg")
    (note_type,) = [nt for nt in collection.models.all() if nt["name"].startswith("qgen")]
    assert "#123456" in note_type["css"] and collection.note_count() == 30


def test_unchanged_rebuild_is_byte_identical_and_leaks_no_temporary_files(tmp_path, bank_dir):
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    env = {**os.environ, "TMPDIR": str(temporary)}
    out = tmp_path / "out"
    build(bank_dir, "--out", out, env=env)
    first = (out / "llm-interview.apkg").read_bytes()
    shutil.rmtree(out / ".qgen-cache")  # render again rather than keep the earlier outputs
    build(bank_dir, "--out", out, env=env)
    assert (out / "llm-interview.apkg").read_bytes() == first
    assert counts(deck_changes(out)) == (0, 0, 0)
    assert list(temporary.iterdir()) == []
    assert sorted(p.name for p in out.iterdir()) == [".qgen-cache", "llm-interview.anki.json",
                                                      "llm-interview.apkg", "llm-interview.json"]
    with zipfile.ZipFile(out / "llm-interview.apkg") as archive:
        assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}


def test_source_date_epoch_gives_the_same_package_anywhere(tmp_path, bank_dir):
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1700000000"}
    build(bank_dir, "--out", tmp_path / "a", env=env)
    os.utime(bank_dir / "llm-interview.md", (1800000000, 1800000000))
    build(bank_dir, "--out", tmp_path / "b", env=env)
    assert (tmp_path / "a" / "llm-interview.apkg").read_bytes() == (tmp_path / "b" / "llm-interview.apkg").read_bytes()


def test_removed_questions_are_listed(tmp_path):
    folder = tmp_path / "bank"
    folder.mkdir()
    bank = folder / "mini.md"
    bank.write_text("### 题目 1：一\n\n**答案：** A\n\n### 题目 2：二\n\n**答案：** B\n", encoding="utf-8")
    build(folder, "--out", tmp_path / "out")
    bank.write_text("### 题目 1：一\n\n**答案：** A\n", encoding="utf-8")
    build(folder, "--out", tmp_path / "out")
    assert deck_changes(tmp_path / "out") == {"notes": 1, "added": [], "changed": [], "removed": ["二"]}


def test_several_files_give_sub_decks_tags_and_media(collection, tmp_path):
    folder = tmp_path / "course"
    (folder / "img").mkdir(parents=True)
    (folder / "img" / "diagram.png").write_bytes(tiny_png())
    (folder / "a.md").write_text(
        "---\ntitle: 第一章\ntags: [machine learning, topic/sub]\n---\n\n"
        "### 题目 1：图\n\n**答案：** 看图 ![架构](img/diagram.png) 和 ![缺](img/missing.png)\n",
        encoding="utf-8")
    (folder / "b.md").write_text(
        "### Question 1: Escaping\n\n**Answer:** <script>alert(1)</script> and x < y\n\n"
        "```python\nif x < y: print('<b>')\n```\n", encoding="utf-8")
    result = build(folder, "--out", tmp_path / "out")
    assert "a.md:8: warning: image “img/missing.png” does not exist" in result.stderr
    log = import_package(collection, tmp_path / "out" / "course.apkg")
    assert len(log.new) == 2
    names = {d.name for d in collection.decks.all_names_and_ids()}
    assert {"course::第一章", "course::b"} <= names

    (image_note,) = [collection.get_note(n) for n in collection.find_notes("deck:course::第一章")]
    assert sorted(image_note.tags) == ["a", "machine_learning", "topic::sub"]
    media_name = image_note["Answer"].split('src="')[1].split('"')[0]
    assert media_name.startswith("qgen-") and media_name.endswith(".png")
    assert (tmp_path / "anki" / "collection.media" / media_name).read_bytes() == tiny_png()

    (escaped,) = [collection.get_note(n) for n in collection.find_notes("deck:course::b")]
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in escaped["Answer"]
    assert "<script>" not in escaped["Answer"]
    assert "x &lt; y" in escaped["Answer"]
    assert '<span class="o">&lt;</span>' in escaped["Answer"]
    card = collection.get_card(collection.find_cards("deck:course::b")[0])
    assert "Answer" in card.answer() and "&lt;script&gt;" in card.answer()


def test_each_bank_keeps_its_own_card_language(collection, tmp_path):
    folder = tmp_path / "mixed"
    folder.mkdir()
    (folder / "zh.md").write_text("### 题目 1：闭包\n\n**答案：** 函数和它的作用域。\n", encoding="utf-8")
    (folder / "en.md").write_text("### Question 1: Closures\n\n**Answer:** A function with its scope.\n",
                                  encoding="utf-8")
    build(folder, "--out", tmp_path / "out")
    import_package(collection, tmp_path / "out" / "mixed.apkg")
    names = sorted(nt["name"] for nt in collection.models.all() if nt["name"].startswith("qgen"))
    assert names == ["qgen (en)", "qgen (zh)"]
    (english,) = collection.find_cards("deck:mixed::en")
    assert ">Answer<" in collection.get_card(english).answer()
    (chinese,) = collection.find_cards("deck:mixed::zh")
    assert ">答案<" in collection.get_card(chinese).answer()


# Questions listed under headings that link to their answers (a contents page of a course).
LINKED_PARTS = ("## 一、大模型基础面\n\n### [大模型（LLMs）基础面](https://example.org/1)\n\n"
                "- 1 目前 主流的开源模型体系 有哪些？\n- 2 prefix Decoder 和 causal Decoder 区别是什么？\n\n"
                "- [点击查看答案](https://example.org/1)\n\n### [**2.** `Layer Norm` 篇](https://example.org/2)\n\n"
                "- 1 Layer Norm 的计算公式写一下？\n\n- [点击查看答案](https://example.org/2)\n")


@pytest.mark.parametrize("text, tags", [
    ("## 一、基础\n\n### 1. 什么是进程？\n\n**答案：** 资源。\n\n## Python 进阶\n\n### 1. 什么是协程？\n\n**答案：** 用户态。\n",
     [("bank", "part::Python_进阶"), ("bank", "part::基础")]),
    # Parts of the same name under different headings: nested tags.
    ("# DevOps 面试题\n\n## DevOps\n\n### 初级\n\n#### 什么是 DevOps？\n\n**答案：** 一种文化。\n\n"
     "## Jenkins\n\n### 初级\n\n#### 什么是 Jenkins？\n\n**答案：** 一个 CI 服务器。\n",
     [("bank", "part::DevOps::初级"), ("bank", "part::Jenkins::初级")]),
    # A part's heading that links to its page or is bold tags with its words alone.
    (LINKED_PARTS, [("bank", "part::Layer_Norm_篇"), ("bank", "part::大模型（LLMs）基础面"),
                    ("bank", "part::大模型（LLMs）基础面")]),
])
def test_parts_become_tags_and_numbering_gives_no_duplicate(collection, tmp_path, text, tags):
    (tmp_path / "bank.md").write_text(text, "utf-8")
    result = build(tmp_path / "bank.md", "--out", tmp_path / "out")
    assert "[duplicate-number]" not in result.stderr
    import_package(collection, tmp_path / "out" / "bank.apkg")
    assert sorted(tuple(collection.get_note(nid).tags) for nid in collection.find_notes("")) == tags


def test_a_line_inserted_in_the_first_question_changes_only_its_note(collection, tmp_path, bank_dir):
    """Nothing position-dependent counts: the notes below keep their content and times."""
    out = tmp_path / "out"
    build(bank_dir, "--out", out)
    import_package(collection, out / "llm-interview.apkg")
    before = {nid: collection.get_note(nid).mod for nid in collection.find_notes("")}
    bank = bank_dir / "llm-interview.md"
    bank.write_text(bank.read_text("utf-8").replace("**题目：** 大模型训练需要大量计算资源",
                                                     "**题目：** 新的一行。\n大模型训练需要大量计算资源", 1), "utf-8")
    build(bank_dir, "--out", out)
    assert counts(deck_changes(out)) == (0, 1, 0)
    log = import_package(collection, out / "llm-interview.apkg")
    assert (len(log.new), len(log.updated)) == (0, 1)
    after = {nid: collection.get_note(nid).mod for nid in collection.find_notes("")}
    changed = [nid for nid in before if after[nid] != before[nid]]
    (nid,) = changed
    assert "新的一行" in collection.get_note(nid)["Question"]


def test_anki_tags_written_in_a_bank_stay_text(collection, tmp_path):
    """Real Anki renders the card: no sound to play, nothing to speak, no LaTeX to typeset."""
    card = only_card(collection, tmp_path, "### 题目 1：标签\n\n**答案：** [sound:evil.mp3] [sound:../../etc/passwd] "
                     "[anki:tts lang=en_US]hello[/anki:tts]\n\n[latex]x^2[/latex] [$]y[/$] [$$]z[/$$]\n")
    answer = card.answer()
    assert card.question_av_tags() == [] and card.answer_av_tags() == []
    assert "latex-" not in answer and "<img" not in answer
    for text in ("[sound:evil.mp3]", "[anki:tts lang=en_US]hello[/anki:tts]", "[latex]x^2[/latex]", "[$]y[/$]",
                 "[$$]z[/$$]"):
        assert text.replace("[", "&#91;") in answer


def test_an_obsidian_flashcard_note_imports_as_its_cards(collection, tmp_path):
    """A note kept for Obsidian's flashcard plugins (a card a line, its review's schedule
    written after it; a heading tagged as a card, a callout in its answer): rendered by Anki
    as the author sees them."""
    (tmp_path / "js.md").write_text(
        "#flashcards/javascript\n\n"
        "What is hoisting::Declarations move to the top of their scope. <!--SR:!2024-01-07,5,270-->\n\n"
        "### What does `typeof null` return? #card\n\n?\n\n`\"object\"`\n\n"
        "> [!tip] 记住\n> 一个历史遗留的错误。\n", "utf-8")
    build(tmp_path / "js.md", "--out", tmp_path / "out")
    import_package(collection, tmp_path / "out" / "js.apkg")
    cards = [tuple(re.sub(r"(?s)<style>.*?</style>", "", side)
                   for side in (collection.get_card(card).question(), collection.get_card(card).answer()))
             for card in collection.find_cards("")]
    assert len(cards) == 2
    (hoisting_front, hoisting_back), (typeof_front, typeof_back) = sorted(cards, key=lambda card: "typeof" in card[0])
    assert "What is hoisting" in hoisting_front and "Declarations move to the top" in hoisting_back
    assert "SR:" not in hoisting_back and "[!tip]" not in typeof_back
    assert 'class="callout-title">记住<' in typeof_back and "<code>typeof null</code>" in typeof_front


def test_an_obsidian_to_anki_note_imports_as_the_card_the_plugin_makes(collection, tmp_path):
    """A note written for the Obsidian_to_Anki plugin, code in its front, its tags and the
    id the plugin wrote back: in Anki, the front with its code highlighted, the back, the
    tags on the note, and no trace of the plugin's lines."""
    card = only_card(collection, tmp_path, "# Networking\n\nSTART\nBasic\nWhat does this print?\n\n```python\n"
                     "print(sum(range(4)))\n```\n\nBack: It prints 6.\nTags: python builtins\n"
                     "<!--ID: 1566052191670-->\nEND\n")
    front, back = (re.sub(r"(?s)<style>.*?</style>", "", side) for side in (card.question(), card.answer()))
    assert "What does this print?" in front and 'class="qgen-code' in front and '<span class="nb">range</span>' in front
    assert "It prints 6." in back
    assert {"python", "builtins"} <= set(card.note().tags)
    assert not any(word in back for word in ("START", "Back:", "Tags:", "ID:", "END"))


def only_card(collection, tmp_path, text: str):
    """The one card of a bank of this text, built by qgen and imported into ``collection``."""
    (tmp_path / "bank.md").write_text(text, "utf-8")
    build(tmp_path / "bank.md", "--out", tmp_path / "out")
    import_package(collection, tmp_path / "out" / "bank.apkg")
    (card_id,) = collection.find_cards("")
    return collection.get_card(card_id)


def test_math_written_in_dollars_reaches_anki_in_the_delimiters_its_mathjax_typesets(collection, tmp_path):
    """Anki typesets ``\\(…\\)`` and ``\\[…\\]`` with MathJax and shows ``$…$`` as it is: the
    formulas of a bank written in dollars (most machine-learning banks) reach the card in
    Anki's delimiters; a price and code stay as written."""
    card = only_card(collection, tmp_path, "### 题目 1：为什么除以 $\\sqrt{d_k}$？\n\n**答案：** 因为 $QK^T$ 的方差大。"
                     "价格 $5。\n\n$$\n\\frac{QK^T}{\\sqrt{d_k}}\n$$\n\n`echo $HOME`\n")
    front, back = card.question(), card.answer()
    assert "\\(\\sqrt{d_k}\\)" in front and "$\\sqrt" not in front
    assert "\\(QK^T\\)" in back and "\\[\n\\frac{QK^T}{\\sqrt{d_k}}\n\\]" in back
    assert "价格 $5" in back and "<code>echo $HOME</code>" in back
