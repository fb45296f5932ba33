"""``qgen lint --check-apis``: examples that call what does not exist, checked against the
real numpy installed in the test environment."""

import sys

import pytest

from generator.api_check import _ApiCache, check_apis, uses_in

from .conftest import read
from .conftest import run

numpy = pytest.importorskip("numpy")

BANK = """# 数值计算

### 题目 1：如何计算向量的范数？

**答案：** 用 numpy。

**举例：**

```python
import numpy as np
from numpy.linalg import norm
import os.path as paths

x = np.array([3.0, 4.0])
print(np.linalg.norm(x, ord=2))
print(np.linalg.norm(x, order=2))
print(np.linalg.nrom(x))
m = np.sparse.csr_matrix((3, 3))
print(norm(x, keepdims=True), paths.joinn("a", "b"))
```

### 题目 2：如何用不存在的库？

**答案：** 装上再用。

```python
import not_a_real_module_xyz as fake
from not_a_real_module_xyz.sub import thing
fake.run(thing)
```

### 题目 3：写错的代码？

**答案：** 不能解析。

```python
from numpy import sparse
np.sparse(
```
"""


@pytest.fixture
def findings(tmp_path):
    return check_apis([read(BANK)], sys.executable, tmp_path / "apis.json")


def found(findings, code):
    return [(f.line, f.message) for f in findings if f.code == code]


def test_missing_names_and_keywords_are_warnings_at_their_lines_with_a_suggestion(findings):
    assert found(findings, "api-missing") == [
        (16, "“numpy.linalg.norm” takes no keyword argument “order”; did you mean “ord”?"),
        (17, "“numpy.linalg” has no “nrom”; did you mean “norm”?"),
        (18, "“numpy” has no “sparse”"),
        (19, "“os.path” has no “joinn”; did you mean “join”?"),
    ]
    assert all(f.severity == "warning" and f.source == "bank.md" for f in findings if f.code == "api-missing")


def test_a_module_that_is_not_installed_is_one_note(findings):
    assert found(findings, "api-unknown-module") == [
        (27, "module “not_a_real_module_xyz” is not installed in this Python, so nothing of it was checked")]
    assert {f.severity for f in findings if f.code == "api-unknown-module"} == {"note"}


def test_a_block_that_does_not_parse_is_left_to_code_syntax(findings):
    assert not [f for f in findings if f.line and f.line >= 36]
    assert uses_in("from numpy import sparse\nnp.sparse(\n", 0, None) == []


INSTANCES = """# 标准库

### 题目 1：如何计数并开线程？

**答案：** 用 Counter 和 Thread。

```python
from collections import Counter
import threading
import os

c = Counter("abcab")
print(c.most_commn(2), c.most_common(1), c.total_count)
t = threading.Thread(target=print)
t.strat()
t.start(daemon=True)
x = os.path.join("a", "b")
print(x.uper())
d = Counter()
d = 5
d.foo()
s = threading.Threadd()
s.start()
```
"""


def test_methods_called_on_an_instance_of_an_imported_class_are_looked_up_on_the_class(tmp_path):
    findings = check_apis([read(INSTANCES)], sys.executable, tmp_path / "apis.json")
    assert found(findings, "api-missing") == [
        (13, "“collections.Counter()” has no “most_commn”; did you mean “most_common”?"),
        (15, "“threading.Thread()” has no “strat”; did you mean “start”?"),
        (16, "“threading.Thread().start” takes no keyword argument “daemon”"),
        (22, "“threading” has no “Threadd”; did you mean “Thread”?"),
    ]  # an attribute read (total_count), what a function returns (x), a name bound twice (d) are not judged,
    # and a missing class is said once, where it is called, not again at its instance's methods (s.start)


def test_answers_are_cached_by_interpreter_and_module_version(tmp_path, findings):
    cache = _ApiCache(tmp_path / "apis.json", sys.executable)
    assert cache.version_knowing("numpy", [(("linalg", "nrom"), ())]) == numpy.__version__  # asked: not imported again
    assert cache.version_knowing("numpy", [(("linalg", "nrom"), ()), (("linalg", "svd"), ())]) is None  # a new use
    assert _ApiCache(tmp_path / "apis.json", "/another/python").version_knowing("numpy", [(("linalg", "nrom"), ())]) is None
    again = check_apis([read(BANK)], sys.executable, tmp_path / "apis.json")
    assert again == findings


def test_qgen_lint_check_apis_against_a_named_python(tmp_path):
    (tmp_path / "bank.md").write_text(BANK, "utf-8")
    done = run("lint", "--check-apis", "--python", sys.executable, "bank.md", cwd=tmp_path)
    assert done.returncode == 1 and "bank.md:17: warning: “numpy.linalg” has no “nrom”" in done.stdout
    plain = run("lint", "bank.md", cwd=tmp_path)
    assert "api-" not in plain.stdout  # importing is opt-in
    (tmp_path / "qgen.yaml").write_text(f"lint:\n  check_apis: true\n  python: {sys.executable}\n", "utf-8")
    configured = run("lint", "bank.md", cwd=tmp_path)
    assert "bank.md:17: warning: “numpy.linalg” has no “nrom”" in configured.stdout
    (tmp_path / "qgen.yaml").unlink()
    missing = run("lint", "--check-apis", "--python", "/no/such/python", "bank.md", cwd=tmp_path)
    assert missing.returncode == 2 and "cannot run /no/such/python" in missing.stdout
    assert "Traceback" not in missing.stderr


def test_the_seed_banks_np_sparse_is_found_and_unchecked_modules_are_named(tmp_path):
    from .conftest import SEED

    done = run("lint", "--check-apis", str(SEED), cwd=tmp_path)
    lines = [line for line in done.stdout.splitlines() if "[api-" in line]
    assert any(line.endswith(":145: warning: “numpy” has no “sparse” [api-missing]") for line in lines)
    unchecked = [line.split("“")[1].split("”")[0] for line in lines if "[api-unknown-module]" in line]
    assert "tensorflow_privacy" in unchecked and len(unchecked) == len(set(unchecked))
