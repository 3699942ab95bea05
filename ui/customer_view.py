"""The customer's 360° view: identity, accounts, lines, bills — all from the cache."""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from counter_app import customers
from counter_app.changes import Changes
from counter_app.customers import BillLine, CustomerView, SubscriptionLine
from counter_app.storage import Cache
from ui.messages import describe, local_time, money
from ui.payment_labels import kind_label, method_label, state_label
from ui.rows_model import RowsModel
from ui.search_model import vip_label
from ui.tasks import TaskRunner
from ui.widgets import table_view


class CustomerViewWidget(QWidget):
    id_revealed = Signal(str)
    reprint_requested = Signal(str)  # payment id

    def __init__(
        self, cache: Cache, runner: TaskRunner, staff_id: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("customerView")
        self.cache = cache
        self.runner = runner
        runner.changed.connect(self._announced)
        self.staff_id = staff_id
        self.view: CustomerView | None = None

        self.name = QLabel()
        self.name.setObjectName("customerName")
        self.name.setStyleSheet("font-size: 18pt; font-weight: bold;")
        self.vip = QLabel()
        self.vip.setObjectName("customerVip")
        self.id_label = QLabel()
        self.id_label.setObjectName("customerIdNumber")
        self.show_id = QPushButton(self.tr("Show"))
        self.show_id.setObjectName("showIdButton")
        self.show_id.setToolTip(self.tr("Show the full ID number (recorded in the audit log)"))
        self.show_id.clicked.connect(self.reveal_id)
        self.phone = QLabel()
        self.address = QLabel()
        self.address.setWordWrap(True)
        self.customer_no = QLabel()
        self.unpaid = QLabel()
        self.unpaid.setObjectName("customerUnpaid")

        identity = QGroupBox(self.tr("Identity"))
        form = QFormLayout(identity)
        header = QHBoxLayout()
        header.addWidget(self.name)
        header.addWidget(self.vip)
        header.addStretch()
        form.addRow(header)
        id_row = QHBoxLayout()
        id_row.addWidget(self.id_label)
        id_row.addWidget(self.show_id)
        id_row.addStretch()
        form.addRow(self.tr("ID number"), id_row)
        form.addRow(self.tr("Customer no."), self.customer_no)
        form.addRow(self.tr("Contact phone"), self.phone)
        form.addRow(self.tr("Address"), self.address)
        form.addRow(self.tr("Unpaid"), self.unpaid)

        self.accounts = RowsModel(
            [
                (self.tr("Account"), lambda a: a.account_no),
                (self.tr("Type"), lambda a: self._account_kind(a.kind)),
                (self.tr("Balance"), lambda a: money(a.balance_fen)),
                (self.tr("Status"), lambda a: self._status(a.status)),
            ],
            self,
            align_right=(2,),
        )
        self.subscriptions = RowsModel(
            [
                (self.tr("Number"), lambda s: s.msisdn),
                (self.tr("Plan"), lambda s: s.plan_name),
                (self.tr("Status"), lambda s: self._status(s.status)),
                (self.tr("Account"), lambda s: s.account_no),
                (self.tr("SIM"), lambda s: s.iccid_masked),
                (self.tr("Add-ons"), lambda s: self.tr(", ").join(s.addons)),
            ],
            self,
        )
        self.bills = RowsModel(
            [
                (self.tr("Period"), lambda b: b.period),
                (self.tr("Account"), lambda b: b.account_no),
                (self.tr("Amount"), lambda b: money(b.amount_fen)),
                (self.tr("Owed"), lambda b: money(b.owed_fen)),
                (self.tr("Status"), lambda b: self._status(b.status)),
                (self.tr("Due"), lambda b: b.due_date),
            ],
            self,
            align_right=(2, 3),
        )

        self.payments = RowsModel(
            [
                (self.tr("Receipt"), lambda p: p.receipt_no),
                (self.tr("Time"), lambda p: local_time(p.created_at)),
                (self.tr("Kind"), lambda p: kind_label(p.kind, p.amount_fen)),
                (self.tr("Method"), lambda p: method_label(p.method)),
                (self.tr("Amount"), lambda p: money(p.amount_fen)),
                (self.tr("Status"), lambda p: state_label(p.status, p.sync_state)),
            ],
            self,
            align_right=(4,),
        )

        # Identity and accounts side by side, then the lines, then bills and payments as
        # tabs: at 1280×800 the lines and the bills each show six rows or more.
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        top = QHBoxLayout()
        top.addWidget(identity, 3)
        accounts_box = QGroupBox(self.tr("Accounts"))
        QVBoxLayout(accounts_box).addWidget(table_view("accountsTable", self.accounts))
        top.addWidget(accounts_box, 2)
        layout.addLayout(top)
        lines_box = QGroupBox(self.tr("Lines"))
        self.lines_table = table_view("subscriptionsTable", self.subscriptions)
        QVBoxLayout(lines_box).addWidget(self.lines_table)
        layout.addWidget(lines_box, 1)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("customerTabs")
        self.bills_table = table_view("billsTable", self.bills)
        self.tabs.addTab(self.bills_table, self.tr("Unpaid and recent bills"))
        history = QWidget()
        history_layout = QHBoxLayout(history)
        history_layout.setContentsMargins(0, 0, 0, 0)
        self.payments_table = table_view("paymentsTable", self.payments)
        history_layout.addWidget(self.payments_table, 1)
        reprint = QPushButton(self.tr("Reprint"))
        reprint.setObjectName("historyReprintButton")
        reprint.clicked.connect(self._reprint_selected)
        history_layout.addWidget(reprint, 0, Qt.AlignmentFlag.AlignTop)
        self.tabs.addTab(history, self.tr("Payments at this hall"))
        layout.addWidget(self.tabs, 1)

    def _status(self, status: str) -> str:
        return {
            "active": self.tr("active"),
            "suspended": self.tr("suspended"),
            "cancelled": self.tr("cancelled"),
            "paid": self.tr("paid"),
            "unpaid": self.tr("unpaid"),
            "partial": self.tr("part paid"),
        }.get(status, status)

    def _account_kind(self, kind: str) -> str:
        return {"prepaid": self.tr("prepaid"), "postpaid": self.tr("postpaid")}.get(kind, kind)

    def _announced(self, changes: Changes) -> None:
        """The customer shown, read again when something changed it (a payment, a void, the
        province's answer, a pull): the same customer, so what was typed stays typed."""
        if self.view is not None and changes.touches_customer(self.view.customer_id):
            customer_id = self.view.customer_id
            self.runner.run(
                partial(customers.load_view, self.cache, customer_id),
                partial(self._reloaded, customer_id),
            )

    def _reloaded(self, customer_id: str, view: CustomerView | None) -> None:
        if view is None or self.view is None or self.view.customer_id != customer_id:
            return
        tables = (self.lines_table, self.bills_table, self.payments_table)
        rows = [table.currentIndex().row() for table in tables]
        self.set_view(view)
        for table, row in zip(tables, rows, strict=True):  # the clerk's place is kept
            if 0 <= row < table.model().rowCount():
                table.selectRow(row)

    def set_view(self, view: CustomerView) -> None:
        self.view = view
        self.name.setText(view.name)
        self.vip.setText(vip_label(view.vip_level))
        self.id_label.setText(view.id_masked)
        self.show_id.setEnabled(True)
        self.show_id.setText(self.tr("Show"))
        self.customer_no.setText(view.customer_no)
        self.phone.setText(view.contact_phone_masked)
        self.address.setText(view.address)
        self.unpaid.setText(money(view.unpaid_fen))
        self.accounts.set_rows(view.accounts)
        self.subscriptions.set_rows(view.subscriptions)
        self.bills.set_rows(view.bills)
        self.payments.set_rows(view.payments)

    def _reprint_selected(self) -> None:
        row = self.payments_table.currentIndex().row()
        if 0 <= row < self.payments.rowCount():
            self.reprint_requested.emit(self.payments.row(row).payment_id)

    def subscription_rows(self) -> list[SubscriptionLine]:
        return [self.subscriptions.row(i) for i in range(self.subscriptions.rowCount())]

    def bill_rows(self) -> list[BillLine]:
        return [self.bills.row(i) for i in range(self.bills.rowCount())]

    def reveal_id(self) -> None:
        """Show the full ID (writing an audit entry first), or mask it again."""
        if self.view is None:
            return
        if self.id_label.text() != self.view.id_masked:
            self.id_label.setText(self.view.id_masked)
            self.show_id.setText(self.tr("Show"))
            return
        self.show_id.setEnabled(False)
        customer_id = self.view.customer_id
        self.runner.run(
            partial(customers.reveal_id_number, self.cache, customer_id, self.staff_id),
            partial(self._revealed, customer_id),
            self._reveal_failed,
            pool="write",
        )

    def _revealed(self, customer_id: str, full: str) -> None:
        self.show_id.setEnabled(True)
        if self.view is None or self.view.customer_id != customer_id:
            return
        self.id_label.setText(full)
        self.show_id.setText(self.tr("Hide"))
        self.id_revealed.emit(customer_id)

    def _reveal_failed(self, exc: BaseException) -> None:
        self.show_id.setEnabled(True)
        self.id_label.setText(describe(exc))
