"""What the order rules read, as rows of the cache (counter_app.order_facts turns them into
the domain's facts): the counter runs the very rules the province will, the province
staying the arbiter (the cache may be a pull behind)."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from sqlalchemy import Connection

Row = dict[str, Any]
_JSON = ("addon_ids", "eligibility")


class OrderRows:
    """Reads through one open connection of the cache (a worker's read or write)."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    def _row(self, sql: str, *params: Any) -> Row | None:
        r = self.conn.exec_driver_sql(sql, params).mappings().first()
        if r is None:
            return None
        out = dict(r)
        for name in _JSON:
            if name in out:
                out[name] = json.loads(out[name]) if out[name] else None
        return out

    def _count(self, sql: str, *params: Any) -> int:
        return int(self.conn.exec_driver_sql(sql, params).scalar_one() or 0)

    def customer(self, customer_id: str) -> Row | None:
        return self._row(
            "SELECT id, customer_type, id_number, birth_date, name FROM customer WHERE id = ?",
            customer_id,
        )

    def account(self, account_id: str) -> Row | None:
        return self._row(
            "SELECT id, customer_id, kind, balance_fen, status FROM account WHERE id = ?",
            account_id,
        )

    def line(self, subscription_id: str) -> Row | None:
        return self._row(
            "SELECT id, customer_id, account_id, msisdn, iccid, plan_id, addon_ids, status "
            "FROM subscription WHERE id = ?",
            subscription_id,
        )

    _OFFER = "SELECT id, code, name, kind, price_fen, eligibility, active FROM offering "

    def offering(self, offering_id: str) -> Row | None:
        return self._row(self._OFFER + "WHERE id = ?", offering_id)

    def fee(self, code: str) -> Row | None:
        return self._row(self._OFFER + "WHERE code = ? AND kind = 'fee'", code)

    def number(self, msisdn: str) -> Row | None:
        return self._row(
            "SELECT msisdn, hall_id, status, level, prepay_fen, held_by, held_until "
            "FROM number WHERE msisdn = ?",
            msisdn,
        )

    def sim(self, iccid: str) -> Row | None:
        return self._row("SELECT iccid, hall_id, status FROM sim WHERE iccid = ?", iccid)

    def past_order(self, order_id: str) -> Row | None:
        return self._row(
            "SELECT id, type, state, hall_id, customer_id, subscription_id, created_at "
            "FROM product_order WHERE id = ?",
            order_id,
        )

    def active_lines_for_id(self, id_number: str) -> int:
        return self._count(
            "SELECT count(*) FROM subscription s JOIN customer c ON c.id = s.customer_id "
            "WHERE c.id_number = ? AND s.status != 'cancelled'",
            id_number,
        )

    def overdue_fen(self, customer_id: str, today: date) -> int:
        return self._count(
            "SELECT coalesce(sum(b.amount_fen - b.paid_fen), 0) FROM bill b "
            "JOIN account a ON a.id = b.account_id "
            "WHERE a.customer_id = ? AND b.status != 'paid' AND b.due_date < ?",
            customer_id,
            today.isoformat(),
        )

    def unpaid_fen(self, account_id: str) -> int:
        return self._count(
            "SELECT coalesce(sum(amount_fen - paid_fen), 0) FROM bill "
            "WHERE account_id = ? AND status != 'paid'",
            account_id,
        )
