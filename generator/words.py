"""The words qgen prints on cards and papers, in the bank's language."""

from __future__ import annotations

WORDS = {
    "zh": {
        "question": "题目", "answer": "答案", "example": "举例", "explanation": "解析",
    },
    "en": {
        "question": "Question", "answer": "Answer", "example": "Example", "explanation": "Explanation",
    },
}


def interface_language(language: str) -> str:
    """"zh-CN", "zh" -> "zh"; anything else -> "en"."""
    return "zh" if language.lower().startswith("zh") else "en"


def words_for(language: str) -> dict[str, str]:
    return WORDS[interface_language(language)]
