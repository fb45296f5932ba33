"""The linter on the seed bank and on one small bank per check."""

from generator.lint import exit_status, lint_banks
from generator.reader import read_bank_file

from .conftest import SEED, read


def _codes(findings):
    return sorted((f.code, f.line) for f in findings)


def test_seed_findings():
    findings = lint_banks([read_bank_file(SEED)])
    by_code = {f.code: f for f in findings}
    assert set(by_code) == {"duplicate-question", "duplicate-title", "code-syntax"}
    assert "question 25" in by_code["duplicate-question"].message
    assert "question 18" in by_code["duplicate-question"].message
    assert "question 28" in by_code["duplicate-title"].message
    assert "question 16" in by_code["duplicate-title"].message
    syntax = by_code["code-syntax"]
    assert "question 13" in syntax.message
    assert SEED.read_text(encoding="utf-8").split("\n")[syntax.line - 1].startswith("client.build Images(")
    assert exit_status(findings) == 1
    assert str(syntax).startswith(f"{syntax.source}:{syntax.line}: warning: ")
    assert str(syntax).endswith("[code-syntax]")


def test_clean_bank_has_no_findings():
    bank = read("""
        ### 题目 1：一

        **答案：** A

        ### 题目 2：二

        **答案：** B
    """)
    assert lint_banks([bank]) == []
    assert exit_status([]) == 0


def test_numbering_duplicates_and_gaps_but_restarts_are_fine():
    bank = read("""
        ### 1. 一
        **答案：** A
        ### 2. 二
        **答案：** B
        ### 2. 三
        **答案：** C
        ### 5. 四
        **答案：** D
        ### 1. 新的部分
        **答案：** E
        ### 2. 新的部分二
        **答案：** F
    """)
    assert _codes(lint_banks([bank])) == [("duplicate-number", 5), ("numbering-gap", 7)]


def test_missing_and_empty_sections():
    bank = read("""
        ### 题目 1：一
        **答案：** A

        **解析：** 因为

        ### 题目 2：二
        **答案：** B

        **解析：** 因为

        ### 题目 3：三
        **题目：** 问

        **解析：**
    """)
    findings = lint_banks([bank])
    messages = [f.message for f in findings]
    assert _codes(findings) == [("empty-section", 14), ("missing-section", 11)]
    assert any("no answer" in m for m in messages)


def test_bank_wide_sections_are_expected_of_every_question():
    bank = read("""
        ### 题目 1：一
        **答案：** A

        **举例：** 例

        ### 题目 2：二
        **答案：** B
    """)
    (finding,) = lint_banks([bank])
    assert finding.code == "missing-section" and "example" in finding.message and finding.line == 6


def test_unknown_language_and_unclosed_fence():
    bank = read("""
        ### 题目 1：一
        **答案：** A

        ```nosuchlanguage
        x
        ```

        ```python
        print(1)
    """)
    findings = lint_banks([bank])
    assert _codes(findings) == [("unclosed-fence", 8), ("unknown-language", 4)]
    assert exit_status(findings) == 2


def test_duplicate_explicit_ids_are_errors():
    bank = read("""
        ### 题目 1：一 {#same}
        **答案：** A

        ### 题目 2：二 {#same}
        **答案：** B
    """)
    findings = lint_banks([bank])
    assert [(f.code, f.severity) for f in findings] == [("duplicate-id", "error")]


def test_image_and_link_findings_are_lints_as_they_are_build_warnings(tmp_path):

    from .conftest import run

    (tmp_path / "bank.md").write_text(
        "### 题目 1：一\n\n**答案：** 见图\n\n![图](missing.png)\n\n[本地](file:///etc/passwd)\n", "utf-8")
    findings = lint_banks([read_bank_file(tmp_path / "bank.md")])
    assert _codes(findings) == [("image", 5), ("link", 7)]
    build = run("build", str(tmp_path / "bank.md"), "--format", "json", "--out", str(tmp_path / "out"))
    assert build.returncode == 0
    import json

    warnings = json.loads((tmp_path / "out" / "bank.json").read_text("utf-8"))["warnings"]
    assert sorted((w["code"], w["line"]) for w in warnings) == [("image", 5), ("link", 7)]


def test_skipped_text_and_notes_do_not_count_as_errors():
    bank = read("""
        ### 1. 什么是进程？

        **答案：** 资源。

        ### 结语

        完。
        """)
    findings = lint_banks([bank])
    assert _codes(findings) == [("skipped-text", 5)]
    assert exit_status(findings) == 1


def test_numbering_gap_ignores_questions_without_a_number_and_restarts_per_part():
    bank = read("""
        ## 基础

        ### 1. 什么是进程？

        **答案：** 资源。

        ### 什么是线程？

        **答案：** 调度。

        ### 2. 什么是协程？

        **答案：** 用户态。

        ## 进阶

        ### 1. 什么是 GIL？

        **答案：** 锁。
        """)
    assert [q.number for q in bank.questions] == [1, None, 2, 1]
    assert lint_banks([bank]) == []


def test_a_long_answer_without_points_is_worth_splitting():
    prose = "检索增强先从知识库中找出相关文档，再把它们放进提示里让模型据此作答。" * 8  # 272 characters
    bank = read(f"""
        ### 题目 1：什么是检索增强？

        **答案：** {prose}

        ```python
        {"x = 1  # code is not counted" * 40}
        ```

        ### 题目 2：同样长，但有要点？

        **答案：**

        1. **召回：** {prose}
        2. **生成：** {prose}

        ### 题目 3：选择题的解释长，但按答案计分？

        A. 检索
        B. 生成

        **答案：** A。{prose}
        """)
    assert bank.questions[2].kind == "choice"
    long = [f for f in lint_banks([bank], long_answer=200) if f.code == "long-answer"]
    # 272 and the fence's 12 characters; the code inside does not count.
    assert [(f.line, f.severity) for f in long] == [(3, "warning")] and "284 characters" in long[0].message
    assert not [f for f in lint_banks([bank], long_answer=300) if f.code == "long-answer"]


def test_a_bank_with_no_answers_at_all_gets_one_finding_not_one_a_question():
    asked = read("""
        # Questions

        * What is a closure?
        * What is hoisting?
        * Explain event delegation.
        """)
    assert _codes(lint_banks([asked])) == [("missing-section", 3)]
    one_unanswered = read("""
        ### 1. What is a closure?

        **Answer:** A function with its scope.

        ### 2. What is hoisting?

        **Question:** Explain it with an example.

        ### 3. What is a promise?

        **Answer:** A value to come.
        """)
    assert _codes(lint_banks([one_unanswered])) == [("missing-section", 5)]


def test_a_title_many_questions_share_is_one_finding():
    bank = read("""
        ### 1. What will be the output?

        **Answer:** 1

        ### 2. What will be the output?

        **Answer:** 2

        ### 3. What will be the output?

        **Answer:** 3
        """)
    (finding,) = [f for f in lint_banks([bank]) if f.code == "duplicate-title"]
    assert finding.line == 5  # at the second of the three, for all of them


def test_long_titles_that_part_after_64_characters_are_different_titles():
    start = "Would you prefer gradient boosting trees or logistic regression for text classification with"
    bank = read(f"""
        ### 1. {start} bag of words?

        **Answer:** Boosting.

        ### 2. {start} embeddings?

        **Answer:** Logistic regression.

        ### 3. {start} embeddings!

        **Answer:** The same question, written again.
        """)
    assert len({q.id for q in bank.questions}) == 3
    (finding,) = [f for f in lint_banks([bank]) if f.code == "duplicate-title"]
    assert finding.line == bank.questions[2].line  # the third shares the second's title but for its punctuation
