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

from counter_app import payment_receipts, payments, shifts
from counter_app.changes import Changes
from counter_app.domain.masking import mask_mobile
from counter_app.receipts.data import ReceiptData
from counter_app.session import CounterSession
from counter_app.shifts import ShiftFigures
from ui.approval_dialog import ApprovalDialog
from ui.messages import describe, local_time, money
from ui.payment_labels import kind_label, method_label, payment_state
from ui.rows_model import RowsModel
from ui.tasks import TaskRunner
from ui.widgets import table_view


class ShiftPaymentsDialog(QDialog):
    receipt_ready = Signal(object)  # ReceiptData: a reprint or a void slip, to print
    preview_ready = Signal(object, str)  # ReceiptData as printed, and its payment id

    def __init__(
        self, sess: CounterSession, runner: TaskRunner, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("shiftPaymentsDialog")
        self.setWindowTitle(self.tr("This shift's payments"))
        self.sess, self.runner = sess, runner
        runner.changed.connect(self._announced)  # a void here, a payment booked, a pull
        self.model = RowsModel(
            [
                (self.tr("Receipt"), lambda p: p["receipt_no"]),
                (self.tr("Time"), lambda p: local_time(p["created_at"], "%H:%M:%S")),
                (self.tr("Customer"), lambda p: p.get("customer_name") or ""),
                (self.tr("Number"), lambda p: mask_mobile(p.get("msisdn"))),
                (self.tr("Kind"), lambda p: kind_label(p["kind"], p["amount_fen"])),
                (self.tr("Method"), lambda p: method_label(p["method"])),
                (self.tr("Amount"), lambda p: money(p["amount_fen"])),
                (self.tr("Status"), payment_state),
            ],
            self,
            align_right=(6,),
        )
        self.table = table_view("shiftPayments", self.model)
        self.table.setTabKeyNavigation(False)
        self.totals = QLabel()
        self.totals.setObjectName("shiftTotals")
        self.totals.setStyleSheet("font-weight: bold;")
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
        layout.addWidget(self.totals)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        self.resize(980, 460)
        self.refresh()

    def _announced(self, changes: Changes) -> None:
        if changes.shift or changes.everything:
            self.refresh()

    def refresh(self) -> None:
        self.runner.run(self._load, self._loaded, self._failed)

    def _load(self) -> tuple[ShiftFigures | None, list[dict[str, Any]]]:
        """In a worker: the open shift's figures, and all its payments (refused ones
        too), oldest first."""
        shift = payments.current_shift(self.sess)
        if shift is None:
            return None, []
        return shifts.figures(self.sess, shift["id"]), payments.payments_of_shift(
            self.sess, shift["id"]
        )

    def _loaded(self, loaded: tuple[ShiftFigures | None, list[dict[str, Any]]]) -> None:
        fig, rows = loaded
        self.model.set_rows(rows)
        self.totals.setText(self._totals_text(fig))
        if rows:
            self.table.selectRow(len(rows) - 1)
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def _totals_text(self, fig: ShiftFigures | None) -> str:
        if fig is None:
            return self.tr("No shift is open.")
        parts = [
            self.tr("{n} payments, {total}").format(
                n=sum(fig.counts_by_method.values()),
                total=money(sum(fig.totals_by_method.values())),
            )
        ]
        for method in ("cash", "card", "qr"):
            if fig.counts_by_method.get(method):
                parts.append(
                    f"{method_label(method)} {fig.counts_by_method[method]} · "
                    f"{money(fig.totals_by_method[method])}"
                )
        if fig.void_count:
            parts.append(
                self.tr("voids {n} · {total}").format(
                    n=fig.void_count, total=money(fig.void_total_fen)
                )
            )
        parts.append(self.tr("drawer {cash}").format(cash=money(fig.expected_cash_fen)))
        return "  |  ".join(parts)

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
            partial(payment_receipts.reprint, self.sess, payment["id"]),
            self._receipt,
            self._failed,
            pool="write",
        )

    def preview(self) -> None:
        """The receipt on screen as it was printed: a look, not a print (nothing counted)."""
        payment = self.selected()
        if payment is not None:
            self.runner.run(
                partial(payment_receipts.preview, self.sess, payment["id"]),
                partial(self._previewed, payment["id"]),
                self._failed,
            )

    def _previewed(self, payment_id: str, data: ReceiptData) -> None:
        self.preview_ready.emit(data, payment_id)

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
            payment["amount_fen"],
        )
        dialog.accepted.connect(lambda: self._void_approved(payment, reason, dialog))
        self.approval_dialog = dialog
        dialog.open()

    def _void_approved(self, payment: dict[str, Any], reason: str, dialog: ApprovalDialog) -> None:
        assert dialog.approval is not None
        self.runner.write(
            partial(payments.void_payment, self.sess, payment["id"], reason, dialog.approval),
            self._receipt,
            self._failed,
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
        if not data.void_of:  # a void is announced, and the list follows by itself
            self.refresh()
