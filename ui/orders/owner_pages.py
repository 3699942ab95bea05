"""The pages of the orders that change who or what holds a line: 补换卡, 过户, 销户, 返销."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from functools import partial
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QLineEdit, QListWidget, QListWidgetItem, QWidget

from counter_app import customers, orders, registration
from counter_app.domain.hall_time import local
from counter_app.domain.orders import OrderType
from ui.messages import describe
from ui.orders.pages import Collected, OrderPage, missing


class SimReplacePage(OrderPage):
    type = OrderType.SIM_REPLACE

    def build(self) -> None:
        self.iccid = QLineEdit()
        self.iccid.setObjectName("newIccid")
        self.iccid.setPlaceholderText(self.tr("scan or type the new SIM card's ICCID"))
        self.add_row(self.tr("New &SIM card"), self.iccid)
        self.id_number = QLineEdit()
        self.id_number.setObjectName("readIdNumber")
        self.id_number.setPlaceholderText(self.tr("F9 reads the customer's ID card"))
        self.add_row(self.tr("&ID number (read again)"), self.id_number)
        QShortcut(QKeySequence("F9"), self).activated.connect(self.read_card)

    def read_card(self) -> None:
        self.runner.run(
            partial(registration.read_card, self.sess),
            lambda card: (self.id_number.setText(card.id_number), self.iccid.setFocus()),
            lambda exc: self.id_number.setPlaceholderText(describe(exc)),
        )

    def collect(self) -> Collected:
        line = self.chosen_line()
        if not self.iccid.text().strip():
            raise missing("iccid", self.tr("Scan or type the new SIM card's ICCID."))
        if not self.id_number.text().strip():
            raise missing("id_number", self.tr("Read the customer's ID card again."))
        return line, {
            "iccid": self.iccid.text().strip(),
            "id_number": self.id_number.text().strip().upper(),
        }


class TransferPage(OrderPage):
    type = OrderType.TRANSFER

    def build(self) -> None:
        self.new_account_id = str(uuid.uuid4())
        self.find = QLineEdit()
        self.find.setObjectName("newOwnerSearch")
        self.find.setPlaceholderText(self.tr("the new owner's ID number, phone or name"))
        self.add_row(self.tr("New &owner"), self.find)
        self.owners = QListWidget()
        self.owners.setObjectName("newOwners")
        self.owners.setMaximumHeight(120)
        self.add_row(self.tr("&Registered customers"), self.owners)
        self._search = QTimer(self)
        self._search.setSingleShot(True)
        self._search.setInterval(250)
        self._search.timeout.connect(self._find)
        self.find.textEdited.connect(lambda _t: self._search.start())

    def _find(self) -> None:
        text = self.find.text().strip()
        if text:
            self.runner.run(
                partial(customers.search_customers, self.sess.cache, text, 20), self._found
            )

    def _found(self, result: customers.SearchResult) -> None:
        if result.text != self.find.text().strip():
            return  # the clerk typed on
        self.owners.clear()
        for hit in result.hits:
            if hit.customer_id == self.view.customer_id:
                continue
            item = QListWidgetItem(f"{hit.name} · {hit.id_masked} · {hit.phone_masked}")
            item.setData(Qt.ItemDataRole.UserRole, hit.customer_id)
            self.owners.addItem(item)
        if self.owners.count():
            self.owners.setCurrentRow(0)

    def collect(self) -> Collected:
        line = self.chosen_line()
        item = self.owners.currentItem()
        if item is None:
            raise missing(
                "to_customer_id", self.tr("Find the new owner (registered, and present).")
            )
        return line, {
            "to_customer_id": item.data(Qt.ItemDataRole.UserRole),
            "new_account_id": self.new_account_id,
            "account_kind": "prepaid",
        }


class CancelPage(OrderPage):
    type = OrderType.CANCEL


class ReversePage(OrderPage):
    type = OrderType.REVERSE
    statuses = ()

    def build(self) -> None:
        self.taken = QListWidget()
        self.taken.setObjectName("ordersToReverse")
        self.add_row(self.tr("&Today's orders"), self.taken)
        self.runner.run(partial(orders.history, self.sess, self.view.customer_id), self._fill)

    def first_focus(self) -> QWidget:
        return self.taken

    def _fill(self, rows: list[dict[str, Any]]) -> None:
        today = local(datetime.now(UTC), self.sess.signed.time_zone).date()
        for r in rows:
            when = datetime.fromisoformat(r["created_at"])
            when = when if when.tzinfo else when.replace(tzinfo=UTC)
            if r["state"] != "completed" or r["type"] == "reverse":
                continue
            if local(when, self.sess.signed.time_zone).date() != today:
                continue
            item = QListWidgetItem(f"{r['order_no']} · {r['type']}")
            item.setData(Qt.ItemDataRole.UserRole, r["id"])
            self.taken.addItem(item)
        if self.taken.count():
            self.taken.setCurrentRow(0)

    def collect(self) -> Collected:
        item = self.taken.currentItem()
        if item is None:
            raise missing("order_id", self.tr("No order of today can be reversed here."))
        return None, {"order_id": item.data(Qt.ItemDataRole.UserRole)}
