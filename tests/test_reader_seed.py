"""The user's own bank, read whole."""

import gc

import pytest

from generator.reader import read_bank_file, read_banks
from generator.sources import SourceErrors

from .conftest import SEED


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
    # 16 and 28 share a title; 18 and 25 are identical: the later ones get a suffix.
    assert ids[15] == "如何进行大模型训练的可解释性优化"
    assert ids[27].startswith("如何进行大模型训练的可解释性优化-")
    assert ids[24].startswith(ids[17] + "-")


def test_reading_gives_the_collector_back_as_it_found_it(tmp_path):
    """Reading pauses the cyclic collector; a long-running caller gets it back, after an
    error too, and what was read is frozen out of the collector's later walks."""
    assert gc.isenabled()
    frozen = gc.get_freeze_count()
    read_banks([str(SEED)])
    assert gc.isenabled()
    assert gc.get_freeze_count() > frozen
    (tmp_path / "empty.md").write_text("no questions here\n", encoding="utf-8")
    with pytest.raises(SourceErrors):
        read_banks([str(tmp_path / "empty.md")])
    assert gc.isenabled()
    gc.disable()
    try:
        read_banks([str(SEED)])
        assert not gc.isenabled()
    finally:
        gc.enable()
