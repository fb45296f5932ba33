"""Math marked as written, and rewritten for MathJax (``generator/renderers/math.py``)."""

import re

from generator.renderers.markup import MarkupRenderer
from generator.renderers.math import for_mathjax

TEXT = ("因为 $QK^T$ 的方差随 $ d_k $ 增大，与 \\(x_i < y\\)。\n\n价格 $5 和 $6 不是公式。\n\n`echo $HOME` 是代码。\n\n"
        "$$\n\\frac{QK^T}{\\sqrt{d_k}}\n$$\n\n行内 $$a^2$$ 完")


def test_each_formula_is_marked_and_shown_as_written():
    html = str(MarkupRenderer().block(TEXT, "bank.md", 1))
    assert '<span class="qgen-math">$QK^T$</span>' in html and '<span class="qgen-math">$ d_k $</span>' in html
    assert '<span class="qgen-math">\\(x_i &lt; y\\)</span>' in html
    assert '<div class="qgen-math">\n$$\n\\frac{QK^T}{\\sqrt{d_k}}\n$$\n</div>' in html
    assert "价格 $5 和 $6" in html and "<code>echo $HOME</code>" in html  # a price and code are no math


def test_mathjax_reads_marked_formulas_in_its_delimiters_and_nothing_else():
    """Anki and Moodle typeset ``\\(…\\)`` and ``\\[…\\]``, never ``$…$``."""
    html = for_mathjax(str(MarkupRenderer().block(TEXT, "bank.md", 1)))
    assert '<span class="qgen-math">\\(QK^T\\)</span>' in html and '<span class="qgen-math">\\( d_k \\)</span>' in html
    assert '<span class="qgen-math">\\(x_i &lt; y\\)</span>' in html  # written for MathJax already
    assert '<div class="qgen-math">\n\\[\n\\frac{QK^T}{\\sqrt{d_k}}\n\\]\n</div>' in html
    assert '<span class="qgen-math">\\[a^2\\]</span>' in html
    assert "价格 $5 和 $6" in html and "<code>echo $HOME</code>" in html


def test_prose_between_two_dollars_is_left_as_written():
    """MongoDB's ``$freelist`` and a later ``$`` in a sentence pair up as math; its
    sentence punctuation says it is prose, so no typesetter is asked to set it."""
    html = str(MarkupRenderer().block("名为 $freelist，用于记录盘区，会先查看$freelist。", "bank.md", 1))
    assert 'class="qgen-math"' in html and for_mathjax(html) == html


def test_the_study_page_gets_each_formula_as_mathml_and_what_it_cannot_read_as_written():
    """Browsers draw MathML with nothing to load; TeX that latex2mathml cannot read (``$}{$``),
    a price, code and prose between dollars stay as written."""
    from generator.renderers.math import as_mathml

    markup = MarkupRenderer()
    html = as_mathml(str(markup.block(TEXT + "\n\n坏的 $}{$ 公式", "bank.md", 1)))
    assert html.count("<math ") == 5 and html.count('display="block"') == 2  # $$…$$ alone and inline
    assert "<msup><mi>K</mi><mi>T</mi></msup>" in html and "<mi>i</mi></msub><mo>&#x0003C;</mo><mi>y</mi>" in html
    assert '<span class="qgen-math">$}{$</span>' in html
    assert "价格 $5 和 $6" in html and "<code>echo $HOME</code>" in html
    prose = str(markup.block("名为 $freelist，用于记录盘区，会先查看$freelist。", "bank.md", 1))
    assert as_mathml(prose) == prose


def test_papers_get_each_formula_as_svg_sized_to_its_line():
    """WeasyPrint draws SVG, not MathML: paths sized in ``em``, the baseline on the line's;
    CJK text (no glyph in the math font) and TeX ziamath cannot read stay as written."""
    from generator.renderers.math import as_svg

    html = as_svg(str(MarkupRenderer().block(TEXT + "\n\n中文 $\\text{分数}$ 与 $}{$ 照写", "bank.md", 1)))
    assert html.count("<svg ") == 5 and html.count("<path ") > 10 and "<use" not in html
    assert all(float(size) < 6 for size in re.findall(r'width="([\d.]+)em"', html))
    assert re.search(r'style="vertical-align: -0\.\d+em"', html)
    assert '<span class="qgen-math">$\\text{分数}$</span>' in html and '<span class="qgen-math">$}{$</span>' in html
    assert "价格 $5 和 $6" in html and "<code>echo $HOME</code>" in html


def test_a_formula_holding_a_chinese_comma_is_still_math():
    """DeepLearning-500 writes ``$$ \\frac{\\partial J}{\\partial w_j}=…\\;，\\frac{…}{…} $$``:
    punctuation beside TeX is part of the formula, not prose."""
    from generator.renderers.math import as_mathml

    html = str(MarkupRenderer().block("梯度：$\\frac{a}{n}\\;，\\frac{b}{n}$", "bank.md", 1))
    assert "\\(\\frac{a}{n}\\;，\\frac{b}{n}\\)" in for_mathjax(html) and "<math " in as_mathml(html)
