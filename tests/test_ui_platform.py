"""Fonts and the keyring warning: what a clerk sees on a bare machine."""

from __future__ import annotations

from pathlib import Path

import keyring
from keyring.backends import fail
from PySide6.QtGui import QFontDatabase, QFontMetrics
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from counter_app.auth import SignedIn
from counter_app.credentials import Credentials
from counter_app.settings import AppPaths, Settings
from local_cache.db import Cache
from ui.app import CounterApp
from ui.fonts import register_fonts


def test_the_shipped_chinese_font_is_registered(qapp: QApplication) -> None:
    families = register_fonts(qapp)
    assert "WenQuanYi Micro Hei" in families
    assert "WenQuanYi Micro Hei" in QFontDatabase.families()
    assert qapp.font().families()[0] == "WenQuanYi Micro Hei"
    assert QFontMetrics(qapp.font()).inFontUcs4(ord("营"))


def test_no_keyring_is_said_once_in_words_for_the_clerk(qtbot: QtBot, tmp_path: Path) -> None:
    keyring.set_keyring(fail.Keyring())
    paths = AppPaths.under(tmp_path)
    app = CounterApp(paths, Settings(sync_interval_s=3600), Credentials(), Cache(paths.cache_file))
    try:
        signed = SignedIn(
            "http://127.0.0.1:9",
            "H001",
            "C01",
            "s",
            "H001-C01",
            "张三",
            "clerk",
            "2099-01-01T00:00:00+00:00",
        )
        window = app.start_session(signed)
        message = window.statusBar().currentMessage()
        assert "sign in again after a restart" in message  # what it means for the clerk
        assert window.findChild(QLabel, "keyringWarning") is None  # not a permanent alarm
    finally:
        app.shutdown()


def test_garbage_is_collected_on_the_gui_thread_only(qtbot: QtBot) -> None:
    import gc
    import weakref

    from ui.gui_gc import INTERVAL_MS, GuiThreadCollector

    gc.enable()
    collector = GuiThreadCollector()
    try:
        assert not gc.isenabled()  # no thread collects by itself any more

        class Cycle:
            pass

        garbage = Cycle()
        garbage.me = garbage  # type: ignore[attr-defined]
        gone = weakref.ref(garbage)
        del garbage
        alive = [Cycle() for _ in range(gc.get_threshold()[0] + 1)]  # past the threshold
        qtbot.waitUntil(lambda: gone() is None, timeout=INTERVAL_MS * 20)
        assert len(alive) > 1
    finally:
        collector.stop()
    assert gc.isenabled()
