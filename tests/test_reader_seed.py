"""The user's own bank, read whole."""

from generator.reader import read_bank_file

from .conftest import SEED, assert_spans_cover, count_lines


def test_seed_has_thirty_complete_questions():
    bank = read_bank_file(SEED)
    assert len(bank.questions) == 30
    assert [q.number for q in bank.questions] == list(range(1, 31))
    for question in bank.questions:
        for kind in ("question", "answer", "example", "explanation"):
            assert question.section(kind), f"question {question.number} lacks {kind}"
        assert question.extra == ()


def test_seed_code_blocks_are_the_thirty_python_examples():
    bank = read_bank_file(SEED)
    blocks = [block for q in bank.questions for block in q.code]
    assert len(blocks) == 30
    assert {block.lang for block in blocks} == {"python"}
    assert {block.section for block in blocks} == {"example"}


def test_seed_first_question_fields():
    first = read_bank_file(SEED).questions[0]
    assert first.title == "如何在大模型时代构建可扩展的架构？"
    assert first.line == 3
    assert first.question == "大模型训练需要大量计算资源，如何设计一个可扩展的架构来应对这一需求？"
    assert first.answer.startswith("在大模型时代，构建可扩展的架构通常需要考虑以下几个方面：\n\n1. **分布式计算：**")
    assert first.answer.endswith("来自动化地管理和分配计算资源。")
    assert first.example.startswith("```python\n# TensorFlow 分布式训练示例")
    assert first.example.endswith("model.fit(dataset, epochs=10)\n```")
    assert first.explanation.startswith("在这个例子中")
    assert first.code[0].line == 17  # the line of the opening fence
    assert first.code[0].text.startswith("# TensorFlow 分布式训练示例\nimport tensorflow as tf\n")


def test_seed_ids_are_unique_and_come_from_titles():
    bank = read_bank_file(SEED)
    ids = [q.id for q in bank.questions]
    assert len(set(ids)) == 30
    assert ids[0] == "如何在大模型时代构建可扩展的架构"
    # 16 and 28 share a title, and so do 18 and 25, which are identical: each gets a hash of
    # its question text, whatever the order; the identical second one also gets "-2".
    assert ids[15].startswith("如何进行大模型训练的可解释性优化-")
    assert ids[27].startswith("如何进行大模型训练的可解释性优化-") and ids[27] != ids[15]
    assert ids[24] == ids[17] + "-2"


def test_seed_spans_are_its_thirty_questions():
    bank = read_bank_file(SEED)
    assert_spans_cover(bank, count_lines(SEED.read_text("utf-8")))
    assert [span.kind for span in bank.spans] == ["question"] * 30
    assert bank.findings == () and bank.parts == ()
    assert [q.end_line + 1 for q in bank.questions[:-1]] == [q.line for q in bank.questions[1:]]
