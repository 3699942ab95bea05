"""counter_app.domain.orders.facts.Facts over the cache's rows (local_cache.order_facts)."""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import Connection

from counter_app.domain.orders.facts import (
    AccountFacts,
    CustomerFacts,
    LineFacts,
    NumberFacts,
    OfferingFacts,
    PastOrderFacts,
    SimFacts,
)
from local_cache.order_facts import OrderRows, Row


def _time(text: str | None) -> datetime | None:
    if not text:
        return None
    value = datetime.fromisoformat(text)
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def _offer(r: Row | None) -> OfferingFacts | None:
    if r is None:
        return None
    return OfferingFacts(
        r["id"],
        r["code"],
        r["name"],
        r["kind"],
        int(r["price_fen"] or 0),
        r["eligibility"] or {},
        bool(r["active"]),
    )


class CacheFacts:
    def __init__(self, conn: Connection) -> None:
        self.rows = OrderRows(conn)

    def customer(self, customer_id: str) -> CustomerFacts | None:
        r = self.rows.customer(customer_id)
        if r is None:
            return None
        birth = date.fromisoformat(r["birth_date"]) if r["birth_date"] else None
        return CustomerFacts(
            r["id"],
            r["customer_type"] or "individual",
            r["id_number"] or "",
            birth,
            r["name"] or "",
        )

    def account(self, account_id: str) -> AccountFacts | None:
        r = self.rows.account(account_id)
        if r is None:
            return None
        return AccountFacts(
            r["id"], r["customer_id"], r["kind"], int(r["balance_fen"] or 0), r["status"]
        )

    def line(self, subscription_id: str) -> LineFacts | None:
        r = self.rows.line(subscription_id)
        if r is None:
            return None
        return LineFacts(
            r["id"],
            r["customer_id"],
            r["account_id"],
            r["msisdn"],
            r["iccid"],
            r["plan_id"],
            tuple(r["addon_ids"] or ()),
            r["status"],
        )

    def offering(self, offering_id: str) -> OfferingFacts | None:
        return _offer(self.rows.offering(offering_id))

    def fee(self, code: str) -> OfferingFacts | None:
        return _offer(self.rows.fee(code))

    def number(self, msisdn: str) -> NumberFacts | None:
        r = self.rows.number(msisdn)
        if r is None:
            return None
        return NumberFacts(
            r["msisdn"],
            r["hall_id"],
            r["status"],
            r["level"] or "normal",
            int(r["prepay_fen"] or 0),
            r["held_by"],
            _time(r["held_until"]),
        )

    def sim(self, iccid: str) -> SimFacts | None:
        r = self.rows.sim(iccid)
        return None if r is None else SimFacts(r["iccid"], r["hall_id"], r["status"])

    def past_order(self, order_id: str) -> PastOrderFacts | None:
        r = self.rows.past_order(order_id)
        created = _time(r["created_at"]) if r else None
        if r is None or created is None:
            return None
        return PastOrderFacts(
            r["id"],
            r["type"],
            r["state"],
            r["hall_id"],
            r["customer_id"],
            r["subscription_id"],
            created,
        )

    def active_lines_for_id(self, id_number: str) -> int:
        return self.rows.active_lines_for_id(id_number)

    def overdue_fen(self, customer_id: str, today: date) -> int:
        return self.rows.overdue_fen(customer_id, today)

    def unpaid_fen(self, account_id: str) -> int:
        return self.rows.unpaid_fen(account_id)
