"""What a receipt and a shift report say: plain frozen data, no layout, no Qt.

Money is integer fen. Times are timezone-aware (stored UTC); layouts print them on the
hall's clock (``time_zone``, from the province at sign-in). Personal numbers arrive
already masked (see ``counter_app.domain.masking``): the data object refuses an ID or phone
number with no mask in it, so a full number cannot reach paper by accident.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from types import MappingProxyType

from counter_app.domain.hall_time import DEFAULT_ZONE
from counter_app.domain.money import count_total

KINDS = ("bill", "topup", "order_fee", "refund")
METHODS = ("cash", "card", "qr")


def _require_int(value: object, name: str, *, optional: bool = False) -> None:
    if value is None and optional:
        return
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{name} must be an int number of fen")
    if value < 0:
        raise ValueError(f"{name} must not be negative")


def _require_aware(value: object, name: str) -> None:
    if not isinstance(value, datetime) or value.utcoffset() is None:
        raise ValueError(f"{name} must be a timezone-aware datetime")


def _require_masked(value: str, name: str) -> None:
    if value and "*" not in value:
        raise ValueError(f"{name} must be masked before it reaches a receipt")


def _frozen_map(value: Mapping) -> Mapping:
    return MappingProxyType(dict(value))


@dataclass(frozen=True, slots=True)
class ReceiptLine:
    """One thing paid for: '2026-09 账单' ¥120.00, or '充值' ¥50.00."""

    description: str
    amount_fen: int

    def __post_init__(self) -> None:
        if isinstance(self.amount_fen, bool) or not isinstance(self.amount_fen, int):
            raise TypeError("amount_fen must be an int number of fen")


@dataclass(frozen=True, slots=True)
class ReceiptData:
    """Everything printed on one receipt or void slip.

    * ``kind``: "bill" | "topup" | "order_fee"; ``method``: "cash" | "card" | "qr".
    * ``tendered_fen``/``change_fen`` are printed for cash, ``card_ref`` (masked card
      number or auth code) for card.
    * ``reprint``: 0 for the original, n for the n-th reprint ("重打 / REPRINT n").
    * ``void_of``: set on a void slip to the receipt number it voids; ``amount_fen`` is then
      the amount reversed (a positive number) and ``approved_by`` the supervisor's staff no.
    * ``voided``: the receipt itself has since been voided (a reprint of it says so).
    * ``receipt_no`` is ``hall-counter-sequence`` and may not contain '|' (the QR separator).
    * ``owed_after_fen``: what the account still owes after a part-payment of bills.
    * ``balance_after_fen``: a top-up's new balance as the counter knows it;
      ``provisional`` while the province has not confirmed the payment.
    """

    receipt_no: str
    hall_code: str
    hall_name: str
    counter_id: str
    clerk_staff_no: str
    clerk_name: str
    paid_at: datetime
    customer_name: str
    customer_id_masked: str
    msisdn_masked: str
    kind: str
    lines: tuple[ReceiptLine, ...]
    amount_fen: int
    method: str
    tendered_fen: int | None = None
    change_fen: int | None = None
    card_ref: str | None = None
    reprint: int = 0
    void_of: str | None = None
    voided: bool = False
    approved_by: str | None = None
    owed_after_fen: int | None = None
    balance_after_fen: int | None = None
    provisional: bool = False
    time_zone: str = DEFAULT_ZONE
    offline: bool = False  # printed while the province was unreachable: provisional

    def __post_init__(self) -> None:
        if not self.receipt_no or "|" in self.receipt_no:
            raise ValueError("receipt_no must be non-empty and contain no '|'")
        if self.kind not in KINDS:
            raise ValueError(f"kind must be one of {KINDS}, not {self.kind!r}")
        if self.method not in METHODS:
            raise ValueError(f"method must be one of {METHODS}, not {self.method!r}")
        _require_aware(self.paid_at, "paid_at")
        _require_int(self.amount_fen, "amount_fen")
        _require_int(self.tendered_fen, "tendered_fen", optional=True)
        _require_int(self.change_fen, "change_fen", optional=True)
        _require_int(self.owed_after_fen, "owed_after_fen", optional=True)
        if self.balance_after_fen is not None and not isinstance(self.balance_after_fen, int):
            raise TypeError("balance_after_fen must be an int number of fen")
        _require_masked(self.customer_id_masked, "customer_id_masked")
        _require_masked(self.msisdn_masked, "msisdn_masked")
        if isinstance(self.reprint, bool) or not isinstance(self.reprint, int) or self.reprint < 0:
            raise ValueError("reprint must be an int >= 0")
        object.__setattr__(self, "lines", tuple(self.lines))
        for line in self.lines:
            if not isinstance(line, ReceiptLine):
                raise TypeError("lines must be ReceiptLine objects")

    @property
    def is_void_slip(self) -> bool:
        return self.void_of is not None

    def to_json(self) -> str:
        """The receipt as printed, kept so a preview or reprint shows the same paper."""
        raw = {f: getattr(self, f) for f in self.__slots__}  # type: ignore[attr-defined]
        raw["paid_at"] = self.paid_at.isoformat()
        raw["lines"] = [[line.description, line.amount_fen] for line in self.lines]
        return json.dumps(raw, ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> ReceiptData:
        raw = json.loads(text)
        raw["paid_at"] = datetime.fromisoformat(raw["paid_at"])
        raw["lines"] = tuple(ReceiptLine(d, int(a)) for d, a in raw["lines"])
        known = set(cls.__slots__)  # type: ignore[attr-defined]
        return cls(**{k: v for k, v in raw.items() if k in known})


@dataclass(frozen=True, slots=True)
class ShiftReportData:
    """A clerk's shift at hand-over (交班): what was taken, and the cash count.

    ``totals_by_method``/``counts_by_method`` are keyed "cash"/"card"/"qr",
    ``totals_by_kind`` "bill"/"topup"/"order_fee"; ``counted_by_denomination`` is
    {denomination_fen: count}. ``expected_cash_fen`` is meant as opening float + cash in −
    cash out; ``variance_fen`` must equal counted − expected (positive: over, 长款;
    negative: short, 短款), and the counted cash must equal the denominations counted
    when any were given. ``approved_by`` is the supervisor's staff no.
    """

    shift_id: str
    hall_code: str
    hall_name: str
    counter_id: str
    clerk_staff_no: str
    clerk_name: str
    opened_at: datetime
    closed_at: datetime
    opening_float_fen: int
    totals_by_method: Mapping[str, int]
    totals_by_kind: Mapping[str, int]
    counts_by_method: Mapping[str, int]
    payment_count: int
    void_count: int
    void_total_fen: int
    cash_in_fen: int
    cash_out_fen: int
    expected_cash_fen: int
    counted_cash_fen: int
    variance_fen: int
    counted_by_denomination: Mapping[int, int] = field(default_factory=dict)
    note: str = ""
    approved_by: str | None = None
    time_zone: str = DEFAULT_ZONE
    pending_upload: int = 0  # entries not yet at the province when it closed (an outage)
    pending_approved_by: str | None = None  # the supervisor who let it close so

    def __post_init__(self) -> None:
        _require_aware(self.opened_at, "opened_at")
        _require_aware(self.closed_at, "closed_at")
        for name in (
            "totals_by_method",
            "totals_by_kind",
            "counts_by_method",
            "counted_by_denomination",
        ):
            object.__setattr__(self, name, _frozen_map(getattr(self, name)))
        if self.variance_fen != self.counted_cash_fen - self.expected_cash_fen:
            raise ValueError("variance_fen must equal counted_cash_fen - expected_cash_fen")
        if (
            self.counted_by_denomination
            and count_total(self.counted_by_denomination) != self.counted_cash_fen
        ):
            raise ValueError("counted_cash_fen must equal the denominations counted")
