"""Code highlighting (``generator/renderers/highlight.py``)."""

from pygments.token import Error

from generator.renderers.highlight import (DAY_STYLE, NIGHT_STYLE, PRINT_STYLE, _tokens, code_stylesheet,
                                           highlight_inline)

JSX = """function Counter() {
  return (
    <div style={{ textAlign: 'center' }}>
      <h2>Count: {state.count}</h2>
      <button onClick={() => dispatch({ type: 'reset' })}>Reset</button>
    </div>
  );
}"""


def _errors(code, lang):
    return [value for kind, value in _tokens(code, lang) if kind in Error]


def test_jsx_in_a_javascript_fence_is_read_as_jsx_and_plain_javascript_as_javascript():
    assert _errors(JSX, "js") == _errors(JSX, "javascript") == []
    tokens = list(_tokens("if (a < b && c > d) { run(); }", "js"))
    assert [kind for kind, value in tokens if value == "<"] != []
    assert not any("Tag" in str(kind) for kind, _ in tokens)  # a comparison, not an element
    assert _errors("const x: JSX.Element = <Box size={2} />;", "tsx") == []


def test_text_no_lexer_can_read_is_not_boxed_in_red():
    for style in (DAY_STYLE, NIGHT_STYLE, PRINT_STYLE):
        rules = [line for line in code_stylesheet(style, (".qgen-code",)).splitlines() if " .err " in line]
        assert all("border" not in rule and "background" not in rule for rule in rules)
    assert "border" not in highlight_inline("x = 1 ~~~ @@@ ???", "python", "default")
