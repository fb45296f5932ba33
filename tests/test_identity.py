"""Identity that survives what users do: reordering, same-named files, pinning ids."""

import codecs
import json
import shutil

import pytest

from generator.errors import SourceError
from generator.pin import pin_ids
from generator.reader import read_bank_file, read_banks

from .conftest import SEED, read
from .conftest import run

SAME_TITLES = """
    ###### 1. 输出是什么？

    ```js
    console.log(1)
    ```

    #### 答案：A

    ###### 2. 输出是什么？

    ```js
    console.log(2)
    ```

    #### 答案：B
    """


def test_ids_of_questions_sharing_a_title_do_not_depend_on_their_order():
    bank = read(SAME_TITLES)
    first, second = bank.questions
    swapped = read(SAME_TITLES.replace("console.log(1)", "@@").replace("console.log(2)", "console.log(1)")
                   .replace("@@", "console.log(2)").replace("答案：A", "@@").replace("答案：B", "答案：A")
                   .replace("@@", "答案：B"))
    by_answer = {q.answer: q.id for q in bank.questions}
    assert {q.answer: q.id for q in swapped.questions} == by_answer
    assert first.id != second.id and all(q.id.startswith("输出是什么-") for q in bank.questions)


def test_same_named_banks_in_two_folders_get_their_own_keys(tmp_path):
    for folder in ("js", "py"):
        (tmp_path / "src" / folder).mkdir(parents=True)
        (tmp_path / "src" / folder / "questions.md").write_text(f"### 题目 1：{folder}\n\n**答案：** A\n", "utf-8")
    (tmp_path / "src" / "other.md").write_text("### 题目 1：x\n\n**答案：** A\n", "utf-8")
    banks = read_banks([str(tmp_path / "src")]).banks
    assert sorted(bank.key for bank in banks) == ["js/questions", "other", "py/questions"]


def test_front_matter_id_keys_a_bank_whatever_its_file_name(tmp_path):
    path = tmp_path / "renamed.md"
    path.write_text("---\nid: llm-interview\n---\n### 题目 1：一\n\n**答案：** A\n", "utf-8")
    assert read_bank_file(path).key == "llm-interview"
    path.write_text("---\nid: 'a b'\n---\n### 题目 1：一\n\n**答案：** A\n", "utf-8")
    with pytest.raises(SourceError):
        read_bank_file(path)


def test_two_same_named_banks_make_distinct_notes_and_sub_decks(tmp_path):
    """Real Anki: both banks' notes arrive, none overwrites the other, each has its deck."""
    anki_collection = pytest.importorskip("anki.collection")
    for folder in ("js", "py"):
        (tmp_path / "src" / folder).mkdir(parents=True)
        (tmp_path / "src" / folder / "questions.md").write_text(
            "---\ntitle: Questions\n---\n### 题目 1：同一个标题\n\n**答案：** " + folder + "\n", "utf-8")
    result = run("build", "src", "--format", "apkg", "--out", "out", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    col = anki_collection.Collection(str(tmp_path / "collection.anki2"))
    try:
        from .conftest import import_package

        log = import_package(col, tmp_path / "out" / "src.apkg")
        assert len(log.new) == 2
        decks = sorted(name.name for name in col.decks.all_names_and_ids() if "::" in name.name)
        assert decks == ["src::Questions (js/questions)", "src::Questions (py/questions)"]
    finally:
        col.close()


def test_a_unique_bank_keeps_its_guids():
    """Keys of banks with unique names are their slugs, as GUIDs have always been made."""
    bank = read_bank_file(SEED)
    assert bank.key == bank.slug == "llm-interview"


def test_pin_writes_derived_ids_and_nothing_else(tmp_path):
    path = tmp_path / "bank.md"
    original = ("\ufeff### 题目 1：一 ##  \r\n\r\n**答案：** A\r\n\r\n**问题 2：为什么？**\r\n\r\n**答案：** B\r\n"
                "\r\n### 题目 3：三 {#kept}\r\n\r\n**答案：** C\r\n")
    path.write_bytes(original.encode("utf-8"))
    before = [q.id for q in read_bank_file(path).questions]
    pinned = pin_ids(path).pinned
    assert [q.id for q in pinned] == before[:2]
    expected = original.replace("一 ##", "一 {#一} ##").replace("为什么？**", "为什么？** {#为什么}")
    assert path.read_bytes() == expected.encode("utf-8")
    assert [q.id for q in read_bank_file(path).questions] == before
    assert pin_ids(path).pinned == []  # a second pin changes nothing


@pytest.mark.parametrize("codec, mark", [("utf-16-le", codecs.BOM_UTF16_LE), ("utf-16-be", codecs.BOM_UTF16_BE),
                                         ("utf-32-le", codecs.BOM_UTF32_LE)])
def test_a_utf16_bank_reads_as_its_utf8_copy_and_pin_keeps_its_form(tmp_path, codec, mark):
    """Windows' Notepad and PowerShell's ``>`` save UTF-16 with a byte-order mark."""
    text = "### 题目 1：一\r\n\r\n**答案：** A\r\n\r\n### 题目 2：二\r\n\r\n**答案：** B\r\n"
    (tmp_path / "utf8.md").write_bytes(text.encode("utf-8"))
    path = tmp_path / "wide.md"
    path.write_bytes(mark + text.encode(codec))
    expected = [(q.id, q.title, q.answer, q.line) for q in read_bank_file(tmp_path / "utf8.md").questions]
    assert [(q.id, q.title, q.answer, q.line) for q in read_bank_file(path).questions] == expected
    assert [q.id for q in pin_ids(path).pinned] == ["一", "二"]
    assert path.read_bytes() == mark + text.replace("一\r", "一 {#一}\r").replace("二\r", "二 {#二}\r").encode(codec)


def test_pin_on_the_seed_keeps_every_id_and_edits_only_titles(tmp_path):
    path = tmp_path / "llm-interview.md"
    shutil.copy(SEED, path)
    before = read_bank_file(path)
    result = run("ids", "--pin", str(path))
    assert result.returncode == 0, result.stderr
    after = read_bank_file(path)
    assert [q.id for q in after.questions] == [q.id for q in before.questions]
    old, new = SEED.read_text("utf-8").split("\n"), path.read_text("utf-8").split("\n")
    changed = [i + 1 for i, (a, b) in enumerate(zip(old, new)) if a != b]
    assert changed == [q.line for q in before.questions] and len(old) == len(new)
    # Edits to a pinned question's title and text no longer move its id.
    edited = path.read_text("utf-8").replace("如何在大模型时代构建可扩展的架构？", "可扩展架构怎么做？", 1)
    path.write_text(edited, "utf-8")
    assert read_bank_file(path).questions[0].id == before.questions[0].id


def test_json_export_carries_spans_parts_and_keys(tmp_path):
    result = run("export", str(SEED))
    (bank,) = json.loads(result.stdout)["banks"]
    assert bank["key"] == "llm-interview" and bank["parts"] == []
    assert bank["spans"][0] == {"kind": "question", "line": 1, "end_line": 34, "ref": bank["questions"][0]["id"]}
    assert bank["questions"][0]["end_line"] == 34 and bank["questions"][0]["part"] is None


@pytest.mark.parametrize(("text", "pinned"), [
    ("| 问题 | 答案 |\n| --- | --- |\n| 什么是进程？ | 资源分配单位。 |\n| 什么是线程？ | 调度单位。 |\n",
     "| 问题 | 答案 |\n| --- | --- |\n| 什么是进程？ {#什么是进程} | 资源分配单位。 |\n| 什么是线程？ {#什么是线程} | 调度单位。 |\n"),
    ("#flashcards\nWhat is a closure::A function with its scope.\nWhat is hoisting::Declarations move up.\n",
     "#flashcards\nWhat is a closure {#what-is-a-closure}::A function with its scope.\n"
     "What is hoisting {#what-is-hoisting}::Declarations move up.\n"),
])
def test_pin_writes_a_rows_or_a_cards_id_right_after_its_question(tmp_path, text, pinned):
    """At the end of the line the braces would be another column, or part of the card's back."""
    path = tmp_path / "bank.md"
    path.write_text(text, "utf-8")
    before = [(q.id, q.title, q.question, q.answer) for q in read_bank_file(path).questions]
    pinning = pin_ids(path)
    assert (len(pinning.pinned), pinning.kept) == (2, [])
    assert path.read_text("utf-8") == pinned
    assert [(q.id, q.title, q.question, q.answer) for q in read_bank_file(path).questions] == before


def test_pinned_titles_still_make_a_recap_of_them_no_questions(tmp_path):
    """Seen in a real bank: 30 questions, then a recap of them under other parts. Pinned, the
    titles read ``… {#id}`` and the recap's did not match them: 50 questions."""
    path = tmp_path / "bank.md"
    questions = "\n\n".join(f"#### {n}. 为什么要第{n}步？\n**题目：** 说明第{n}步。\n\n**答案：** 因为{n}。" for n in (1, 2, 3))
    recap = "\n\n".join(f"#### {n}. 为什么要第{n}步？\n- **答案解析：** 同上{n}。" for n in (1, 2, 3))
    path.write_text(f"### 面试题\n\n{questions}\n\n### 答案解析\n\n{recap}\n", "utf-8")
    before = [(q.id, q.line) for q in read_bank_file(path).questions]
    assert len(before) == 3
    pinning = pin_ids(path)
    assert (len(pinning.pinned), pinning.kept) == (3, [])
    assert [(q.id, q.line) for q in read_bank_file(path).questions] == before


def test_pin_on_cards_and_bold_questions_changes_only_their_ids(tmp_path):
    path = tmp_path / "bank.md"
    text = ("- What is a closure? #card\n\t- A function.\n- TCP vs UDP #card\n\t- Connections.\n")
    path.write_text(text, "utf-8")
    before = read_bank_file(path).questions
    assert [q.id for q in pin_ids(path).pinned] == ["what-is-a-closure", "tcp-vs-udp"]
    after = read_bank_file(path).questions
    assert [(q.id, q.title, q.question, q.answer) for q in after] == [(q.id, q.title, q.question, q.answer) for q in before]
    bold = tmp_path / "bold.md"
    bold.write_text("**问题 1：为什么？**\n\n**答案：** A\n\n**问题 2：怎么办？**\n\n**答案：** B\n", "utf-8")
    questions = read_bank_file(bold).questions
    assert len(pin_ids(bold).pinned) == 2
    assert [(q.id, q.question) for q in read_bank_file(bold).questions] == [(q.id, q.question) for q in questions]
