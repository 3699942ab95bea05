"""One small page per order type: what the clerk enters for it. The shared flow
(ui.orders.flow) turns a page's `collect()` into an order, prices it, checks it and shows the
summary; a page only asks and says what is missing, naming the field."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from functools import partial
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QRadioButton,
    QWidget,
)

from counter_app import orders
from counter_app.customers import CustomerView
from counter_app.domain.hall_time import local
from counter_app.domain.money import format_yuan
from counter_app.domain.orders import OrderType
from counter_app.domain.orders.line_change import first_of_next_month
from counter_app.domain.validators import ValidationError
from counter_app.session import CounterSession
from ui.tasks import TaskRunner

Collected = tuple[str | None, dict[str, Any]]  # the line, the type's items


def missing(field: str, message: str) -> ValidationError:
    return ValidationError(field, "required", message)


class OrderPage(QWidget):
    type: OrderType
    statuses: tuple[str, ...] = ("active", "suspended")  # lines the order may be about

    def __init__(
        self,
        sess: CounterSession,
        runner: TaskRunner,
        view: CustomerView,
        subscription_id: str | None = None,
    ) -> None:
        super().__init__()
        self.sess, self.runner, self.view = sess, runner, view
        self.form = QFormLayout(self)
        self.line: QComboBox | None = None
        if self.statuses:
            self.line = QComboBox()
            self.line.setObjectName("orderLine")
            for sub in view.subscriptions:
                if sub.status in self.statuses:
                    self.line.addItem(
                        f"{sub.msisdn} · {sub.plan_name} · {sub.status}", sub.subscription_id
                    )
                    if sub.subscription_id == subscription_id:
                        self.line.setCurrentIndex(self.line.count() - 1)
            self.add_row(self.tr("Nu&mber"), self.line)
        self.build()

    def add_row(self, label: str, widget: QWidget) -> None:
        text = QLabel(label)
        text.setBuddy(widget)
        self.form.addRow(text, widget)

    def build(self) -> None:
        """The type's own fields."""

    def first_focus(self) -> QWidget:
        return self.line or self

    def chosen_line(self) -> str:
        line = self.line.currentData() if self.line is not None else None
        if not line:
            raise missing("subscription_id", self.tr("This customer has no number for this."))
        return str(line)

    def collect(self) -> Collected:
        """The line and items; raises ValidationError naming what is missing."""
        return self.chosen_line(), {}

    def held_number(self) -> str | None:
        """The number this page needs held for the counter before it is checked."""
        return None


def _offer_text(o: dict[str, Any]) -> str:
    return f"{o['name']} · {format_yuan(int(o['price_fen'] or 0))}"


class _Offerings:
    """Plans or add-ons of the catalog, read in a worker into a combo or a checklist."""

    @staticmethod
    def load(
        runner: TaskRunner, sess: CounterSession, kind: str, fill: Callable[[list], None]
    ) -> None:
        runner.run(partial(orders.offerings, sess, kind), fill)


class NewLinePage(OrderPage):
    type = OrderType.NEW_LINE
    statuses = ()

    def build(self) -> None:
        self.line_id = str(uuid.uuid4())  # kept across Back and Next: one order, one line
        self.new_account_id = str(uuid.uuid4())
        filters = QHBoxLayout()
        self.ends_with = QLineEdit()
        self.ends_with.setObjectName("numberEndsWith")
        self.ends_with.setPlaceholderText(self.tr("ends with"))
        self.contains = QLineEdit()
        self.contains.setObjectName("numberContains")
        self.contains.setPlaceholderText(self.tr("contains"))
        self.no_four = QCheckBox(self.tr("no digit &4"))
        self.no_four.setObjectName("numberNoFour")
        for w in (self.ends_with, self.contains, self.no_four):
            filters.addWidget(w)
        box = QWidget()
        box.setLayout(filters)
        self.add_row(self.tr("Number &pattern"), box)
        self.numbers = QListWidget()
        self.numbers.setObjectName("freeNumbers")
        self.numbers.setMinimumHeight(150)
        self.add_row(self.tr("&Free numbers"), self.numbers)
        self.iccid = QLineEdit()
        self.iccid.setObjectName("newIccid")
        self.iccid.setPlaceholderText(self.tr("scan or type the SIM card's ICCID"))
        self.add_row(self.tr("&SIM card"), self.iccid)
        self.plan = QComboBox()
        self.plan.setObjectName("orderPlan")
        self.add_row(self.tr("P&lan"), self.plan)
        self.addons = QListWidget()
        self.addons.setObjectName("orderAddons")
        self.addons.setMaximumHeight(110)
        self.add_row(self.tr("&Add-ons (Space ticks)"), self.addons)
        self.account = QComboBox()
        self.account.setObjectName("orderAccount")
        self.account.addItem(self.tr("New prepaid account"), ("new", "prepaid"))
        self.account.addItem(self.tr("New postpaid account"), ("new", "postpaid"))
        for a in self.view.accounts:
            if a.status == "active":
                self.account.addItem(
                    self.tr("Account {no} ({kind})").format(no=a.account_no, kind=a.kind),
                    ("existing", a.account_id),
                )
        self.add_row(self.tr("A&ccount"), self.account)
        self.account.currentIndexChanged.connect(lambda _i: self._fit_plans())
        self._search = QTimer(self)
        self._search.setSingleShot(True)
        self._search.setInterval(250)
        self._search.timeout.connect(self.find_numbers)
        for edit in (self.ends_with, self.contains):
            edit.textEdited.connect(lambda _t: self._search.start())
        self.no_four.toggled.connect(lambda _on: self._search.start())
        _Offerings.load(self.runner, self.sess, "plan", self._plans)
        _Offerings.load(self.runner, self.sess, "addon", self._addons)
        self.find_numbers()

    def first_focus(self) -> QWidget:
        return self.ends_with

    def find_numbers(self) -> None:
        digits = lambda e: "".join(c for c in e.text() if c.isdigit())  # noqa: E731
        self.runner.run(
            partial(
                orders.numbers,
                self.sess,
                digits(self.ends_with),
                digits(self.contains),
                self.no_four.isChecked(),
            ),
            self._numbers,
            pool="net",
        )

    def _numbers(self, rows: list[dict[str, Any]]) -> None:
        chosen = self.held_number()
        self.numbers.clear()
        for n in rows:
            text = n["msisdn"]
            if n.get("level") == "premium":
                text += self.tr("  · premium · pre-deposit {fee}").format(
                    fee=format_yuan(int(n.get("prepay_fen") or 0))
                )
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, n["msisdn"])
            self.numbers.addItem(item)
            if n["msisdn"] == chosen:
                self.numbers.setCurrentItem(item)
        if self.numbers.currentRow() < 0 and self.numbers.count():
            self.numbers.setCurrentRow(0)

    def _plans(self, rows: list[dict[str, Any]]) -> None:
        self._all_plans = rows
        self._fit_plans()

    def _account_kind(self) -> str:
        how, value = self.account.currentData()
        if how == "new":
            return str(value)
        return next((a.kind for a in self.view.accounts if a.account_id == value), "prepaid")

    def _fit_plans(self) -> None:
        """Only the plans the chosen account may have (prepaid, postpaid)."""
        kind = self._account_kind()
        chosen = self.plan.currentData()
        self.plan.clear()
        for o in getattr(self, "_all_plans", []):
            kinds = (o.get("eligibility") or {}).get("account_kinds")
            if not kinds or kind in kinds:
                self.plan.addItem(_offer_text(o), o["id"])
                if o["id"] == chosen:
                    self.plan.setCurrentIndex(self.plan.count() - 1)

    def _addons(self, rows: list[dict[str, Any]]) -> None:
        for o in rows:
            item = QListWidgetItem(_offer_text(o))
            item.setData(Qt.ItemDataRole.UserRole, o["id"])
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.addons.addItem(item)

    def held_number(self) -> str | None:
        item = self.numbers.currentItem()
        return str(item.data(Qt.ItemDataRole.UserRole)) if item is not None else None

    def collect(self) -> Collected:
        msisdn = self.held_number()
        if not msisdn:
            raise missing("msisdn", self.tr("Choose a number from the list."))
        iccid = self.iccid.text().strip()
        if not iccid:
            raise missing("iccid", self.tr("Scan or type the SIM card's ICCID."))
        if self.plan.currentData() is None:
            raise missing("plan_id", self.tr("Choose a plan."))
        items: dict[str, Any] = {
            "msisdn": msisdn,
            "iccid": iccid,
            "plan_id": self.plan.currentData(),
            "addon_ids": [
                self.addons.item(i).data(Qt.ItemDataRole.UserRole)
                for i in range(self.addons.count())
                if self.addons.item(i).checkState() == Qt.CheckState.Checked
            ],
        }
        how, value = self.account.currentData()
        if how == "existing":
            items["account_id"] = value
        else:
            items |= {"new_account_id": self.new_account_id, "account_kind": value}
        return self.line_id, items


class ChangePlanPage(OrderPage):
    type = OrderType.CHANGE_PLAN
    statuses = ("active",)

    def build(self) -> None:
        self.plan = QComboBox()
        self.plan.setObjectName("orderPlan")
        self.add_row(self.tr("New p&lan"), self.plan)
        self.next_month = QRadioButton(self.tr("From the first of next mon&th"))
        self.next_month.setObjectName("planNextMonth")
        self.now = QRadioButton(self.tr("N&ow (where the plan allows it)"))
        self.now.setObjectName("planNow")
        self.next_month.setChecked(True)
        self.form.addRow("", self.next_month)
        self.form.addRow("", self.now)
        _Offerings.load(self.runner, self.sess, "plan", self._plans)

    def _plans(self, rows: list[dict[str, Any]]) -> None:
        for o in rows:
            self.plan.addItem(_offer_text(o), o["id"])

    def collect(self) -> Collected:
        line = self.chosen_line()
        if self.plan.currentData() is None:
            raise missing("plan_id", self.tr("Choose a plan."))
        if self.now.isChecked():
            return line, {"plan_id": self.plan.currentData(), "when": "now"}
        today = local(datetime.now(UTC), self.sess.signed.time_zone).date()
        return line, {
            "plan_id": self.plan.currentData(),
            "when": "next_month",
            "from_date": first_of_next_month(today).isoformat(),
        }


class AddonsPage(OrderPage):
    type = OrderType.ADDONS
    statuses = ("active",)

    def build(self) -> None:
        self.addons = QListWidget()
        self.addons.setObjectName("orderAddons")
        self.add_row(self.tr("&Add-ons (Space ticks)"), self.addons)
        self.line_has: dict[str, set[str]] = {
            s.subscription_id: set(s.addons) for s in self.view.subscriptions
        }
        assert self.line is not None
        self.line.currentIndexChanged.connect(lambda _i: self._tick())
        self._offers: list[dict[str, Any]] = []
        _Offerings.load(self.runner, self.sess, "addon", self._fill)

    def _fill(self, rows: list[dict[str, Any]]) -> None:
        self._offers = rows
        for o in rows:
            item = QListWidgetItem(_offer_text(o))
            item.setData(Qt.ItemDataRole.UserRole, o["id"])
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            self.addons.addItem(item)
        self._tick()

    def _has(self) -> set[str]:
        names = self.line_has.get(str(self.line.currentData() if self.line else ""), set())
        return {o["id"] for o in self._offers if o["name"] in names or o["code"] in names}

    def _tick(self) -> None:
        has = self._has()
        for i in range(self.addons.count()):
            item = self.addons.item(i)
            on = item.data(Qt.ItemDataRole.UserRole) in has
            item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)

    def collect(self) -> Collected:
        line = self.chosen_line()
        ticked = {
            self.addons.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(self.addons.count())
            if self.addons.item(i).checkState() == Qt.CheckState.Checked
        }
        has = self._has()
        add, remove = sorted(ticked - has), sorted(has - ticked)
        if not add and not remove:
            raise missing("addons", self.tr("Tick an add-on to add or untick one to remove."))
        return line, {"add": add, "remove": remove}


class SuspendPage(OrderPage):
    type = OrderType.SUSPEND
    statuses = ("active",)


class ResumePage(OrderPage):
    type = OrderType.RESUME
    statuses = ("suspended",)
