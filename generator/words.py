"""The words qgen prints on cards and papers, in the bank's language."""

from __future__ import annotations

from .labels import label_for
from .languages import interface_language
from .model import SECTION_KINDS

WORDS = {
    "zh": {
        "exam": "模拟试卷", "key": "参考答案", "variant_label": "试卷", "variant": "{v} 卷",
        "date": "日期", "seed": "种子", "count": "题数", "name": "姓名", "id": "学号", "score": "得分",
        "page_before": "第 ", "page_middle": " 页 / 共 ", "page_after": " 页",
        "search": "搜索题目…", "show_answer": "显示答案", "no_match": "没有符合的题目。",
        "shortcuts": "按 / 搜索，j / k 切换题目，回车展开答案",
        "interview": "面试评分表", "candidate": "候选人", "interviewer": "面试官", "role": "岗位",
        "minutes": "分钟", "points": "要点", "point_unit": "分", "followups": "追问", "notes": "记录",
        "level": "评级", "summary": "汇总", "total": "总分", "recommendation": "建议",
        "levels": "差 一般 良好 优秀",
        "practice": "练习模式", "download": "下载结果", "reset": "清除结果", "start": "开始计时",
        "answer_aloud": "先口头作答，再展开答案", "points_made": "答到的要点",
        "report": "练习报告", "report_from": "依据 %d 份结果", "report_anki": "含 Anki 复习记录",
        "weakest": "最薄弱的题目", "part": "部分", "attempts": "次数", "last_seen": "最近",
        "strength": "掌握度", "never_scored": "另有 %d 道题还没有结果。", "parts": "各部分", "tags": "标签",
        "missed": "最常漏掉的要点", "missed_times": "漏掉",
        "your_answer": "答：", "more_than_one": "（多选）", "true_word": "对", "false_word": "错",
        "answer_grid": "答题卡", "right": "答对了", "wrong": "答错了", "right_option": "正确",
        "difficulty": "难度", "frequency": "频率", "tag": "标签", "any": "全部", "anki_column": "Anki 复习 / 遗忘 · 难易度",
        "marks": "%d 分", "one_mark": "1 分", "in_brackets": "（%s）", "full_marks": "满分", "mark_each_point": "每个要点 1 分",
        "marking": "评分：",
        "difficulty_easy": "简单", "difficulty_medium": "中等", "difficulty_hard": "困难",
        "frequency_high": "高频", "frequency_medium": "中频", "frequency_low": "低频",
    },
    "en": {
        "exam": "Mock exam", "key": "Answer key", "variant_label": "Variant", "variant": "Variant {v}",
        "date": "Date", "seed": "Seed", "count": "Questions", "name": "Name", "id": "ID", "score": "Score",
        "page_before": "Page ", "page_middle": " of ", "page_after": "",
        "search": "Search questions…", "show_answer": "Show answer", "no_match": "No question matches.",
        "shortcuts": "/ to search, j / k to move between questions, Enter to show the answer",
        "interview": "Interview scoring sheet", "candidate": "Candidate", "interviewer": "Interviewer",
        "role": "Role", "minutes": "min", "points": "Points", "point_unit": "pt", "followups": "Follow-ups",
        "notes": "Notes", "level": "Level", "summary": "Summary", "total": "Total",
        "recommendation": "Recommendation", "levels": "poor mixed good excellent",
        "practice": "Practice", "download": "Download results", "reset": "Clear results", "start": "Start timer",
        "answer_aloud": "Answer aloud, then show the answer", "points_made": "Points you made",
        "report": "Practice report", "report_from": "from %d results", "report_anki": "with Anki's reviews",
        "weakest": "Weakest questions", "part": "Part", "attempts": "Attempts", "last_seen": "Last seen",
        "strength": "Strength", "never_scored": "%d more questions have no result yet.", "parts": "Parts",
        "tags": "Tags", "missed": "Points most often missed", "missed_times": "Missed",
        "your_answer": "Answer:", "more_than_one": "(one or more)", "true_word": "True", "false_word": "False",
        "answer_grid": "Answer grid", "right": "Right", "wrong": "Wrong", "right_option": "correct",
        "difficulty": "Difficulty", "frequency": "Asked", "tag": "Tag", "any": "any",
        "anki_column": "Anki reviews / lapses · ease",
        "marks": "%d marks", "one_mark": "1 mark", "in_brackets": "(%s)", "full_marks": "Marks", "mark_each_point": "1 mark for each point",
        "marking": "Marking: ",
        "difficulty_easy": "easy", "difficulty_medium": "medium", "difficulty_hard": "hard",
        "frequency_high": "often asked", "frequency_medium": "sometimes asked", "frequency_low": "rarely asked",
    },
}


def words_for(language: str) -> dict[str, str]:
    """The interface words, with the section labels from the one label table."""
    lang = interface_language(language)
    return {**WORDS[lang], **{kind: label_for(kind, lang) for kind in SECTION_KINDS}}
