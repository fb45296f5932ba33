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
