"""Display math that CommonMark alone would read as a setext heading stays in its answer."""

from .conftest import assert_spans_cover, count_lines, read

MATRICES = """
### 1. 矩阵乘法怎么算？

$$
\\begin{pmatrix}
x' \\\\
y'
\\end{pmatrix}
=
\\begin{pmatrix}
1 & 2 \\\\
3 & 4
\\end{pmatrix}
\\begin{pmatrix}
5 \\\\
6
\\end{pmatrix}
=
\\begin{pmatrix}
17 \\\\
39
\\end{pmatrix}
$$

### 2. 什么是转置？

行列互换。

Setext 标题
-----------

### 3. 什么是逆矩阵？

乘积为单位矩阵。
"""


def test_a_line_of_equals_inside_math_is_no_heading():
    bank = read(MATRICES)
    first = bank.questions[0]
    assert first.answer.startswith("$$\n\\begin{pmatrix}") and first.answer.endswith("39\n\\end{pmatrix}\n$$")
    assert [f.code for f in bank.findings] == [] and [q.title for q in bank.questions][1:] == ["什么是转置？", "什么是逆矩阵？"]
    assert [part.title for part in bank.parts] == ["Setext 标题"]  # a heading outside math still is one
    assert_spans_cover(bank, count_lines(MATRICES.lstrip("\n")))
