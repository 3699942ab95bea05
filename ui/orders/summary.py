"""The summary every order ends on before it is confirmed: what changes, the fees, a waiver
with its reason, what the customer pays and who must approve."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QWidget

from counter_app.domain import money
from counter_app.domain import orders as domain
from counter_app.domain.orders import Fee, Order
from counter_app.orders import Prepared
from counter_app.policy import PolicyHolder


def waived(fees: tuple[Fee, ...], waiver_fen: int, reason: str) -> tuple[Fee, ...]:
    """A waiver spread over the fees, largest first, each by at most its amount."""
    out, left = [], waiver_fen
    for f in sorted(fees, key=lambda f: -f.amount_fen):
        take = min(left, f.amount_fen)
        left -= take
        out.append(replace(f, waived_fen=take, waiver_reason=reason if take else ""))
    return tuple(out)


class SummaryPage(QWidget):
    approval_changed = Signal(object)  # why a supervisor must approve now, or None

    def __init__(self, policy: PolicyHolder, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.policy = policy
        self.prepared: Prepared | None = None
        form = QFormLayout(self)
        self.changes = QLabel()
        self.changes.setObjectName("orderChanges")
        self.changes.setWordWrap(True)
        self.fees = QLabel()
        self.fees.setObjectName("orderFees")
        self.fees.setWordWrap(True)
        self.waiver = QLineEdit()
        self.waiver.setObjectName("orderWaiver")
        self.waiver.setPlaceholderText("0.00")
        self.waiver_reason = QLineEdit()
        self.waiver_reason.setObjectName("orderWaiverReason")
        self.total = QLabel()
        self.total.setObjectName("orderTotal")
        self.total.setStyleSheet("font-size: 20pt; font-weight: bold;")
        self.approver = QLabel()
        self.approver.setObjectName("orderApproval")
        self.approver.setWordWrap(True)
        self.approver.setStyleSheet("color: #b26a00; font-weight: bold;")
        form.addRow(self.tr("What changes"), self.changes)
        form.addRow(self.tr("Fees"), self.fees)
        for label, edit in (
            (self.tr("&Waive (¥)"), self.waiver),
            (self.tr("Waiver &reason"), self.waiver_reason),
        ):
            text = QLabel(label)
            text.setBuddy(edit)
            form.addRow(text, edit)
            edit.textEdited.connect(self._waiver_changed)
        form.addRow(self.tr("To pay"), self.total)
        form.addRow("", self.approver)

    def show_order(self, prepared: Prepared) -> None:
        self.prepared = prepared
        self.changes.setText(
            "\n".join(
                f"{QCoreApplication.translate('OrderSummary', s.label)}: {s.value}"
                for s in prepared.summary
            )
        )
        order = prepared.order
        fees = [f"{f.name} {money.format_yuan(f.amount_fen)}" for f in order.fees]
        if order.deposit_fen:
            fees.append(
                self.tr("Pre-deposit {fee}").format(fee=money.format_yuan(order.deposit_fen))
            )
        self.fees.setText("\n".join(fees) or self.tr("none"))
        self.waiver.setEnabled(bool(order.fees))
        self.waiver_reason.setEnabled(bool(order.fees))
        self._waiver_changed()

    def _waiver_fen(self) -> int:
        text = self.waiver.text().strip()
        return money.parse_yuan(text) if text else 0

    def current_order(self) -> Order:
        """The order as confirmed: the prepared one with the waiver typed here."""
        assert self.prepared is not None
        order = self.prepared.order
        try:
            waiver = self._waiver_fen()
        except ValueError:
            return order
        return replace(order, fees=waived(order.fees, waiver, self.waiver_reason.text().strip()))

    def problem(self) -> tuple[str, QWidget] | None:
        """What is wrong with the waiver, naming the field, and where to type."""
        try:
            waiver = self._waiver_fen()
        except ValueError as exc:
            text = self.tr("Waive: {problem}").format(
                problem=QCoreApplication.translate("money", str(exc))
            )
            return text, self.waiver
        if waiver > sum(f.amount_fen for f in self.current_order().fees):
            return self.tr("Waive: a waiver cannot be more than the fees."), self.waiver
        if waiver and not self.waiver_reason.text().strip():
            return self.tr("Waiver reason: give the reason for the waiver."), self.waiver_reason
        return None

    def _waiver_changed(self, *_: object) -> None:
        order = self.current_order()
        self.total.setText(money.format_yuan(order.due_fen))
        reason = domain.approval_reason(order, self.policy.current)
        self.approver.setText(
            self.tr("Needs a supervisor: {why}").format(
                why=QCoreApplication.translate("messages", reason)
            )
            if reason
            else ""
        )
        self.approval_changed.emit(reason)
