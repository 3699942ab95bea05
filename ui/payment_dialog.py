"""Taking a payment at the counter: the customer's bills or a top-up, in cash, card or QR."""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from counter_app import payments
from counter_app.customers import BillLine, CustomerView
from counter_app.devices.card_terminal import make_terminal
from counter_app.domain import money
from counter_app.domain.validators import ValidationError
from counter_app.payments import PaymentDone, PaymentRequest
from counter_app.session import CounterSession
from ui.messages import describe
from ui.tasks import TaskRunner
from ui.widgets import WorkingDialog

PRESETS_FEN = (3000, 5000, 10000, 20000)
LARGE = "font-size: 28pt; font-weight: bold;"
ERROR_STYLE = "color: #b00020; font-weight: bold;"


class PaymentDialog(WorkingDialog):
    """`kind` is "bill" or "topup". On success `paid` holds the PaymentDone.

    (Not `self.done`: that would shadow QDialog.done(), which accept() calls — PySide
    crashes when a virtual's name is bound to a non-callable.)
    """

    def __init__(
        self,
        sess: CounterSession,
        runner: TaskRunner,
        view: CustomerView,
        kind: str = "bill",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        if kind not in ("bill", "topup"):
            raise ValueError(f"unknown payment kind {kind!r}")
        self.setObjectName("paymentDialog")
        self.sess = sess
        self.runner = runner
        self.view = view
        self.kind = kind
        self.paid: PaymentDone | None = None
        self._account_ids = {a.account_no: a.account_id for a in view.accounts}
        self.setWindowTitle(
            self.tr("Pay bills — {name}") if kind == "bill" else self.tr("Top up — {name}")
        )
        self.setWindowTitle(self.windowTitle().format(name=view.name))

        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.amount = QLineEdit()
        self.amount.setObjectName("amount")
        if kind == "bill":
            self._build_bills(form)
        else:
            self._build_topup(form)
        form.addRow(self.tr("&Amount (¥)"), self.amount)
        layout.addLayout(form)

        self.methods = QButtonGroup(self)
        method_row = QHBoxLayout()
        for name, label, key in (
            ("methodCash", self.tr("Cash (F6)"), Qt.Key.Key_F6),
            ("methodCard", self.tr("Card (F7)"), Qt.Key.Key_F7),
            ("methodQr", self.tr("QR (F8)"), Qt.Key.Key_F8),
        ):
            radio = QRadioButton(label)
            radio.setObjectName(name)
            self.methods.addButton(radio)
            method_row.addWidget(radio)
            shortcut = QShortcut(QKeySequence(key), self)
            shortcut.activated.connect(partial(radio.setChecked, True))
            setattr(self, name, radio)
        self.methodCash.setChecked(True)
        self.methods.buttonToggled.connect(self._method_changed)
        layout.addLayout(method_row)

        method_form = QFormLayout()
        self.tendered = QLineEdit()
        self.tendered.setObjectName("tendered")
        self.tendered.textChanged.connect(self._update_change)
        self.amount.textChanged.connect(self._update_change)
        self.change_due = QLabel("—")
        self.change_due.setObjectName("changeDue")
        self.change_due.setStyleSheet(LARGE)
        self.tendered_label = QLabel(self.tr("Cash &tendered (¥)"))
        self.tendered_label.setBuddy(self.tendered)
        self.change_label = QLabel(self.tr("Change"))
        method_form.addRow(self.tendered_label, self.tendered)
        method_form.addRow(self.change_label, self.change_due)
        self.qr_code = QLineEdit()
        self.qr_code.setObjectName("qrCode")
        self.qr_code.setPlaceholderText(self.tr("Scan the customer's payment code"))
        self.qr_label = QLabel(self.tr("&QR code"))
        self.qr_label.setBuddy(self.qr_code)
        method_form.addRow(self.qr_label, self.qr_code)
        layout.addLayout(method_form)

        self.error = QLabel()
        self.error.setObjectName("paymentError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.hide()
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)
        self.busy.setTextVisible(False)
        self.busy.setMaximumHeight(6)
        self.busy.hide()
        layout.addWidget(self.error)
        layout.addWidget(self.busy)

        self.buttons = QDialogButtonBox()
        self.pay_button = self.buttons.addButton(
            self.tr("&Pay"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.pay_button.setObjectName("payButton")
        self.pay_button.setDefault(True)
        self.pay_button.setAutoDefault(True)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.pay)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self._method_changed()
        self.setMinimumWidth(460)
        self.amount.setFocus()

    # -- building ------------------------------------------------------------------------
    def _build_bills(self, form: QFormLayout) -> None:
        owing: dict[str, list[BillLine]] = {}
        for bill in sorted(self.view.bills, key=lambda b: (b.period, b.due_date)):
            if bill.status != "paid" and bill.owed_fen > 0:
                owing.setdefault(bill.account_no, []).append(bill)
        self._owing = owing
        self.bill_account = QComboBox()
        self.bill_account.setObjectName("billAccount")
        for account_no in owing:
            self.bill_account.addItem(account_no, account_no)
        self.bill_account.currentIndexChanged.connect(self._account_changed)
        self.bill_list = QListWidget()
        self.bill_list.setObjectName("unpaidBills")
        self.bill_list.setMaximumHeight(140)
        form.addRow(self.tr("Account"), self.bill_account)
        form.addRow(self.tr("Unpaid bills\n(oldest first)"), self.bill_list)
        self.owed_label = QLabel()
        self.owed_label.setObjectName("owedTotal")
        form.addRow(self.tr("Owed"), self.owed_label)
        self._account_changed()

    def _account_changed(self) -> None:
        bills = self._owing.get(self.bill_account.currentData() or "", [])
        self.bill_list.clear()
        for bill in bills:
            self.bill_list.addItem(
                self.tr("{period} · {owed} owed (due {due})").format(
                    period=bill.period, owed=money.format_yuan(bill.owed_fen), due=bill.due_date
                )
            )
        owed = sum(b.owed_fen for b in bills)
        self.owed_label.setText(money.format_yuan(owed))
        self.amount.setText(f"{owed / 100:.2f}" if owed else "")

    def _build_topup(self, form: QFormLayout) -> None:
        self.topup_number = QComboBox()
        self.topup_number.setObjectName("topupNumber")
        for sub in self.view.subscriptions:
            if sub.status != "cancelled":
                self.topup_number.addItem(
                    f"{sub.msisdn} · {sub.plan_name}", (sub.subscription_id, sub.account_no)
                )
        form.addRow(self.tr("&Number"), self.topup_number)
        presets = QHBoxLayout()
        for fen in PRESETS_FEN:
            button = QPushButton(money.format_yuan(fen).replace(".00", ""))
            button.setObjectName(f"preset_{fen}")
            button.setAutoDefault(False)
            button.clicked.connect(partial(self._preset, fen))
            presets.addWidget(button)
        form.addRow(self.tr("Presets"), presets)

    def _preset(self, fen: int) -> None:
        self.amount.setText(f"{fen / 100:.2f}")
        self.tendered.setFocus()

    # -- live figures --------------------------------------------------------------------
    def _method(self) -> str:
        if self.methodCard.isChecked():
            return "card"
        if self.methodQr.isChecked():
            return "qr"
        return "cash"

    def _method_changed(self, *_: object) -> None:
        method = self._method()
        for widget in (self.tendered, self.tendered_label, self.change_due, self.change_label):
            widget.setVisible(method == "cash")
        for widget in (self.qr_code, self.qr_label):
            widget.setVisible(method == "qr")
        if method == "qr":
            self.qr_code.setFocus()
        elif method == "cash":
            self.tendered.setFocus()

    def _update_change(self) -> None:
        try:
            amount = money.parse_yuan(self.amount.text())
            tendered = money.parse_yuan(self.tendered.text())
        except ValueError:
            self.change_due.setText("—")
            return
        if tendered < amount:
            self.change_due.setText(
                self.tr("Short by {amount}").format(amount=money.format_yuan(amount - tendered))
            )
        else:
            self.change_due.setText(money.format_yuan(money.change_due(amount, tendered)))

    # -- paying --------------------------------------------------------------------------
    def _parse(self, edit: QLineEdit, field: str) -> int | None:
        try:
            return money.parse_yuan(edit.text())
        except ValueError as exc:
            self._show_error(
                self.tr("{field}: {problem}").format(
                    field=field, problem=QCoreApplication.translate("money", str(exc))
                )
            )
            edit.setFocus()
            edit.selectAll()
            return None

    def build_request(self) -> PaymentRequest | None:
        """The request from the form, or None after showing what is wrong."""
        amount = self._parse(self.amount, self.tr("Amount"))
        if amount is None:
            return None
        method = self._method()
        tendered = None
        if method == "cash":
            tendered = self._parse(self.tendered, self.tr("Cash tendered"))
            if tendered is None:
                return None
        subscription_id = None
        if self.kind == "bill":
            account_no = self.bill_account.currentData()
        else:
            data = self.topup_number.currentData()
            if data is None:
                self._show_error(self.tr("This customer has no number to top up."))
                return None
            subscription_id, account_no = data
        account_id = self._account_ids.get(account_no or "")
        if account_id is None:
            self._show_error(
                self.tr("This customer owes nothing.")
                if self.kind == "bill"
                else self.tr("That number's account is not known here.")
            )
            return None
        return PaymentRequest(
            self.kind,
            self.view.customer_id,
            account_id,
            amount,
            method,
            subscription_id=subscription_id,
            tendered_fen=tendered,
            qr_code=self.qr_code.text() if method == "qr" else None,
        )

    def pay(self) -> None:
        if not self.pay_button.isEnabled():
            return
        self.error.hide()
        req = self.build_request()
        if req is None:
            return
        self._set_busy(True)
        self.runner.run(partial(_take, self.sess, req), self._paid, self._failed, pool="net")

    def _set_busy(self, busy: bool) -> None:
        self.set_working(busy)
        self.pay_button.setEnabled(not busy)
        self.busy.setVisible(busy)

    def _show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()

    def _paid(self, done: PaymentDone) -> None:
        self._set_busy(False)
        self.paid = done
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        self._show_error(describe(exc))
        if isinstance(exc, ValidationError):
            target = {
                "amount_fen": self.amount,
                "tendered_fen": self.tendered,
                "qr_code": self.qr_code,
            }.get(exc.field)
            if target is not None:
                target.setFocus()
                target.selectAll()


def _take(sess: CounterSession, req: PaymentRequest) -> PaymentDone:
    """Runs in a worker: the terminal is made there (a real one may open a port)."""
    terminal = make_terminal(sess.settings.card_terminal) if req.method == "card" else None
    return payments.take_payment(sess, req, terminal)
