"""What the simulated counters of bench/province_load.py know and record: seats, lines, the
samples of their requests, the payments they believe booked, and a run's summary."""

from __future__ import annotations

import threading
from collections import Counter as Tally
from dataclasses import dataclass, field

from bench.common import percentile

# Statuses that are a right answer to the mix; anything else is a failure of the province.
EXPECTED = {"wrong_password": {401, 429, 503}}  # 429: the sign-in guard
EXPECTED_DEFAULT = {200, 201, 503}
TIMEOUT, CUT = -1, 0  # pseudo-statuses: no answer in time, connection failed


@dataclass(frozen=True)
class Seat:
    staff_no: str
    hall_code: str
    counter_id: str


@dataclass(frozen=True)
class Line:
    customer_id: str
    account_id: str
    subscription_id: str
    msisdn: str


@dataclass(frozen=True)
class World:
    """What the counters know of the province before the load: seats, lines, the feed's head."""

    seats: list[Seat]
    lines: list[Line]
    head_seq: int
    balances: dict[str, int]  # account id -> balance before the load


@dataclass(frozen=True)
class Sample:
    kind: str
    status: int
    seconds: float
    started: float
    error: str = ""  # what failed, when the request got no answer


@dataclass
class Booking:
    """A payment a counter took: what it sends (again, if need be) and whether it is booked."""

    body: dict[str, object]
    idempotency_key: str
    settled: bool = False  # the province answered 201

    @property
    def payment_id(self) -> str:
        return str(self.body["id"])

    @property
    def account_id(self) -> str:
        return str(self.body["account_id"])

    @property
    def amount_fen(self) -> int:
        return int(self.body["amount_fen"])  # type: ignore[call-overload]


@dataclass
class LoadResult:
    counters: int
    seconds: float
    samples: list[Sample] = field(default_factory=list)
    bookings: list[Booking] = field(default_factory=list)
    shift_ids: list[str] = field(default_factory=list)
    # subscription id -> (orders completed on it, one still unanswered)
    orders: dict[str, tuple[int, bool]] = field(default_factory=dict)
    setup_failures: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def in_window(self) -> list[Sample]:
        return [s for s in self.samples if s.kind != "settle"]

    def statuses(self) -> Tally[int]:
        return Tally(s.status for s in self.in_window())

    def unexpected(self) -> list[Sample]:
        return [
            s
            for s in self.samples
            if s.status not in EXPECTED.get(s.kind, EXPECTED_DEFAULT)
            and not (s.kind == "settle" and s.status in (TIMEOUT, CUT))
        ]

    def summary(self) -> dict[str, float]:
        window = self.in_window()
        answered = [s.seconds for s in window if s.status > 0]
        served = [s.seconds for s in window if s.status in (200, 201, 401)]
        statuses = self.statuses()
        return {
            "requests_per_s": len(answered) / self.seconds,
            "served_per_s": len(served) / self.seconds,
            "p50_ms": percentile(answered, 50) * 1000,
            "p95_ms": percentile(answered, 95) * 1000,
            "p99_ms": percentile(answered, 99) * 1000,
            "max_ms": max(answered, default=0.0) * 1000,
            "busy_503": statuses[503] / max(1, len(window)),
            "timeouts": statuses[TIMEOUT],
            "cut": statuses[CUT],
        }
