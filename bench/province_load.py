"""Simulated counters against a real province: the mix of a hall's day, and its check.

Each simulated counter signs in as its own clerk, opens a shift, then loops: read the
change feed from where it was, search by a number prefix, open a customer, book a top-up
with an Idempotency-Key, suspend or resume its own line (an order), or (now and then) try a
wrong password. It behaves as the real
counter does when the province is busy: a 503 waits its Retry-After, and a payment whose
answer did not come back (503, timeout, cut connection) is sent again with the same key
until it has one. At the end `check_exactly_once` compares the province's books with what
the counters believe they booked, and each order line's state with the orders completed.

Used by the suite (`tests/test_province_under_load.py`, 100 counters for 20 s) and by
`python -m bench.load` (50 to 500 counters, one or two worker processes).
"""

from __future__ import annotations

import random
import threading
import time
import uuid
from collections import Counter as Tally
from collections.abc import Iterable
from datetime import UTC, datetime

import requests
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from bench.common import percentile
from bench.province_world import (  # noqa: F401  (re-exported: the tests, bench.load)
    CUT,
    EXPECTED,
    EXPECTED_DEFAULT,
    TIMEOUT,
    Booking,
    Line,
    LoadResult,
    Sample,
    Seat,
    World,
)

API = "/api/v1"
PASSWORD = "demo"
# What the simulated counter waits for an answer before it calls the request lost. The
# server's own limits (province_api.db) end any request well before this.
READ_TIMEOUT_S = 30.0
CONNECT_TIMEOUT_S = 3.0
# How long after the load stops the counters keep resending unanswered payments.
SETTLE_S = 60.0
# What each step of a counter's loop is, and how often.
MIX: tuple[tuple[str, int], ...] = (
    ("feed", 35),
    ("search", 25),
    ("customer", 15),
    ("payment", 15),
    ("order", 5),
    ("wrong_password", 5),
)


def prepare(engine: Engine, counters: int, lines: int = 2000) -> World:
    """One clerk per simulated counter (staff L001... of each hall, made once, with the
    password of the hall's first clerk), and the active lines the counters pay to."""
    from province_api import changes
    from province_api.models import Account, Change, Hall, Staff, Subscription

    with Session(engine) as s, s.begin():
        halls = list(s.scalars(select(Hall).order_by(Hall.code)))
        template = {
            h.id: s.scalar(select(Staff).where(Staff.staff_no == f"{h.code}-C01")) for h in halls
        }
        seats, new = [], []
        for i in range(counters):
            hall = halls[i % len(halls)]
            staff_no = f"{hall.code}-L{i // len(halls) + 1:03d}"
            seats.append(Seat(staff_no, hall.code, f"L{i // len(halls) + 1:03d}"))
            if s.scalar(select(Staff.id).where(Staff.staff_no == staff_no)) is None:
                like = template[hall.id]
                assert like is not None, f"{hall.code}-C01 is missing"
                new.append(
                    Staff(
                        id=str(uuid.uuid4()),
                        staff_no=staff_no,
                        name=f"Load clerk {staff_no}",
                        role="clerk",
                        hall_id=hall.id,
                        password_hash=like.password_hash,
                        offline_verifier=like.offline_verifier,
                        approval_salt=like.approval_salt,
                        approval_key=like.approval_key,
                        active=True,
                        version=1,
                    )
                )
        s.add_all(new)
        changes.record_objects(s, "staff", new)
    with Session(engine) as s:
        rows = s.execute(
            select(
                Account.customer_id, Subscription.account_id, Subscription.id, Subscription.msisdn
            )
            .join(Account, Account.id == Subscription.account_id)
            .where(Subscription.status == "active")
            .order_by(Subscription.id)
            .limit(lines)
        ).all()
        found = [Line(*row) for row in rows]
        balances = dict(
            s.execute(
                select(Account.id, Account.balance_fen).where(
                    Account.id.in_({line.account_id for line in found})
                )
            ).all()
        )
        head = s.scalar(select(func.max(Change.seq))) or 0
    return World(seats, found, int(head), balances)


class SimulatedCounter(threading.Thread):
    def __init__(
        self,
        base_url: str,
        seat: Seat,
        world: World,
        result: LoadResult,
        think_s: float,
        start: threading.Barrier,
        stop_at: list[float],
        rng: random.Random,
        order_line: Line,
    ) -> None:
        super().__init__(name=f"counter-{seat.staff_no}", daemon=True)
        self.base = base_url.rstrip("/") + API
        self.seat, self.world, self.result = seat, world, result
        self.think_s, self.start_barrier, self.stop_at, self.rng = think_s, start, stop_at, rng
        self.http = requests.Session()
        self.token = ""
        self.shift_id = ""
        self.since = world.head_seq
        self.receipt_seq = 0
        self.samples: list[Sample] = []
        self.bookings: list[Booking] = []
        self.lock = result.lock
        self.order_line = order_line  # this counter's alone: suspended, resumed, suspended…
        self.orders_done = 0
        self.pending_order: tuple[dict[str, object], str] | None = None

    # -- one request -----------------------------------------------------------------------

    def call(
        self, kind: str, method: str, path: str, record: bool = True, **kw: object
    ) -> requests.Response | None:
        headers = dict(kw.pop("headers", {}) or {})  # type: ignore[call-overload]
        if self.token and kind != "wrong_password":
            headers["Authorization"] = f"Bearer {self.token}"
        started = time.monotonic()
        try:
            answer = self.http.request(
                method,
                self.base + path,
                headers=headers,
                timeout=(CONNECT_TIMEOUT_S, READ_TIMEOUT_S),
                **kw,  # type: ignore[arg-type]
            )
            status, error = answer.status_code, ""
        except requests.Timeout as exc:
            answer, status, error = None, TIMEOUT, repr(exc)
        except requests.ConnectionError as exc:
            answer, status, error = None, CUT, repr(exc)
        if record:
            took = time.monotonic() - started
            self.samples.append(Sample(kind, status, took, started, error))
        return answer

    def wait_if_busy(self, answer: requests.Response | None) -> None:
        if answer is None:
            time.sleep(0.5)
        elif answer.status_code == 503:
            time.sleep(float(answer.headers.get("Retry-After", "1")))

    def until_answered(self, kind: str, method: str, path: str, **kw: object) -> requests.Response:
        """Set-up steps: sent again (the same body and key) until the province answers."""
        deadline = time.monotonic() + 120
        while True:
            answer = self.call(kind, method, path, record=False, **kw)
            if answer is not None and answer.status_code != 503:
                return answer
            if time.monotonic() > deadline:
                raise RuntimeError(f"{self.seat.staff_no}: no answer to {path}")
            self.wait_if_busy(answer)

    # -- the counter's day -----------------------------------------------------------------

    def sign_in_and_open_shift(self) -> None:
        login = {
            "staff_no": self.seat.staff_no,
            "password": PASSWORD,
            "hall_code": self.seat.hall_code,
            "counter_id": self.seat.counter_id,
        }
        answer = self.until_answered("setup", "POST", "/auth/login", json=login)
        if answer.status_code != 200:
            raise RuntimeError(f"{self.seat.staff_no}: sign-in {answer.status_code}")
        body = answer.json()
        self.token, self.receipt_seq = body["token"], int(body["receipt_seq"])
        shift = {
            "id": str(uuid.uuid4()),
            "opening_float_fen": 10000,
            "float_denominations": {"10000": 1},
            "opened_at": datetime.now(UTC).isoformat(),
        }
        key = {"Idempotency-Key": str(uuid.uuid4())}
        answer = self.until_answered("setup", "POST", "/shifts", json=shift, headers=key)
        if answer.status_code != 201:
            raise RuntimeError(f"{self.seat.staff_no}: open shift {answer.status_code}")
        self.shift_id = shift["id"]

    def run(self) -> None:
        try:
            self.sign_in_and_open_shift()
        except Exception as exc:  # the set-up failed: the result says so
            with self.lock:
                self.result.setup_failures.append(str(exc))
            self.start_barrier.abort()
            return
        try:
            self.start_barrier.wait()
        except threading.BrokenBarrierError:
            return
        kinds = [k for k, _ in MIX]
        weights = [w for _, w in MIX]
        if self.think_s:  # counters do not all start on the same second
            time.sleep(self.rng.uniform(0, self.think_s))
        while time.monotonic() < self.stop_at[0]:
            kind = self.rng.choices(kinds, weights)[0]
            answer = getattr(self, kind)()
            self.wait_if_busy(answer if answer is None or answer.status_code == 503 else None)
            if self.think_s:
                time.sleep(self.rng.expovariate(1 / self.think_s))
        self.settle()
        with self.lock:
            self.result.samples.extend(self.samples)
            self.result.bookings.extend(self.bookings)
            self.result.shift_ids.append(self.shift_id)
            self.result.orders[self.order_line.subscription_id] = (
                self.orders_done,
                self.pending_order is not None,
            )

    def feed(self) -> requests.Response | None:
        page = {"since": self.since, "limit": 200}
        answer = self.call("feed", "GET", "/sync/changes", params=page)
        if answer is not None and answer.status_code == 200:
            self.since = int(answer.json()["next_since"])
        return answer

    def search(self) -> requests.Response | None:
        line = self.rng.choice(self.world.lines)
        return self.call("search", "GET", "/customers", params={"q": line.msisdn[:7]})

    def customer(self) -> requests.Response | None:
        line = self.rng.choice(self.world.lines)
        return self.call("customer", "GET", f"/customers/{line.customer_id}")

    def wrong_password(self) -> requests.Response | None:
        guess = {
            "staff_no": self.seat.staff_no,
            "password": "not-" + PASSWORD,
            "hall_code": self.seat.hall_code,
            "counter_id": self.seat.counter_id,
        }
        return self.call("wrong_password", "POST", "/auth/login", json=guess)

    def payment(self) -> requests.Response | None:
        line = self.rng.choice(self.world.lines)
        self.receipt_seq += 1
        amount = self.rng.randrange(1000, 20001, 100)
        body = {
            "id": str(uuid.uuid4()),
            "receipt_no": f"{self.seat.hall_code}-{self.seat.counter_id}-{self.receipt_seq:06d}",
            "kind": "topup",
            "account_id": line.account_id,
            "subscription_id": line.subscription_id,
            "amount_fen": amount,
            "method": "cash",
            "tendered_fen": amount,
            "created_at": datetime.now(UTC).isoformat(),
            "shift_id": self.shift_id,
        }
        booking = Booking(body, str(uuid.uuid4()))
        self.bookings.append(booking)
        return self.send_payment(booking, "payment")

    def order(self, kind: str = "order") -> requests.Response | None:
        """Suspend the counter's own line, or resume it; an order whose answer did not come
        is sent again, same body and key, before any other."""
        if self.pending_order is None:
            body: dict[str, object] = {
                "id": str(uuid.uuid4()),
                "order_no": f"O{uuid.uuid4().hex[:12].upper()}",
                "type": "resume" if self.orders_done % 2 else "suspend",
                "customer_id": self.order_line.customer_id,
                "subscription_id": self.order_line.subscription_id,
                "items": {},
                "fees": [],
                "deposit_fen": 0,
                "created_at": datetime.now(UTC).isoformat(),
            }
            self.pending_order = (body, str(uuid.uuid4()))
        body, key = self.pending_order
        headers = {"Idempotency-Key": key}
        answer = self.call(kind, "POST", "/product-orders", json=body, headers=headers)
        if answer is not None and answer.status_code == 201:
            self.orders_done += 1
            self.pending_order = None
        return answer

    def send_payment(self, booking: Booking, kind: str) -> requests.Response | None:
        key = {"Idempotency-Key": booking.idempotency_key}
        answer = self.call(kind, "POST", "/payments", json=booking.body, headers=key)
        if answer is not None and answer.status_code == 201:
            booking.settled = True
        return answer

    def settle(self) -> None:
        """Resend every payment whose answer never came, as the counter's outbox does."""
        deadline = time.monotonic() + SETTLE_S
        for booking in self.bookings:
            while not booking.settled and time.monotonic() < deadline:
                answer = self.send_payment(booking, "settle")
                if not booking.settled:
                    self.wait_if_busy(answer)
        while self.pending_order is not None and time.monotonic() < deadline:
            answer = self.order("settle")
            if self.pending_order is not None:
                self.wait_if_busy(answer)


def run(
    base_url: str,
    world: World,
    seconds: float,
    think_s: float = 0.0,
    seed: int = 1,
) -> LoadResult:
    """Every seat of `world` as a simulated counter for `seconds` (after all have signed in
    and opened their shifts), then the settling of unanswered payments."""
    result = LoadResult(counters=len(world.seats), seconds=seconds)
    start = threading.Barrier(len(world.seats) + 1)
    stop_at = [float("inf")]
    counters = [
        SimulatedCounter(
            base_url,
            seat,
            world,
            result,
            think_s,
            start,
            stop_at,
            random.Random(seed * 7919 + i),
            world.lines[-1 - i % len(world.lines)],
        )
        for i, seat in enumerate(world.seats)
    ]
    for c in counters:
        c.start()
    try:
        start.wait(timeout=600)
    except threading.BrokenBarrierError:
        for c in counters:
            c.join(timeout=5)
        return result
    stop_at[0] = time.monotonic() + seconds
    for c in counters:
        c.join()
    return result


def check_exactly_once(engine: Engine, world: World, result: LoadResult) -> list[str]:
    """What is wrong with the province's books, compared with what the counters believe."""
    from province_api.models import Account, Payment

    problems = []
    unsettled = [b.payment_id for b in result.bookings if not b.settled]
    if unsettled:
        problems.append(f"{len(unsettled)} payments never answered, e.g. {unsettled[0]}")
    believed = {b.payment_id: b for b in result.bookings if b.settled}
    with Session(engine) as s:
        booked = dict(
            s.execute(
                select(Payment.id, Payment.amount_fen).where(Payment.shift_id.in_(result.shift_ids))
            ).all()
        )
        balances = dict(
            s.execute(
                select(Account.id, Account.balance_fen).where(Account.id.in_(list(world.balances)))
            ).all()
        )
    settled_or_not = {b.payment_id for b in result.bookings}
    missing = set(believed) - set(booked)
    extra = set(booked) - settled_or_not
    if missing:
        problems.append(f"{len(missing)} payments the counters booked are not in the province")
    if extra:
        problems.append(f"{len(extra)} payments in the province no counter made")
    believed_sum = sum(b.amount_fen for b in believed.values())
    booked_sum = sum(booked[p] for p in believed if p in booked)
    if believed_sum != sum(booked.values()) or booked_sum != believed_sum:
        problems.append(
            f"payment sums differ: counters {believed_sum} fen, province {sum(booked.values())}"
        )
    raised: Tally[str] = Tally()
    for b in believed.values():
        raised[b.account_id] += b.amount_fen
    wrong = [
        a for a, before in world.balances.items() if balances.get(a, before) - before != raised[a]
    ]
    if wrong:
        problems.append(f"{len(wrong)} account balances do not match their top-ups")
    problems += _check_orders(engine, result)
    return problems


def _check_orders(engine: Engine, result: LoadResult) -> list[str]:
    """Each counter's line is suspended after an odd number of completed orders, active
    after an even one, and has exactly that many completed orders at the province."""
    from province_api.models import ProductOrder, Subscription

    if not result.orders:
        return []
    ids = list(result.orders)
    with Session(engine) as s:
        status = dict(
            s.execute(
                select(Subscription.id, Subscription.status).where(Subscription.id.in_(ids))
            ).all()
        )
        completed = dict(
            s.execute(
                select(ProductOrder.subscription_id, func.count())
                .where(ProductOrder.subscription_id.in_(ids), ProductOrder.state == "completed")
                .group_by(ProductOrder.subscription_id)
            ).all()
        )
    problems = []
    unanswered = [i for i, (_, pending) in result.orders.items() if pending]
    if unanswered:
        problems.append(f"{len(unanswered)} orders never answered")
    wrong_state = [
        i
        for i, (done, _) in result.orders.items()
        if status.get(i) != ("suspended" if done % 2 else "active")
    ]
    if wrong_state:
        problems.append(f"{len(wrong_state)} order lines are not in the state their orders left")
    twice = [i for i, (done, _) in result.orders.items() if completed.get(i, 0) != done]
    if twice:
        problems.append(f"{len(twice)} order lines have another count of completed orders")
    return problems


def kinds_table(samples: Iterable[Sample]) -> list[tuple[str, int, str, str]]:
    """Per kind of request: how many, the statuses they got, and the p50/p99 of those served."""
    by_kind: dict[str, Tally[int]] = {}
    served: dict[str, list[float]] = {}

    def p50_p99(kind: str) -> str:
        ms = served.get(kind, [])
        return f"{percentile(ms, 50):.0f}/{percentile(ms, 99):.0f} ms"

    for s in samples:
        by_kind.setdefault(s.kind, Tally())[s.status] += 1
        if s.status in (200, 201, 401):
            served.setdefault(s.kind, []).append(s.seconds * 1000)
    return [
        (
            kind,
            sum(t.values()),
            " ".join(f"{st}:{n}" for st, n in sorted(t.items())),
            p50_p99(kind),
        )
        for kind, t in sorted(by_kind.items())
    ]
