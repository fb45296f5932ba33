"""Deterministic question banks in the seed format, for benchmarks.

A third of the questions carry two code blocks in different languages (every block
differs from every other); answers are long; half the bank is Chinese, half English.
Same arguments, same bytes."""

from __future__ import annotations

import argparse
import random
from pathlib import Path

ZH_WORDS = "模型 训练 数据 推理 分布式 优化 内存 梯度 参数 架构 部署 评估 缓存 调度 并行 量化".split()
EN_WORDS = "model training data inference cluster gradient memory cache latency shard batch token".split()
PYTHON = ["import numpy as np", "lr = 0.01  # 学习率", "x = np.zeros(8)", "# 注释：计算梯度",
          "loss = float((x ** 2).sum())", "print(f'loss={loss:.3f}')"]
GO = ["package main", "func main() {", '    fmt.Println("hello")', "}"]


def sentence(rng: random.Random, zh: bool, words: int) -> str:
    vocab = ZH_WORDS if zh else EN_WORDS
    text = ("" if zh else " ").join(rng.choice(vocab) for _ in range(words))
    return text + ("。" if zh else ".")


def question(rng: random.Random, number: int) -> str:
    zh = number % 2 == 0
    title = sentence(rng, zh, 6)[:-1] + ("？" if zh else "?")
    points = "\n".join(f"{i}. **{sentence(rng, zh, 2)[:-1]}：** {sentence(rng, zh, 18)}" for i in range(1, 6))
    # Every block differs, as in a real bank, so no cache of highlighted code can help.
    code = "```python\n" + f"batch_size = {8 * number}\n" + "\n".join(rng.sample(PYTHON, 4)) + "\n```"
    if number % 3 == 0:
        code += "\n\n```go\n" + "\n".join(GO).replace("hello", f"hello {number}") + "\n```"
    labels = ("题目", "答案", "举例", "解析", "：") if zh else ("Question", "Answer", "Example", "Explanation", ":")
    q, a, e, x, colon = labels
    heading = f"### 题目 {number}：{title}" if zh else f"### Question {number}: {title}"
    return (f"{heading}\n\n**{q}{colon}** {sentence(rng, zh, 12)}\n\n**{a}{colon}** {sentence(rng, zh, 8)}\n\n"
            f"{points}\n\n**{e}{colon}**\n\n{code}\n\n**{x}{colon}** {sentence(rng, zh, 30)}\n")


def generate_bank(count: int, seed: int = 7) -> str:
    rng = random.Random(seed)  # only for benchmark text; exact sequence does not matter
    return "\n".join(question(rng, n) for n in range(1, count + 1))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("count", type=int)
    parser.add_argument("output", type=Path)
    args = parser.parse_args()
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(generate_bank(args.count), encoding="utf-8")


if __name__ == "__main__":
    main()
