"""counter_app.domain.orders.facts.Facts over the province's tables (rows locked where an
order takes them, so two counters racing for a number or SIM serialise on the row)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from counter_app.domain.orders.facts import (
    AccountFacts,
    CustomerFacts,
    LineFacts,
    NumberFacts,
    OfferingFacts,
    PastOrderFacts,
    SimFacts,
)
from province_api.models import (
    Account,
    Bill,
    Customer,
    Number,
    Offering,
    ProductOrder,
    Sim,
    Subscription,
)
from province_api.orders.times import aware


class ProvinceFacts:
    def __init__(self, db: Session) -> None:
        self.db = db

    def customer(self, customer_id: str) -> CustomerFacts | None:
        c = self.db.get(Customer, customer_id)
        if c is None:
            return None
        return CustomerFacts(c.id, c.customer_type, c.id_number, c.birth_date, c.name)

    def account(self, account_id: str) -> AccountFacts | None:
        a = self.db.get(Account, account_id)
        if a is None:
            return None
        return AccountFacts(a.id, a.customer_id, a.kind, a.balance_fen, a.status)

    def line(self, subscription_id: str) -> LineFacts | None:
        s = self.db.get(Subscription, subscription_id)
        if s is None:
            return None
        return LineFacts(
            s.id,
            s.customer_id,
            s.account_id,
            s.msisdn,
            s.iccid,
            s.plan_id,
            tuple(s.addon_ids or ()),
            s.status,
        )

    def _offer(self, o: Offering | None) -> OfferingFacts | None:
        if o is None:
            return None
        return OfferingFacts(
            o.id, o.code, o.name, o.kind, o.price_fen, o.eligibility or {}, o.active
        )

    def offering(self, offering_id: str) -> OfferingFacts | None:
        return self._offer(self.db.get(Offering, offering_id))

    def fee(self, code: str) -> OfferingFacts | None:
        return self._offer(
            self.db.scalar(select(Offering).where(Offering.code == code, Offering.kind == "fee"))
        )

    def number(self, msisdn: str) -> NumberFacts | None:
        n = self.db.scalar(select(Number).where(Number.msisdn == msisdn).with_for_update())
        if n is None:
            return None
        return NumberFacts(
            n.msisdn,
            n.hall_id,
            n.status,
            n.level,
            n.prepay_fen,
            n.held_by,
            aware(n.held_until) if n.held_until else None,
        )

    def sim(self, iccid: str) -> SimFacts | None:
        s = self.db.scalar(select(Sim).where(Sim.iccid == iccid).with_for_update())
        return None if s is None else SimFacts(s.iccid, s.hall_id, s.status)

    def past_order(self, order_id: str) -> PastOrderFacts | None:
        o = self.db.get(ProductOrder, order_id)
        if o is None:
            return None
        created = aware(o.created_at)
        return PastOrderFacts(
            o.id, o.type, o.state, o.hall_id, o.customer_id, o.subscription_id, created
        )

    def active_lines_for_id(self, id_number: str) -> int:
        return int(
            self.db.scalar(
                select(func.count(Subscription.id))
                .join(Customer, Customer.id == Subscription.customer_id)
                .where(Customer.id_number == id_number, Subscription.status != "cancelled")
            )
            or 0
        )

    def _owed(self, *where: object) -> int:
        owed = self.db.scalar(
            select(func.coalesce(func.sum(Bill.amount_fen - Bill.paid_fen), 0))
            .join(Account, Account.id == Bill.account_id)
            .where(Bill.status != "paid", *where)  # type: ignore[arg-type]
        )
        return int(owed or 0)

    def overdue_fen(self, customer_id: str, today: date) -> int:
        return self._owed(Account.customer_id == customer_id, Bill.due_date < today)

    def unpaid_fen(self, account_id: str) -> int:
        return self._owed(Bill.account_id == account_id)
