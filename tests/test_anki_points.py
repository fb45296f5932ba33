"""Per-point cards in the real Anki: imported, reviewed through Anki's own scheduler, and
their review history kept through edits of the bank (reworded, inserted, deleted points)."""

import json

from .conftest import build_deck as build, deck_changes, import_package

BANK = """# 检索增强

### 题目 1：什么是检索增强生成？

**答案：**

1. **召回：** 用稠密或稀疏检索找出相关文档。
2. **重排：** 用交叉编码器给候选文档重新打分。
3. **生成：** 把文档放进提示，让模型据此作答。
4. **评估：** 看召回率、忠实度与答案相关性。

### 题目 2：如何微调大模型？

**答案：**

1. **数据：** 准备高质量的指令数据。
2. **方法：** 全参数微调或 LoRA。
3. **评估：** 在留出集上比较。

### 题目 3：什么是提示工程？

**答案：** 设计输入，让模型给出想要的输出。
"""


def point_cards(collection) -> dict[str, dict]:
    """Every point card by its note's Id (``question/point``): its schedule and its reviews."""
    cards = {}
    for card_id in collection.find_cards('note:"qgen point (zh)"'):
        card = collection.get_card(card_id)
        reviews = collection.db.list("select id from revlog where cid = ? order by id", card_id)
        cards[card.note()["Id"]] = {"ivl": card.ivl, "due": card.due, "type": card.type, "reps": card.reps,
                                    "reviews": reviews, "text": card.note()["Text"]}
    return cards


def review_all(collection, deck_name: str) -> int:
    """Answer every card of the deck once, "easy" (so that each leaves learning at once,
    with an interval), as a user would in the review screen."""
    collection.decks.select(collection.decks.id_for_name(deck_name))
    answered = 0
    while (card := collection.sched.getCard()) is not None:
        collection.sched.answerCard(card, 4)
        answered += 1
    return answered


def rebuild(bank, out, old: str, new: str):
    bank.write_text(bank.read_text("utf-8").replace(old, new, 1), "utf-8")
    result = build(bank, "--out", out, "--cards", "answer,points")
    return json.loads((out / "bank.anki.json").read_text("utf-8"))["changes"]["point"], result


def test_point_cards_keep_their_history_through_rewording_inserting_and_deleting(collection, tmp_path):
    bank, out = tmp_path / "bank.md", tmp_path / "out"
    bank.write_text(BANK, "utf-8")
    build(bank, "--out", out, "--cards", "answer,points")
    log = import_package(collection, out / "bank.apkg")
    assert len(log.new) == 3 + 7  # three answer notes, 4 + 3 point notes; question 3 has one point: none
    assert review_all(collection, "检索增强::要点") == 7
    reviewed = point_cards(collection)
    assert all(card["reps"] == 1 and card["ivl"] >= 1 and len(card["reviews"]) == 1 for card in reviewed.values())

    # (a) Point 2 of question 1 reworded: it keeps its own history, its text changes in place.
    changes, _ = rebuild(bank, out, "用交叉编码器给候选文档重新打分。", "用交叉编码器或 LLM 给候选重新排序。")
    assert (changes["added"], changes["changed"], changes["removed"]) == ([], ["什么是检索增强生成/重排"], [])
    log = import_package(collection, out / "bank.apkg")
    assert (len(log.new), len(log.updated)) == (0, 2)  # the point's note and question 1's answer note
    after = point_cards(collection)
    assert after["什么是检索增强生成/重排"]["text"] == "用交叉编码器或 LLM 给候选重新排序。"
    assert _schedules(after) == _schedules(reviewed)

    # (b) A point inserted before point 2: new and unreviewed; every other card as it was. Its
    # neighbours' fronts list it, so question 1's other point notes are updated in place.
    changes, _ = rebuild(bank, out, "2. **重排：**", "2. **切块：** 把长文档切成段落。\n2. **重排：**")
    assert changes["added"] == ["什么是检索增强生成/切块"] and changes["removed"] == []
    import_package(collection, out / "bank.apkg")
    inserted = point_cards(collection)
    assert inserted.pop("什么是检索增强生成/切块")["type"] == 0  # new
    assert _schedules(inserted) == _schedules(reviewed)

    # (c) The last point of question 2 deleted: listed as removed; the rest keep their history.
    changes, result = rebuild(bank, out, "3. **评估：** 在留出集上比较。\n", "")
    assert changes["removed"] == ["如何微调大模型/评估"] and changes["added"] == []
    assert "0 point notes" not in result.stdout and "1 removed" in result.stdout
    import_package(collection, out / "bank.apkg")
    last = point_cards(collection)
    assert _schedules(last) == _schedules({**reviewed, "什么是检索增强生成/切块": last["什么是检索增强生成/切块"]})
    # Nothing duplicated: one card per point ever built (Anki keeps a removed one until deleted).
    assert sorted(last) == sorted({*reviewed, "什么是检索增强生成/切块"})
    assert collection.note_count() == 3 + 8


def _schedules(cards: dict[str, dict]) -> dict[str, tuple]:
    return {key: (card["ivl"], card["due"], card["type"], card["reviews"]) for key, card in cards.items()}


def test_a_point_card_asks_for_one_point_with_its_neighbours_labels(collection, tmp_path):
    bank, out = tmp_path / "bank.md", tmp_path / "out"
    bank.write_text(BANK, "utf-8")
    build(bank, "--out", out, "--cards", "points")
    assert deck_changes(out)["notes"] == 0 and deck_changes(out, "point")["notes"] == 7
    import_package(collection, out / "bank.apkg")
    (card_id,) = collection.find_cards('"Id:什么是检索增强生成/重排"')
    card = collection.get_card(card_id)
    front, back = card.question(), card.answer()
    assert "什么是检索增强生成" in front and "要点 2 / 4" in front
    assert all(label in front for label in ("召回", "生成", "评估")) and "重排" not in front
    assert "用交叉编码器" not in front and "用交叉编码器给候选文档重新打分" in back and "重排" in back
    assert collection.decks.name(card.did) == "检索增强::要点"


def test_a_point_without_a_written_label_is_said_once_on_its_cards_back(collection, tmp_path):
    """The back showed the label as a heading and then the text that begins with it."""
    bank, out = tmp_path / "bank.md", tmp_path / "out"
    bank.write_text("### What are props in React?\n\n**Answer:**\n\n- Pass custom data to your component.\n"
                    "- **Re-render:** a new prop value renders the component again.\n", "utf-8")
    build(bank, "--out", out, "--cards", "points")
    import_package(collection, out / "bank.apkg")
    backs = {}
    for card_id in collection.find_cards('note:"qgen point (en)"'):
        card = collection.get_card(card_id)
        backs[card.note()["Text"]] = (card.note()["Label"], card.answer())
    label, back = backs["Pass custom data to your component."]
    assert label == "" and back.count("Pass custom data to your") == 1
    assert "<h3></h3>" in back and ".qgen-point h3:empty { display: none; }" in back
    label, back = backs["a new prop value renders the component again."]
    assert label == "Re-render" and "<h3>Re-render</h3>" in back
