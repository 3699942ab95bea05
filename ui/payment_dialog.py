"""Taking a payment at the counter: the customer's bills or a top-up, in cash, card or QR."""

from __future__ import annotations

import uuid
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
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from counter_app import payments
from counter_app.approvals import Approval
from counter_app.customers import BillLine, CustomerView
from counter_app.domain import money
from counter_app.domain.kinds import ApprovalAction
from counter_app.domain.validators import ValidationError
from counter_app.orders import FeeDue
from counter_app.payments import PaymentDone, PaymentRequest
from counter_app.session import CounterSession
from ui.approval_dialog import ApprovalDialog, ask_on_the_spot
from ui.messages import describe
from ui.tasks import TaskRunner
from ui.widgets import WorkingDialog, busy_bar, error_label

PRESETS_FEN = (3000, 5000, 10000, 20000)
LARGE = "font-size: 28pt; font-weight: bold;"


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
        subscription_id: str | None = None,
        due: FeeDue | None = None,
    ) -> None:
        """`subscription_id`: the line the clerk found the customer by, preselected.
        `due`: for kind "order_fee", what the order owes (taken in full, never in part)."""
        super().__init__(parent)
        if kind not in ("bill", "topup", "order_fee") or (kind == "order_fee") != bool(due):
            raise ValueError(f"unknown payment kind {kind!r}")
        self.due = due
        self.setObjectName("paymentDialog")
        self.sess = sess
        self.runner = runner
        self.view = view
        self.kind = kind
        self.paid: PaymentDone | None = None
        self._account_ids = {a.account_no: a.account_id for a in view.accounts}
        self._chosen_line = subscription_id
        self._confirmed_part: tuple[str, int] | None = None  # (account, amount) confirmed
        # A payment a supervisor must approve keeps its id: the approval is for that one.
        self._payment_id: str | None = None
        self._asked_fen: int | None = None  # the amount of the last Pay, for an approval
        self._approval: Approval | None = None
        self.approval_dialog: ApprovalDialog | None = None
        titles = {"bill": self.tr("Pay bills — {name}"), "topup": self.tr("Top up — {name}")}
        title = titles.get(kind) or self.tr("Order fees — {name}")
        self.setWindowTitle(title.format(name=view.name))

        layout = QVBoxLayout(self)
        # Whom and which number, large: the clerk checks it against the person in front.
        self.who = QLabel(view.name)
        self.who.setObjectName("paymentCustomer")
        self.who.setStyleSheet("font-size: 18pt; font-weight: bold;")
        self.number = QLabel()
        self.number.setObjectName("paymentNumber")
        self.number.setStyleSheet("font-size: 18pt; font-weight: bold; color: #0b57d0;")
        head = QHBoxLayout()
        head.addWidget(self.who)
        head.addStretch()
        head.addWidget(self.number)
        layout.addLayout(head)
        form = QFormLayout()
        self.amount = QLineEdit()
        self.amount.setObjectName("amount")
        if kind == "bill":
            self._build_bills(form)
        elif kind == "topup":
            self._build_topup(form)
        else:
            self._build_order_fee(form)
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
            shortcut.activated.connect(partial(self.choose_method, radio))
            setattr(self, name, radio)
        self.methodCash.setChecked(True)
        self.methods.buttonToggled.connect(self._method_toggled)
        layout.addLayout(method_row)

        method_form = QFormLayout()
        self.tendered = QLineEdit()
        self.tendered.setObjectName("tendered")
        self.tendered.textChanged.connect(self._update_change)
        self.amount.textChanged.connect(self._update_change)
        self.amount.textChanged.connect(self._update_part)
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

        self.part = QLabel()
        self.part.setObjectName("partPayment")
        self.part.setStyleSheet("color: #b26a00; font-weight: bold; font-size: 12pt;")
        self.part.hide()
        layout.addWidget(self.part)
        self.error = error_label("paymentError")
        self.busy = busy_bar()
        layout.addWidget(self.error)
        layout.addWidget(self.busy)

        self.buttons = QDialogButtonBox()
        self.pay_button = self.buttons.addButton(
            self.tr("&Pay"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.pay_button.setObjectName("payButton")
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.pay)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        # Default only now that the button is in this dialog: a default set before that is
        # unknown to the dialog, and lost the first time another button takes the focus.
        self.pay_button.setDefault(True)
        for edit in (self.amount, self.tendered, self.qr_code):
            edit.textEdited.connect(self._clear_error)  # the message goes with its cause
        self._method_changed()
        self._update_part()
        self._update_change()
        # As wide as its widest state from the start: it does not grow while the clerk types.
        self.setFixedWidth(max(self.sizeHint().width(), 560))
        if kind == "order_fee":
            self.tendered.setFocus()
        else:
            self.amount.setFocus()
            self.amount.selectAll()

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
        chosen = next(
            (s for s in self.view.subscriptions if s.subscription_id == self._chosen_line), None
        )
        if chosen is not None and chosen.account_no in owing:
            self.bill_account.setCurrentIndex(list(owing).index(chosen.account_no))
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
        self._owed_fen = owed
        self.owed_label.setText(money.format_yuan(owed))
        self.amount.setText(f"{owed / 100:.2f}" if owed else "")
        account_no = self.bill_account.currentData() or ""
        lines = [s for s in self.view.subscriptions if s.account_no == account_no]
        line = next((s for s in lines if s.subscription_id == self._chosen_line), None)
        line = line or (lines[0] if lines else None)
        self._bill_line = line.subscription_id if line else None  # named on the receipt
        self.number.setText(line.msisdn if line else self.tr("account {no}").format(no=account_no))

    def _build_order_fee(self, form: QFormLayout) -> None:
        assert self.due is not None
        self._owed_fen = 0  # never a part-payment: the amount is the order's
        self.number.setText(self.due.order_no)
        form.addRow(self.tr("Fees"), QLabel(money.format_yuan(self.due.fees_fen)))
        if self.due.deposit_fen:
            form.addRow(self.tr("Pre-deposit"), QLabel(money.format_yuan(self.due.deposit_fen)))
        self.amount.setText(f"{self.due.due_fen / 100:.2f}")
        self.amount.setReadOnly(True)

    def _build_topup(self, form: QFormLayout) -> None:
        self._owed_fen = 0
        self.topup_number = QComboBox()
        self.topup_number.setObjectName("topupNumber")
        for sub in self.view.subscriptions:
            if sub.status != "cancelled":
                self.topup_number.addItem(
                    f"{sub.msisdn} · {sub.plan_name}", (sub.subscription_id, sub.account_no)
                )
                if sub.subscription_id == self._chosen_line:
                    self.topup_number.setCurrentIndex(self.topup_number.count() - 1)
        self.topup_number.currentIndexChanged.connect(self._line_changed)
        self._line_changed()
        number_label = QLabel(self.tr("&Number"))
        number_label.setBuddy(self.topup_number)
        form.addRow(number_label, self.topup_number)
        presets = QHBoxLayout()
        for n, fen in enumerate(PRESETS_FEN, start=1):
            button = QPushButton(money.format_yuan(fen).replace(".00", ""))
            button.setObjectName(f"preset_{fen}")
            button.setAutoDefault(False)
            button.setShortcut(QKeySequence(f"Alt+{n}"))
            button.setToolTip(f"Alt+{n}")
            button.clicked.connect(partial(self._preset, fen))
            presets.addWidget(button)
        form.addRow(self.tr("Presets (Alt+1…4)"), presets)

    def _line_changed(self, *_: object) -> None:
        text = self.topup_number.currentText()
        self.number.setText(text.split(" · ")[0] if text else self.tr("no number"))

    def _preset(self, fen: int) -> None:
        self.amount.setText(f"{fen / 100:.2f}")
        self._clear_error()
        self.amount.setFocus()
        self.amount.selectAll()

    # -- live figures --------------------------------------------------------------------
    def _method(self) -> str:
        if self.methodCard.isChecked():
            return "card"
        if self.methodQr.isChecked():
            return "qr"
        return "cash"

    def choose_method(self, radio: QRadioButton) -> None:
        """F6/F7/F8: that method, and the cursor in its first field, whatever was chosen."""
        radio.setChecked(True)
        self._method_changed()
        self._focus_method_field()

    def _method_toggled(self, _button: object, checked: bool) -> None:
        if checked:
            self._method_changed()
            self._focus_method_field()

    def _focus_method_field(self) -> None:
        target = {"cash": self.tendered, "qr": self.qr_code}.get(self._method())
        if target is None:  # card: the terminal takes the card once Pay is pressed
            self.pay_button.setFocus(Qt.FocusReason.ShortcutFocusReason)
            return
        target.setFocus(Qt.FocusReason.ShortcutFocusReason)
        target.selectAll()

    def _method_changed(self) -> None:
        method = self._method()
        for widget in (self.tendered, self.tendered_label, self.change_due, self.change_label):
            widget.setVisible(method == "cash")
        for widget in (self.qr_code, self.qr_label):
            widget.setVisible(method == "qr")
        self._clear_error()

    def _clear_error(self, *_: object) -> None:
        self.error.hide()

    def _amount_fen(self) -> int | None:
        try:
            return money.parse_yuan(self.amount.text())
        except ValueError:
            return None

    def _update_part(self) -> None:
        """A part-payment of bills is said before it is taken, and must be confirmed."""
        amount = self._amount_fen()
        part = self.kind == "bill" and amount is not None and 0 < amount < self._owed_fen
        self.part.setVisible(part)
        if part:
            assert amount is not None
            self.part.setText(
                self.tr("Part-payment: {amount} of {owed} — {rest} stays owed").format(
                    amount=money.format_yuan(amount),
                    owed=money.format_yuan(self._owed_fen),
                    rest=money.format_yuan(self._owed_fen - amount),
                )
            )
        self.pay_button.setText(self.tr("Pay &part") if part else self.tr("&Pay"))

    def _update_change(self) -> None:
        amount = self._amount_fen()
        if amount is None:
            self.change_due.setText("—")
            return
        self.tendered.setPlaceholderText(
            self.tr("empty: exactly {amount}").format(amount=money.format_yuan(amount))
        )
        try:
            tendered = (
                money.parse_yuan(self.tendered.text()) if self.tendered.text().strip() else amount
            )
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
            if not self.tendered.text().strip():
                tendered = amount  # nothing typed: the exact amount was handed over
            else:
                tendered = self._parse(self.tendered, self.tr("Cash tendered"))
                if tendered is None:
                    return None
        subscription_id = None
        if self.due is not None:
            return self.due.payment(
                method, tendered, self.qr_code.text() if method == "qr" else None
            )
        if self.kind == "bill":
            account_no = self.bill_account.currentData()
            subscription_id = self._bill_line
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
        self._asked_fen = req.amount_fen
        part = self.kind == "bill" and req.amount_fen < self._owed_fen
        asked = (req.account_id, req.amount_fen)
        if part and self._confirmed_part != asked:  # never one by accident
            self._confirmed_part = asked
            self._show_error(
                self.tr(
                    "This pays {amount} of {owed}. Press Pay again to take a part-payment, "
                    "or correct the amount."
                ).format(
                    amount=money.format_yuan(req.amount_fen),
                    owed=money.format_yuan(self._owed_fen),
                )
            )
            self.amount.setFocus()
            self.amount.selectAll()
            return
        self._set_busy(True)
        approval, self._approval = self._approval, None  # for this attempt only
        self.runner.write(
            partial(payments.take_at_counter, self.sess, req, approval, self._payment_id),
            self._paid,
            self._failed,
            pool="net",
        )

    def _set_busy(self, busy: bool) -> None:
        self.set_working(busy)
        self.pay_button.setEnabled(not busy)
        self.busy.setVisible(busy)

    def _show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()

    def _approved(self, approval: Approval) -> None:
        self._approval = approval
        self.error.hide()
        self.pay()

    def _paid(self, done: PaymentDone) -> None:
        self._set_busy(False)
        self.paid = done
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        self._show_error(describe(exc))
        if isinstance(exc, payments.ApprovalNeeded):  # on the spot, then the same payment
            self._payment_id = self._payment_id or str(uuid.uuid4())
            what = self.tr("{why} Top-up of ¥{amount} for {name}.").format(
                why=describe(exc), amount=self.amount.text(), name=self.view.name
            )
            self.approval_dialog = ask_on_the_spot(
                self,
                self.sess,
                self.runner,
                ApprovalAction.OFFLINE_TOPUP,
                self._payment_id,
                what,
                self._approved,
                self._asked_fen,
            )
            return
        if isinstance(exc, ValidationError):
            target = {
                "amount_fen": self.amount,
                "tendered_fen": self.tendered,
                "qr_code": self.qr_code,
            }.get(exc.field)
            if target is not None:
                target.setFocus()
                target.selectAll()
