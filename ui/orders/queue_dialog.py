"""The hall's approval queue, for a supervisor on any counter of the hall: the orders the
rules hold back, everything the clerk entered, and approve (Ctrl+Enter) or reject with a
reason (Ctrl+R)."""

from __future__ import annotations

from functools import partial
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from counter_app import orders
from counter_app.domain import money
from counter_app.session import CounterSession
from ui.messages import describe
from ui.orders.flow import state_title, type_title
from ui.tasks import TaskRunner


def order_details(order: dict[str, Any]) -> str:
    """What the clerk entered, for the supervisor to judge."""
    tr = partial(QCoreApplication.translate, "ApprovalQueue")
    lines = [
        f"{order['order_no']} · {type_title(order['type'])}",
        tr("Customer: {name}").format(name=order.get("customer_name") or order["customer_id"]),
        tr("Why: {why}").format(
            why=QCoreApplication.translate("messages", order.get("approval_reason") or "")
        ),
        tr("Taken at counter {counter} at {when}").format(
            counter=order.get("counter_id") or "?", when=str(order.get("created_at"))[:19]
        ),
    ]
    for name, value in (order.get("items") or {}).items():
        if name.endswith("_id") or name.endswith("_ids"):
            continue  # ids say nothing to a person; the summary below says it in words
        lines.append(f"{name}: {value}")
    for summary in order.get("summary") or []:
        lines.append(f"{QCoreApplication.translate('OrderSummary', summary[0])}: {summary[1]}")
    for f in order.get("fees") or []:
        text = f"{f['name']} {money.format_yuan(int(f['amount_fen']))}"
        if f.get("waived_fen"):
            text += tr(" — waived {fee}: {reason}").format(
                fee=money.format_yuan(int(f["waived_fen"])), reason=f.get("waiver_reason", "")
            )
        lines.append(text)
    return "\n".join(lines)


class ApprovalQueueDialog(QDialog):
    def __init__(
        self, sess: CounterSession, runner: TaskRunner, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("approvalQueueDialog")
        self.setWindowTitle(self.tr("Approval queue"))
        self.sess, self.runner = sess, runner
        self.waiting: list[dict[str, Any]] = []
        layout = QVBoxLayout(self)
        row = QHBoxLayout()
        self.list = QListWidget()
        self.list.setObjectName("queueList")
        self.list.setMinimumWidth(280)
        self.list.currentRowChanged.connect(self._chosen)
        self.details = QLabel()
        self.details.setObjectName("queueDetails")
        self.details.setWordWrap(True)
        self.details.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.details.setMinimumWidth(360)
        row.addWidget(self.list)
        row.addWidget(self.details, 1)
        layout.addLayout(row)
        self.reason = QLineEdit()
        self.reason.setObjectName("queueReason")
        self.reason.setPlaceholderText(self.tr("the reason (needed to reject)"))
        reason_label = QLabel(self.tr("&Reason"))
        reason_label.setBuddy(self.reason)
        layout.addWidget(reason_label)
        layout.addWidget(self.reason)
        self.message = QLabel()
        self.message.setObjectName("queueMessage")
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        buttons = QDialogButtonBox()
        self.approve = buttons.addButton(
            self.tr("&Approve (Ctrl+Enter)"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.approve.setObjectName("queueApprove")
        self.refuse = buttons.addButton(
            self.tr("Re&ject (Ctrl+R)"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.refuse.setObjectName("queueReject")
        buttons.addButton(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        self.approve.clicked.connect(partial(self.decide, True))
        self.refuse.clicked.connect(partial(self.decide, False))
        layout.addWidget(buttons)
        for key in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(key), self).activated.connect(partial(self.decide, True))
        QShortcut(QKeySequence("Ctrl+R"), self).activated.connect(partial(self.decide, False))
        self.refresh()

    def refresh(self) -> None:
        self.runner.run(
            partial(orders.queue_with_summaries, self.sess), self._filled, self._failed, pool="net"
        )

    def _filled(self, waiting: list[dict[str, Any]]) -> None:
        chosen = self.current()
        self.waiting = waiting
        self.list.clear()
        for o in waiting:
            item = QListWidgetItem(
                f"{o['order_no'][-8:]} · {type_title(o['type'])} · {o.get('customer_name', '')}"
            )
            self.list.addItem(item)
        ids = [o["id"] for o in waiting]
        self.list.setCurrentRow(ids.index(chosen["id"]) if chosen and chosen["id"] in ids else 0)
        if not waiting:
            self.details.setText(self.tr("Nothing is waiting for a supervisor."))
        self.list.setFocus()

    def _failed(self, exc: BaseException) -> None:
        self.message.setText(describe(exc))

    def current(self) -> dict[str, Any] | None:
        row = self.list.currentRow()
        return self.waiting[row] if 0 <= row < len(self.waiting) else None

    def _chosen(self, _row: int) -> None:
        order = self.current()
        if order is not None:
            self.details.setText(order_details(order))

    def decide(self, approve: bool) -> None:
        order = self.current()
        if order is None:
            return
        reason = self.reason.text().strip()
        if not approve and not reason:
            self.message.setText(self.tr("Reason: say why the order is rejected."))
            self.reason.setFocus()
            return
        self.approve.setEnabled(False)
        self.refuse.setEnabled(False)
        self.runner.run(
            partial(orders.decide, self.sess, order["id"], approve, reason),
            self._decided,
            self._decide_failed,
            pool="net",
        )

    def _decided(self, order: dict[str, Any]) -> None:
        self.approve.setEnabled(True)
        self.refuse.setEnabled(True)
        self.reason.clear()
        self.message.setText(
            self.tr("Order {no}: {state}.").format(
                no=order["order_no"], state=state_title(order["state"])
            )
        )
        self.refresh()

    def _decide_failed(self, exc: BaseException) -> None:
        self.approve.setEnabled(True)
        self.refuse.setEnabled(True)
        self.message.setText(describe(exc))
