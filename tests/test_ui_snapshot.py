"""Signing in at an empty counter: the first bootstrap from the province's snapshot, with its
progress in the window (the real app, the real province on loopback)."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from local_cache import sync_store
from province_api.embedded import EmbeddedServer
from tests.test_ui_counter import sign_in
from ui.app import CounterApp


def test_the_first_bootstrap_comes_as_a_snapshot_with_its_progress(
    qtbot: QtBot, counter: CounterApp, sqlite_province: EmbeddedServer
) -> None:
    counter.settings.snapshot_min_rows = 0  # the test province is small: take it anyway
    shown: list[str] = []

    def watch(window: object) -> None:
        assert counter.sync is not None
        counter.sync.progress.connect(lambda _p: shown.append(window.progress.format()))  # type: ignore[attr-defined]

    counter.window_ready.connect(watch)
    window = sign_in(qtbot, counter, sqlite_province)
    assert counter.sync is not None and counter.sync.last_result is not None
    assert counter.sync.last_result.snapshot_rows > 0
    assert any(text.startswith("Downloading the hall's copy") for text in shown), shown
    assert any(text.startswith("Putting the copy in place") for text in shown), shown
    qtbot.waitUntil(lambda: not window.progress.isVisible(), timeout=10_000)
    counts = sync_store.local_counts(counter.cache)
    assert counts["customer"] == 300 and counts["bill"] > 0
    assert list(counter.cache.path.parent.glob("snapshot-*")) == []
