"""A large deck's notes and the PDFs are rendered by several processes: the outputs are byte for
byte the ones a single process makes, and a failure in a worker is reported as if there were none."""

import os
import sys
from pathlib import Path

import pytest

from bench.generate import generate_bank
from generator.build import build
from generator.config import BuildConfig
from generator.errors import BankErrors, TemplateProblem
from generator.parallel import in_worker, run_tasks
from generator.renderers import anki_notes

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="workers are forked on Linux only")

# Each worker takes a share of at least this many notes (a deck of 400 in a build): a
# smaller share here keeps the decks small while the same paths run.
SHARE = 40
QUESTIONS = 2 * SHARE + 50


@pytest.fixture(autouse=True)
def small_shares(monkeypatch):
    monkeypatch.setattr(anki_notes, "PARALLEL_MIN_NOTES", SHARE)


@pytest.fixture(scope="module")
def bank(tmp_path_factory):
    folder = tmp_path_factory.mktemp("bank")
    text = generate_bank(QUESTIONS)
    # A missing image in a question a worker renders: its warning must come back.
    answer = text.index("**Answer:** ", text.index(f"### Question {QUESTIONS - 1}: "))
    text = text[:answer] + "**Answer:** ![图](missing.png) " + text[answer + len("**Answer:** "):]
    (folder / "large.md").write_text(text, encoding="utf-8")
    return folder / "large.md"


def deck_build(bank, out, jobs, templates=None, formats=("apkg",), cards=("answer",)):
    return build(BuildConfig(paths=(str(bank),), out=out, formats=formats, jobs=jobs, templates=templates,
                             cards=cards))


def test_several_processes_make_the_package_one_process_makes(bank, tmp_path):
    alone = deck_build(bank, tmp_path / "one", jobs=1)
    together = deck_build(bank, tmp_path / "two", jobs=2)
    assert (alone.anki.processes, together.anki.processes) == (1, 2)
    for name in ("large.apkg", "large.anki.json"):
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "two" / name).read_bytes()
    assert together.findings == alone.findings
    assert any(f.code == "image" and "missing.png" in f.message for f in together.findings)


def test_point_cards_rendered_by_workers_are_the_ones_one_process_renders(bank, tmp_path):
    alone = deck_build(bank, tmp_path / "one", jobs=1, cards=("answer", "points"))
    together = deck_build(bank, tmp_path / "two", jobs=2, cards=("answer", "points"))
    assert together.anki.processes == 2 and together.anki.points.notes == alone.anki.points.notes > QUESTIONS
    assert (tmp_path / "one" / "large.apkg").read_bytes() == (tmp_path / "two" / "large.apkg").read_bytes()


def test_sections_rendered_by_workers_serve_the_study_page(bank, tmp_path):
    deck_build(bank, tmp_path / "one", jobs=1, formats=("apkg", "html"))
    deck_build(bank, tmp_path / "two", jobs=2, formats=("apkg", "html"))
    for name in ("large.apkg", "large.html"):
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "two" / name).read_bytes()


def test_what_workers_render_is_kept_for_the_next_build(bank, tmp_path):
    """The sections, titles and points workers render come back to be kept by the cache;
    after an edit, the one note left to render is not shared out."""
    import shutil

    from generator.cache import read_html_file
    from generator.reader import read_bank_file

    copy = tmp_path / "bank" / "large.md"
    copy.parent.mkdir()
    shutil.copy(bank, copy)
    assert deck_build(copy, tmp_path / "out", jobs=2, cards=("answer", "points")).anki.processes == 2
    (store,) = (tmp_path / "out" / ".qgen-cache" / "html").iterdir()
    blocks, inline = read_html_file(store)
    questions = read_bank_file(copy).questions
    assert all(q.answer in blocks for q in questions if "![" not in q.answer)  # an image's depends on its place
    assert all(q.title in inline for q in questions)
    assert all(p.text in inline for q in questions for p in q.points)
    copy.write_text(copy.read_text("utf-8").replace("**Answer:** ", "**Answer:** Edited. ", 1), encoding="utf-8")
    again = deck_build(copy, tmp_path / "out", jobs=2, cards=("answer", "points"))
    assert again.anki.processes == 1 and len(again.anki.answers.changed) == 1


def test_a_small_deck_is_rendered_by_one_process(tmp_path):
    folder = tmp_path / "bank"
    folder.mkdir()
    (folder / "small.md").write_text(generate_bank(SHARE), encoding="utf-8")
    assert deck_build(folder, tmp_path / "out", jobs=4).anki.processes == 1


def test_a_template_error_in_a_workers_share_names_its_file_and_line(bank, tmp_path):
    templates = tmp_path / "mine"
    (templates / "anki").mkdir(parents=True)
    # Only the last question, which a worker renders, touches an undefined name.
    (templates / "anki" / "fields.html.j2").write_text(
        "{% macro title(q) %}{{ q.html.title }}"
        f"{{% if q.number == {QUESTIONS} %}}{{{{ q.no_such_field }}}}{{% endif %}}{{% endmacro %}}\n"
        "{% macro question(q) %}{% endmacro %}\n"
        "{% macro section(q, kind) %}{% endmacro %}\n"
        "{% macro extra(q) %}{% endmacro %}\n"
        "{% macro source(q) %}{% endmacro %}\n", encoding="utf-8")
    with pytest.raises(TemplateProblem) as raised:
        deck_build(bank, tmp_path / "out", jobs=2, templates=str(templates))
    assert raised.value.path == str(templates / "anki" / "fields.html.j2")
    assert raised.value.line == 1
    assert "no_such_field" in str(raised.value)
    assert not (tmp_path / "out" / "large.apkg").exists()


@pytest.mark.parametrize("problem", ["count", "template"])
def test_the_banks_errors_come_first_while_workers_render(tmp_path, problem):
    """The workers start on the deck before the banks are checked; an error in the banks
    is still the one reported, before a paper the banks cannot fill or a broken template."""
    folder = tmp_path / "bank"
    folder.mkdir()
    (folder / "large.md").write_text(generate_bank(QUESTIONS) + "\n```python\nnever closed\n", encoding="utf-8")
    templates = tmp_path / "mine"
    (templates / "anki").mkdir(parents=True)
    (templates / "anki" / "fields.html.j2").write_text("{% macro title(q) %}{{ oops }", encoding="utf-8")
    config = BuildConfig(paths=(str(folder),), out=tmp_path / "out", formats=("apkg", "exam"), jobs=2,
                         count=QUESTIONS + 1 if problem == "count" else None,
                         templates=str(templates) if problem == "template" else None)
    with pytest.raises(BankErrors) as raised:
        build(config)
    assert len(raised.value.details) == 1 and "never closed" in raised.value.details[0]
    assert not (tmp_path / "out").exists()


@pytest.mark.slow
def test_papers_rendered_side_by_side_are_the_papers_rendered_one_by_one(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    folder = tmp_path / "bank"
    folder.mkdir()
    (folder / "bank.md").write_text(generate_bank(12), encoding="utf-8")
    reports = [build(BuildConfig(paths=(str(folder),), out=tmp_path / str(jobs), formats=("exam", "key"),
                                 count=2, seed=3, jobs=jobs)) for jobs in (1, 3)]
    names = sorted(p.name for p in (tmp_path / "1").glob("*.pdf"))
    assert names == ["bank-exam.pdf", "bank-key.pdf"]
    for name in names:
        assert (tmp_path / "1" / name).read_bytes() == (tmp_path / "3" / name).read_bytes()
    assert [sorted(r.pages.values()) for r in reports][0] == [sorted(r.pages.values()) for r in reports][1]


def test_a_task_whose_worker_fails_or_dies_runs_again_here():
    parent = os.getpid()

    def dies():
        if in_worker(parent):
            os._exit(3)
        return "rendered here"

    def fails():
        raise ValueError("the same error as without workers")

    assert run_tasks([lambda: "first", dies, lambda: "third"], 2) == ["first", "rendered here", "third"]
    with pytest.raises(ValueError, match="the same error as without workers"):
        run_tasks([lambda: "first", fails], 2)


def test_tasks_run_here_when_no_worker_can_start(monkeypatch):
    import multiprocessing.context

    def refuse(*args, **kwargs):
        raise OSError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(multiprocessing.context.ForkProcess, "_Popen", staticmethod(refuse))
    assert run_tasks([os.getpid, os.getpid, os.getpid], 3) == [os.getpid()] * 3


def test_workers_are_other_processes():
    import multiprocessing

    begun = [multiprocessing.get_context("fork").Event() for _ in range(2)]

    def here():
        for event in begun:  # until both workers have begun their tasks
            assert event.wait(30)
        return os.getpid()

    def in_a_worker(event):
        def task():
            event.set()
            return os.getpid()
        return task

    pids = run_tasks([here, *(in_a_worker(event) for event in begun)], 3)
    assert pids[0] == os.getpid() and os.getpid() not in pids[1:]


def test_every_task_runs_once_and_results_keep_their_order():
    import multiprocessing

    parent, begun = os.getpid(), multiprocessing.Event()

    def task(index):
        def run():
            if os.getpid() != parent:
                begun.set()
            elif index == 0:
                assert begun.wait(30)  # this process's first task ends once a worker has one
            return index, os.getpid()
        return run

    results = run_tasks([task(index) for index in range(60)], 3)
    assert [index for index, _ in results] == list(range(60))
    assert len({pid for _, pid in results}) > 1


def test_this_process_takes_the_tasks_a_busy_worker_has_not_begun():
    import multiprocessing

    begun, release = multiprocessing.Event(), multiprocessing.Event()

    def first():  # here, and done only once a worker is busy with the second
        assert begun.wait(30)
        return os.getpid()

    def second():  # in a worker, busy until this process has taken every other task
        begun.set()
        assert release.wait(30)
        return os.getpid()

    def last():  # this process takes tasks from the back: the third is its last
        release.set()
        return os.getpid()

    pids = run_tasks([first, second, last] + [os.getpid] * 5, 2)
    assert pids[1] != os.getpid()
    assert [pids[0], *pids[2:]] == [os.getpid()] * 7  # the one worker was still busy with its first task


def test_an_error_here_stops_the_workers_at_once():
    import multiprocessing
    import select

    begun, never = multiprocessing.Event(), multiprocessing.Event()
    worker_pid = multiprocessing.Value("i", 0)

    def works_long():
        worker_pid.value = os.getpid()
        begun.set()
        never.wait(60)  # a long task: stopped long before

    def fails_here():
        assert begun.wait(20)  # the worker is busy
        raise ValueError("stop")

    with pytest.raises(ValueError, match="stop"):
        run_tasks([fails_here, works_long], 2)
    # Gone, or at most a zombie about to be reaped: not running on. (Whether multiprocessing
    # still lists it depends on which thread reaped it first.)
    try:
        handle = os.pidfd_open(worker_pid.value)
    except ProcessLookupError:
        handle = None  # already reaped
    if handle is not None:
        ready, _, _ = select.select([handle], [], [], 10)  # readable once the process has ended
        os.close(handle)
        assert ready
    assert not _running(worker_pid.value)
    assert not [child for child in multiprocessing.active_children() if _running(child.pid)]


def _running(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state not in ("Z", "X")


def test_an_error_here_stops_only_the_workers_it_started():
    import multiprocessing

    context = multiprocessing.get_context("fork")
    other = context.Process(target=context.Event().wait, args=(60,), daemon=True)  # not the pool's
    other.start()
    try:
        with pytest.raises(ValueError, match="stop"):
            run_tasks([lambda: (_ for _ in ()).throw(ValueError("stop")), os.getpid], 2)
        assert other.is_alive()
    finally:
        other.terminate()
        other.join(5)
