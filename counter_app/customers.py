"""Finding customers and reading their 360° view, from the local cache only."""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection

from counter_app.domain.masking import mask_iccid, mask_id_number, mask_mobile
from counter_app.domain.search_query import QueryKind, SearchTerm, classify
from local_cache import customer_view, search, staff_store
from local_cache.db import Cache

SEARCHERS: dict[QueryKind, Callable[[Connection, str, int], list[dict[str, Any]]]] = {
    QueryKind.PHONE_PREFIX: search.by_phone_prefix,
    QueryKind.ID_FULL: search.by_id_number,
    QueryKind.ID_TAIL: search.by_id_tail,
    QueryKind.ICCID: search.by_iccid,
    QueryKind.ACCOUNT_NO: search.by_account_prefix,
    QueryKind.NAME: search.by_name,
    QueryKind.PINYIN_INITIALS: search.by_initials,
}


@dataclass(frozen=True)
class CustomerHit:
    """One search result, masked for the screen."""

    customer_id: str
    name: str
    id_masked: str
    phone_masked: str
    vip_level: str
    matched_by: QueryKind


@dataclass(frozen=True)
class SearchResult:
    text: str
    terms: tuple[SearchTerm, ...]
    hits: tuple[CustomerHit, ...]
    more: bool = False  # there are more matches than the hits shown


def search_customers(cache: Cache, text: str, limit: int = 50) -> SearchResult:
    """Every reading of `text` (phone prefix, ID tail, name…) on its index, merged in order."""
    terms = tuple(classify(text))
    hits: list[CustomerHit] = []
    seen: set[str] = set()
    more = False
    with cache.read() as conn:
        for term in terms:
            if len(hits) >= limit:
                more = True
                break
            rows = SEARCHERS[term.kind](conn, term.value, limit - len(hits) + 1)
            for row in rows:
                if row["id"] in seen:
                    continue
                if len(hits) >= limit:
                    more = True
                    break
                seen.add(row["id"])
                hits.append(
                    CustomerHit(
                        row["id"],
                        row["name"] or "",
                        mask_id_number(row["id_number"]),
                        mask_mobile(row["phone"]),
                        row["vip_level"] or "none",
                        term.kind,
                    )
                )
    return SearchResult(text, terms, tuple(hits), more)


COUNT_CAP = 1000  # matches counted at most: past it the hint says "1,000+"


def count_matches(cache: Cache, text: str, cap: int = COUNT_CAP) -> int:
    """How many customers `text` finds, counted up to `cap` (then `cap` + 1 means more):
    asked only when a search showed its first page, so the clerk knows to type more."""
    seen: set[str] = set()
    with cache.read() as conn:
        for term in classify(text):
            for row in SEARCHERS[term.kind](conn, term.value, cap + 1):
                seen.add(row["id"])
                if len(seen) > cap:
                    return cap + 1
    return len(seen)


@dataclass(frozen=True)
class LineTarget:
    """The one line a search names (by its number or SIM): what F2/F3 act on."""

    customer_id: str
    subscription_id: str
    msisdn: str


def line_named_by(cache: Cache, text: str) -> LineTarget | None:
    """The line `text` names: a whole mobile number of a line in service, or a SIM's
    ICCID. A partial number never does (it may be an ID tail too, and the clerk may have
    meant another row)."""
    with cache.read() as conn:
        for term in classify(text):
            if term.kind == QueryKind.PHONE_PREFIX and len(term.value) == 11:
                rows = search.lines_by_msisdn_prefix(conn, term.value)
            elif term.kind == QueryKind.ICCID:
                rows = search.lines_by_iccid(conn, term.value)
            else:
                continue
            if len(rows) == 1:
                row = rows[0]
                return LineTarget(row["customer_id"], row["id"], row["msisdn"])
    return None


@dataclass(frozen=True)
class AccountLine:
    account_id: str
    account_no: str
    kind: str
    balance_fen: int
    status: str


@dataclass(frozen=True)
class SubscriptionLine:
    subscription_id: str
    msisdn: str
    iccid_masked: str
    plan_name: str
    plan_price_fen: int | None
    status: str
    addons: tuple[str, ...]
    account_no: str


@dataclass(frozen=True)
class BillLine:
    bill_id: str
    account_no: str
    period: str
    amount_fen: int
    paid_fen: int
    status: str
    due_date: str

    @property
    def owed_fen(self) -> int:
        return self.amount_fen - self.paid_fen


@dataclass(frozen=True)
class PaymentLine:
    payment_id: str
    receipt_no: str
    kind: str
    status: str
    amount_fen: int
    method: str
    created_at: str
    sync_state: str


@dataclass(frozen=True)
class CustomerView:
    """The 360° view: identity masked; the full ID only through `reveal_id_number`."""

    customer_id: str
    customer_no: str
    name: str
    id_type: str
    id_masked: str
    gender: str
    contact_phone_masked: str
    address: str
    vip_level: str
    version: int
    accounts: tuple[AccountLine, ...] = ()
    subscriptions: tuple[SubscriptionLine, ...] = ()
    bills: tuple[BillLine, ...] = field(default=())
    payments: tuple[PaymentLine, ...] = ()

    @property
    def unpaid_fen(self) -> int:
        return sum(b.owed_fen for b in self.bills if b.status != "paid")


def load_view(cache: Cache, customer_id: str) -> CustomerView | None:
    with cache.read() as conn:
        raw = customer_view.load(conn, customer_id)
    if raw is None:
        return None
    c = raw["customer"]
    account_no = {a["id"]: a["account_no"] for a in raw["accounts"]}
    return CustomerView(
        customer_id=c["id"],
        customer_no=c["customer_no"] or "",
        name=c["name"] or "",
        id_type=c["id_type"] or "",
        id_masked=mask_id_number(c["id_number"]),
        gender=c["gender"] or "",
        contact_phone_masked=mask_mobile(c["contact_phone"]),
        address=c["address"] or "",
        vip_level=c["vip_level"] or "none",
        version=int(c["version"]),
        accounts=tuple(
            AccountLine(
                a["id"], a["account_no"], a["kind"], int(a["balance_fen"] or 0), a["status"] or ""
            )
            for a in raw["accounts"]
        ),
        subscriptions=tuple(
            SubscriptionLine(
                s["id"],
                s["msisdn"],
                mask_iccid(s["iccid"]),
                s["plan_name"] or "",
                s["plan_price_fen"],
                s["status"],
                tuple(s["addons"]),
                account_no.get(s["account_id"], ""),
            )
            for s in raw["subscriptions"]
        ),
        bills=tuple(
            BillLine(
                b["id"],
                b["account_no"],
                b["period"],
                int(b["amount_fen"]),
                int(b["paid_fen"] or 0),
                b["status"],
                b["due_date"] or "",
            )
            for b in raw["bills"]
        ),
        payments=tuple(
            PaymentLine(
                p["id"],
                p["receipt_no"],
                p["kind"],
                p["status"],
                int(p["amount_fen"]),
                p["method"],
                p["created_at"] or "",
                p["sync_state"] or "",
            )
            for p in raw["payments"]
        ),
    )


def open_view(cache: Cache, customer_id: str, staff_id: str) -> CustomerView | None:
    """The 360° view a clerk opens; a customer of another hall than the clerk's is looked at
    on the record (an audit entry, sent to the province with the others)."""
    view = load_view(cache, customer_id)
    if view is None:
        return None
    with cache.read() as conn:
        home = customer_view.home_hall(conn, customer_id)
        own = staff_store.hall_of(conn, staff_id)
    if home and own and home != own:
        with cache.write() as conn:
            _audit(conn, staff_id, "customer_viewed_elsewhere", customer_id, {"home_hall_id": home})
    return view


def _audit(conn: Any, staff_id: str, action: str, customer_id: str, detail: dict[str, Any]) -> None:
    """A local audit entry about a customer (sent to the province through the outbox)."""
    customer_view.add_audit(
        conn,
        {
            "id": str(uuid.uuid4()),
            "at": datetime.now(UTC).isoformat(),
            "staff_id": staff_id,
            "action": action,
            "entity": "customer",
            "entity_id": customer_id,
            "detail": detail,
        },
    )


def reveal_id_number(cache: Cache, customer_id: str, staff_id: str, reason: str = "") -> str:
    """The full ID number, and an audit entry saying who saw it and when (one transaction)."""
    with cache.write() as conn:
        value = customer_view.id_number(conn, customer_id)
        if value is None:
            raise LookupError(customer_id)
        _audit(
            conn, staff_id, "reveal_id_number", customer_id, {"reason": reason} if reason else {}
        )
    return str(value)


def audit_trail(cache: Cache, customer_id: str) -> list[dict[str, Any]]:
    with cache.read() as conn:
        rows = customer_view.audit_entries(conn, customer_id)
    for row in rows:
        row["detail"] = json.loads(row["detail"] or "{}")
    return rows
