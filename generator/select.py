"""Banks + seed + count -> Papers: a pure function of its inputs.

Order comes from SHA-256 of the seed and each question's identity, not from ``random``,
whose sequences may change between Python versions: the same seed and sources give the
same paper on any machine.
"""

from __future__ import annotations

import hashlib
import secrets
import string
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .attributes import DIFFICULTIES
from .choices import LAST_OPTIONS
from .errors import UsageError
from .ids import part_name
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


@dataclass(frozen=True)
class Draw:
    """How a paper's questions are drawn besides the seed: the weak ones first (``strength``
    per question, from the history; lower is weaker), the ones to leave out (the last
    papers'), and quotas: at least so many questions of a part, a tag or a difficulty.
    Questions are named by (bank file, id), as ``Question.source`` and ``Question.id``."""

    strength: dict[tuple[str, str], float] | None = None
    leave_out: frozenset[tuple[str, str]] = frozenset()
    quota: tuple[tuple[str, int], ...] = ()
    history: str | None = None  # the digest of the history drawn from, for the manifest
    weak: float = 0.6  # below this strength a question is weak (history.WEAK)


def select_papers(banks: list[Bank], count: int | None, shuffle: bool, seed: int | None,
                  variants: int, source_hash: str, draw: Draw = Draw(), shuffle_options: bool = False) -> list[Paper]:
    """``variants`` papers with the same ``count`` questions, each in its own order.

    Without ``shuffle`` the paper takes the first questions in document order (and further
    variants only reorder them); with it, the seed picks which questions and their order.
    ``draw`` puts the weak questions first, leaves some out and fills quotas."""
    if variants < 1 or variants > MAX_VARIANTS:
        raise UsageError(f"--variants must be between 1 and {MAX_VARIANTS}, not {variants}")
    pool = distinct_questions(banks)
    total = sum(len(bank.questions) for bank in banks)
    if draw.leave_out:
        kept = [q for q in pool if _key(q) not in draw.leave_out]
        if count is not None and count > len(kept):
            raise UsageError(f"--count {count} asks for more questions than are left after leaving out the "
                             f"recent papers' {len(pool) - len(kept)}: {len(kept)}")
        pool = kept
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
    priority = sorted(pool, key=lambda q: _rank(seed, "pick", q)) if shuffle else list(pool)
    if draw.strength is not None:
        # The weak (weakest first), then those never scored, then the ones already known
        # (the best known last); stable sorts, so the seed breaks ties.
        scored = sorted((q for q in priority if _key(q) in draw.strength), key=lambda q: draw.strength[_key(q)])
        weak = [q for q in scored if draw.strength[_key(q)] < draw.weak]
        priority = weak + [q for q in priority if _key(q) not in draw.strength] + scored[len(weak):]
    picked = {_key(q) for q in quota_questions(priority, draw.quota, count, bool(draw.leave_out))}
    picked.update(_key(q) for q in [q for q in priority if _key(q) not in picked][:count - len(picked)])
    chosen = [q for q in (priority if shuffle else pool) if _key(q) in picked]
    papers = []
    for letter in string.ascii_uppercase[:variants]:
        if shuffle or variants > 1:
            order = tuple(sorted(chosen, key=lambda q: _rank(seed, f"order-{letter}", q)))
        else:
            order = tuple(chosen)
        options = tuple(_option_order(q, seed, letter) if shuffle_options and seed is not None
                        else tuple(o.key for o in q.options) for q in order)
        papers.append(Paper(letter, seed if (shuffle or variants > 1) else None, order, source_hash,
                            shuffled=shuffle or variants > 1, history=draw.history, option_orders=options))
    return papers


def _option_order(question: Question, seed: int, variant: str) -> tuple[str, ...]:
    """The question's option keys in a seeded order of the variant's own; options that speak
    of the others ("以上都是", "none of the above") stay last, in their order."""
    keys = list(dict.fromkeys(option.key for option in question.options))
    texts = {option.key: option.text for option in question.options}
    last = [key for key in keys if LAST_OPTIONS.search(texts[key])]
    moving = sorted((key for key in keys if key not in last),
                    key=lambda key: hashlib.sha256(f"{seed}\x00options-{variant}\x00{question.id}\x00{key}"
                                                   .encode("utf-8")).digest())
    return tuple(moving + last)


def _key(question: Question) -> tuple[str, str]:
    return question.source, question.id


def in_group(question: Question, key: str) -> bool:
    """A quota's key names a part (with or without its numbering), a tag or a difficulty."""
    return (key in (question.part, part_name(question.part)) or key in question.tags
            or (question.difficulty is not None and DIFFICULTIES.get(key.lower()) == question.difficulty))


def quota_questions(priority: list[Question], quota: tuple[tuple[str, int], ...], count: int,
                    some_left_out: bool = False) -> list[Question]:
    """The fewest questions that meet every quota (at least ``n`` of a group; a question
    counts for each group it is in), each group's taken in ``priority`` order. Groups
    overlap (a part and a difficulty), so the counts per kind of question (the set of
    groups it is in) are found by a search over the deficits, small for real quotas.
    Raises UsageError naming the quota that cannot be met."""
    if not quota:
        return []
    keys = [key for key, _ in quota]
    for key, needed in quota:
        members = sum(1 for q in priority if in_group(q, key))
        if members < needed:
            where = "left after leaving out the recent papers'" if some_left_out else "of the bank"
            raise UsageError(f"exam.quota {key}: {needed} cannot be met: {members} question"
                             f"{'s' * (members != 1)} {where} {'are' if members != 1 else 'is'} in “{key}”"
                             + (" (is it a part, a tag or a difficulty?)" if not members and not some_left_out else ""))
    kinds: dict[frozenset, list[Question]] = {}
    for question in priority:
        groups = frozenset(i for i, key in enumerate(keys) if in_group(question, key))
        if groups:
            kinds.setdefault(groups, []).append(question)
    order = list(kinds)

    @lru_cache(maxsize=None)
    def fewest(index: int, deficits: tuple[int, ...]) -> tuple[float, tuple[int, ...]]:
        if not any(deficits):
            return 0, ()
        if index == len(order):
            return float("inf"), ()
        groups = order[index]
        best: tuple[float, tuple[int, ...]] = (float("inf"), ())
        most = min(len(kinds[groups]), max(deficits[g] for g in groups))
        for taken in range(most + 1):
            after = tuple(max(0, d - taken) if g in groups else d for g, d in enumerate(deficits))
            rest, plan = fewest(index + 1, after)
            if taken + rest < best[0]:
                best = (taken + rest, (taken, *plan))
        return best

    needed, plan = fewest(0, tuple(n for _, n in quota))
    fewest.cache_clear()
    if needed > count:
        raise UsageError(f"exam.quota needs at least {int(needed)} questions and --count is {count}")
    return [q for groups, taken in zip(order, plan) for q in kinds[groups][:taken]]
