"""Save a picture of the window once the first sync is done (for the README)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from ui.app import CounterApp
from ui.main_window import MainWindow


def shoot_after_sync(
    window: MainWindow, app: CounterApp, target: Path, query: str = "张伟"
) -> None:
    """Search `query`, open the first hit, save the window as PNG, quit."""
    assert app.sync is not None

    def save() -> None:
        target.parent.mkdir(parents=True, exist_ok=True)
        window.grab().save(str(target))
        QApplication.quit()

    def synced(_result: object) -> None:
        window.search.searched.connect(
            lambda _r: window.search._open_row(0), Qt.ConnectionType.SingleShotConnection
        )
        window.customer_shown.connect(lambda _v: QTimer.singleShot(500, save))
        window.search.box.setText(query)

    app.sync.synced.connect(synced, Qt.ConnectionType.SingleShotConnection)
