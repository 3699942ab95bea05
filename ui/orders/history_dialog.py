"""The customer's orders, newest first; Enter reprints the chosen one's service form."""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from counter_app import orders, service_forms
from counter_app.customers import CustomerView
from counter_app.session import CounterSession
from ui.messages import describe
from ui.orders.flow import state_title, type_title
from ui.tasks import TaskRunner


class OrderHistoryDialog(QDialog):
    form_ready = Signal(object, object)  # path, PDF bytes

    def __init__(
        self,
        sess: CounterSession,
        runner: TaskRunner,
        view: CustomerView,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("orderHistoryDialog")
        self.setWindowTitle(self.tr("Orders — {name}").format(name=view.name))
        self.sess, self.runner = sess, runner
        self.rows: list[dict[str, Any]] = []
        layout = QVBoxLayout(self)
        self.list = QListWidget()
        self.list.setObjectName("orderHistory")
        self.list.setMinimumWidth(520)
        self.list.itemActivated.connect(lambda _item: self.reprint())
        layout.addWidget(self.list)
        self.message = QLabel(self.tr("Enter reprints the chosen order's service form."))
        self.message.setObjectName("orderHistoryMessage")
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        buttons = QDialogButtonBox()
        self.reprint_button = buttons.addButton(
            self.tr("&Reprint form"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.reprint_button.setObjectName("reprintForm")
        buttons.addButton(QDialogButtonBox.StandardButton.Close)
        buttons.accepted.connect(self.reprint)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        runner.run(partial(orders.history, sess, view.customer_id), self._filled)

    def _filled(self, rows: list[dict[str, Any]]) -> None:
        self.rows = rows
        for r in rows:
            state = state_title(r["state"])
            self.list.addItem(
                QListWidgetItem(
                    f"{str(r['created_at'])[:16]} · {r['order_no']} · "
                    f"{type_title(r['type'])} · {state}"
                )
            )
        if rows:
            self.list.setCurrentRow(0)
        else:
            self.message.setText(self.tr("This customer has no orders here yet."))
        self.list.setFocus()

    def reprint(self) -> None:
        row = self.list.currentRow()
        if not 0 <= row < len(self.rows):
            return
        self.reprint_button.setEnabled(False)
        self.runner.run(
            partial(service_forms.reprint, self.sess, self.rows[row]["id"]),
            self._made,
            self._failed,
            pool="print",
        )

    def _made(self, made: tuple[Path, bytes]) -> None:
        self.reprint_button.setEnabled(True)
        self.form_ready.emit(*made)
        self.message.setText(self.tr("Reprinted: {file}").format(file=made[0].name))

    def _failed(self, exc: BaseException) -> None:
        self.reprint_button.setEnabled(True)
        self.message.setText(describe(exc))
