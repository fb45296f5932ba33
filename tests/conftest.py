import contextlib
import fcntl
import io
import json
import os
import shutil
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from generator.reader import read_bank_text

ROOT = Path(__file__).resolve().parent.parent
QGEN = Path(sys.executable).parent / "qgen"  # the command, as installed beside this Python
SEED = ROOT / "source" / "llm-interview.md"
REALWORLD = ROOT.parent / "shared" / "realworld"

settings.register_profile("ci", max_examples=60, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("fuzz", max_examples=20_000, deadline=None,
                          suppress_health_check=list(HealthCheck))
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


def read(markdown: str, source: str = "bank.md"):
    """Read a bank written as an indented triple-quoted string."""
    return read_bank_text(textwrap.dedent(markdown).lstrip("\n"), source)


@pytest.fixture
def realworld():
    if not REALWORLD.is_dir():
        pytest.skip("../shared/realworld is not present in this clone")
    return REALWORLD


def count_lines(text: str) -> int:
    """Lines as an editor counts them: a final line ending starts no new line."""
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    return text.count("\n") + (0 if text.endswith("\n") else 1)


def assert_spans_cover(bank, line_count: int) -> None:
    """The span invariant: the spans cover lines 1 to the last, in order, without gaps or
    overlaps; each question has one span, and each skipped span a finding at its line."""
    spans = bank.spans
    assert spans, "a bank has at least one span"
    assert spans[0].line == 1 and spans[-1].end_line == line_count
    for before, after in zip(spans, spans[1:]):
        assert after.line == before.end_line + 1
    assert all(span.line <= span.end_line for span in spans)
    assert [s.ref for s in spans if s.kind == "question"] == [q.id for q in bank.questions]
    for question in bank.questions:
        span = next(s for s in spans if s.kind == "question" and s.ref == question.id)
        assert span.line <= question.line <= question.end_line == span.end_line
    findings = {(f.line, f.code) for f in bank.findings}
    for span in spans:
        if span.kind == "skipped":
            assert any(line >= span.line and line <= span.end_line and code == span.ref
                       for line, code in findings)


# An Arabic question as javascript-questions' translations write it: the answer in a fold.
RIGHT_TO_LEFT_BANK = """# قائمة اسئلة جافاسكريبت

###### 1. ايه اللي هيتطبع؟

```javascript
console.log(num);
```

<details><summary><b>الاجابة</b></summary>
<p>

احنا بنعمل المتغير `var` من جديد.

</p>
</details>
"""


def tiny_png() -> bytes:
    """A valid 1x1 PNG."""
    return bytes.fromhex(
        "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
        "1f15c4890000000d4944415478da63f8cfc0f01f0005000201a1e0e5a40000000049454e44ae426082")


@pytest.fixture
def collection(tmp_path):
    """An empty Anki collection, opened with the real Anki backend."""
    anki_collection = pytest.importorskip("anki.collection")
    (tmp_path / "anki").mkdir()
    col = anki_collection.Collection(str(tmp_path / "anki" / "collection.anki2"))
    yield col
    col.close()


def pytest_collection_modifyitems(items):
    """The slow tests first, so that parallel workers end together rather than one of them
    starting the quick start's fresh install as the others finish (``make test`` spreads
    them with ``--dist worksteal``: a worker with nothing left takes tests the other has not
    begun)."""
    items.sort(key=lambda item: item.get_closest_marker("slow") is None)


def pytest_addoption(parser):
    parser.addoption("--update-golden", action="store_true",
                     help="write the golden files of tests/golden/ anew (then review them as a diff)")


GOLDEN_LIBRARIES = ("pygments", "markdown-it-py", "mdit-py-plugins", "jinja2")


@pytest.fixture
def golden(request):
    """Compare a text with ``tests/golden/<name>``; with --update-golden, write it instead.
    A golden file names the versions of the libraries that shape the HTML on its first
    line: made with others (a new Pygments names its tokens anew), it is not compared."""
    from importlib.metadata import version

    folder = Path(__file__).parent / "golden"
    libraries = " ".join(f"{name}=={version(name)}" for name in GOLDEN_LIBRARIES)

    def check(name: str, text: str) -> None:
        path = folder / name
        if request.config.getoption("--update-golden"):
            folder.mkdir(exist_ok=True)
            path.write_text(f"{libraries}\n{text}", "utf-8")
        assert path.exists(), f"no golden file {path}: run pytest with --update-golden and review it"
        made_with, _, expected = path.read_text("utf-8").partition("\n")
        if made_with != libraries:
            pytest.skip(f"{name} was made with {made_with}; this is {libraries} (pytest --update-golden)")
        assert text == expected, f"{name} differs from its golden file (pytest --update-golden)"
    return check


def run(*args, cwd=ROOT, env=None):
    """``qgen`` with these arguments as a user runs it (arguments, messages, exit code),
    in this process: starting Python and WeasyPrint again for each command would be most of
    the suite's time. ``env`` replaces the environment, as it does for a process. Tests of
    the process itself (signals, memory, the installed command) use ``run_process``."""
    from generator.cli import main

    # Streams with bytes below, like a process's: JSON is written to stdout's buffer.
    out, err = (io.TextIOWrapper(io.BytesIO(), encoding="utf-8", write_through=True) for _ in range(2))
    handler = signal.getsignal(signal.SIGTERM)
    with _working_folder(cwd), _environment(env), contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main([str(arg) for arg in args])
        except SystemExit as exit:  # argparse's --help, --version and usage errors
            code = exit.code if isinstance(exit.code, int) else 0 if exit.code is None else 1
        finally:
            signal.signal(signal.SIGTERM, handler)
    text = [stream.buffer.getvalue().decode("utf-8") for stream in (out, err)]
    return subprocess.CompletedProcess(["qgen", *map(str, args)], code, *text)


def built_once(tmp_path_factory, name: str, make) -> Path:
    """A folder that ``make(folder)`` fills, made once in the whole run: with several test
    processes (pytest -n), the first to ask makes it while the others wait on a lock, then
    all read it. Papers laid out for a module are thus laid out once, not once per process.
    The tests that use it only read it."""
    root = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        root = root.parent  # the folder every process of this run shares
    folder = root / f"once-{name}"
    with open(root / f"once-{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (root / f"once-{name}.done").exists():
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir()
            make(folder)
            (root / f"once-{name}.done").touch()
    return folder


def snapshot(folder: Path) -> dict:
    """Every file under ``folder`` (the cache included) with its bytes."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@contextlib.contextmanager
def _working_folder(folder):
    """``contextlib.chdir``, which Python 3.10 (the oldest qgen runs on) does not have."""
    before = os.getcwd()
    os.chdir(folder)
    try:
        yield
    finally:
        os.chdir(before)


@contextlib.contextmanager
def _environment(env):
    if env is None:
        yield
        return
    saved = dict(os.environ)
    os.environ.clear()
    os.environ.update(env)
    try:
        yield
    finally:
        os.environ.clear()
        os.environ.update(saved)


def run_process(*args, cwd=ROOT, env=None, timeout=300):
    """The installed ``qgen`` command in a process of its own."""
    return subprocess.run([str(QGEN), *map(str, args)], cwd=cwd, capture_output=True, text=True, timeout=timeout,
                          env=env)


def build_deck(*args, cwd=ROOT, env=None):
    """``qgen build`` with the deck and JSON outputs only (the PDFs have their own tests)."""
    result = run("build", "--format", "apkg,json", *args, cwd=cwd, env=env)
    assert result.returncode == 0, result.stderr
    return result


def deck_changes(out, kind: str = "answer") -> dict:
    """The notes of one kind (``answer`` or ``point``) of the deck last built into ``out``, and
    which were added, changed and removed, from its manifest (``<stem>.anki.json``)."""
    (manifest,) = Path(out).glob("*.anki.json")
    return json.loads(manifest.read_text("utf-8"))["changes"][kind]


def counts(changes: dict) -> tuple[int, int, int]:
    return len(changes["added"]), len(changes["changed"]), len(changes["removed"])


def import_package(collection, path):
    """Import as Anki's File > Import does, with the desktop dialog's default options."""
    from anki.collection import ImportAnkiPackageRequest
    from anki.import_export_pb2 import ImportAnkiPackageOptions, ImportAnkiPackageUpdateCondition

    newer = ImportAnkiPackageUpdateCondition.IMPORT_ANKI_PACKAGE_UPDATE_CONDITION_IF_NEWER
    options = ImportAnkiPackageOptions(merge_notetypes=False, update_notes=newer, update_notetypes=newer,
                                       with_scheduling=False, with_deck_configs=False)
    return collection.import_anki_package(ImportAnkiPackageRequest(package_path=str(path), options=options)).log
