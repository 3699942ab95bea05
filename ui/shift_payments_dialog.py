"""The current shift's payments: reprint any receipt, void one with a supervisor."""

from __future__ import annotations

from functools import partial
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from counter_app import payments
from counter_app.receipts.data import ReceiptData
from counter_app.session import CounterSession
from ui.approval_dialog import ApprovalDialog
from ui.messages import describe, local_time, money
from ui.rows_model import RowsModel
from ui.tasks import TaskRunner
from ui.widgets import table_view


class ShiftPaymentsDialog(QDialog):
    receipt_ready = Signal(object)  # ReceiptData: a reprint or a void slip, to print
    preview_ready = Signal(object)  # ReceiptData: a reprint to show before printing

    def __init__(
        self, sess: CounterSession, runner: TaskRunner, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("shiftPaymentsDialog")
        self.setWindowTitle(self.tr("This shift's payments"))
        self.sess, self.runner = sess, runner
        self.model = RowsModel(
            [
                (self.tr("Receipt"), lambda p: p["receipt_no"]),
                (self.tr("Time"), lambda p: local_time(p["created_at"], "%H:%M:%S")),
                (self.tr("Kind"), lambda p: self._kind(p)),
                (self.tr("Method"), lambda p: self._method(p["method"])),
                (self.tr("Amount"), lambda p: money(p["amount_fen"])),
                (self.tr("Status"), lambda p: self._state(p)),
            ],
            self,
            align_right=(4,),
        )
        self.table = table_view("shiftPayments", self.model)
        self.message = QLabel()
        self.message.setObjectName("shiftPaymentsMessage")
        self.message.setWordWrap(True)
        self.reprint_button = QPushButton(self.tr("&Reprint"))
        self.reprint_button.setObjectName("reprintButton")
        self.reprint_button.clicked.connect(self.reprint)
        self.preview_button = QPushButton(self.tr("Previe&w…"))
        self.preview_button.setObjectName("previewButton")
        self.preview_button.clicked.connect(self.preview)
        self.void_button = QPushButton(self.tr("&Void…"))
        self.void_button.setObjectName("voidButton")
        self.void_button.clicked.connect(self.void)
        self.reason = QLineEdit()
        self.reason.setObjectName("voidReason")
        self.reason.setPlaceholderText(self.tr("Reason for a void"))
        self.approval_dialog: ApprovalDialog | None = None
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.accept)
        QShortcut(QKeySequence.StandardKey.Print, self, activated=self.reprint)
        buttons = QHBoxLayout()
        buttons.addWidget(self.reprint_button)
        buttons.addWidget(self.preview_button)
        buttons.addWidget(self.reason, 1)
        buttons.addWidget(self.void_button)
        buttons.addStretch()
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        self.resize(760, 420)
        self.refresh()

    def _kind(self, p: dict[str, Any]) -> str:
        if p["amount_fen"] < 0:
            return self.tr("void")
        return {"bill": self.tr("bill"), "topup": self.tr("top-up")}.get(p["kind"], p["kind"])

    def _method(self, method: str) -> str:
        return {"cash": self.tr("cash"), "card": self.tr("card"), "qr": self.tr("QR")}.get(
            method, method
        )

    def _state(self, p: dict[str, Any]) -> str:
        if p.get("sync_state") == "rejected":
            return self.tr("refused by the province")
        if p["status"] == "voided":
            return self.tr("voided")
        if p.get("sync_state") == "pending":
            return self.tr("waiting to send")
        return self.tr("accepted")

    def refresh(self) -> None:
        self.runner.run(self._load, self._loaded, self._failed)

    def _load(self) -> list[dict[str, Any]]:
        """In a worker: the open shift's payments, oldest first."""
        shift = payments.current_shift(self.sess)
        return [] if shift is None else payments.payments_of_shift(self.sess, shift["id"])

    def _loaded(self, rows: list[dict[str, Any]]) -> None:
        self.model.set_rows(rows)
        if rows:
            self.table.selectRow(len(rows) - 1)
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def _failed(self, exc: BaseException) -> None:
        self.message.setText(describe(exc))

    def selected(self) -> dict[str, Any] | None:
        row = self.table.currentIndex().row()
        return self.model.row(row) if 0 <= row < self.model.rowCount() else None

    def reprint(self) -> None:
        payment = self.selected()
        if payment is None:
            return
        self.runner.run(
            partial(payments.reprint, self.sess, payment["id"]),
            self._receipt,
            self._failed,
            pool="write",
        )

    def preview(self) -> None:
        """The receipt on screen first; printing from the preview is a reprint."""
        payment = self.selected()
        if payment is not None:
            self.runner.run(
                partial(payments.reprint, self.sess, payment["id"]),
                self.preview_ready.emit,
                self._failed,
                pool="write",
            )

    def void(self) -> None:
        payment = self.selected()
        if payment is None:
            return
        reason = self.reason.text().strip()
        if not reason:
            self.message.setText(self.tr("Give the reason for the void first."))
            self.reason.setFocus()
            return
        dialog = ApprovalDialog(
            self.sess,
            self.runner,
            "void",
            payment["id"],
            self.tr("Void receipt {no} of {amount}: a supervisor approves.").format(
                no=payment["receipt_no"], amount=money(payment["amount_fen"])
            ),
            self,
        )
        dialog.accepted.connect(lambda: self._void_approved(payment, reason, dialog))
        self.approval_dialog = dialog
        dialog.open()

    def _void_approved(self, payment: dict[str, Any], reason: str, dialog: ApprovalDialog) -> None:
        assert dialog.approval is not None
        self.runner.run(
            partial(payments.void_payment, self.sess, payment["id"], reason, dialog.approval),
            self._receipt,
            self._failed,
            pool="write",
        )

    def _receipt(self, data: ReceiptData) -> None:
        self.reason.clear()
        if data.void_of:
            self.message.setText(
                self.tr("Receipt {no} voided; the void slip prints.").format(no=data.void_of)
            )
        else:
            self.message.setText(
                self.tr("Receipt {no} reprinted ({n}).").format(no=data.receipt_no, n=data.reprint)
            )
        self.receipt_ready.emit(data)
        self.refresh()
