"""Small widget factories every screen uses the same way."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QProgressBar,
    QTableView,
)

ERROR_STYLE = "color: #b00020; font-weight: bold;"


def error_label(name: str) -> QLabel:
    """Where a dialog says what is wrong: red, wrapped, hidden until there is something."""
    label = QLabel()
    label.setObjectName(name)
    label.setWordWrap(True)
    label.setStyleSheet(ERROR_STYLE)
    label.hide()
    return label


def busy_bar() -> QProgressBar:
    """A thin bar that moves while the dialog's work is under way."""
    bar = QProgressBar()
    bar.setRange(0, 0)
    bar.setTextVisible(False)
    bar.setMaximumHeight(6)
    bar.hide()
    return bar


def table_view(name: str, model: QAbstractItemModel) -> QTableView:
    """A read-only table: whole rows selected one at a time, columns sized to their content."""
    view = QTableView()
    view.setObjectName(name)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.verticalHeader().hide()
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    # The last column takes what is left and elides (its tooltip has the whole text), so
    # the main columns never need a horizontal scroll.
    last = model.columnCount() - 1
    if last >= 0:
        header.setSectionResizeMode(last, QHeaderView.ResizeMode.Stretch)
    view.setTextElideMode(Qt.TextElideMode.ElideRight)
    view.setWordWrap(False)
    view.setAlternatingRowColors(True)
    return view


class WorkingDialog(QDialog):
    """A dialog that cannot be walked away from while its work (a payment, a shift close,
    an approval) is under way: Esc, Cancel and the close button wait for the answer, so
    nothing happens behind the clerk's back after the dialog is gone."""

    working = False

    def set_working(self, working: bool) -> None:
        self.working = working
        cancel = self.findChild(QDialogButtonBox)
        if cancel is not None:
            button = cancel.button(QDialogButtonBox.StandardButton.Cancel)
            if button is not None:
                button.setEnabled(not working)

    def reject(self) -> None:
        if not self.working:
            super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.working:
            event.ignore()
            return
        super().closeEvent(event)
