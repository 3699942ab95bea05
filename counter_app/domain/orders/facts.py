"""What the order rules read, the same at both ends: the province answers from its database,
the counter from its cache. Each end implements `Facts` over its own store."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Protocol

from counter_app.domain.hall_time import DEFAULT_ZONE, local


@dataclass(frozen=True)
class CustomerFacts:
    id: str
    customer_type: str  # individual | enterprise
    id_number: str
    birth_date: date | None
    name: str = ""


@dataclass(frozen=True)
class AccountFacts:
    id: str
    customer_id: str
    kind: str  # prepaid | postpaid
    balance_fen: int
    status: str


@dataclass(frozen=True)
class LineFacts:
    id: str
    customer_id: str
    account_id: str
    msisdn: str
    iccid: str
    plan_id: str
    addon_ids: tuple[str, ...]
    status: str  # active | suspended | cancelled


@dataclass(frozen=True)
class OfferingFacts:
    id: str
    code: str
    name: str
    kind: str  # plan | addon | fee
    price_fen: int
    eligibility: dict[str, Any] = field(default_factory=dict)
    active: bool = True


@dataclass(frozen=True)
class NumberFacts:
    msisdn: str
    hall_id: str
    status: str  # available | reserved | assigned
    level: str
    prepay_fen: int
    held_by: str | None = None  # the counter holding it
    held_until: datetime | None = None


@dataclass(frozen=True)
class SimFacts:
    iccid: str
    hall_id: str
    status: str  # available | assigned | retired


@dataclass(frozen=True)
class PastOrderFacts:
    id: str
    type: str
    state: str
    hall_id: str
    customer_id: str
    subscription_id: str | None
    created_at: datetime


@dataclass(frozen=True)
class Context:
    """Where and when the rules are asked: the hall, the counter, the hall's today."""

    hall_id: str
    counter_id: str
    now: datetime
    today: date
    time_zone: str = DEFAULT_ZONE

    def day_of(self, moment: datetime) -> date:
        """The hall's date at `moment` (a UTC time read back is of another day at night)."""
        return local(moment, self.time_zone).date()


class Facts(Protocol):
    def customer(self, customer_id: str) -> CustomerFacts | None: ...
    def account(self, account_id: str) -> AccountFacts | None: ...
    def line(self, subscription_id: str) -> LineFacts | None: ...
    def offering(self, offering_id: str) -> OfferingFacts | None: ...
    def fee(self, code: str) -> OfferingFacts | None: ...
    def number(self, msisdn: str) -> NumberFacts | None: ...
    def sim(self, iccid: str) -> SimFacts | None: ...
    def past_order(self, order_id: str) -> PastOrderFacts | None: ...
    def active_lines_for_id(self, id_number: str) -> int:
        """Lines not cancelled, across the province, of customers holding this ID."""
        ...

    def overdue_fen(self, customer_id: str, today: date) -> int:
        """Owed on the customer's bills whose due date is past."""
        ...

    def unpaid_fen(self, account_id: str) -> int:
        """Owed on the account's bills, due or not."""
        ...
