"""Printed exams and keys, read back from the PDFs (pdfplumber, pypdf, poppler)."""

import json
import os
import shutil
import subprocess

import pytest

from .conftest import RIGHT_TO_LEFT_BANK, ROOT, built_once, run, run_process

pdfplumber = pytest.importorskip("pdfplumber")
pypdf = pytest.importorskip("pypdf")

pytestmark = pytest.mark.slow


def qgen_build(*args, env=None):
    return run("build", *args, env={**os.environ, "SOURCE_DATE_EPOCH": "1700000000", **(env or {})})


@pytest.fixture(scope="module")
def papers(tmp_path_factory):
    """Two variants of a 6-question paper with seed 42, built once in the run; with what
    the build printed to stderr."""
    def make(out):
        result = qgen_build("--format", "exam,key", "--shuffle", "--count", "6", "--seed", "42",
                            "--variants", "2", "--out", out)
        assert result.returncode == 0, result.stderr
        (out.parent / "papers-stderr.txt").write_text(result.stderr, "utf-8")

    out = built_once(tmp_path_factory, "papers", make)
    return out, (out.parent / "papers-stderr.txt").read_text("utf-8")


def pdf_text(path):
    with pdfplumber.open(path) as pdf:
        return "\n".join(page.extract_text() or "" for page in pdf.pages)


def manifest(out, variant):
    return json.loads((out / f"llm-interview-paper-{variant}-manifest.json").read_text("utf-8"))


def _seed_titles():
    from generator.reader import read_bank_file

    from .conftest import SEED

    return {q.title for q in read_bank_file(SEED).questions}


def positions(text, titles):
    return [text.find(title) for title in titles]


@pytest.mark.parametrize("variant", ["A", "B"])
def test_exam_and_key_hold_the_manifest_questions_in_order(papers, variant):
    out, _ = papers
    paper = manifest(out, variant)
    assert paper["seed"] == 42 and paper["variant"] == variant
    assert len(paper["questions"]) == 6 and paper["qgen"]
    assert len(paper["source_hash"]) == 64
    titles = [q["title"] for q in paper["questions"]]
    for kind in ("exam", "key"):
        text = pdf_text(out / f"llm-interview-{kind}-{variant}.pdf")
        found = positions(text, [f"{n}. {title}" for n, title in enumerate(titles, 1)])
        assert -1 not in found, (kind, titles)
        assert found == sorted(found)
        assert not [title for title in _seed_titles() if title not in titles and title in text]  # only the paper's
        assert f"{variant} 卷" in text and "种子 42" in text and "第 1 页 / 共" in text


def test_key_has_answers_code_and_explanations_and_the_exam_does_not(papers):
    out, _ = papers
    exam, key = pdf_text(out / "llm-interview-exam-A.pdf"), pdf_text(out / "llm-interview-key-A.pdf")
    assert "答案" in key and "解析" in key and "import tensorflow as tf" in key
    assert "import tensorflow as tf" not in exam and "解析" not in exam
    assert "姓名" in exam and "学号" in exam and "得分" in exam


def test_variants_differ_and_share_their_questions(papers):
    out, _ = papers
    a, b = manifest(out, "A"), manifest(out, "B")
    ids_a, ids_b = [q["id"] for q in a["questions"]], [q["id"] for q in b["questions"]]
    assert ids_a != ids_b and sorted(ids_a) == sorted(ids_b)


def test_every_font_is_embedded_and_cjk_text_uses_a_cjk_font(papers):
    out, stderr = papers
    assert not any(code in stderr for code in ("[pdf]", "[font-coverage]", "[slow-fonts]")), stderr
    for name in ("exam-A", "key-A"):
        with pdfplumber.open(out / f"llm-interview-{name}.pdf") as pdf:
            for page in pdf.pages:
                for char in page.chars:
                    if ord(char["text"][0]) > 0x2E80:
                        assert "CJK" in char["fontname"], (char["text"], char["fontname"])
        if shutil.which("pdffonts"):
            listing = subprocess.run(["pdffonts", out / f"llm-interview-{name}.pdf"], capture_output=True,
                                     text=True).stdout.splitlines()[2:]
            assert listing and all(" yes yes yes " in line for line in listing), listing
            assert not any("DejaVu" in line or "CJK-JP" in line for line in listing), listing


def test_metadata_and_bookmarks(papers):
    out, _ = papers
    reader = pypdf.PdfReader(out / "llm-interview-exam-A.pdf")
    assert reader.metadata.title.startswith("llm-interview · 模拟试卷")
    assert reader.metadata.creator.startswith("qgen ")
    assert reader.trailer["/Root"].get("/Lang") == "zh"
    titles = [item.title for item in reader.outline]
    assert len(titles) == 6 and titles[0].startswith("1. ")


MARKED_BANK = """# Weights

### Q1. What makes a good cache key?

**Answer:**

1. **Stable**: the same input gives the same key. (2 pts)
2. **Complete**: every input that changes the output is in it.

### Q2. Which is immutable?

A. list
B. tuple

**Answer:** B

### Q3. What is a closure?

**Answer:**

1. **Scope**: it keeps the scope it was made in.
2. **Function**: it is still a function.
"""


def test_each_question_shows_its_marks_and_the_key_how_to_mark_them(tmp_path):
    """What a printed exam says of every question: its marks (one for a question qgen
    marks, as qgen score counts it; the weights of an open one's points), and the paper's
    full marks when every question has marks; the key, how the points are marked."""
    (tmp_path / "bank.md").write_text(MARKED_BANK, "utf-8")
    (tmp_path / "unmarked.md").write_text(MARKED_BANK + "\n### Q4. Why?\n\n**Answer:** Because.\n", "utf-8")
    for name in ("bank", "unmarked"):
        result = qgen_build(tmp_path / f"{name}.md", "--format", "exam,key", "--out", tmp_path / name)
        assert result.returncode == 0, result.stderr
    exam, key = (pdf_text(tmp_path / "bank" / f"bank-{kind}.pdf") for kind in ("exam", "key"))
    for text in (exam, key):
        assert "Marks 6" in text
        assert [line for line in text.splitlines() if line.endswith(("mark)", "marks)"))] == [
            "1. What makes a good cache key? (3 marks)", "2. Which is immutable? (1 mark)", "3. What is a closure? (2 marks)"]
    assert "Marking" not in exam
    assert "Marking: Stable 2 marks · Complete 1 mark" in key and "Marking: 1 mark for each point" in key
    unmarked = pdf_text(tmp_path / "unmarked" / "unmarked-exam.pdf")
    assert "4. Why?" in unmarked and "Why? (" not in unmarked and "Marks" not in unmarked  # no points to mark by
    bookmarks = [item.title for item in pypdf.PdfReader(tmp_path / "bank" / "bank-exam.pdf").outline]
    assert bookmarks[0] == "1. What makes a good cache key?"


def test_a_chinese_paper_prints_its_marks_in_chinese(papers):
    out, _ = papers
    exam, key = (pdf_text(out / f"llm-interview-{kind}-A.pdf") for kind in ("exam", "key"))
    assert "满分 " in exam and "（5 分）" in exam
    assert "评分：每个要点 1 分" in key


def test_same_seed_same_bytes_different_seed_different_order(tmp_path, papers):
    out, _ = papers
    # The exams alone: a key is laid out by the same code, from the same paper.
    again = qgen_build("--format", "exam", "--shuffle", "--count", "6", "--seed", "42",
                       "--variants", "2", "--out", tmp_path / "again")
    assert again.returncode == 0
    for name in ("exam-A.pdf", "exam-B.pdf", "paper-A-manifest.json", "paper-B-manifest.json"):
        assert (tmp_path / "again" / f"llm-interview-{name}").read_bytes() == (out / f"llm-interview-{name}").read_bytes()
    other = qgen_build("--format", "exam", "--shuffle", "--count", "6", "--seed", "7", "--out", tmp_path / "other")
    assert other.returncode == 0
    ids_other = [q["id"] for q in json.loads((tmp_path / "other" / "llm-interview-paper-manifest.json").read_text())["questions"]]
    assert ids_other != [q["id"] for q in manifest(out, "A")["questions"]]


def test_seed_is_chosen_printed_and_reproducible(tmp_path):
    result = qgen_build("--format", "exam", "--shuffle", "--count", "3", "--out", tmp_path / "a")
    assert result.returncode == 0
    seed = int(result.stdout.split("seed: ")[1].split()[0])
    first = json.loads((tmp_path / "a" / "llm-interview-paper-manifest.json").read_text())
    assert first["seed"] == seed
    assert f"种子 {seed}" in pdf_text(tmp_path / "a" / "llm-interview-exam.pdf")
    again = qgen_build("--format", "exam", "--shuffle", "--count", "3", "--seed", seed, "--out", tmp_path / "b")
    assert again.returncode == 0
    assert json.loads((tmp_path / "b" / "llm-interview-paper-manifest.json").read_text()) == first


@pytest.mark.parametrize("args,message", [
    (["--count", "31"], "29 distinct"),
    (["--count", "0"], "at least 1"),
    (["--variants", "0"], "--variants"),
    (["--format", "exam,pdf"], "unknown format pdf"),
])
def test_bad_paper_requests(tmp_path, args, message):
    result = qgen_build("--shuffle", *args, "--out", tmp_path / "out")
    assert result.returncode == 2
    assert message in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "out").exists()


def test_missing_cjk_font_is_a_clear_error_and_writes_nothing(tmp_path):
    config = tmp_path / "fonts.conf"
    config.write_text("<?xml version='1.0'?><!DOCTYPE fontconfig SYSTEM 'fonts.dtd'><fontconfig>"
                      f"<cachedir>{tmp_path / 'cache'}</cachedir></fontconfig>")
    # Fonts are found once per process: a process of its own, with no font configured.
    result = run_process("build", "--format", "exam", "--count", "2", "--out", tmp_path / "out",
                         env={**os.environ, "FONTCONFIG_FILE": str(config)})
    assert result.returncode == 1
    assert "fonts-noto-cjk" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "out").exists()


def test_a_missing_emoji_glyph_is_a_warning_and_missing_chinese_glyphs_an_error(monkeypatch):
    """✅ or 🚀 in a bank is no reason to stop a build; Chinese text without a CJK font is."""
    from generator.errors import QgenError
    from generator.renderers import pdf

    monkeypatch.setattr(pdf, "_cjk_font_coverage", lambda: frozenset(map(ord, "你好，")))
    assert pdf.check_fonts([("bank.md", 3, "你好，world")]) == []
    (finding,) = pdf.check_fonts([("bank.md", 3, "你好 ✅ 🚀 ★")])
    assert finding.code == "font-coverage" and all(c in finding.message for c in "✅🚀★")
    with pytest.raises(QgenError, match="fonts-noto-cjk"):
        pdf.check_fonts([("bank.md", 3, "你好，世界")])


def test_text_of_a_script_no_installed_font_has_is_an_error_not_a_paper_of_boxes(tmp_path):
    """A Thai bank on a machine with no Thai font printed every letter as a box, with a
    warning; now the build stops and says which fonts to install (it builds where one is)."""
    bank = tmp_path / "bank.md"
    bank.write_text("### 1. การปิดคืออะไร?\n\n**Answer:** ฟังก์ชันที่จำขอบเขตของมันได้\n", "utf-8")
    has_thai = subprocess.run(["fc-list", ":charset=e01", "family"], capture_output=True, text=True).stdout.strip()
    result = qgen_build(bank, "--format", "key", "--out", tmp_path / "out")
    if has_thai:
        assert result.returncode == 0, result.stderr
    else:
        assert result.returncode == 1 and "Traceback" not in result.stderr
        assert "Thai text" in result.stderr and "apt-get install fonts-noto-core" in result.stderr
        assert ":1: no installed font covers the Thai text" in result.stderr  # where the Thai starts
        assert not (tmp_path / "out").exists()


def test_long_code_wraps_and_long_questions_break_cleanly(tmp_path):
    bank = tmp_path / "long.md"
    long_line = "x = " + " + ".join(f"value_{n}" for n in range(60))
    long_code = "\n".join(f"line_{n} = {n}  # 第 {n} 行" for n in range(90))
    bank.write_text(
        "### 题目 1：长代码行\n\n**题目：** 看代码\n\n```python\n" + long_line + "\n```\n\n**答案：** 好\n\n"
        "### 题目 2：很长的代码\n\n**题目：** 很长\n\n```python\n" + long_code + "\n```\n\n**答案：** 好\n",
        encoding="utf-8")
    result = qgen_build(bank, "--format", "exam", "--out", tmp_path / "out")
    assert result.returncode == 0, result.stderr
    with pdfplumber.open(tmp_path / "out" / "long-exam.pdf") as pdf:
        for page in pdf.pages:
            assert all(0 <= char["x1"] <= page.width for char in page.chars)
        text = "\n".join(page.extract_text() for page in pdf.pages)
        assert "value_59" in text and "line_89 = 89" in text
        assert len(pdf.pages) >= 2


def test_bank_images_are_embedded_and_nothing_else_is_loaded(tmp_path):
    from .conftest import tiny_png

    folder = tmp_path / "bank"
    folder.mkdir()
    (folder / "diagram.png").write_bytes(tiny_png())
    (tmp_path / "secret.png").write_bytes(tiny_png())
    (folder / "img.md").write_text(
        "### 题目 1：看图\n\n**题目：** ![图](diagram.png)\n\n"
        "![passwd](file:///etc/passwd) ![up](../secret.png) ![web](http://127.0.0.1:9/x.png)\n\n"
        "**答案：** 好\n", encoding="utf-8")
    result = qgen_build(folder, "--format", "exam", "--out", tmp_path / "out")
    assert result.returncode == 0, result.stderr
    assert "img.md:5: warning: image “file:///etc/passwd” is not a local file" in result.stderr
    assert "img.md:5: warning: image “../secret.png” is outside the bank's folder" in result.stderr
    assert "img.md:5: warning: image “http://127.0.0.1:9/x.png” is not a local file" in result.stderr
    reader = pypdf.PdfReader(tmp_path / "out" / "img-exam.pdf")
    assert sum(len(page.images) for page in reader.pages) == 1


def test_missing_harfbuzz_subset_is_a_warning(monkeypatch):
    from generator.renderers import pdf

    monkeypatch.setattr(pdf.ctypes.util, "find_library", lambda name: None)
    finding = pdf.harfbuzz_subset_missing()
    assert finding.severity == "warning" and "libharfbuzz-subset0" in finding.message
    monkeypatch.undo()
    assert pdf.harfbuzz_subset_missing() is None  # installed by the README's set-up


def test_each_question_stays_on_one_page(papers):
    from generator.reader import read_bank_file

    from .conftest import SEED

    texts = {q.id: q.question for q in read_bank_file(SEED).questions}
    out, _ = papers
    paper = manifest(out, "A")
    with pdfplumber.open(out / "llm-interview-exam-A.pdf") as pdf:
        pages = [page.extract_text() for page in pdf.pages]
    for number, question in enumerate(paper["questions"], 1):
        holding = [index for index, text in enumerate(pages) if f"{number}. {question['title']}" in text]
        assert len(holding) == 1
        after_title = pages[holding[0]].split(question["title"], 1)[1]
        assert texts[question["id"]][:12] in after_title


def test_papers_laid_out_in_one_process_do_not_pile_up(tmp_path, monkeypatch):
    """The command line raises the collector's thresholds, and a laid-out document is a web
    of cycles: with several papers in one process, each must be freed before the next, or
    memory grows with every paper (twice the peak with three variants)."""
    import gc

    from weasyprint.formatting_structure import boxes

    from generator.build import build
    from generator.config import BuildConfig
    from generator.renderers import pdf

    left_over = []
    render = pdf._render_pdf

    def counting(html, markup):
        left_over.append(sum(isinstance(thing, boxes.Box) for thing in gc.get_objects()))
        return render(html, markup)

    monkeypatch.setattr(pdf, "_render_pdf", counting)
    thresholds = gc.get_threshold()
    gc.set_threshold(50_000, 20, 20)
    try:
        build(BuildConfig(paths=(str(ROOT / "source"),), out=tmp_path, formats=("exam",), count=2,
                          seed=1, variants=3, jobs=1))
    finally:
        gc.set_threshold(*thresholds)
    assert len(left_over) == 3
    assert left_over[1:] == [0, 0]


def test_an_unshuffled_paper_shows_its_parts_and_a_shuffled_one_does_not(tmp_path):
    (tmp_path / "bank.md").write_text(
        "## 一、基础\n\n### 1. 什么是进程？\n\n**答案：** 资源。\n\n## 二、进阶\n\n### 1. 什么是协程？\n\n**答案：** 用户态。\n",
        "utf-8")
    result = qgen_build(tmp_path / "bank.md", "--format", "exam", "--out", tmp_path / "plain")
    assert result.returncode == 0, result.stderr
    text = pdf_text(tmp_path / "plain" / "bank-exam.pdf")
    assert positions(text, ["一、基础", "什么是进程", "二、进阶", "什么是协程"]) == sorted(
        positions(text, ["一、基础", "什么是进程", "二、进阶", "什么是协程"]))
    assert -1 not in positions(text, ["一、基础", "二、进阶"])
    outline = [item.title for item in pypdf.PdfReader(tmp_path / "plain" / "bank-exam.pdf").outline]
    assert outline[:2] == ["一、基础", "1. 什么是进程？"]
    result = qgen_build(tmp_path / "bank.md", "--format", "exam", "--shuffle", "--seed", "1", "--out", tmp_path / "s")
    assert "基础" not in pdf_text(tmp_path / "s" / "bank-exam.pdf")


def test_long_unbroken_lines_wrap_inside_the_page(tmp_path):
    """A 300-character base64 string in inline code, in prose and in a fence stays on the
    paper, every character of it."""
    import base64

    line = base64.b64encode(bytes(range(256)))[:300].decode()
    word = line.replace("+", "A").replace("/", "B")
    (tmp_path / "bank.md").write_text(f"### 题目 1：长行\n\n**题目：** 解码 `{line}` 这个\n\n"
                                      f"**答案：** 纯文本 {word} 结束\n\n```\n{line}\n```\n", "utf-8")
    result = qgen_build(tmp_path / "bank.md", "--format", "exam,key", "--out", tmp_path / "out")
    assert result.returncode == 0, result.stderr
    for kind in ("exam", "key"):
        with pdfplumber.open(tmp_path / "out" / f"bank-{kind}.pdf") as pdf:
            assert max(c["x1"] for page in pdf.pages for c in page.chars) < pdf.pages[0].width - 30
            text = "".join("".join(page.extract_text() for page in pdf.pages).split())
        assert line in text and (kind == "exam" or word in text)


def test_a_code_line_of_20000_characters_is_all_on_the_key_inside_the_page(tmp_path):
    """Cut into lines of 1,000 before layout (linear time); every character is printed."""
    import random
    import string

    rng = random.Random(5)
    blob = "".join(rng.choice(string.ascii_letters + string.digits) for _ in range(20000))
    (tmp_path / "bank.md").write_text(f"### 题目 1：长行\n\n**答案：** 看代码。\n\n```python\nblob = '{blob}'\n```\n",
                                      "utf-8")
    result = qgen_build(tmp_path / "bank.md", "--format", "key", "--out", tmp_path / "out")
    assert result.returncode == 0, result.stderr
    with pdfplumber.open(tmp_path / "out" / "bank-key.pdf") as pdf:
        assert max(c["x1"] for page in pdf.pages for c in page.chars) < pdf.pages[0].width - 30
        # Each page's code, without the page's header and footer: together, the whole line.
        printed = "".join("".join(c["text"] for c in page.chars if "Mono" in c["fontname"])
                          for page in pdf.pages)
    assert blob in printed.replace(" ", "")


def test_a_paper_of_more_than_500_questions_needs_an_explicit_count(tmp_path):
    import sys

    sys.path.insert(0, str(ROOT))
    from bench.generate import generate_bank

    (tmp_path / "bank.md").write_text(generate_bank(501), "utf-8")
    result = qgen_build(tmp_path / "bank.md", "--format", "exam,key,json", "--out", tmp_path / "out")
    assert result.returncode == 0 and "[paper-too-long]" in result.stderr
    assert sorted(p.name for p in (tmp_path / "out").iterdir() if p.is_file()) == ["bank.json"]
    strict = qgen_build(tmp_path / "bank.md", "--format", "exam,json", "--strict", "--out", tmp_path / "s")
    assert strict.returncode == 1
    counted = qgen_build(tmp_path / "bank.md", "--format", "exam", "--count", "3", "--out", tmp_path / "c")
    assert counted.returncode == 0 and (tmp_path / "c" / "bank-exam.pdf").exists()


def _questions_split_though_they_fit(pdf_path, titles):
    """(number, pages) of each question laid over two pages or more although its lines
    take less than a page in all."""
    count = len(titles)
    with pdfplumber.open(pdf_path) as pdf:
        height = pdf.pages[0].height
        lines = [(number, line["top"], line["bottom"], line["text"].replace(" ", ""))
                 for number, page in enumerate(pdf.pages) for line in page.extract_text_lines()
                 if 40 < line["top"] and line["bottom"] < height - 25]  # not the running header or footer
    starts = []
    for index, line in enumerate(lines):
        number = len(starts) + 1
        if number <= count and line[3].startswith(f"{number}.{''.join(titles[number - 1].split())[:8]}"):
            starts.append(index)
    assert len(starts) == count
    split = []
    for k, start in enumerate(starts):
        chunk = lines[start:starts[k + 1] if k + 1 < count else len(lines)]
        pages = sorted({line[0] for line in chunk})
        used = sum(max(l[2] for l in chunk if l[0] == p) - min(l[1] for l in chunk if l[0] == p) for p in pages)
        if len(pages) > 1 and used < 0.9 * (height - 110):
            split.append((k + 1, pages))
    return split


@pytest.mark.parametrize("variant", ["A", "B"])
def test_a_question_that_fits_on_a_page_is_never_split(papers, variant):
    out, _ = papers
    titles = [q["title"] for q in manifest(out, variant)["questions"]]
    for kind in ("exam", "key"):
        assert _questions_split_though_they_fit(out / f"llm-interview-{kind}-{variant}.pdf", titles) == []


def test_a_question_that_fits_on_a_page_is_never_split_in_another_draw(tmp_path):
    """Other questions than the fixture's, in the key, where answers make them long."""
    result = qgen_build("--format", "key", "--shuffle", "--count", "10", "--seed", "2", "--out", tmp_path)
    assert result.returncode == 0, result.stderr
    titles = [q["title"] for q in json.loads((tmp_path / "llm-interview-paper-manifest.json").read_text("utf-8"))
              ["questions"]]
    assert _questions_split_though_they_fit(tmp_path / "llm-interview-key.pdf", titles) == []


def test_the_interviewers_sheet_has_fields_named_after_the_papers_ids(tmp_path):
    """Fields filled in a PDF viewer (here by pypdf) read back under the names the
    questions' and points' ids give them, for exactly the questions of the paper."""
    result = qgen_build("--format", "exam,interview", "--shuffle", "--count", "3", "--seed", "42",
                        "--out", tmp_path)
    assert result.returncode == 0, result.stderr
    questions = json.loads((tmp_path / "llm-interview-paper-manifest.json").read_text("utf-8"))["questions"]
    from generator.reader import read_bank_file

    from .conftest import SEED

    points = {q.id: [p.id for p in q.points] for q in read_bank_file(SEED).questions}
    sheet = tmp_path / "llm-interview-interview.pdf"
    reader = pypdf.PdfReader(sheet)
    fields = reader.get_fields()
    expected = {"candidate", "interviewer", "date", "role", "total", "recommendation"}
    for question in questions:
        qid = question["id"]
        expected |= {f"{qid}/{pid}" for pid in points[qid]} | {f"{qid}/level", f"{qid}/notes", f"{qid}/score"}
    # WeasyPrint names each radio button after its group too: pypdf lists it as "group.group".
    radio_kids = {name for name in fields if "." in name and name.split(".")[0].endswith("/level")}
    assert set(fields) - radio_kids == expected
    first, second = questions[0]["id"], questions[1]["id"]
    assert fields[f"{first}/{points[first][0]}"]["/FT"] == "/Btn" and fields[f"{first}/notes"]["/FT"] == "/Tx"
    # Every field, and every line drawn, lies inside the page's text column (its margins are
    # even: the title's left edge gives both), and the header's second labels stand clear of
    # the fields to their left (fields as wide as their cells, plus their borders, ran past
    # the text and into those labels).
    import pdfplumber

    with pdfplumber.open(sheet) as pdf:
        words = {word["text"]: word for word in pdf.pages[0].extract_words()}
        left = min(word["x0"] for word in words.values())
        right = pdf.pages[0].width - left
        drawn = [edge for page in pdf.pages for edge in page.edges if edge["x0"] < left - 1 or edge["x1"] > right + 1]
    assert drawn == []
    rects = [(annotation.get_object().get("/T"), [float(x) for x in annotation.get_object()["/Rect"]])
             for page in reader.pages for annotation in page.get("/Annots", [])]
    assert [name for name, (x0, _, x1, _) in rects if x0 < left - 1 or x1 > right + 1] == []
    boxes = dict(rects)
    for field, label in (("candidate", "面试官"), ("date", "岗位")):
        assert words[label]["x0"] >= boxes[field][2] + 5, (field, label)

    writer = pypdf.PdfWriter(clone_from=reader)
    for page in writer.pages:
        writer.update_page_form_field_values(page, {
            "candidate": "张三", f"{first}/notes": "答得清楚",
            f"{first}/{points[first][0]}": "/on", f"{first}/{points[first][2]}": "/on"}, auto_regenerate=False)
        for annotation in page.get("/Annots", []):  # pick "good" as a viewer saves a radio group
            button = annotation.get_object()
            group = button.get("/Parent")
            if group is not None and group.get_object().get("/T") == f"{second}/level":
                on = "/2" in button["/AP"]["/N"]
                group.get_object()[pypdf.generic.NameObject("/V")] = pypdf.generic.NameObject("/2")
                button[pypdf.generic.NameObject("/AS")] = pypdf.generic.NameObject("/2" if on else "/Off")
    filled = tmp_path / "filled.pdf"
    with open(filled, "wb") as handle:
        writer.write(handle)
    values = {name: field.get("/V") for name, field in pypdf.PdfReader(filled).get_fields().items()}
    ticked = sorted(name for name in values if name.startswith(f"{first}/") and values[name] == "/on")
    assert ticked == sorted([f"{first}/{points[first][0]}", f"{first}/{points[first][2]}"])
    from generator.renderers.pdf import LEVELS

    assert LEVELS[int(values[f"{second}/level"].lstrip("/"))] == "good"
    assert values[f"{questions[2]['id']}/level"] == "/Off"
    assert values["candidate"] == "张三" and values[f"{first}/notes"] == "答得清楚"
    text = pdf_text(sheet)
    assert "面试评分表" in text and "汇总" in text and "优秀" in text
    import csv

    rows = list(csv.DictReader((tmp_path / "llm-interview-interview-scores.csv").read_text("utf-8-sig").splitlines()))
    assert {(row["seed"], row["variant"]) for row in rows} == {("42", "A")}
    assert [(row["question_id"], row["item"]) for row in rows] == [
        (q["id"], item) for q in questions for item in [*(f"point:{pid}" for pid in points[q["id"]]), "level"]]
    assert {row["mark"] for row in rows} == {""}


def test_a_first_question_longer_than_a_page_starts_on_the_first_page(tmp_path):
    """It was moved whole to page 2 (it could not fit there either), leaving page 1 with the
    paper's header alone."""
    code = "\n".join(f"line_{n} = {n}" for n in range(80))
    (tmp_path / "long.md").write_text(f"### Question 1: What does this print?\n\n**Answer:**\n\n```python\n{code}\n```\n\n"
                                      "### Question 2: What is short?\n\n**Answer:** Short.\n", "utf-8")
    result = qgen_build(tmp_path / "long.md", "--format", "key", "--out", tmp_path / "out")
    assert result.returncode == 0, result.stderr
    with pdfplumber.open(tmp_path / "out" / "long-key.pdf") as pdf:
        first = pdf.pages[0].extract_text()
    assert "What does this print?" in first and "line_0 = 0" in first


def test_a_question_longer_than_a_page_does_not_leave_its_title_alone_on_a_page(tmp_path):
    """A key's answer section that fitted on a page but not under its title went to the next
    page whole and left a page holding the title alone."""
    answer = "\n\n".join(f"Point {n} of the answer, a sentence long enough to fill a line of the page."
                         for n in range(40))
    (tmp_path / "long.md").write_text("### Question 1: What is short?\n\n**Answer:** Short.\n\n"
                                      f"### Question 2: What is long?\n\n**Answer:**\n\n{answer}\n", "utf-8")
    result = qgen_build(tmp_path / "long.md", "--format", "key", "--out", tmp_path / "out")
    assert result.returncode == 0, result.stderr
    with pdfplumber.open(tmp_path / "out" / "long-key.pdf") as pdf:
        pages = [page.extract_text() for page in pdf.pages]
    (titled,) = [text for text in pages if "What is long?" in text]
    assert "Point 0 of the answer" in titled and "Point 39 of the answer" in pages[-1]


# An interviewer's sheet of questions as banks write them: points without a written label
# (one cut inside bold), a written label, a choice question about a command, a true/false one.
SHEET_BANK = (
    "### Q1. What are props in React?\n\n**Answer:**\n\n- Pass custom data to your component.\n"
    "- You define a **reducer function** to handle state transitions.\n"
    "- **Re-render:** a new prop value renders the component again.\n\n"
    "### Q2. What happens if you run this command?\n\n```\ngit checkout -b beta\n```\n\n"
    "- [ ] It deletes the branch.\n- [x] It creates the branch and switches to it.\n- [ ] It merges it.\n\n"
    "### Q3. TCP 是面向连接的协议。（　）\n\n答案：对\n")


@pytest.fixture(scope="module")
def sheet_lines(tmp_path_factory):
    def make(out):
        (out / "bank.md").write_text(SHEET_BANK, "utf-8")
        result = qgen_build(out / "bank.md", "--format", "interview", "--out", out)
        assert result.returncode == 0, result.stderr

    return pdf_text(built_once(tmp_path_factory, "sheet", make) / "bank-interview.pdf").splitlines()


def test_the_sheet_says_a_point_once_when_its_label_is_its_own_first_words(sheet_lines):
    """Items without a bold label were printed as their first words in bold, then the whole
    item again ("Pass custom data to your… Pass custom data to your component."), and a
    label cut inside bold showed its ``**``."""
    text = " ".join(" ".join(sheet_lines).split())
    assert text.count("Pass custom data to your") == 1 and "Pass custom data to your component." in text
    assert text.count("You define a") == 1 and "reducer function to handle state transitions." in text
    assert "Re-render a new prop value renders the component again." in text  # a written label stays
    assert "**" not in text


def test_the_sheets_summary_gives_the_total_to_score_out_of(sheet_lines):
    """Each question's row said "/ 3"; the total's row said nothing to score it out of."""
    assert [line for line in sheet_lines if line.startswith("Total")] == ["Total / 3"]


def test_the_interviewers_sheet_shows_a_choice_questions_options_and_marks_the_right_ones(sheet_lines):
    """It showed the title alone: the interviewer could not read out the options, nor the
    command the question was about, nor check the answer."""
    assert "git checkout -b beta" in sheet_lines
    options = [line for line in sheet_lines if line[:2] in ("A.", "B.", "C.")]
    assert options == ["A. It deletes the branch.", "B. It creates the branch and switches to it. correct",
                       "C. It merges it."]
    assert "correct True" in sheet_lines


def test_a_right_to_left_bank_is_printed_from_the_right_and_its_code_from_the_left(tmp_path):
    (tmp_path / "bank.md").write_text(RIGHT_TO_LEFT_BANK, "utf-8")
    result = qgen_build(tmp_path / "bank.md", "--format", "key", "--shuffle", "--seed", "7", "--out", tmp_path / "out")
    assert result.returncode == 0, result.stderr
    with pdfplumber.open(tmp_path / "out" / "bank-key.pdf") as pdf:
        page = pdf.pages[0]
        lines, width = page.extract_text_lines(), page.width
        code = [w for w in page.extract_words() if "console" in w["text"]]
        seed = [w for w in page.extract_words() if w["text"] == "Seed"]
    column_right = max(line["x1"] for line in lines)
    arabic = [line["chars"] for line in lines if any("\u0600" <= c["text"] <= "\u06ff" for c in line["chars"])]
    # The title, the question's title and the short answer each end at the right of the
    # column and start right of the middle: laid out left to right, each would start at the
    # left margin.
    assert len(arabic) == 3
    for line in arabic:
        assert max(c["x1"] for c in line) > column_right - 1
        assert min(c["x0"] for c in line) > width / 2
    # The code keeps its order (the semicolon last) and starts at the left of its box.
    assert [w["text"] for w in code] == ["console.log(num);"] and code[0]["x0"] < width / 4
    # The page's own words mirror too: the variant and seed at the foot's left, not its right.
    assert len(seed) == 2 and seed[1]["x1"] < width / 3  # the header's "Seed" and the footer's


def test_each_question_of_a_paper_drawn_from_banks_in_several_languages_is_laid_out_in_its_own(tmp_path):
    """A Chinese bank first (the paper's language), then an Arabic and a Japanese one: the
    Arabic question from the right, the Japanese one in Japanese character forms."""
    (tmp_path / "zh.md").write_text("### 题目 1：什么是进程？\n\n**答案：** 资源分配的单位。\n", "utf-8")
    (tmp_path / "ar.md").write_text(RIGHT_TO_LEFT_BANK, "utf-8")
    (tmp_path / "ja.md").write_text("### 1. 骨と直の字形は？\n\n**答え：** 日本語のものです。\n", "utf-8")
    result = qgen_build(*(tmp_path / f"{name}.md" for name in ("zh", "ar", "ja")), "--format", "key",
                        "--out", tmp_path / "out")
    assert result.returncode == 0, result.stderr
    (key,) = (tmp_path / "out").glob("*-key.pdf")
    with pdfplumber.open(key) as pdf:
        lines, width = pdf.pages[0].extract_text_lines(), pdf.pages[0].width
    arabic = [line for line in lines if any("\u0600" <= c["text"] <= "\u06ff" for c in line["chars"])]
    assert len(arabic) == 2 and all(line["x0"] > width / 2 for line in arabic)  # its title and answer
    # The Chinese bank's question above it, and the paper's header, from the left.
    above = [line for line in lines if line["bottom"] < arabic[0]["top"]]
    assert len(above) == 6 and all(line["x0"] < width / 4 for line in above)
    fonts = {text: {c["fontname"].split("+")[-1] for line in lines if text in line["text"] for c in line["chars"]
                    if ord(c["text"]) > 0x2E80}
             for text in ("什么是进程", "骨と直の字形は")}
    assert all("CJK-SC" in font for font in fonts["什么是进程"]), fonts
    assert fonts["骨と直の字形は"] and all("CJK-JP" in font for font in fonts["骨と直の字形は"]), fonts


def test_a_japanese_bank_is_printed_in_japanese_character_forms(tmp_path):
    (tmp_path / "bank.md").write_text(
        "### 1. 何が出力されるでしょうか？\n\n**答え：** `null`はfalsyです。骨と直の字形は日本語のものです。\n", "utf-8")
    result = qgen_build(tmp_path / "bank.md", "--format", "key", "--out", tmp_path / "out")
    assert result.returncode == 0, result.stderr
    with pdfplumber.open(tmp_path / "out" / "bank-key.pdf") as pdf:
        fonts = {c["fontname"].split("+")[-1] for c in pdf.pages[0].chars if ord(c["text"]) > 0x2E80}
    assert fonts and all("CJK-JP" in font for font in fonts), fonts


def test_formulas_are_drawn_on_the_papers_not_printed_as_their_tex(tmp_path):
    """WeasyPrint draws no MathML: a formula is SVG paths on the line it stands in. The key
    of the example bank holds ``$QK^T$`` in a title and ``$\\sqrt{d_k}$`` in its answer."""
    bank = tmp_path / "bank.md"
    bank.write_text("### 1. 缩放点积注意力把 $QK^T$ 除以什么？\n\n**答案：** 除以 $\\sqrt{d_k}$，见 $$\\frac{QK^T}{\\sqrt{d_k}}$$。\n"
                    "\n**解析：** 价格 $5 不是公式，$\\text{分数}$ 含中文，照写。\n", "utf-8")
    result = qgen_build(bank, "--format", "key", "--out", tmp_path / "out")
    assert result.returncode == 0, result.stderr
    with pdfplumber.open(tmp_path / "out" / "bank-key.pdf") as pdf:
        page = pdf.pages[0]
        text = page.extract_text()
        drawn = [curve for curve in page.curves if curve["height"] < 40]
    assert "$QK^T$" not in text and "\\sqrt" not in text and "除以" in text
    assert "价格 $5" in text and "$\\text{分数}$" in text  # a price, and a formula the math font cannot draw
    assert len(drawn) >= 10  # the glyphs of QKᵀ, √dₖ and the fraction
