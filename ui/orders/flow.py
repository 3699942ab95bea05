"""The shared flow of every service order: the type's page, then a summary (what changes,
fees, a waiver, who must approve) and a confirmation; then the supervisor (here, or through
the hall's queue), the fees through the payment dialog, the customer's signature, and the
service form. Enter goes forward, Alt+B back, Esc leaves (letting go of a held number)."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from functools import partial
from typing import Any

from PySide6.QtCore import QCoreApplication, QTimer, Signal
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QLabel,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from counter_app import orders, payments, service_forms
from counter_app.api_client import ApiError
from counter_app.changes import Changes
from counter_app.customers import CustomerView
from counter_app.domain import money
from counter_app.domain import orders as domain
from counter_app.domain.orders import Order, OrderType
from counter_app.domain.validators import ValidationError
from counter_app.orders import FeeDue, Prepared
from counter_app.receipts.data import ReceiptData
from counter_app.session import CounterSession
from ui.approval_dialog import ApprovalDialog
from ui.messages import describe
from ui.orders.page_types import PAGES
from ui.orders.pages import OrderPage
from ui.orders.summary import SummaryPage
from ui.payment_dialog import PaymentDialog
from ui.signature_pad import SignatureDialog
from ui.tasks import TaskRunner
from ui.widgets import WorkingDialog, busy_bar, error_label

POLL_MS = 1000  # the clerk hears a supervisor's decision within 2 s


TYPE_NAMES = {
    "new_line": "New line",
    "change_plan": "Change plan",
    "addons": "Add-ons",
    "suspend": "Suspend",
    "resume": "Resume",
    "sim_replace": "Replace SIM",
    "transfer": "Transfer ownership",
    "cancel": "Cancel line",
    "reverse": "Reverse an order",
}
STATE_NAMES = {
    "draft": "draft",
    "pendingApproval": "waiting for a supervisor",
    "acknowledged": "approved",
    "inProgress": "in progress",
    "completed": "completed",
    "rejected": "rejected",
    "failed": "failed",
    "cancelled": "cancelled",
}


def type_title(order_type: str) -> str:
    name = TYPE_NAMES.get(str(order_type), str(order_type))
    return QCoreApplication.translate("OrderType", name)


def state_title(state: str) -> str:
    return QCoreApplication.translate("OrderState", STATE_NAMES.get(state, state))


class OrderDialog(WorkingDialog):
    receipt_ready = Signal(object)  # ReceiptData of the fees taken
    form_ready = Signal(object, object)  # the service form: path, PDF bytes
    queued = Signal(object)  # the province's order, sent to the hall's queue
    done_message = Signal(str)

    def __init__(
        self,
        sess: CounterSession,
        runner: TaskRunner,
        view: CustomerView,
        order_type: OrderType,
        parent: QWidget | None = None,
        subscription_id: str | None = None,
        resume: dict[str, Any] | None = None,
    ) -> None:
        """`resume`: an order already sent (the queue decided on it): go on from there."""
        super().__init__(parent)
        self.setObjectName("orderDialog")
        self.sess, self.runner, self.view = sess, runner, view
        self.order_type = OrderType(order_type)
        self.order_id = str(uuid.uuid4())
        self.order_no = orders.new_order_no(sess)
        self.created_at = datetime.now(UTC)
        self.prepared: Prepared | None = None
        self.held: str | None = None
        self.answer: dict[str, Any] | None = None
        self.setWindowTitle(
            self.tr("{what} — {name}").format(what=type_title(self.order_type), name=view.name)
        )
        layout = QVBoxLayout(self)
        who = QLabel(f"{view.name} · {view.id_masked}")
        who.setObjectName("orderCustomer")
        who.setStyleSheet("font-size: 16pt; font-weight: bold;")
        layout.addWidget(who)
        self.stack = QStackedWidget()
        self.page: OrderPage = PAGES[self.order_type](sess, runner, view, subscription_id)
        self.stack.addWidget(self.page)
        self.summary = SummaryPage(sess.policy)
        self.summary.approval_changed.connect(self._approval_changed)
        self.stack.addWidget(self.summary)
        self.outcome = QLabel()
        self.outcome.setObjectName("orderOutcome")
        self.outcome.setWordWrap(True)
        self.outcome.setStyleSheet("font-size: 13pt;")
        self.stack.addWidget(self.outcome)
        layout.addWidget(self.stack)
        self.error = error_label("orderError")
        layout.addWidget(self.error)
        self.busy = busy_bar()
        layout.addWidget(self.busy)
        self.buttons = QDialogButtonBox()
        self.back = self.buttons.addButton(self.tr("&Back"), QDialogButtonBox.ButtonRole.ResetRole)
        self.back.setObjectName("orderBack")
        self.back.clicked.connect(self.go_back)
        self.to_queue = self.buttons.addButton(
            self.tr("Send to the approval &queue"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.to_queue.setObjectName("orderToQueue")
        self.to_queue.clicked.connect(self.send_to_queue)
        self.next = self.buttons.addButton(self.tr("&Next"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.next.setObjectName("orderNext")
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.go_on)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.next.setDefault(True)
        self.poll = QTimer(self)
        self.poll.setInterval(POLL_MS)
        self.poll.timeout.connect(self._poll)
        self.setMinimumWidth(620)
        self._show_step(0)
        self.page.first_focus().setFocus()
        if resume is not None:
            self.order_id, self.order_no = resume["id"], resume["order_no"]
            self._taken(resume)

    def _approval_changed(self, reason: str | None) -> None:
        self.error.hide()
        self.to_queue.setVisible(bool(reason) and self.stack.currentIndex() == 1)
        self.next.setText(self.tr("&Confirm with a supervisor") if reason else self.tr("&Confirm"))

    # -- steps ------------------------------------------------------------------------
    def _show_step(self, step: int) -> None:
        self.stack.setCurrentIndex(step)
        self.back.setVisible(step == 1)
        self.to_queue.setVisible(False)
        if step == 0:
            self.next.setText(self.tr("&Next"))
        if step == 2:
            self.next.setText(self.tr("&Close"))
        self.next.setDefault(True)

    def go_on(self) -> None:
        if self.working:
            return
        step = self.stack.currentIndex()
        if step == 0:
            self._prepare()
        elif step == 1:
            self._confirm(with_supervisor=True)
        elif self.answer is not None and self.answer.get("state") == "acknowledged":
            if not self.answer.get("payment_id"):
                self.go_on_after_fees()
        elif self.answer is None or self.answer.get("state") in domain.FINAL:
            self.accept()

    def go_back(self) -> None:
        if not self.working and self.stack.currentIndex() == 1:
            self.error.hide()
            self._show_step(0)
            self.page.first_focus().setFocus()

    def _say(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()

    def _busy(self, on: bool) -> None:
        self.set_working(on)
        self.busy.setVisible(on)
        self.next.setEnabled(not on)
        self.back.setEnabled(not on)
        self.to_queue.setEnabled(not on)

    def _prepare(self) -> None:
        self.error.hide()
        try:
            subscription_id, items = self.page.collect()
        except ValidationError as exc:
            self._say(describe(exc))
            return
        draft = Order(
            self.order_id,
            self.order_no,
            self.order_type,
            self.view.customer_id,
            subscription_id,
            items,
        )
        self._busy(True)
        self.runner.run(
            partial(orders.prepare, self.sess, draft, self.page.held_number(), self.held),
            self._prepared,
            self._refused,
            pool="net",
        )

    def _prepared(self, prepared: Prepared) -> None:
        self._busy(False)
        self.prepared, self.held = prepared, prepared.held
        self._show_step(1)
        self.summary.show_order(prepared)
        self.next.setFocus()

    def _refused(self, exc: BaseException) -> None:
        self._busy(False)
        self._say(describe(exc))
        if isinstance(exc, ApiError) and exc.status == 409 and hasattr(self.page, "find_numbers"):
            self.page.find_numbers()  # taken a moment ago by another counter: choose again

    def _confirm(self, with_supervisor: bool) -> None:
        problem = self.summary.problem()
        if problem is not None:
            text, field = problem
            self._say(text)
            field.setFocus()
            return
        order = self.summary.current_order()
        if domain.approval_reason(order, self.sess.policy.current) and with_supervisor:
            dialog = ApprovalDialog(
                self.sess,
                self.runner,
                "order",
                order.id,
                self.tr("A supervisor approves order {no}.").format(no=order.order_no),
                self,
            )
            dialog.accepted.connect(lambda: self._submit(order, dialog.approval))
            dialog.finished.connect(lambda _r: self._take_keys())
            dialog.open()
            return
        self._submit(order, None)

    def send_to_queue(self) -> None:
        if not self.working and self.prepared is not None:
            self._submit(self.summary.current_order(), None)

    def _submit(self, order: Order, approval: object) -> None:
        self._busy(True)
        self.runner.write(
            partial(orders.submit, self.sess, order, approval, self.created_at),  # type: ignore[arg-type]
            self._taken,
            self._refused,
            pool="net",
        )

    # -- after the province took it ----------------------------------------------------
    def _taken(self, answer: dict[str, Any]) -> None:
        self._busy(False)
        self.answer = answer
        if answer.get("queued"):  # offline, through the outbox: the status bar counts it
            self.runner.announce(Changes.of([answer["customer_id"]], outbox=True))
        state = answer.get("state")
        self._show_step(2)
        self.poll.stop()
        if state == "pendingApproval":
            self.outcome.setText(
                self.tr(
                    "Order {no} is in the hall's approval queue. A supervisor decides on any "
                    "counter; you will see it here, or in the status bar if you close this "
                    "(Esc) to serve the next customer."
                ).format(no=answer["order_no"])
            )
            self.busy.show()
            self.queued.emit(answer)
            self.poll.start()
        elif state == "rejected":
            self.outcome.setText(
                self.tr("Order {no} was rejected: {reason}").format(
                    no=answer["order_no"], reason=answer.get("decision_reason") or "—"
                )
            )
        elif state == "failed":
            self.outcome.setText(
                self.tr("Order {no} failed at the province: {reason}").format(
                    no=answer["order_no"], reason=answer.get("decision_reason") or "—"
                )
            )
        elif state == "acknowledged" and not answer.get("payment_id"):
            self.outcome.setText(
                self.tr("Take the fees of order {no}.").format(no=answer["order_no"])
            )
            self.runner.run(partial(orders.fee_due, self.sess, answer), self._take_fees)
        else:
            self.outcome.setText(
                self.tr("Order {no} is done. The customer signs the service form.").format(
                    no=answer["order_no"]
                )
            )
            if self.order_type == OrderType.REVERSE:  # its fees go back through a void
                self.runner.run(
                    partial(orders.fees_to_give_back, self.sess, answer),
                    self._give_back,
                    lambda _exc: self._sign(),
                    pool="net",
                )
            elif self.order_type == OrderType.CANCEL:  # the balance, in cash, with a slip
                self.runner.run(
                    partial(orders.refund_slip, self.sess, answer),
                    self._refunded,
                    lambda exc: (self._say(describe(exc)), self._sign()),
                    pool="net",
                )
            else:
                self._sign()

    def _refunded(self, slip: ReceiptData | None) -> None:
        if slip is not None:
            self.receipt_ready.emit(slip)
            self.outcome.setText(
                self.tr(
                    "Hand the customer {amount} in cash (refund slip {no}); then they sign."
                ).format(amount=money.format_yuan(slip.amount_fen), no=slip.receipt_no)
            )
        self._sign()

    def _give_back(self, paid: dict[str, Any] | None) -> None:
        if paid is None:
            self._sign()
            return
        what = self.tr(
            "Order {no} is reversed: its fees, {amount} on receipt {receipt}, are given back. "
            "A supervisor approves the void."
        ).format(
            no=paid["order_no"],
            amount=money.format_yuan(paid["amount_fen"]),
            receipt=paid["receipt_no"],
        )
        dialog = ApprovalDialog(
            self.sess, self.runner, "void", paid["payment_id"], what, self, paid["amount_fen"]
        )
        dialog.accepted.connect(lambda: self._void(paid, dialog.approval))
        dialog.rejected.connect(
            lambda: (
                self.done_message.emit(
                    self.tr(
                        "The fees of order {no} are not given back yet: void receipt {receipt} "
                        "from this shift's payments (Ctrl+Shift+P)."
                    ).format(no=paid["order_no"], receipt=paid["receipt_no"])
                ),
                self._sign(),
            )
        )
        dialog.finished.connect(lambda _r: self._take_keys())
        dialog.open()

    def _void(self, paid: dict[str, Any], approval: object) -> None:
        self._busy(True)
        reason = self.tr("Reversal {no}").format(no=self.order_no)
        self.runner.write(
            partial(payments.void_payment, self.sess, paid["payment_id"], reason, approval),  # type: ignore[arg-type]
            self._voided,
            self._refused,
            pool="net",
        )

    def _voided(self, slip: object) -> None:
        self._busy(False)
        self.receipt_ready.emit(slip)  # the void slip: the cash goes back to the customer
        self._sign()

    def _poll(self) -> None:
        if self.answer is not None:
            self.runner.run(
                partial(orders.fetch, self.sess, self.answer["id"]),
                self._polled,
                lambda _e: None,
                pool="net",
            )

    def _polled(self, answer: dict[str, Any]) -> None:
        if self.answer is not None and answer.get("state") != self.answer.get("state"):
            self._taken(answer)

    def _take_fees(self, due: FeeDue | None) -> None:
        if due is None:
            self._sign()
            return
        dialog = PaymentDialog(
            self.sess, self.runner, self.view, "order_fee", self, due.subscription_id, due
        )
        dialog.accepted.connect(lambda: self._fees_taken(dialog))
        dialog.rejected.connect(
            lambda: self.outcome.setText(
                self.tr(
                    "The fees of order {no} are not taken yet: press Enter to take them, or "
                    "Esc to give up the order."
                ).format(no=due.order_no)
            )
        )
        self.next.setText(self.tr("&Take the fees"))
        dialog.finished.connect(lambda _r: self._take_keys())
        dialog.open()

    def _fees_taken(self, dialog: PaymentDialog) -> None:
        if dialog.paid is not None:
            self.receipt_ready.emit(dialog.paid.receipt)
            assert self.answer is not None
            self.answer = {**self.answer, "payment_id": dialog.paid.payment["id"]}
            self.outcome.setText(
                self.tr("Order {no} is done. The customer signs the service form.").format(
                    no=self.order_no
                )
            )
            self.next.setText(self.tr("&Close"))
        self._sign()

    def _sign(self) -> None:
        pad = SignatureDialog(
            self.tr("The customer signs order {no}.").format(no=self.order_no), self
        )
        pad.finished.connect(lambda _r: self._signed(pad.signature))
        pad.finished.connect(lambda _r: self._take_keys())
        pad.open()

    def _signed(self, signature: bytes | None) -> None:
        assert self.answer is not None
        self._busy(True)
        self.runner.run(
            partial(service_forms.sign_and_save, self.sess, self.answer, signature),
            self._form_made,
            self._refused,
            pool="print",
        )

    def _form_made(self, made: tuple[object, bytes]) -> None:
        self._busy(False)
        path, pdf = made
        self.form_ready.emit(path, pdf)
        assert self.answer is not None
        self.done_message.emit(
            self.tr("Order {no} taken; its service form prints.").format(no=self.answer["order_no"])
        )
        self.answer = {**self.answer, "state": "completed"}
        self.accept()

    def _take_keys(self) -> None:
        """Back from a dialog over this one: the keys are this dialog's again (where no
        window manager hands the activation back, as on a kiosk session)."""
        self.activateWindow()
        self.next.setFocus()

    def reject(self) -> None:
        if self.working:
            return
        self.poll.stop()
        state = (self.answer or {}).get("state")
        if self.answer is None and self.held:
            self.runner.run(partial(orders.release_number, self.sess, self.held), pool="net")
        elif state == "acknowledged" and not (self.answer or {}).get("payment_id"):
            self.runner.write(
                partial(orders.cancel, self.sess, self.order_id, self.held), pool="net"
            )
        super().reject()

    def go_on_after_fees(self) -> None:
        """Enter on the outcome while fees are still to take: take them."""
        if self.answer is not None and self.answer.get("state") == "acknowledged":
            self.runner.run(partial(orders.fee_due, self.sess, self.answer), self._take_fees)
