"""The GUI thread's longest stall while the counter bootstraps, and while it drains its queue.

One process, as the app runs: a QApplication (offscreen), the real `CounterApp` signed in at
the province and its `MainWindow` with the `SyncController`'s sync thread (which runs
`SyncEngine.pull` and the outbox push) and the `TaskRunner`'s pools. A 10 ms heartbeat
(`QTimer`, precise) on the GUI thread notes when it ticks; a gap between two ticks is how
long the GUI thread could not answer the clerk.

(a) A first bootstrap of N customers into an empty (encrypted, as a hall's) cache, by the
    snapshot path: the province in its own process (`province-api serve`), the hall's
    snapshot made ahead by `province-api snapshot`, as `bench.first_bootstrap` does; from
    the window's first sync to its end, and a second after (the views refresh then).
(b) K cash top-ups taken with the link cut (Counter -> Training -> Work offline; the setup,
    not measured), then Reconnect: the queue pushed by the sync thread, then the pull that
    follows, to the queue empty and a second after.

While the heartbeat is late (over 25 ms since its last tick) a sampling thread notes every
5 ms what the GUI thread's Python stack is, and what the other threads running Python are
doing; the longest gaps are reported with the engine's phase at the time and those samples.
The window's progress handler (`MainWindow._sync_progress`, run on the GUI thread for each
progress signal) is timed too.

Target: the longest gap <= 50 ms during (a) and during (b). The figures go to the runs table
of bench/RESULTS.md (`bench.common.record`).

    python -m bench.gui_stall --customers 10000 --payments 500
"""

from __future__ import annotations

import argparse
import os
import shutil
import sqlite3
import statistics
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType
from typing import Any

from bench.common import (
    COUNTER_ID,
    DATA_DIR,
    DEFAULT_SEED,
    HALL_CODE,
    STAFF_NO,
    STAFF_PASSWORD,
    mark,
    percentile,
    province_db,
    record,
    table,
)

TARGET_MS = 50.0
HEARTBEAT_MS = 10
LATE_S = 0.025  # the sampler looks at the stacks once the heartbeat is this late
SAMPLE_S = 0.005
TAIL_S = 1.0  # the heartbeat goes on this long after each stage's end
PROJECT = str(Path(__file__).resolve().parent.parent)
VENV = str(Path(PROJECT) / ".venv")


@dataclass
class Gap:
    ended: float  # perf_counter of the tick that ended it
    ms: float
    stage: str
    phase: str  # the engine's phase when the gap began
    # The GUI thread's own time in the gap (Linux schedstat): on a CPU, and ready to run
    # but waiting for one; the rest it slept (its wait for the timer, or a lock: the GIL).
    cpu_ms: float = 0.0
    runq_ms: float = 0.0

    @property
    def slept_ms(self) -> float:
        return max(self.ms - self.cpu_ms - self.runq_ms, 0.0)


@dataclass
class Sample:
    at: float
    gui: str
    others: list[str]


@dataclass
class Watch:
    """What the heartbeat and the sampler saw (set from several threads: plain attribute
    writes, each atomic under the GIL)."""

    stage: str = "setup"
    phase: str = "-"
    last_tick: float | None = None
    gaps: list[Gap] = field(default_factory=list)
    samples: list[Sample] = field(default_factory=list)
    sampler_late_ms: list[float] = field(default_factory=list)
    progress_calls: Counter[str] = field(default_factory=Counter)
    progress_ms: list[tuple[float, str, float]] = field(default_factory=list)  # at, phase, ms
    running: bool = True

    def tick(self) -> None:
        now = time.perf_counter()
        cpu, runq = _schedstat()
        if self.last_tick is not None and self.stage not in ("setup", "between"):
            self.gaps.append(
                Gap(
                    now,
                    1000 * (now - self.last_tick),
                    self.stage,
                    self._phase,
                    (cpu - self._cpu) / 1e6,
                    (runq - self._runq) / 1e6,
                )
            )
        self.last_tick = now
        self._phase, self._cpu, self._runq = self.phase, cpu, runq

    _phase: str = "-"
    _cpu: int = 0
    _runq: int = 0


def _schedstat() -> tuple[int, int]:
    """This thread's ns on a CPU and ns waiting for one (0, 0 where Linux does not say)."""
    try:
        with open("/proc/thread-self/schedstat", encoding="ascii") as f:
            on_cpu, waiting, _slices = f.read().split()
    except (OSError, ValueError):
        return 0, 0
    return int(on_cpu), int(waiting)


# -- where a thread is ------------------------------------------------------------------------
def _where(frame: FrameType | None, depth: int = 3) -> str:
    """The innermost frame, then up to `depth` frames of the project's own code outside it."""
    if frame is None:
        return "-"
    parts: list[str] = []
    f: FrameType | None = frame
    first = True
    while f is not None and len(parts) < depth + 1:
        name = f.f_code.co_filename
        ours = name.startswith(PROJECT) and not name.startswith(VENV)
        if first or ours:
            short = name[len(PROJECT) + 1 :] if ours else name.rsplit("/", 2)[-1]
            parts.append(f"{short}:{f.f_lineno} {f.f_code.co_name}")
        first = False
        f = f.f_back
    return " <- ".join(parts)


def _sampler(watch: Watch, gui_ident: int) -> None:
    me = threading.get_ident()
    while watch.running:
        asked = time.perf_counter()
        time.sleep(SAMPLE_S)
        now = time.perf_counter()
        last = watch.last_tick
        if last is None or now - last < LATE_S or watch.stage in ("setup", "between"):
            continue
        watch.sampler_late_ms.append(1000 * (now - asked - SAMPLE_S))
        frames = sys._current_frames()
        gui = _where(frames.get(gui_ident))
        others = [_where(f, 2) for t, f in frames.items() if t not in (gui_ident, me)]
        watch.samples.append(Sample(now, gui, [o for o in others if "wait" not in o]))


@contextmanager
def _phases(watch: Watch) -> Iterator[None]:
    """The engine's phase in `watch.phase` (set in the sync thread), as first_bootstrap
    labels them; and the window's progress handler timed."""
    import ui.sync_controller
    from counter_app.sync import snapshot
    from counter_app.sync.engine import SyncEngine
    from local_cache import snapshot_import, sync_store
    from ui.main_window import MainWindow

    undo: list[Callable[[], None]] = []

    def label(obj: Any, name: str, text: str) -> None:
        original = getattr(obj, name)

        def labelled(*args: Any, **kwargs: Any) -> Any:
            before, watch.phase = watch.phase, text
            try:
                return original(*args, **kwargs)
            finally:
                watch.phase = before

        setattr(obj, name, labelled)
        undo.append(lambda: setattr(obj, name, original))

    label(snapshot, "fetch", "ask, download, check, unpack")
    label(snapshot_import, "import_snapshot", "copy in + indexes + name search")
    label(sync_store, "end_bulk_load", "indexes + name search")
    label(sync_store, "apply_page", "feed page applied")
    label(SyncEngine, "_drain", "the feed")
    label(SyncEngine, "_reconcile", "count check")
    label(ui.sync_controller, "push", "outbox push")
    handler = MainWindow._sync_progress

    def timed(window: MainWindow, progress: Any) -> None:
        started = time.perf_counter()
        try:
            handler(window, progress)
        finally:
            took = 1000 * (time.perf_counter() - started)
            watch.progress_calls[progress.phase] += 1
            watch.progress_ms.append((started, progress.phase, took))

    setattr(MainWindow, "_sync_progress", timed)  # noqa: B010
    undo.append(lambda: setattr(MainWindow, "_sync_progress", handler))
    try:
        yield
    finally:
        for put_back in reversed(undo):
            put_back()


def _wait(until: Callable[[], bool], timeout_s: float, what: str) -> None:
    """The GUI thread's event loop runs (a nested one, as exec()) until `until()`."""
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    deadline = time.monotonic() + timeout_s
    poll = QTimer()
    poll.setInterval(50)

    def check() -> None:
        if until() or time.monotonic() > deadline:
            loop.quit()

    poll.timeout.connect(check)
    poll.start()
    loop.exec()
    poll.stop()
    if not until():
        raise RuntimeError(f"gave up waiting for {what} after {timeout_s:.0f} s")


def _settle(seconds: float) -> None:
    end = time.monotonic() + seconds
    _wait(lambda: time.monotonic() >= end, seconds + 5, "the tail")


# -- the run -----------------------------------------------------------------------------------
@dataclass(frozen=True)
class StageFigures:
    stage: str
    seconds: float
    ticks: int
    longest_ms: float
    p99_ms: float
    over: int
    worst: list[tuple[Gap, list[Sample]]]


def run(customers: int, payments_n: int) -> bool:
    import keyring
    from PySide6.QtCore import Qt, QTimer

    from bench.first_bootstrap import _make_snapshot, _migrated
    from bench.load import serving
    from bench.outbox import _MemoryKeyring
    from counter_app import auth, payments, shifts
    from counter_app.credentials import Credentials
    from counter_app.domain.kinds import PaymentKind, PaymentMethod
    from counter_app.payments import PaymentRequest
    from counter_app.settings import AppPaths, Settings, save
    from counter_app.storage import open_cache
    from ui.app import CounterApp
    from ui.main import counter_qapp

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    keyring.set_keyring(_MemoryKeyring())  # (no keyring here; a hall's has one)
    seeded = province_db(customers, DEFAULT_SEED)
    home = DATA_DIR / f"gui-stall-{customers}"
    shutil.rmtree(home, ignore_errors=True)
    home.mkdir(parents=True)
    # A copy of the province: the run opens a shift and books payments in it.
    db = home / "province.db"
    with sqlite3.connect(seeded.path) as src, sqlite3.connect(db) as dst:
        src.backup(dst)
    _migrated(db)
    folder = home / "snapshots"
    print("making the hall's snapshot ...", file=sys.stderr, flush=True)
    _make_snapshot(db, folder)
    paths = AppPaths.under(home / "counter")
    paths.make_private()
    os.environ["CMS_SNAPSHOT_DIR"] = str(folder)  # (read by the server process)
    watch = Watch()
    qapp = counter_qapp("en")  # the QApplication, as the app makes it
    qapp.setQuitOnLastWindowClosed(False)
    heartbeat = QTimer()
    heartbeat.setTimerType(Qt.TimerType.PreciseTimer)
    heartbeat.setInterval(HEARTBEAT_MS)
    heartbeat.timeout.connect(watch.tick)
    sampler = threading.Thread(
        target=_sampler, args=(watch, threading.get_ident()), name="sampler", daemon=True
    )
    spans: dict[str, tuple[float, float]] = {}
    try:
        with serving(f"sqlite:///{db}", 1, 20) as url, _phases(watch):
            settings = Settings(
                server_url=url, hall_code=HALL_CODE, counter_id=COUNTER_ID, last_staff_no=STAFF_NO
            )
            save(paths, settings)
            creds = Credentials()
            signed = auth.sign_in(creds, url, HALL_CODE, COUNTER_ID, STAFF_NO, STAFF_PASSWORD)
            cache, found = open_cache(paths.cache_file, creds)
            app = CounterApp(paths, settings, creds, cache, recovery=found)
            heartbeat.start()
            sampler.start()
            # (a) the window's first sync: the bootstrap
            window = app.start_session(signed)
            sync = app.sync
            assert sync is not None and window.session is not None
            watch.stage = "bootstrap"
            began = time.perf_counter()
            _wait(lambda: sync.last_result is not None, 1800, "the bootstrap")
            _settle(TAIL_S)
            spans["bootstrap"] = (began, time.perf_counter())
            result = sync.last_result
            assert result is not None
            print(
                f"bootstrap: {result.rows:,} rows ({result.snapshot_rows:,} from the snapshot)",
                file=sys.stderr,
            )
            # (b) the outage and the queue (setup, not measured), then Reconnect
            watch.stage = "setup"
            sess = window.session
            shifts.open_shift(sess, {10000: 2})
            with cache.read() as conn:
                lines = conn.exec_driver_sql(
                    "SELECT min(id), account_id, customer_id FROM subscription "
                    "WHERE status = 'active' GROUP BY customer_id LIMIT 200"
                ).all()
            window.work_offline_action.trigger()
            sess.link.set(False)
            _wait(lambda: sync.online is False, 30, "the counter to see the link cut")
            for i in range(payments_n):
                line, account, customer = lines[i % len(lines)]
                req = PaymentRequest(
                    PaymentKind.TOPUP, customer, account, 100, PaymentMethod.CASH, line, 100
                )
                payments.take_payment(sess, req)
            waiting = [payments_n]
            sync.outbox_changed.connect(lambda n, _refused: waiting.__setitem__(0, n))
            _settle(0.5)
            print(f"queued {payments_n} payments offline; reconnecting", file=sys.stderr)
            watch.stage = "drain"
            began = time.perf_counter()
            window.reconnect_action.trigger()
            _wait(
                lambda: waiting[0] == 0 and not sync.busy and sync.online is True,
                1800,
                "the queue drained",
            )
            drained_s = time.perf_counter() - began
            _settle(TAIL_S)
            spans["drain"] = (began, time.perf_counter())
            watch.stage = "between"
            app.shutdown()
    finally:
        watch.running = False
        heartbeat.stop()
        os.environ.pop("CMS_SNAPSHOT_DIR", None)
        from counter_app import training

        training.restore_link()
    figures = [_figures(watch, stage, spans[stage]) for stage in ("bootstrap", "drain")]
    ok = _report(customers, payments_n, drained_s, watch, figures)
    rows: list[list[object]] = []
    for f, what in zip(figures, ("bootstrap", f"drain of {payments_n} payments"), strict=True):
        rows += [
            [
                f"longest GUI gap, {what}",
                f"{f.longest_ms:.0f} ms",
                f"<= {TARGET_MS:.0f} ms",
                mark(f.longest_ms <= TARGET_MS),
            ],
            [f"p99 GUI gap, {what}", f"{f.p99_ms:.0f} ms", "", ""],
            [f"GUI gaps > {TARGET_MS:.0f} ms, {what}", str(f.over), "0", mark(f.over == 0)],
        ]
    record(f"GUI stalls, {HEARTBEAT_MS} ms heartbeat, {customers:,} customers", rows)
    return ok


def _figures(watch: Watch, stage: str, span: tuple[float, float]) -> StageFigures:
    gaps = [g for g in watch.gaps if g.stage == stage]
    ms = [g.ms for g in gaps]
    worst = sorted(gaps, key=lambda g: -g.ms)[:3]
    with_samples = [
        (g, [s for s in watch.samples if g.ended - g.ms / 1000 <= s.at <= g.ended]) for g in worst
    ]
    return StageFigures(
        stage,
        span[1] - span[0],
        len(gaps),
        max(ms, default=0.0),
        percentile(ms, 99),
        sum(1 for m in ms if m > TARGET_MS),
        with_samples,
    )


def _gui_label(where: str) -> str:
    if where.startswith("bench/gui_stall.py") and "_wait" in where.split(" <- ")[0]:
        return "no Python running: in Qt (C++) under the event loop, or waiting for the GIL"
    return where


def _report(
    customers: int, payments_n: int, drained_s: float, watch: Watch, figures: list[StageFigures]
) -> bool:
    print(
        f"\n== GUI-thread stalls: {customers:,} customers, {payments_n} payments drained "
        f"(load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores) =="
    )
    rows = []
    ok = True
    for f in figures:
        fine = f.longest_ms <= TARGET_MS
        ok = ok and fine
        rows.append(
            (
                f"({'a' if f.stage == 'bootstrap' else 'b'}) {f.stage}",
                f"{f.seconds:.1f}",
                f.ticks,
                f"{f.longest_ms:.0f}",
                f"{f.p99_ms:.0f}",
                f.over,
                f"<= {TARGET_MS:.0f}",
                mark(fine),
            )
        )
    table(
        ("stage", "s", "ticks", "longest gap ms", "p99 ms", "gaps > 50 ms", "target", ""),
        rows,
        title=f"Gaps between {HEARTBEAT_MS} ms heartbeats on the GUI thread "
        f"(the drain itself {drained_s:.1f} s)",
    )
    for f in figures:
        print(f"\nThe longest gaps of {f.stage}:")
        for gap, samples in f.worst:
            print(
                f"  {gap.ms:.0f} ms, engine phase: {gap.phase}; the GUI thread on a CPU "
                f"{gap.cpu_ms:.0f} ms, waiting for a CPU {gap.runq_ms:.0f} ms, asleep "
                f"{gap.slept_ms:.0f} ms"
            )
            began = gap.ended - gap.ms / 1000
            handled = [ms for at, _p, ms in watch.progress_ms if began <= at <= gap.ended]
            if handled:
                print(
                    f"    in it, {len(handled)} progress signals handled by the window "
                    f"({sum(handled):.1f} ms in MainWindow._sync_progress)"
                )
            for where, n in Counter(_gui_label(s.gui) for s in samples).most_common(3):
                print(f"    GUI thread x{n}: {where}")
            others = Counter(o for s in samples for o in s.others)
            for where, n in others.most_common(3):
                print(f"    other thread x{n}: {where}")
    if watch.progress_ms:
        took = [ms for _at, _phase, ms in watch.progress_ms]
        print(
            f"\nMainWindow._sync_progress on the GUI thread: {len(took)} calls "
            f"({dict(watch.progress_calls)}), {sum(took):.0f} ms in all, "
            f"median {statistics.median(took):.2f} ms, max {max(took):.1f} ms"
        )
    if watch.sampler_late_ms:
        late = watch.sampler_late_ms
        print(
            f"the sampling thread's own 5 ms sleeps while the heartbeat was late: "
            f"{len(late)}, overshoot median {statistics.median(late):.1f} ms, max "
            f"{max(late):.0f} ms (long ones: the GIL or the CPUs were busy elsewhere)"
        )
    return ok


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.gui_stall", description=__doc__)
    parser.add_argument("--customers", type=int, default=100_000)
    parser.add_argument("--payments", type=int, default=500)
    args = parser.parse_args(argv)
    run(args.customers, args.payments)
    return 0  # a measurement: the table says what missed


if __name__ == "__main__":
    raise SystemExit(main())
