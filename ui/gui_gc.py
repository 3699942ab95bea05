"""Python's cyclic garbage collector runs in whichever thread happens to allocate when a
threshold is passed. If it then frees a Qt object (a closed dialog caught in a reference
cycle) from a worker thread — a task, the sync thread, an embedded server's — Qt crashes
the process. So automatic collection is switched off and done on the GUI thread instead,
as often as the thresholds ask for it (the pattern Qt applications such as Orange and
calibre use)."""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

INTERVAL_MS = 250


class GuiThreadCollector(QObject):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._was_enabled = gc.isenabled()
        gc.disable()
        self._timer = QTimer(self)
        self._timer.setInterval(INTERVAL_MS)
        self._timer.timeout.connect(self.collect)
        self._timer.start()

    def collect(self) -> None:
        collect_due()

    def stop(self) -> None:
        self._timer.stop()
        collect_due()
        if self._was_enabled:
            gc.enable()


def collect_due() -> None:
    """Collect, on the calling thread, the generations whose thresholds have been passed:
    what the automatic collector would have done by now, at the same cost."""
    counts, thresholds = gc.get_count(), gc.get_threshold()
    generation = -1
    for n in range(3):
        if counts[n] > thresholds[n]:
            generation = n
    if generation >= 0:
        gc.collect(generation)
