"""The study page in a real headless browser (Debian's chromium, driven by Playwright)."""

import io
import json
import os
import shutil

import pypdf
import pytest

from generator.reader import read_bank_file

from .conftest import RIGHT_TO_LEFT_BANK, ROOT, run

sync_api = pytest.importorskip("playwright.sync_api")
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
if not os.path.exists(CHROMIUM):
    pytest.skip("Debian's chromium is not installed (make test installs it)", allow_module_level=True)

pytestmark = pytest.mark.slow
BROWSER_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic"]


@pytest.fixture(scope="module")
def study_page(tmp_path_factory):
    out = tmp_path_factory.mktemp("study")
    result = run("build", "--format", "html", "--out", str(out), cwd=ROOT)
    assert result.returncode == 0, result.stderr
    return out / "llm-interview.html"


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=BROWSER_FLAGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, study_page):
    context = browser.new_context(viewport={"width": 1000, "height": 800})
    page = context.new_page()
    page.problems = []
    page.requests = []
    page.on("console", lambda message: page.problems.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: page.problems.append(str(error)))
    page.on("request", lambda request: page.requests.append(request.url))
    page.goto(study_page.as_uri())
    yield page
    context.close()


def study_page_of(folder, bank: str):
    """``bank`` written to ``folder/bank.md`` and built into ``folder/out/bank.html``."""
    (folder / "bank.md").write_text(bank, "utf-8")
    result = run("build", "bank.md", "--format", "html", "--out", "out", cwd=folder)
    assert result.returncode == 0, result.stderr
    return folder / "out" / "bank.html"


def visible_titles(page):
    return page.eval_on_selector_all(".question:not([hidden]) h3", "nodes => nodes.map(n => n.textContent.trim())")


def test_loads_without_errors_or_requests(page, study_page):
    assert page.inner_text("#count") == "30 / 30"
    assert page.locator(".question").count() == 30
    assert page.problems == []
    assert page.requests == [study_page.as_uri()]  # nothing else: CSS, script and images are inline


def test_search_filters_questions(page):
    page.fill("#search", "量化")
    titles = visible_titles(page)
    assert page.inner_text("#count") == f"{len(titles)} / 30"
    assert 0 < len(titles) < 30
    assert any("推理优化" in title for title in titles)
    page.fill("#search", "no such words at all")
    assert visible_titles(page) == [] and page.is_visible("#empty")
    page.fill("#search", "")
    assert len(visible_titles(page)) == 30


def test_answers_are_hidden_until_clicked(page):
    first = page.locator(".question").first
    answer = first.locator("section.answer")
    assert not answer.is_visible()
    first.locator("summary").click()
    assert answer.is_visible()
    assert "分布式计算" in answer.inner_text()
    assert first.locator(".qgen-code .c1").first.is_visible()  # highlighted code


def test_keyboard_navigation(page):
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.id") == "search"
    page.keyboard.type("收敛")
    page.keyboard.press("Enter")
    focused = page.evaluate("document.activeElement.querySelector('h3').textContent")
    assert "收敛速度" in focused
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.querySelector('details').open")
    page.fill("#search", "")
    page.locator(".question").first.focus()
    page.keyboard.press("j")
    assert page.evaluate("document.activeElement.querySelector('h3').textContent").strip().startswith("2.")
    page.keyboard.press("k")
    assert page.evaluate("document.activeElement.querySelector('h3').textContent").strip().startswith("1.")
    assert page.problems == []


def test_light_and_dark_themes_follow_the_system(browser, study_page):
    colours = {}
    for scheme in ("light", "dark"):
        context = browser.new_context(color_scheme=scheme)
        page = context.new_page()
        page.goto(study_page.as_uri())
        colours[scheme] = page.evaluate("getComputedStyle(document.body).backgroundColor")
        context.close()
    assert colours == {"light": "rgb(255, 255, 255)", "dark": "rgb(13, 17, 23)"}


def test_print_layout_hides_the_controls(page):
    page.emulate_media(media="print")
    assert not page.is_visible("#search")
    assert page.evaluate("getComputedStyle(document.querySelector('.bar')).position") == "static"


LAID_OUT = "n => n.checkVisibility({contentVisibilityAuto: true})"


def test_only_questions_near_the_screen_are_laid_out_and_a_far_one_is_when_reached(page):
    last = page.locator(".question").last
    assert page.locator(".question").first.locator("h3").evaluate(LAID_OUT)
    assert not last.locator("h3").evaluate(LAID_OUT)  # off screen: the browser skips it
    page.keyboard.press("/")
    page.keyboard.type("批量归一化进行收敛速度优化")  # in the last question only
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement === document.querySelectorAll('.question')[29]")
    assert last.locator("h3").evaluate(LAID_OUT)
    box = last.bounding_box()
    assert box["height"] > 0 and 0 <= box["y"] < 800


def test_printing_the_page_prints_every_answer_even_of_questions_never_shown(page):
    """Printing opens every answer; the last question, which the browser has not laid out
    yet, is printed whole: its code is on the last pages."""
    code = page.eval_on_selector_all("article.question:last-of-type pre", "nodes => nodes.map(n => n.textContent)")
    lines = [" ".join(line.split()) for block in code for line in block.split("\n")
             if line.isascii() and len(line.strip()) > 20]
    pdf = pypdf.PdfReader(io.BytesIO(page.pdf()))
    printed = " ".join(" ".join(p.extract_text().split()) for p in pdf.pages[-3:])
    assert len(lines) >= 3
    assert [line for line in lines if line not in printed] == []


def card_answer(package, folder) -> str:
    """The first card's back, as the real Anki backend renders it, after importing ``package``
    into a new collection in ``folder``."""
    collection_module = pytest.importorskip("anki.collection")
    (folder / "anki").mkdir()
    collection = collection_module.Collection(str(folder / "anki" / "collection.anki2"))
    try:
        collection.import_anki_package(collection_module.ImportAnkiPackageRequest(package_path=str(package)))
        return collection.get_card(collection.find_cards("")[0]).answer()
    finally:
        collection.close()


def test_anki_card_code_comments_are_upright_in_day_and_night(browser, tmp_path):
    """The card as Anki renders it, shown in Chromium: comments are not slanted in either mode."""
    out = tmp_path / "out"
    result = run("build", "--format", "apkg", "--out", str(out), cwd=ROOT)
    assert result.returncode == 0, result.stderr
    html = card_answer(out / "llm-interview.apkg", tmp_path)
    page = browser.new_page()
    for body, card in (("", ""), ("night_mode", "nightMode")):
        page.set_content(f'<html><body class="{body}"><div class="card {card}">{html}</div></body></html>')
        style = page.eval_on_selector(".qgen-code .c1", "n => [getComputedStyle(n).fontStyle, getComputedStyle(n).color]")
        assert style[0] == "normal", (card, style)
        if card:
            background = page.eval_on_selector(".qgen-code", "n => getComputedStyle(n).backgroundColor")
            assert background != "rgba(0, 0, 0, 0)" and background != "rgb(248, 248, 248)"
        assert page.eval_on_selector(".qgen-code pre", "n => getComputedStyle(n).overflowX") == "auto"
        assert page.eval_on_selector(".card", "n => getComputedStyle(n).textAlign") == "start"
    page.close()


# Where a paragraph's text starts and ends, and where its box does (the box of the element
# that holds the text, inside any wrapper that holds only it).
_EDGES = """n => { while (n.children.length === 1 && n.childNodes.length === 1) n = n.firstElementChild;
  const r = document.createRange(); r.selectNodeContents(n); const t = r.getBoundingClientRect();
  const b = n.getBoundingClientRect(); return {text: [t.left, t.right], box: [b.left, b.right]}; }"""


def _reads_from_the_right(edges) -> bool:
    (text_left, text_right), (box_left, box_right) = edges["text"], edges["box"]
    return abs(text_right - box_right) < 2 and text_left - box_left > 50


def test_a_right_to_left_bank_reads_from_the_right_on_the_page_and_on_its_cards(browser, tmp_path):
    (tmp_path / "bank.md").write_text(RIGHT_TO_LEFT_BANK, "utf-8")
    result = run("build", "bank.md", "--format", "html,apkg", "--out", "out", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    page = browser.new_page(viewport={"width": 900, "height": 700})
    page.goto((tmp_path / "out" / "bank.html").as_uri())
    assert page.eval_on_selector("html", "n => [n.lang, getComputedStyle(n).direction]") == ["ar", "rtl"]
    page.click(".question summary")
    assert _reads_from_the_right(page.eval_on_selector(".question .answer p", _EDGES))
    assert _reads_from_the_right(page.eval_on_selector(".question h3", _EDGES))
    code = page.eval_on_selector(".qgen-code pre", "n => [getComputedStyle(n).direction, n.textContent.trim()]")
    assert code == ["ltr", "console.log(num);"]
    page.click("#practice")  # "0 / 1" practised, read left to right, not "1 / 0"
    practised = page.eval_on_selector("#practised", """n => { const r = document.createRange();
        return [...n.textContent].map((c, i) => { r.setStart(n.firstChild, i); r.setEnd(n.firstChild, i + 1);
                                                  return [c, r.getBoundingClientRect().left]; }); }""")
    assert [c for c, _ in sorted(practised, key=lambda pair: pair[1])] == list("0 / 1")

    # The card as Anki renders it: one note type for every language, the fields say "rtl".
    card = card_answer(tmp_path / "out" / "bank.apkg", tmp_path)
    page.set_content(f'<html><body><div class="card">{card}</div></body></html>')
    assert _reads_from_the_right(page.eval_on_selector(".qgen-answer p", _EDGES))
    assert _reads_from_the_right(page.eval_on_selector(".qgen-title", _EDGES))
    assert page.eval_on_selector(".qgen-code pre", "n => getComputedStyle(n).direction") == "ltr"
    page.close()


PARTS_BANK = """# 面试题

## 一、基础

先看基础。

### 1. 什么是进程？

**答案：** 资源分配单位[^os]，记作 $p_1 \\, p_2$。

## 二、进阶

### 1. 什么是协程？

**答案：** 用户态线程。

[^os]: 见操作系统教材。
"""


def test_parts_footnotes_and_math_on_the_page(browser, tmp_path):
    study_page_of(tmp_path, PARTS_BANK)
    page = browser.new_page()
    try:
        page.goto((tmp_path / "out" / "bank.html").as_uri())
        assert page.eval_on_selector_all(".part-title", "ns => ns.map(n => n.textContent)") == ["一、基础", "二、进阶"]
        assert page.inner_text(".part-text") == "先看基础。"
        page.click(".question >> nth=0 >> summary")
        answer = page.inner_text(".question >> nth=0 >> .answer")
        assert "见操作系统教材。" in answer and "$" not in answer
        # The formula is typeset: Chromium draws its MathML, subscripts below the line.
        size = page.eval_on_selector(".question >> nth=0 >> .answer .qgen-math math",
                                     "n => [n.getBoundingClientRect().width, n.getBoundingClientRect().height]")
        assert size[0] > 20 and size[1] > 10
        assert page.eval_on_selector_all(".question >> nth=0 >> .answer .qgen-math msub", "ns => ns.length") == 2
        page.fill("#search", "协程")
        hidden = page.eval_on_selector_all(".part", "ns => ns.map(n => n.hidden)")
        assert hidden == [True, False]
    finally:
        page.close()


def test_practice_mode_times_ticks_keeps_and_downloads_what_qgen_score_reads(browser, tmp_path):
    """The whole self-interview loop: timer against the budget, reveal, tick, level, reload
    (the page keeps it), download, and ``qgen score`` reads the file into results/."""
    study_page_of(tmp_path, PRACTICE_BANK)
    context = browser.new_context(accept_downloads=True)
    page = context.new_page()
    problems = []
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.clock.install()
    try:
        page.goto((tmp_path / "out" / "bank.html").as_uri())
        assert not page.is_visible(".timer-row")
        page.click("#practice")
        first, second = page.locator(".question").nth(0), page.locator(".question").nth(1)
        assert first.locator(".timer").inner_text() == "0:00 / 2:00"
        first.locator(".start").click()
        page.clock.run_for(150_000)  # two and a half minutes: over the budget
        assert first.locator(".timer").inner_text() == "2:30 / 2:00"
        assert "over" in first.locator(".timer").get_attribute("class")
        assert not first.locator(".self-score").is_visible()  # the points come with the answer
        first.locator("summary").click()
        page.clock.run_for(10_000)
        assert first.locator(".timer").inner_text() == "2:30 / 2:00"  # revealing stopped it
        first.locator("[data-point='召回']").check()
        first.locator("[data-point='评估']").check()
        first.locator(".levels input[value='good']").check()
        second.locator("summary").click()
        second.locator(".levels input[value='poor']").check()
        page.fill("#candidate", "Li Lei")
        assert page.inner_text("#practised") == "2 / 3"

        page.reload()
        page.click("#practice")
        first.locator("summary").click()
        assert first.locator("[data-point='召回']").is_checked() and not first.locator("[data-point='生成']").is_checked()
        assert first.locator(".levels input[value='good']").is_checked()
        assert page.input_value("#candidate") == "Li Lei"
        with page.expect_download() as download:
            page.click("#download")
        saved = tmp_path / download.value.suggested_filename
        download.value.save_as(saved)
        assert problems == []
    finally:
        context.close()
    assert saved.name.startswith("bank-practice-")
    scored = run("score", str(saved), "--results", "results", cwd=tmp_path)
    assert scored.returncode == 0, scored.stderr
    (result_path,) = (tmp_path / "results").iterdir()
    record = json.loads(result_path.read_text("utf-8"))
    assert record["mode"] == "self" and record["candidate"] == "Li Lei" and result_path.name.startswith("bank-")
    assert [(q["id"], q["level"], q["score"], q["max"], q["seconds"]) for q in record["questions"]] == [
        ("rag", "good", 3, 4, 150), ("什么是微调", "poor", 0, 0, None)]  # one sentence: no points
    assert [p["id"] for p in record["questions"][0]["points"] if p["checked"]] == ["召回", "评估"]
    assert record["total"] == {"score": 3, "max": 4}


PRACTICE_BANK = """# 检索增强

### 1. 什么是检索增强？ {#rag minutes=2}

**答案：**

1. **召回：** 先检索相关文档。
2. **生成：** 再据此生成。
3. **评估：** 看召回率与忠实度（2分）

### 2. 什么是微调？

**答案：** 在新数据上继续训练。

### 3. 什么是提示工程？

**答案：** 设计输入让模型给出想要的输出。
"""


FILTER_BANK = """---
tags: [js]
---
# JavaScript

### 【高频】什么是闭包？ {difficulty=hard tags=scope}

**答案：** 函数与其词法环境。

### 什么是提升？ {difficulty=easy tags=scope}

**答案：** 声明被提到作用域顶部。

### 什么是事件循环？ {difficulty=hard frequency=low tags=async}

**答案：** 调度任务的循环。
"""


def test_difficulty_frequency_and_tag_filters_narrow_the_questions(browser, tmp_path):
    study_page_of(tmp_path, FILTER_BANK)
    page = browser.new_page()
    try:
        page.goto((tmp_path / "out" / "bank.html").as_uri())
        options = page.eval_on_selector_all("select.filter", "ss => ss.map(s => [s.id, [...s.options].map(o => o.value)])")
        assert options == [["filter-difficulty", ["", "easy", "hard"]], ["filter-frequency", ["", "high", "low"]],
                           ["filter-tag", ["", "async", "scope"]]]  # js, every question's, is no filter
        page.select_option("#filter-difficulty", "hard")
        assert visible_titles(page) == ["1. 什么是闭包？ 高频 困难", "3. 什么是事件循环？ 低频 困难"]
        page.select_option("#filter-tag", "scope")
        assert visible_titles(page) == ["1. 什么是闭包？ 高频 困难"] and page.inner_text("#count") == "1 / 3"
        page.select_option("#filter-difficulty", "")
        page.fill("#search", "提升")
        assert visible_titles(page) == ["2. 什么是提升？ 简单"]
    finally:
        page.close()


CHOICE_BANK = """# 选择题

### 1. 以下哪个是关系型数据库？

A. MongoDB
B. MySQL
C. Redis

答案：B

MySQL 按表存数据。

### 2. 哪一段定义了函数？

- [ ] A

```python
f = lambda: 1
```

- [x] B

```python
def f():
    pass
```
"""


def test_a_click_on_an_option_says_right_or_wrong_then_shows_the_answer(browser, tmp_path):
    page = browser.new_page()
    try:
        page.goto(study_page_of(tmp_path, CHOICE_BANK).as_uri())
        question = page.locator(".question").first
        assert not question.locator(".answer").is_visible()
        question.locator(".option", has_text="MongoDB").click()
        verdict = question.locator(".verdict")
        assert verdict.inner_text() == "答错了" and "wrong" in verdict.get_attribute("class")
        assert question.locator(".answer").is_visible() and "MySQL 按表存数据" in question.locator(".answer").inner_text()
        question.locator(".option", has_text="MySQL").click()
        assert verdict.inner_text() == "答对了"
        assert question.locator(".option.right").inner_text().strip() == "B. MySQL"
        # Options that are code show their code, and a click on the code answers.
        options = page.locator(".question").nth(1).locator(".option")
        assert [text.split() for text in options.all_inner_texts()] == [["A.", "f", "=", "lambda:", "1"],
                                                                      ["B.", "def", "f():", "pass"]]
        options.nth(1).locator("pre").click()
        assert page.locator(".question").nth(1).locator(".verdict").inner_text() == "答对了"
    finally:
        page.close()


def _fonts_drawing(page, selector: str) -> set[str]:
    """The fonts Chromium drew an element's text with, as its DevTools report them."""
    devtools = page.context.new_cdp_session(page)
    devtools.send("DOM.enable")
    devtools.send("CSS.enable")
    root = devtools.send("DOM.getDocument")["root"]["nodeId"]
    node = devtools.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
    return {font["familyName"] for font in devtools.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]}


def test_a_japanese_bank_is_drawn_in_japanese_character_forms_on_the_page_and_on_its_cards(browser, tmp_path):
    (tmp_path / "bank.md").write_text(
        "### 1. 何が出力されるでしょうか？\n\n**答え：** `null`はfalsyです。\n\n```js\n!null; // 真偽値\n```\n", "utf-8")
    result = run("build", "bank.md", "--format", "html,apkg", "--out", "out", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    page = browser.new_page()
    page.goto((tmp_path / "out" / "bank.html").as_uri())
    assert page.eval_on_selector("html", "n => n.lang") == "ja"
    fonts = _fonts_drawing(page, ".question h3")
    assert "Noto Sans CJK JP" in fonts and not any("SC" in font for font in fonts), fonts

    # The card as Anki renders it: the note type is every bank's, the fields say "ja".
    card = card_answer(tmp_path / "out" / "bank.apkg", tmp_path)
    page.set_content(f'<html><body><div class="card">{card}</div></body></html>')
    for selector in (".qgen-title", ".qgen-answer p"):
        fonts = _fonts_drawing(page, selector)
        assert "Noto Sans CJK JP" in fonts and not any("SC" in font for font in fonts), (selector, fonts)
    assert _fonts_drawing(page, ".qgen-code .c1") == {"Noto Sans Mono CJK JP"}  # code stays monospaced
    page.close()


def test_the_report_of_a_right_to_left_bank_draws_its_chart_labels_beside_the_bars(browser, tmp_path):
    """In a right-to-left page an SVG label's text-anchor turns round: the labels ran into
    the bars. The chart keeps its own direction; the page around it is right to left."""
    (tmp_path / "bank.md").write_text(RIGHT_TO_LEFT_BANK.replace("###### 1.", "###### 2. ايه؟\n\nنعم.\n\n###### 1."), "utf-8")
    bank = read_bank_file(tmp_path / "bank.md")
    (tmp_path / "results").mkdir()
    (tmp_path / "results" / "a.json").write_text(json.dumps({
        "paper": {"manifest": None, "seed": None, "variant": None, "question_ids": [q.id for q in bank.questions]},
        "candidate": "me", "date": "2026-12-01", "total": {"score": 1, "max": 2},
        "questions": [{"number": n, "id": q.id, "title": q.title, "points": [], "bank": bank.key, "source": "bank.md",
                       "level": None, "score": n - 1, "max": 1} for n, q in enumerate(bank.questions, 1)]},
        ensure_ascii=False), "utf-8")
    result = run("report", "bank.md", "--results", "results", "--out", "out", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    page = browser.new_page()
    page.goto((tmp_path / "out" / "bank-report.html").as_uri())
    assert page.eval_on_selector("html", "n => getComputedStyle(n).direction") == "rtl"
    rows = page.eval_on_selector_all(".chart text[text-anchor=end]", """labels => labels.map(label => {
        const bar = label.closest('g').querySelector('.track');
        return [label.getBoundingClientRect().right, bar.getBoundingClientRect().left]; })""")
    assert rows and all(label_right <= bar_left for label_right, bar_left in rows), rows
    page.close()
