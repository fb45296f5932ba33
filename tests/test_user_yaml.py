"""YAML a user wrote, in front matter and qgen.yaml: hostile or wrong values are one line."""

import time

import pytest

from generator.errors import SourceError
from generator.reader import read_bank_text

from .conftest import run

BILLION_LAUGHS = ('a: &a ["x","x","x","x","x","x","x","x","x"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\n'
                  'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ntitle: *d\n')
BODY = "### 题目 1：一\n\n**答案：** A\n"


@pytest.mark.parametrize("front, line, words", [
    (BILLION_LAUGHS, 3, "aliases (*name) are not allowed"),
    ("title: " + "9" * 5000 + "\n", 2, "not a valid value"),
    ("title: 2024-02-30\n", 2, "not a valid value"),
    ("title: " + "[" * 20000 + "\n", 2, "nests too deeply"),
    ("title: 123\n", 2, "“title” must be text"),
    ("title: {a: 1}\n", 2, "“title” must be text"),
    ("tags: 5\n", 2, "“tags” must be a list of texts"),
    ("language: french!\n", 2, "“language” must be a language tag"),
    ("language: [zh]\n", 2, "“language” must be a language tag"),
    ("x: 1\nid: 'a b'\n", 3, "“id” must be letters"),
    ("title: a\n\x1b\n", 3, "character U+001B"),  # PyYAML refuses it before parsing
])
def test_bad_front_matter_is_one_error_with_its_line(front, line, words):
    # Processor time, not wall time: the suite runs on every processor at once.
    started = time.process_time()
    with pytest.raises(SourceError) as raised:
        read_bank_text(f"---\n{front}---\n{BODY}", "bank.md")
    assert raised.value.line == line and words in raised.value.message
    assert time.process_time() - started < 2


def test_good_front_matter_is_read():
    bank = read_bank_text(f"---\ntitle: 面试题\ntags: [rag, 检索]\nlanguage: ZH\nauthor: me\n---\n{BODY}", "bank.md")
    assert (bank.title, bank.tags, bank.language) == ("面试题", ("rag", "检索"), "zh")  # as tags are written
    assert read_bank_text(f"---\ntags: a, b\n---\n{BODY}", "bank.md").tags == ("a", "b")


def test_hostile_configuration_is_reported_not_expanded(tmp_path):
    (tmp_path / "bank.md").write_text(BODY, "utf-8")
    (tmp_path / "qgen.yaml").write_text(BILLION_LAUGHS.replace("title: *d", "formats: *d"), "utf-8")
    result = run("lint", "bank.md", cwd=tmp_path)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "qgen.yaml:2: not valid YAML: aliases (*name) are not allowed here" in result.stderr
    (tmp_path / "qgen.yaml").write_text("language: FR\nexam: {seed: 2024-02-30}\n", "utf-8")
    result = run("lint", "bank.md", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.splitlines()[:2] == ["qgen.yaml:1: “language” must be zh or en",
                                               "qgen.yaml:2: “exam.seed” is not a valid value: day is out of range for month"]


def test_a_control_character_in_the_configuration_is_one_line_with_its_place(tmp_path):
    from generator.config import load_config
    from generator.errors import ConfigError

    (tmp_path / "qgen.yaml").write_text("out: x\n\x07bad: 1\n", "utf-8")
    with pytest.raises(ConfigError) as raised:
        load_config(tmp_path / "qgen.yaml")
    assert raised.value.details == [f"{tmp_path / 'qgen.yaml'}:2: not valid YAML: special characters are not allowed, "
                                    "character U+0007"]
