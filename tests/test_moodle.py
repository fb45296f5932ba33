"""The Moodle XML export, read back as XML."""

from xml.etree import ElementTree

from .conftest import RIGHT_TO_LEFT_BANK, run


def test_the_texts_of_a_right_to_left_bank_carry_its_language_and_direction(tmp_path):
    """A course's own language sets Moodle's page direction: an Arabic bank imported into an
    English course must say that its texts run right to left; a Chinese bank's are as before."""
    (tmp_path / "ar.md").write_text(RIGHT_TO_LEFT_BANK, "utf-8")
    (tmp_path / "zh.md").write_text("### 题目 1：什么是进程？\n\n**答案：** 资源分配的单位。\n", "utf-8")
    for name in ("ar", "zh"):
        result = run("build", f"{name}.md", "--format", "moodle", "--out", name, cwd=tmp_path)
        assert result.returncode == 0, result.stderr
    (question,) = ElementTree.parse(tmp_path / "ar" / "ar-moodle.xml").getroot().findall("question[@type='essay']")
    assert question.findtext("questiontext/text").startswith('<div lang="ar" dir="rtl"><p><strong>ايه اللي هيتطبع؟')
    assert question.findtext("graderinfo/text").startswith('<div lang="ar" dir="rtl"><p>احنا بنعمل المتغير')
    texts = [element.text or "" for element in ElementTree.parse(tmp_path / "zh" / "zh-moodle.xml").getroot().iter("text")]
    assert any("资源分配的单位" in text for text in texts) and not any("dir=" in text for text in texts)


def test_names_and_categories_are_the_words_of_titles_without_their_marks(tmp_path):
    """Moodle shows a question's name and its category as text: ``**`` and a link's address
    there are noise; the question's text keeps its HTML."""
    (tmp_path / "bank.md").write_text(
        "# **Go** 面试题\n\n## [并发篇](https://example.org/go)\n\n### 1. `goroutine` 和 **线程** 的区别？\n\n"
        "**答案：** 更轻。\n\n### 2. 什么是 channel？\n\n**答案：** 通信的管道。\n\n"
        "## [网络篇](https://example.org/net)\n\n### 1. TCP 与 UDP 的区别？\n\n**答案：** 连接。\n", "utf-8")
    result = run("build", "bank.md", "--format", "moodle", "--out", "out", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    root = ElementTree.parse(tmp_path / "out" / "bank-moodle.xml").getroot()
    assert [q.findtext("category/text") for q in root.findall("question[@type='category']")] == [
        "$course$/top/Go 面试题/并发篇", "$course$/top/Go 面试题/网络篇"]
    names = [q.findtext("name/text") for q in root.findall("question[@type='essay']")]
    assert names == ["goroutine 和 线程 的区别？", "什么是 channel？", "TCP 与 UDP 的区别？"]
    first = root.find("question[@type='essay']")
    assert "<code>goroutine</code>" in first.findtext("questiontext/text")


def test_math_written_in_dollars_is_in_the_delimiters_moodles_mathjax_filter_typesets(tmp_path):
    (tmp_path / "bank.md").write_text("### 题目 1：为什么除以 $\\sqrt{d_k}$？\n\n**答案：** 因为 $QK^T$ 的方差大，"
                                      "价格 $5。\n", "utf-8")
    result = run("build", "bank.md", "--format", "moodle", "--out", "out", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    question = ElementTree.parse(tmp_path / "out" / "bank-moodle.xml").getroot().find("question[@type='essay']")
    assert "\\(\\sqrt{d_k}\\)" in question.findtext("questiontext/text")
    graded = question.findtext("graderinfo/text")
    assert "\\(QK^T\\)" in graded and "价格 $5" in graded
