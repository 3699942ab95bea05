"""A till count: one spin box per cash denomination and the running total."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QGridLayout, QLabel, QSpinBox, QWidget

from counter_app.domain.money import DENOMINATIONS_FEN, format_yuan


def denomination_label(fen: int) -> str:
    """10000 → '¥100', 50 → '¥0.5'."""
    yuan, rest = divmod(fen, 100)
    return f"¥{yuan}" if not rest else f"¥{fen / 100:g}"


class DenominationGrid(QWidget):
    changed = Signal(int)  # the total in fen

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("denominationGrid")
        self.spins: dict[int, QSpinBox] = {}
        layout = QGridLayout(self)
        for row, fen in enumerate(DENOMINATIONS_FEN):
            spin = QSpinBox()
            spin.setObjectName(f"count_{fen}")
            spin.setRange(0, 9999)  # whole numbers only: a spin box takes nothing else
            spin.setAccelerated(True)
            spin.setKeyboardTracking(True)  # the total follows each digit typed
            spin.valueChanged.connect(self._recount)
            spin.installEventFilter(self)
            label = QLabel(denomination_label(fen))
            label.setBuddy(spin)
            layout.addWidget(label, row, 0)
            layout.addWidget(spin, row, 1)
            self.spins[fen] = spin
        self.total_label = QLabel()
        self.total_label.setObjectName("denominationTotal")
        self.total_label.setStyleSheet("font-weight: bold;")
        layout.addWidget(QLabel(self.tr("Total")), len(DENOMINATIONS_FEN), 0)
        layout.addWidget(self.total_label, len(DENOMINATIONS_FEN), 1)
        self._recount()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """A count's content is selected whenever it gets the focus (typing 2 into "0"
        makes 2, not 20); Enter goes on to the next denomination, as on a till, and only
        the last one passes Enter on to the dialog."""
        if event.type() == QEvent.Type.FocusIn and isinstance(watched, QSpinBox):
            # After Qt's own focus handling, which would place the cursor after the text.
            QTimer.singleShot(0, watched, watched.selectAll)
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        ):
            spins = list(self.spins.values())
            if watched in spins and watched is not spins[-1]:
                following = spins[spins.index(watched) + 1]  # type: ignore[arg-type]
                following.setFocus(Qt.FocusReason.TabFocusReason)
                following.selectAll()
                return True
        return super().eventFilter(watched, event)

    def focus_first(self) -> None:
        first = next(iter(self.spins.values()))
        first.setFocus(Qt.FocusReason.OtherFocusReason)
        first.selectAll()

    def counts(self) -> dict[int, int]:
        return {fen: spin.value() for fen, spin in self.spins.items() if spin.value()}

    def total_fen(self) -> int:
        return sum(fen * spin.value() for fen, spin in self.spins.items())

    def set_counts(self, counts: dict[int, int]) -> None:
        for fen, spin in self.spins.items():
            spin.setValue(counts.get(fen, 0))

    def _recount(self) -> None:
        total = self.total_fen()
        self.total_label.setText(format_yuan(total))
        self.changed.emit(total)
