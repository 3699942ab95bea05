"""The Orders menu: a key per order type, the hall's approval queue, the customer's order
history, and the orders sent to the queue from this counter, watched until decided."""

from __future__ import annotations

from functools import partial
from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLabel, QMenu, QMenuBar

from counter_app import orders
from counter_app.customers import CustomerView
from counter_app.domain.orders import OrderType
from ui.contact_dialog import ContactDialog
from ui.counter_actions import CounterActions
from ui.orders.flow import OrderDialog, type_title
from ui.orders.history_dialog import OrderHistoryDialog
from ui.orders.queue_dialog import ApprovalQueueDialog
from ui.registration_dialog import RegistrationDialog

WATCH_MS = 1000  # a decision reaches the clerk within 2 s
QUEUE_COUNT_MS = 10_000
# Ctrl+1 … Ctrl+9, in the order of the menu.
ORDER_KEYS = tuple(OrderType)


class OrderActions(QObject):
    def __init__(self, counter: CounterActions) -> None:
        super().__init__(counter)
        self.counter = counter
        self.window = counter.window
        self.session = counter.session
        self.watched: dict[str, dict[str, Any]] = {}  # sent to the queue, not decided yet
        self.decided: list[tuple[dict[str, Any], str]] = []  # (order, customer id)
        self.watch = QTimer(self)
        self.watch.setInterval(WATCH_MS)
        self.watch.timeout.connect(self._check_watched)
        self.queue_label = QLabel()
        self.queue_label.setObjectName("queueCount")
        self.queue_label.hide()
        self.queue_timer = QTimer(self)
        self.queue_timer.setInterval(QUEUE_COUNT_MS)
        self.queue_timer.timeout.connect(self.count_queue)
        if self.session is not None and self.session.signed.role == "supervisor":
            self.queue_timer.start()
            self.count_queue()

    def _add(self, menu: QMenu, name: str, text: str, key: Any, slot: Any) -> QAction:
        """An action in the menu and on the window (its key works wherever the focus is)."""
        action = QAction(text, self.window)  # type: ignore[arg-type]
        action.setObjectName(name)
        action.setShortcut(QKeySequence(key))
        action.setEnabled(self.session is not None)
        action.triggered.connect(slot)
        menu.addAction(action)
        self.window.addAction(action)
        return action

    def build(self, bar: QMenuBar) -> QMenu:
        menu = bar.addMenu(self.tr("&Orders"))
        menu.setObjectName("ordersMenu")
        self._add(
            menu,
            "registerAction",
            self.tr("&Register a customer…"),
            QKeySequence.StandardKey.New,
            self.registration_dialog,
        )
        self._add(
            menu,
            "editContactAction",
            self.tr("&Edit contact details…"),
            Qt.Modifier.CTRL | Qt.Key.Key_E,
            self.contact_dialog,
        )
        menu.addSeparator()
        self.order_actions: dict[OrderType, QAction] = {
            order_type: self._add(
                menu,
                f"order_{order_type}",
                type_title(order_type) + "…",
                Qt.Modifier.CTRL | Qt.Key(Qt.Key.Key_0 + n),
                partial(self.open_order, order_type),
            )
            for n, order_type in enumerate(ORDER_KEYS, start=1)
        }
        menu.addSeparator()
        shift = Qt.Modifier.CTRL | Qt.Modifier.SHIFT
        self._add(
            menu,
            "approvalQueueAction",
            self.tr("Approval &queue…"),
            shift | Qt.Key.Key_A,
            self.queue_dialog,
        )
        self._add(
            menu,
            "waitingOrdersAction",
            self.tr("Go on with a &decided order"),
            shift | Qt.Key.Key_W,
            self.resume_decided,
        )
        self._add(
            menu,
            "orderHistoryAction",
            self.tr("Order &history…"),
            shift | Qt.Key.Key_H,
            self.history_dialog,
        )
        return menu

    # -- orders ---------------------------------------------------------------------------
    def open_order(self, order_type: OrderType) -> None:
        self.counter.act_on_customer(partial(self._open, order_type, None))

    def _open(
        self,
        order_type: OrderType,
        resume: dict[str, Any] | None,
        subscription_id: str | None,
        view: CustomerView,
    ) -> None:
        if self.session is None:
            return
        dialog = OrderDialog(
            self.session,
            self.counter.runner,
            view,
            order_type,
            self.counter.parent_widget,
            subscription_id,
            resume,
        )
        printer = self.counter.printer
        dialog.receipt_ready.connect(printer.print_receipt)
        dialog.form_ready.connect(printer.print_form)
        dialog.done_message.connect(lambda text: self.window.notify(text, 30_000))
        dialog.finished.connect(partial(self._closed, dialog))
        self.counter.show(dialog)

    def _closed(self, dialog: OrderDialog, _result: int) -> None:
        answer = dialog.answer
        if answer is not None and answer.get("state") == "pendingApproval":
            self.watched[answer["id"]] = answer
            self.watch.start()
        self.window.search.focus_search()  # next!

    def _check_watched(self) -> None:
        if not self.watched:
            self.watch.stop()
            return
        for order_id in list(self.watched):
            self.counter.runner.run(
                partial(orders.fetch, self.session, order_id),
                self._watched_now,
                lambda _exc: None,  # the link is down: asked again in a moment
                pool="net",
            )

    def _watched_now(self, answer: dict[str, Any]) -> None:
        if answer["id"] not in self.watched or answer.get("state") == "pendingApproval":
            return
        del self.watched[answer["id"]]
        if answer["state"] == "rejected":
            self.window.notify(
                self.tr("Order {no} was rejected: {reason}").format(
                    no=answer["order_no"], reason=answer.get("decision_reason") or "—"
                ),
                0,
            )
            return
        self.decided.append((answer, answer["customer_id"]))
        self.window.notify(
            self.tr("Order {no} is approved: Ctrl+Shift+W goes on with it.").format(
                no=answer["order_no"]
            ),
            0,
        )

    def resume_decided(self) -> None:
        if not self.decided:
            self.window.notify(
                self.tr("{n} of your orders are waiting for a supervisor.").format(
                    n=len(self.watched)
                )
                if self.watched
                else self.tr("No order of yours is waiting.")
            )
            return
        answer, customer_id = self.decided.pop(0)
        self.window.open_customer(customer_id, partial(self._resume_shown, answer))

    def _resume_shown(self, answer: dict[str, Any]) -> None:
        view = self.window.shown_customer()
        if view is not None:
            self._open(OrderType(answer["type"]), answer, answer.get("subscription_id"), view)

    # -- customers ---------------------------------------------------------------------
    def registration_dialog(self) -> None:
        if self.session is None:
            return
        dialog = RegistrationDialog(self.session, self.counter.runner, self.counter.parent_widget)
        dialog.registered.connect(self._registered)
        self.counter.show(dialog)

    def _registered(self, customer_id: str) -> None:
        self.window.open_customer(customer_id)
        self.window.notify(
            self.tr("Customer registered. Ctrl+1 opens a new line for them."), 30_000
        )

    def contact_dialog(self) -> None:
        view = self.window.shown_customer()
        if self.session is None or view is None:
            self.window.notify(self.tr("Open a customer first."))
            return
        dialog = ContactDialog(self.session, self.counter.runner, view, self.counter.parent_widget)
        dialog.saved.connect(lambda _c: self.window.notify(self.tr("Contact details saved.")))
        self.counter.show(dialog)

    # -- the queue and the history --------------------------------------------------------
    def queue_dialog(self) -> None:
        if self.session is None:
            return
        dialog = ApprovalQueueDialog(self.session, self.counter.runner, self.counter.parent_widget)
        dialog.finished.connect(lambda _r: self.count_queue())
        self.counter.show(dialog)

    def count_queue(self) -> None:
        if self.session is not None:
            self.counter.runner.run(
                partial(orders.queue, self.session), self._counted, lambda _e: None, pool="net"
            )

    def _counted(self, waiting: list[dict[str, Any]]) -> None:
        self.queue_label.setText(self.tr("Queue: {n}").format(n=len(waiting)))
        self.queue_label.setVisible(bool(waiting))

    def history_dialog(self) -> None:
        view = self.window.shown_customer()
        if self.session is None or view is None:
            self.window.notify(self.tr("Open a customer first."))
            return
        dialog = OrderHistoryDialog(
            self.session, self.counter.runner, view, self.counter.parent_widget
        )
        dialog.form_ready.connect(self.counter.printer.print_form)
        self.counter.show(dialog)
