import os
import textwrap
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from generator.reader import read_bank_text

ROOT = Path(__file__).resolve().parent.parent
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
