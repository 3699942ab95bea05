"""The money side of the window: shifts, payments, voids, reprints, printing, sync issues.

One object owns these actions and the dialog open now, so the main window stays about
finding and showing customers.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Protocol, cast

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QMenu, QWidget

from counter_app import charges, customers, payment_receipts
from counter_app.changes import ShiftState
from counter_app.customers import CustomerView, SearchResult
from counter_app.domain.kinds import SUPERVISOR_ROLES
from counter_app.domain.money import format_yuan
from counter_app.payments import PaymentDone
from counter_app.receipts.data import ReceiptData, ShiftReportData
from counter_app.session import CounterSession
from counter_app.settings import Settings
from counter_app.storage import Cache
from ui.charge_settle_dialog import ChargeSettleDialog
from ui.devices_dialog import DevicesDialog
from ui.messages import describe
from ui.offline_reviews_dialog import OfflineReviewsDialog
from ui.payment_dialog import PaymentDialog
from ui.receipt_printer import ReceiptPrinter
from ui.search_panel import SearchPanel
from ui.shift_dialogs import CloseShiftDialog, OpenShiftDialog
from ui.shift_payments_dialog import ShiftPaymentsDialog
from ui.staff_unlock_dialog import StaffUnlockDialog
from ui.status_widgets import OutboxStatus, ShiftStatus
from ui.sync_issues_dialog import SyncIssuesDialog
from ui.tasks import TaskRunner

Opener = Callable[[str | None, CustomerView], None]  # (the line named, the customer)


class CounterHost(Protocol):
    """What the actions need of the window they act in (ui.main_window.MainWindow): its
    public parts only. The views follow the announced changes; nothing here refreshes them."""

    cache: Cache
    runner: TaskRunner
    search: SearchPanel

    def notify(self, message: str, ms: int = 10_000) -> None: ...
    def shown_customer(self) -> CustomerView | None: ...
    def open_customer(self, customer_id: str, then: Callable[[], None] | None = None) -> None: ...
    def push_now(self) -> None: ...
    def addAction(self, action: QAction) -> None: ...
    def activateWindow(self) -> None: ...


class CounterActions(QObject):
    receipt_printed = Signal(str, str)  # what, where

    def __init__(self, window: CounterHost, session: CounterSession | None) -> None:
        super().__init__(cast(QWidget, window))
        self.window = window
        self.parent_widget = cast(QWidget, window)  # dialogs open over it
        self.session = session
        self.dialog: QDialog | None = None  # the payment or shift dialog open now
        self._finished: QDialog | None = None  # the last one closed, deleted at the next
        folder = (
            session.receipts_dir if session is not None else window.cache.path.parent / "receipts"
        )
        self.printer = ReceiptPrinter(
            session.settings if session else Settings(), folder, window.runner, self
        )
        self.printer.printed.connect(self._printed)
        self.printer.failed.connect(
            lambda exc: window.notify(
                self.tr("Printing failed: {error}").format(error=describe(exc)), 30_000
            )
        )
        # The status bar's lines follow the announced changes (ui.tasks.TaskRunner.write).
        self.outbox_label = OutboxStatus(window.cache, window.runner)
        self.outbox_label.counts.connect(self._outbox_counts)
        self.shift_label = ShiftStatus(session, window.runner)
        self._awaiting: tuple[Opener, str] | None = None  # (action, text) until the search runs
        self.printer.reprint_requested.connect(self.reprint)

    # -- actions ---------------------------------------------------------------------------
    def build(self, menu: QMenu) -> None:
        shift_key = Qt.Modifier.CTRL | Qt.Modifier.SHIFT
        specs = (
            (
                "openShiftAction",
                self.tr("&Open shift…"),
                QKeySequence(shift_key | Qt.Key.Key_O),
                self.open_shift_dialog,
            ),
            (
                "payBillsAction",
                self.tr("&Pay bills…"),
                QKeySequence(Qt.Key.Key_F2),
                partial(self.payment_dialog, "bill"),
            ),
            (
                "topUpAction",
                self.tr("&Top up…"),
                QKeySequence(Qt.Key.Key_F3),
                partial(self.payment_dialog, "topup"),
            ),
            (
                "shiftPaymentsAction",
                self.tr("This shift's pay&ments…"),
                QKeySequence(shift_key | Qt.Key.Key_P),
                self.shift_payments_dialog,
            ),
            (
                "closeShiftAction",
                self.tr("&Close shift…"),
                QKeySequence(shift_key | Qt.Key.Key_C),
                self.close_shift_dialog,
            ),
            (
                "syncIssuesAction",
                self.tr("Sync &issues…"),
                QKeySequence(shift_key | Qt.Key.Key_I),
                self.sync_issues_dialog,
            ),
            (
                "settleChargesAction",
                self.tr("Unfinished card c&harges…"),
                QKeySequence(shift_key | Qt.Key.Key_U),
                self.settle_charges,
            ),
            (
                "offlineReviewsAction",
                self.tr("Offline appro&vals to review…"),
                QKeySequence(shift_key | Qt.Key.Key_R),
                self.offline_reviews_dialog,
            ),
            (
                "unlockStaffAction",
                self.tr("Unloc&k a staff number…"),
                QKeySequence(shift_key | Qt.Key.Key_K),
                self.staff_unlock_dialog,
            ),
            ("devicesAction", self.tr("Counter &devices…"), QKeySequence(), self.devices_dialog),
        )
        actions = []
        for name, text, key, slot in specs:
            action = QAction(text, self.window)
            action.setObjectName(name)
            action.setShortcut(key)
            action.setEnabled(self.session is not None)
            action.triggered.connect(slot)
            menu.addAction(action)
            self.window.addAction(action)
            actions.append(action)
        (
            self.open_shift_action,
            self.pay_bills_action,
            self.top_up_action,
            self.shift_payments_action,
            self.close_shift_action,
            self.sync_issues_action,
            self.settle_charges_action,
            self.offline_reviews_action,
            self.unlock_staff_action,
            self.devices_action,
        ) = actions
        supervisor = self.session is not None and self.session.signed.role in SUPERVISOR_ROLES
        self.unlock_staff_action.setVisible(supervisor)
        self.offline_reviews_action.setVisible(supervisor)
        self.devices_action.setEnabled(self.session is not None and self.session.paths is not None)

    def show(self, dialog: QDialog) -> QDialog:
        if self.dialog is not None and getattr(self.dialog, "working", False):
            # A payment or a close is under way: its answer must reach its own dialog.
            dialog.deleteLater()
            self.window.notify(self.tr("Finish what is under way first."), 5000)
            self.dialog.raise_()
            return self.dialog
        for old in (self.dialog, self._finished):
            if old is not None:
                old.deleteLater()
        self._finished = None
        self.dialog = dialog
        dialog.finished.connect(partial(self._closed, dialog))
        dialog.open()
        return dialog

    def _closed(self, dialog: QDialog, _result: int) -> None:
        if self.dialog is dialog:  # closed: nothing is open now (deleted at the next one)
            self.dialog = None
            self._finished = dialog
        # The window takes the keys back (F2, F3… are its shortcuts) even where no window
        # manager hands the activation back, as on a kiosk session.
        self.window.activateWindow()

    def open_shift_dialog(self) -> None:
        if self.session is None:
            return
        dialog = OpenShiftDialog(self.session, self.runner, self.parent_widget)
        dialog.accepted.connect(partial(self._shift_opened, dialog))
        self.show(dialog)

    def _shift_opened(self, _dialog: OpenShiftDialog) -> None:
        self.window.notify(self.tr("Shift opened."))

    def close_shift_dialog(self) -> None:
        if self.session is None:
            return
        self.window.push_now()  # give the province every payment before the count
        dialog = CloseShiftDialog(self.session, self.runner, self.parent_widget)
        dialog.accepted.connect(partial(self._shift_closed, dialog))
        self.show(dialog)

    def _shift_closed(self, dialog: CloseShiftDialog) -> None:
        self.window.notify(self.tr("Shift closed; the shift report prints."))
        report: ShiftReportData | None = dialog.report
        if report is not None:
            self.printer.print_shift_report(report)

    def payment_dialog(self, kind: str) -> None:
        if self.session is None:
            return
        if self.shift_known and self.shift is None:  # at once, before anything is typed
            self.window.notify(self.tr("No shift is open: open one first (Ctrl+Shift+O)."))
            return
        self.act_on_customer(partial(self._open_payment, kind))

    def act_on_customer(self, opener: Opener) -> None:
        """F2, F3 and the order keys act on what the clerk typed last: the line a whole
        number (or an ICCID) typed since the customer on the right was opened names; else
        the customer shown; else the one result there is. `opener(line, view)` opens the
        dialog for it."""
        if self.session is None:
            return
        text = self.window.search.typed_text()
        self._awaiting = None
        if not text.strip():
            self._act_for(opener, None)
            return
        self.runner.run(
            partial(customers.line_named_by, self.window.cache, text),
            partial(self._act_for, opener),
        )

    def after_search(self, result: SearchResult) -> None:
        """An action asked for while the search was still to run: decided now, for the
        text it was asked with only."""
        awaiting, self._awaiting = self._awaiting, None
        if awaiting is not None and awaiting[1] == result.text:
            self._act_for(awaiting[0], None)

    def _act_for(self, opener: Opener, target: customers.LineTarget | None) -> None:
        search = self.window.search
        shown = self.window.shown_customer()
        typed = search.edited_since_open or shown is None  # the box is the newest intent
        if target is None and typed and search.pending:  # typed, not searched yet
            self._awaiting = (opener, search.box.text())
            search.search_now()
            return
        subscription_id: str | None = None
        if target is not None and (typed or (shown and shown.customer_id == target.customer_id)):
            subscription_id, customer_id = target.subscription_id, target.customer_id
        elif shown is not None and (
            not search.edited_since_open or search.lists(shown.customer_id)
        ):
            customer_id = shown.customer_id
        elif (only := search.only_result()) is not None:
            customer_id = only
        else:
            self.window.notify(
                self.tr("Which customer? Choose one in the results (Enter opens it).")
            )
            search.focus_search()
            return
        if shown is not None and shown.customer_id == customer_id:
            opener(subscription_id, shown)
        else:
            self.window.open_customer(
                customer_id, partial(self._open_shown, opener, subscription_id)
            )

    def _open_shown(self, opener: Opener, subscription_id: str | None) -> None:
        view = self.window.shown_customer()
        if view is not None:
            opener(subscription_id, view)

    def _open_payment(self, kind: str, subscription_id: str | None, view: CustomerView) -> None:
        if self.session is None:
            return
        dialog = PaymentDialog(
            self.session,
            self.runner,
            view,
            kind,
            self.parent_widget,
            subscription_id=subscription_id,
        )
        dialog.accepted.connect(partial(self._payment_taken, dialog))
        dialog.finished.connect(lambda _result: self.window.search.focus_search())  # next!
        self.show(dialog)

    def _payment_taken(self, dialog: PaymentDialog) -> None:
        if dialog.paid is not None:
            self._paid(dialog.paid)

    def _paid(self, done: PaymentDone) -> None:
        if done.state == "unconfirmed":
            self.window.notify(
                self.tr(
                    "No answer from the province yet: QR payment {no} is being confirmed. Do not "
                    "take the money again; reprint its receipt from this shift's payments once it "
                    "is accepted."
                ).format(no=done.receipt.receipt_no),
                0,
            )
        else:
            change = done.payment.get("change_fen")
            message = (
                self.tr("Receipt {no} — change {change}").format(
                    no=done.receipt.receipt_no, change=format_yuan(change)
                )
                if change is not None  # cash
                else self.tr("Receipt {no}").format(no=done.receipt.receipt_no)
            )
            if done.owed_after_fen > 0:
                message += self.tr(" — still owed {owed}").format(
                    owed=format_yuan(done.owed_after_fen)
                )
            self.window.notify(message, 30_000)
            self.printer.print_receipt(done.receipt)

    def shift_payments_dialog(self) -> None:
        if self.session is None:
            return
        dialog = ShiftPaymentsDialog(self.session, self.runner, self.parent_widget)
        dialog.receipt_ready.connect(self._reprinted_or_voided)
        dialog.preview_ready.connect(self._preview)
        self.show(dialog)

    def _preview(self, data: ReceiptData, payment_id: str) -> None:
        self.printer.preview_receipt(data, self.parent_widget, payment_id)

    def settle_charges(self) -> None:
        """A card charge left without its outcome (the counter stopped in the middle) is
        put to the clerk, one after the other, at every start until each is settled."""
        if self.session is not None:
            self.runner.run(partial(charges.open_intents, self.session), self._settle_next)

    def _settle_next(self, intents: list[charges.Intent]) -> None:
        if not intents or self.session is None:
            return
        dialog = ChargeSettleDialog(self.session, self.runner, intents[0], self.parent_widget)
        dialog.booked.connect(self._paid)
        dialog.settled.connect(self.settle_charges)
        self.show(dialog)

    def sync_issues_dialog(self) -> None:
        self.show(
            SyncIssuesDialog(self.window.cache, self.runner, self.parent_widget, self.session)
        )

    def offline_reviews_dialog(self) -> None:
        if self.session is None or self.session.signed.role not in SUPERVISOR_ROLES:
            return
        self.show(OfflineReviewsDialog(self.session, self.runner, self.window))

    def staff_unlock_dialog(self) -> None:
        if self.session is None or self.session.signed.role not in SUPERVISOR_ROLES:
            return
        self.show(StaffUnlockDialog(self.session, self.runner, self.window))

    def devices_dialog(self) -> None:
        if self.session is not None and self.session.paths is not None:
            self.show(
                DevicesDialog(
                    self.session.settings, self.session.paths, self.runner, self.parent_widget
                )
            )

    def reprint(self, payment_id: str) -> None:
        if self.session is not None:
            self.runner.run(
                partial(payment_receipts.reprint, self.session, payment_id),
                self._reprinted_or_voided,
                self.printer.failed.emit,
                pool="write",
            )

    def _reprinted_or_voided(self, data: ReceiptData) -> None:
        self.printer.print_receipt(data)

    # -- state -----------------------------------------------------------------------------
    @property
    def runner(self):  # type: ignore[no-untyped-def]
        return self.window.runner

    @property
    def shift(self) -> ShiftState | None:
        return self.shift_label.state

    @property
    def shift_known(self) -> bool:
        return self.shift_label.known

    @property
    def waiting(self) -> int:
        """This counter's entries not yet accepted by the province."""
        return self.outbox_label.waiting

    def reasons_to_stay(self) -> list[str]:
        """What quitting now would leave behind, for the clerk to confirm."""
        reasons = []
        if self.shift is not None:
            reasons.append(self.tr("Your shift is still open."))
        if self.waiting:
            reasons.append(
                self.tr("{n} of your entries have not reached the province yet.").format(
                    n=self.waiting
                )
            )
        return reasons

    def _printed(self, what: str, where: str) -> None:
        self.receipt_printed.emit(what, where)

    def _outbox_counts(self, _waiting: int, refused: int) -> None:
        self.sync_issues_action.setText(
            self.tr("Sync &issues ({n})…").format(n=refused)
            if refused
            else self.tr("Sync &issues…")
        )
