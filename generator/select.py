"""Banks + seed + count -> Papers: a pure function of its inputs.

Order comes from SHA-256 of the seed and each question's identity, not from ``random``,
whose sequences may change between Python versions: the same seed and sources give the
same paper on any machine.
"""

from __future__ import annotations

import hashlib
import secrets
import string
from pathlib import Path

from .errors import UsageError
from .lint import content_key
from .model import Bank, Paper, Question

MAX_VARIANTS = 26


def new_seed() -> int:
    """A seed for a user who did not give one; printed so the paper can be made again."""
    return 100000 + secrets.randbelow(900000)


def distinct_questions(banks: list[Bank]) -> list[Question]:
    """Every question once: identical copies (same sections) count as one, the first kept."""
    seen, pool = set(), []
    for bank in banks:
        for question in bank.questions:
            key = content_key(question)
            if key not in seen:
                seen.add(key)
                pool.append(question)
    return pool


def _rank(seed: int, salt: str, question: Question) -> bytes:
    identity = f"{seed}\x00{salt}\x00{Path(question.source).name}\x00{question.id}"
    return hashlib.sha256(identity.encode("utf-8")).digest()


def select_papers(banks: list[Bank], count: int | None, shuffle: bool, seed: int | None,
                  variants: int, source_hash: str) -> list[Paper]:
    """``variants`` papers with the same ``count`` questions, each in its own order.

    Without ``shuffle`` the paper takes the first questions in document order (and further
    variants only reorder them); with it, the seed picks which questions and their order."""
    if variants < 1 or variants > MAX_VARIANTS:
        raise UsageError(f"--variants must be between 1 and {MAX_VARIANTS}, not {variants}")
    pool = distinct_questions(banks)
    total = sum(len(bank.questions) for bank in banks)
    if count is None:
        count = len(pool)
    if count < 1:
        raise UsageError(f"--count must be at least 1, not {count}")
    if count > len(pool):
        same = total - len(pool)
        duplicates = f" ({same} identical {'one' if same == 1 else 'ones'} counted once)" if same else ""
        raise UsageError(f"--count {count} asks for more questions than the bank has: "
                         f"{len(pool)} distinct{duplicates}")
    if (shuffle or variants > 1) and seed is None:
        raise UsageError("a shuffled paper needs a seed")
    chosen = sorted(pool, key=lambda q: _rank(seed, "pick", q))[:count] if shuffle else pool[:count]
    papers = []
    for letter in string.ascii_uppercase[:variants]:
        if shuffle or variants > 1:
            order = tuple(sorted(chosen, key=lambda q: _rank(seed, f"order-{letter}", q)))
        else:
            order = tuple(chosen)
        papers.append(Paper(letter, seed if (shuffle or variants > 1) else None, order, source_hash,
                            shuffled=shuffle or variants > 1))
    return papers
