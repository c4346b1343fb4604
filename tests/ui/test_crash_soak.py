"""A short crash soak for `make test` (`make soak` runs 100 rounds with a new seed each time)."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.ui.crash_soak import MAX_LOST_S, soak

SEED = 20261128  # fixed here, so a red run is red again; `make soak` draws (and prints) new ones


@pytest.mark.slow
def test_killing_the_typing_window_corrupts_nothing_and_loses_little(tmp_path: Path) -> None:
    figures = soak(5, SEED, tmp_path / "soak")
    assert figures.rounds == 5
    assert figures.problems == [], figures.summary()
    assert max(figures.lost_s) <= MAX_LOST_S
    assert figures.index_repaired == 5
