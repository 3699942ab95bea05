"""A card charge the counter stopped in the middle of (a crash, a power cut): the clerk asks
the terminal what it did and books the payment with its reference, or closes the charge as
not taken. Never settled by itself, never left behind: it comes back at every start."""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from counter_app import charges, payments
from counter_app.charges import Intent
from counter_app.devices.card_terminal import TerminalRecord, make_terminal
from counter_app.payments import LinkNeeded, PaymentDone
from counter_app.session import CounterSession
from ui.messages import describe, local_time, money
from ui.tasks import TaskRunner
from ui.widgets import WorkingDialog, busy_bar, error_label


class ChargeSettleDialog(WorkingDialog):
    booked = Signal(object)  # PaymentDone: the receipt prints
    settled = Signal()  # this charge has its outcome (booked or closed as not taken)

    def __init__(
        self, sess: CounterSession, runner: TaskRunner, intent: Intent, parent: QWidget | None
    ) -> None:
        super().__init__(parent)
        self.sess, self.runner, self.intent = sess, runner, intent
        self.setObjectName("chargeSettleDialog")
        self.setWindowTitle(self.tr("Unfinished card charge"))
        self.qr = intent.method == "qr"
        text = (
            self.tr(
                "The counter stopped while the province was asking the customer's wallet for "
                "{amount} for {customer} at {when} (receipt {no}). Ask the province again: it "
                "answers what it did, under the same request, and takes nothing twice."
            )
            if self.qr
            else self.tr(
                "The counter stopped while the card terminal was charging {amount} for "
                "{customer} at {when} (receipt {no}). Ask the terminal what it did, then "
                "settle the charge. It is not booked and not taken again until you do."
            )
        )
        what = QLabel(
            text.format(
                amount=money(intent.amount_fen),
                customer=intent.customer_name or "—",
                when=local_time(intent.created_at, "%Y-%m-%d %H:%M"),
                no=intent.receipt_no,
            )
        )
        what.setWordWrap(True)
        self.answer = QLabel()
        self.answer.setObjectName("terminalAnswer")
        self.answer.setWordWrap(True)
        self.reference = QLineEdit()
        self.reference.setObjectName("reference")
        self.reference.setPlaceholderText(self.tr("from the terminal or its slip"))
        form = QFormLayout()
        label = QLabel(self.tr("Terminal &reference:"))
        label.setBuddy(self.reference)
        form.addRow(label, self.reference)
        self.ask = QPushButton(
            self.tr("&Ask the province again (F5)")
            if self.qr
            else self.tr("&Ask the terminal (F5)")
        )
        self.ask.setObjectName("askTerminal")
        self.ask.clicked.connect(self.ask_terminal)
        QShortcut(QKeySequence(Qt.Key.Key_F5), self, self.ask_terminal)
        buttons = QDialogButtonBox()
        self.book = buttons.addButton(
            self.tr("&Book the payment"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.book.setObjectName("bookCharge")
        self.not_taken = buttons.addButton(
            self.tr("&Not charged"), QDialogButtonBox.ButtonRole.DestructiveRole
        )
        self.not_taken.setObjectName("notCharged")
        later = buttons.addButton(self.tr("&Later"), QDialogButtonBox.ButtonRole.RejectRole)
        later.setObjectName("settleLater")
        self.book.clicked.connect(self.book_it)
        self.not_taken.clicked.connect(self.close_not_taken)
        later.clicked.connect(self.reject)
        self.error = error_label("settleError")
        self.busy = busy_bar()
        layout = QVBoxLayout(self)
        for w in (what, self.ask, self.answer):
            layout.addWidget(w)
        layout.addLayout(form)
        for w in (self.error, self.busy, buttons):
            layout.addWidget(w)
        self.book.setDefault(True)
        if self.qr:  # the province's answer settles it: nothing to type, nothing to guess
            for w in (label, self.reference, self.book, self.not_taken):
                w.hide()
        self.ask.setFocus()
        self._terminal_found: TerminalRecord | None = None

    def _start(self) -> None:
        self.error.hide()
        self.busy.show()
        self.set_working(True)
        for b in (self.ask, self.book, self.not_taken):
            b.setEnabled(False)

    def _stop(self) -> None:
        self.busy.hide()
        self.set_working(False)
        for b in (self.ask, self.book, self.not_taken):
            b.setEnabled(True)

    def _failed(self, exc: BaseException) -> None:
        self._stop()
        self.error.setText(describe(exc))
        self.error.show()

    def ask_terminal(self) -> None:
        if self.working:
            return
        self._start()
        if self.qr:
            self.runner.write(
                partial(payments.ask_again, self.sess, self.intent),
                self._booked,
                self._province_said,
                pool="net",
            )
            return
        setting, folder = self.sess.settings.card_terminal, self.sess.data_dir
        self.runner.run(
            lambda: charges.ask_terminal(self.intent, make_terminal(setting, folder)),
            self._told,
            self._terminal_failed,
            pool="net",
        )

    def _terminal_failed(self, exc: BaseException) -> None:
        if not isinstance(exc, charges.OtherTransaction):
            self._failed(exc)
            return
        self._stop()
        self.answer.setText(
            self.tr(
                "The terminal's last transaction is another payment's: it cannot tell about "
                "this one. Look for this charge on the terminal's journal or the customer's "
                "slip; type its reference to book it, or close it as not charged only if it "
                "is not there."
            )
        )
        self.reference.setFocus()

    def _told(self, record: TerminalRecord | None) -> None:
        self._stop()
        self._terminal_found = record
        if record is not None and record.approved:
            self.answer.setText(
                self.tr("The terminal charged this card: {card}, reference {ref}.").format(
                    card=record.card_masked, ref=record.reference
                )
            )
            self.reference.setText(record.reference)
            self.book.setFocus()
        elif record is not None:
            self.answer.setText(self.tr("The terminal declined this charge: nothing was taken."))
            self.not_taken.setFocus()
        else:
            self.answer.setText(
                self.tr(
                    "The terminal has no charge for this payment: nothing was taken. "
                    "If the customer holds a slip for it, type its reference."
                )
            )
            self.not_taken.setFocus()

    def book_it(self) -> None:
        if self.working:
            return
        card = self._terminal_found.card_masked if self._terminal_found else ""
        self._start()
        self.runner.write(
            partial(payments.settle_charged, self.sess, self.intent, self.reference.text(), card),
            self._booked,
            self._failed,
            pool="net",
        )

    def _booked(self, done: PaymentDone) -> None:
        self._stop()
        self.booked.emit(done)
        self.settled.emit()
        self.accept()

    def _province_said(self, exc: BaseException) -> None:
        if isinstance(exc, LinkNeeded):  # not reached: still open, asked again later
            self._failed(exc)
            return
        self._stop()  # refused or declined: nothing was taken, the charge is closed
        self.answer.setText(
            self.tr("The province says nothing was taken: {why}").format(why=describe(exc))
        )
        self.ask.setEnabled(False)
        self.settled.emit()

    def close_not_taken(self) -> None:
        if self.working:
            return
        self._start()
        why = self.tr("settled at the counter: not charged")
        self.runner.write(
            partial(charges.cancel, self.sess, self.intent, why, self.sess.signed.staff_id),
            lambda _none: self._closed_not_taken(),
            self._failed,
        )

    def _closed_not_taken(self) -> None:
        self._stop()
        self.settled.emit()
        self.accept()
