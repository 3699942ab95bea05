"""Save a picture of the window once the first sync is done (for the README)."""

from __future__ import annotations

from functools import partial
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from counter_app import shifts
from ui.app import CounterApp
from ui.main_window import MainWindow


def shoot_after_sync(
    window: MainWindow, app: CounterApp, target: Path, query: str = "张伟"
) -> None:
    """A normal day: a shift open; search `query`, open the first hit, save the window as
    PNG, quit."""
    assert app.sync is not None

    def save() -> None:
        window.statusBar().clearMessage()
        target.parent.mkdir(parents=True, exist_ok=True)
        window.grab().save(str(target))
        QApplication.quit()

    def synced(_result: object) -> None:
        if window.session is not None:
            app.runner.write(partial(shifts.open_shift, window.session, {10000: 3, 1000: 5}))
        window.search.searched.connect(
            lambda _r: window.search._open_row(0), Qt.ConnectionType.SingleShotConnection
        )
        window.customer_shown.connect(lambda _v: QTimer.singleShot(500, save))
        window.search.box.setText(query)

    app.sync.synced.connect(synced, Qt.ConnectionType.SingleShotConnection)
