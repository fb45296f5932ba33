"""The README's quick start, followed literally in a fresh copy of the project."""

import re
import shutil
import subprocess

import pytest

from .conftest import ROOT

pytestmark = pytest.mark.slow

EXPECTED_EXIT = {".venv/bin/qgen lint": 1}  # the sample bank has three warnings, as the README says


def quick_start_commands() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Quick start", 1)[1]
    block = re.search(r"```sh\n(.*?)```", section, re.S).group(1)
    return [line.strip() for line in block.splitlines() if line.strip()]


def test_quick_start_works_in_a_fresh_copy(tmp_path):
    project = tmp_path / "qgen"
    shutil.copytree(ROOT, project, ignore=shutil.ignore_patterns(
        ".venv", "build", ".git", "__pycache__", ".pytest_cache", ".hypothesis", "*.egg-info"))
    commands = quick_start_commands()
    assert commands[0] == "make build"
    outputs = {}
    for command in commands:
        result = subprocess.run(["bash", "-c", command], cwd=project, capture_output=True, text=True, timeout=900)
        assert result.returncode == EXPECTED_EXIT.get(command, 0), (command, result.stdout, result.stderr)
        assert "Traceback" not in result.stderr
        outputs[command] = result.stdout
    assert "0 errors, 3 warnings in 30 questions" in outputs[".venv/bin/qgen lint"]
    assert "seed: 42" in outputs[".venv/bin/qgen build --shuffle --count 10 --seed 42"]
    listed = outputs["ls build/"].split()
    for name in ("llm-interview.apkg", "llm-interview-exam.pdf", "llm-interview-key.pdf", "llm-interview.html",
                 "llm-interview.json", "llm-interview-paper-manifest.json"):
        assert name in listed
