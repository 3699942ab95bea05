"""A hall morning: Counter started on the cache it kept, to a window the clerk can use.

The cache is the one `python -m bench.first_bootstrap --customers N` left in bench/.data
(first-bootstrap-N/cache.db), copied once into an app home (bench/.data/startup-N-<mode>/:
config/settings.json, data/cache.db) and kept there between runs. The province is up, as it
is in the morning (`province-api serve` on the bench's province database, its own process);
`--offline` starts with the province down instead.

Each start is the real app in a child process (`ui.main.main(["--home", ...])`, the
`counter-app` entry point, `QT_QPA_PLATFORM=offscreen`), timed from just before the process
is made to the sign-in window shown, painted once, and a 0 ms timer queued after that paint
fired (the event loop turns: the clerk can type). The child's only addition is that watch,
put on from outside the app (a wrapper of `CounterApp.show_login` in this file; nothing in
ui/ changed). Then, informative: the clerk's password entered and submitted (sign-in at the
province), to the main window shown, painted and its loop turning.

The cache is encrypted as a hall's is (`cache_encryption: keyring`), the key kept by a
file-backed stand-in for the OS keyring in the home (this machine has none); `--plain` for
an unencrypted cache (`cache_encryption: off`). One untimed start first does what a first
start on a copied cache does once (encrypting it in place, the day's copy, the sign-in's
verifier); the OS page cache is warm for the timed runs (no cold boot is simulated).

Target: start to a usable window with a 1M cache <= 2 s. The median and max of the timed
starts go to the runs table of bench/RESULTS.md (`bench.common.record`).

    python -m bench.startup --customers 1000000 [--runs 5] [--offline] [--plain]
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from keyring.backend import KeyringBackend

from bench.common import (
    COUNTER_ID,
    DATA_DIR,
    DEFAULT_SEED,
    HALL_CODE,
    STAFF_NO,
    STAFF_PASSWORD,
    mark,
    province_path,
    record,
    table,
)

TARGET_S = 2.0
RUNS = 5
CHILD_TIMEOUT_S = 120.0
FIRST_TIMEOUT_S = 1800.0  # a first start on a 1M cache encrypts 1.9 GB in place, and copies it


# -- the keyring a hall's computer has, kept in a file of the bench home ----------------------
class FileKeyring(KeyringBackend):
    """A stand-in for the OS keyring (none on this machine): a JSON file, bench data only."""

    priority = 1

    def __init__(self, path: Path) -> None:
        super().__init__()  # type: ignore[no-untyped-call]
        self.path = path

    def _all(self) -> dict[str, str]:
        try:
            return dict(json.loads(self.path.read_text(encoding="utf-8")))
        except FileNotFoundError:
            return {}

    def get_password(self, service: str, username: str) -> str | None:
        return self._all().get(f"{service}\n{username}")

    def set_password(self, service: str, username: str, password: str) -> None:
        stored = self._all()
        stored[f"{service}\n{username}"] = password
        self.path.write_text(json.dumps(stored), encoding="utf-8")

    def delete_password(self, service: str, username: str) -> None:
        stored = self._all()
        stored.pop(f"{service}\n{username}", None)
        self.path.write_text(json.dumps(stored), encoding="utf-8")


# -- the child: the real app, watched -----------------------------------------------------------
def _child(
    ready_file: Path, keyring_file: str, sign_in: bool, settle: bool, app_argv: list[str]
) -> int:
    """Runs `ui.main.main(app_argv)`; writes the monotonic times of what it saw to
    `ready_file` (JSON) and quits once the last window it waits for is usable (with
    `settle`, once the app's workers are idle after that: the day's copy made)."""
    marks: dict[str, float] = {"python up": time.monotonic()}
    if keyring_file != "-":
        import keyring

        keyring.set_keyring(FileKeyring(Path(keyring_file)))
    import ui.app
    import ui.main

    marks["app modules imported"] = time.monotonic()
    opened = getattr(ui.main, "open_cache")  # noqa: B009 (what main() calls)

    def open_cache(*args: Any, **kwargs: Any) -> Any:
        marks["cache: opening"] = time.monotonic()
        try:
            return opened(*args, **kwargs)
        finally:
            marks["cache: opened (checked)"] = time.monotonic()

    setattr(ui.main, "open_cache", open_cache)  # noqa: B010
    show_login = ui.app.CounterApp.show_login
    state: dict[str, Any] = {"login_done": False}

    def finish(failure: str | None = None) -> None:
        from PySide6.QtWidgets import QApplication

        if failure:
            marks["failed: " + failure] = time.monotonic()
        ready_file.write_text(json.dumps(marks), encoding="utf-8")
        if QApplication.instance() is not None:
            # exit(), not quit(): Qt 6's quit() asks each window to close first, and the
            # main window asks the clerk whether to quit with a shift open.
            QApplication.exit(0)

    def usable(window: Any, label: str, then: Any) -> None:
        """`label` shown now; usable when it has painted once and a 0 ms timer queued after
        that paint has fired."""
        from PySide6.QtCore import QEvent, QObject, QTimer

        marks[f"{label}: shown"] = time.monotonic()

        def fired() -> None:
            marks[f"{label}: usable"] = time.monotonic()
            window.removeEventFilter(watch)
            then()

        class Watch(QObject):
            def eventFilter(self, obj: QObject, event: QEvent) -> bool:
                if event.type() == QEvent.Type.Paint and f"{label}: painted" not in marks:
                    marks[f"{label}: painted"] = time.monotonic()
                    QTimer.singleShot(0, fired)
                return False

        watch = Watch(window)
        window.installEventFilter(watch)
        window.update()
        QTimer.singleShot(
            20_000,
            lambda: None if f"{label}: usable" in marks else finish(f"{label} not usable in 20 s"),
        )

    def watched_show_login(app: ui.app.CounterApp) -> Any:
        dialog = show_login(app)
        if state["login_done"]:
            return dialog
        state["login_done"] = True

        def idle() -> None:
            from PySide6.QtCore import QTimer

            if any(pool.activeThreadCount() for pool in app.runner.pools.values()):
                QTimer.singleShot(100, idle)
                return
            marks["workers idle"] = time.monotonic()
            finish()

        def signed_in_window(window: Any) -> None:
            usable(window, "main window", idle if settle else finish)

        def submit() -> None:
            from PySide6.QtCore import QTimer

            QTimer.singleShot(
                60_000,
                lambda: None if "main window: shown" in marks else finish("no main window in 60 s"),
            )
            app.window_ready.connect(signed_in_window)
            dialog.password.setText(STAFF_PASSWORD)
            marks["sign-in: submitted"] = time.monotonic()
            dialog.submit()

        usable(dialog, "sign-in window", submit if sign_in else finish)
        return dialog

    setattr(ui.app.CounterApp, "show_login", watched_show_login)  # noqa: B010
    return ui.main.main(app_argv)


# -- the parent ---------------------------------------------------------------------------------
def source_cache(customers: int) -> Path:
    """Where `python -m bench.first_bootstrap --customers N` leaves its cache."""
    return DATA_DIR / f"first-bootstrap-{customers}" / "cache.db"


def prepare_home(customers: int, encrypted: bool) -> Path:
    """The app's home over a copy of the bootstrapped cache (made again when that cache
    is newer than the copy)."""
    from local_cache.db import JOURNAL_FILE

    source = source_cache(customers)
    home = DATA_DIR / f"startup-{customers}-{'keyring' if encrypted else 'plain'}"
    stamp = home / "source.stamp"
    made = f"{source.stat().st_size} {source.stat().st_mtime_ns}"
    if stamp.exists() and stamp.read_text(encoding="utf-8") == made:
        return home
    shutil.rmtree(home, ignore_errors=True)
    (home / "data").mkdir(parents=True)
    print(f"copying {source} into {home} ...", file=sys.stderr, flush=True)
    for name in ("cache.db", JOURNAL_FILE):
        for suffix in ("", "-wal", "-shm"):
            part = source.with_name(name + suffix)
            if part.exists():
                shutil.copyfile(part, home / "data" / part.name)
    stamp.write_text(made, encoding="utf-8")
    return home


def write_settings(home: Path, url: str, encrypted: bool) -> None:
    from counter_app.settings import AppPaths, load, save

    paths = AppPaths.under(home)
    settings = load(paths)
    settings.server_url = url
    settings.hall_code, settings.counter_id, settings.last_staff_no = (
        HALL_CODE,
        COUNTER_ID,
        STAFF_NO,
    )
    settings.cache_encryption = "keyring" if encrypted else "off"
    save(paths, settings)


@contextlib.contextmanager
def province(customers: int, offline: bool) -> Iterator[str]:
    if offline:
        yield "http://127.0.0.1:9"  # nothing answers there
        return
    from bench.load import serving

    with serving(f"sqlite:///{province_path(customers, DEFAULT_SEED)}", 1, 20) as url:
        yield url


def start_once(home: Path, encrypted: bool, sign_in: bool, first: bool = False) -> dict[str, float]:
    """One start of the app: what the child saw, in seconds from just before its process
    was made."""
    ready = home / "ready.json"
    ready.unlink(missing_ok=True)
    log = home / "child.log"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    keyring_file = str(home / "keyring.json") if encrypted else "-"
    command = [
        *(sys.executable, "-m", "bench.startup", "--child", str(ready), keyring_file),
        *("1" if sign_in else "0", "1" if first else "0"),
        *("--home", str(home), "--language", "en"),
    ]
    with log.open("w", encoding="utf-8") as out:
        started = time.monotonic()
        proc = subprocess.Popen(command, env=env, stdout=out, stderr=subprocess.STDOUT)
        deadline = started + (FIRST_TIMEOUT_S if first else CHILD_TIMEOUT_S)
        while proc.poll() is None and time.monotonic() < deadline:
            if ready.exists():  # reported: it has this long to end
                deadline = min(deadline, time.monotonic() + 30)
            time.sleep(0.05)
        exited = time.monotonic()
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    if not ready.exists():
        tail = log.read_text(encoding="utf-8", errors="replace")[-3000:]
        raise RuntimeError(f"the app did not report (exit {proc.returncode}); its output:\n{tail}")
    seen = {k: v - started for k, v in json.loads(ready.read_text(encoding="utf-8")).items()}
    failed = [k for k in seen if k.startswith("failed")]
    if failed:
        tail = log.read_text(encoding="utf-8", errors="replace")[-3000:]
        raise RuntimeError(f"{failed[0]}; the app's output:\n{tail}")
    if proc.returncode == 0:
        seen["process exited"] = exited - started  # (to within the 50 ms poll)
    return seen


def run(
    customers: int, runs: int = RUNS, offline: bool = False, encrypted: bool = True
) -> bool | None:
    """The starts, printed and recorded in RESULTS.md; None when there is no cache."""
    source = source_cache(customers)
    if not source.exists():
        print(
            f"no cache at {source}: make it first with\n"
            f"    python -m bench.first_bootstrap --customers {customers} --no-floor",
            file=sys.stderr,
        )
        return None
    home = prepare_home(customers, encrypted)
    sign_in = not offline
    with province(customers, offline) as url:
        write_settings(home, url, encrypted)
        print("a first start on the cache (untimed: its one-time work) ...", file=sys.stderr)
        first = start_once(home, encrypted, sign_in, first=True)
        samples = []
        for i in range(runs):
            samples.append(start_once(home, encrypted, sign_in))
            print(
                f"  start {i + 1}: {samples[-1]['sign-in window: usable']:.2f} s",
                file=sys.stderr,
                flush=True,
            )
    ok = _report(customers, offline, encrypted, first, samples)
    usable = [s["sign-in window: usable"] for s in samples]
    cache_mb = sum(p.stat().st_size for p in (home / "data").glob("*.db")) / 1e6
    kind = "encrypted" if encrypted else "plain"
    rows: list[list[object]] = [
        [
            f"start to the sign-in window usable, median of {len(usable)}",
            f"{statistics.median(usable):.2f} s",
            f"<= {TARGET_S:.0f} s",
            mark(statistics.median(usable) <= TARGET_S),
        ],
        [
            f"start to the sign-in window usable, max of {len(usable)}",
            f"{max(usable):.2f} s",
            f"<= {TARGET_S:.0f} s",
            mark(ok),
        ],
    ]
    if sign_in:
        main = [s["main window: usable"] - s["sign-in: submitted"] for s in samples]
        rows.append(
            [
                "sign-in to the main window usable, median",
                f"{statistics.median(main):.2f} s",
                "",
                "",
            ]
        )
    record(
        f"start {customers:,} customers ({cache_mb:,.0f} MB {kind} cache, province "
        f"{'down' if offline else 'up'})",
        rows,
    )
    return ok


def _report(
    customers: int,
    offline: bool,
    encrypted: bool,
    first: dict[str, float],
    samples: list[dict[str, float]],
) -> bool:
    kind = "encrypted (keyring)" if encrypted else "plain"
    where = "down (offline start)" if offline else "up (`province-api serve`)"
    print(f"\n== Start to a usable window: {customers:,} customers, {kind} cache ==")
    print(f"province {where}; {len(samples)} timed starts after one untimed")

    def median(name: str) -> float:
        values = [s[name] for s in samples if name in s]
        return statistics.median(values) if values else first[name]

    def cell(values: list[float], how: Any) -> str:
        return f"{how(values):.3f}" if values else "-"

    names = sorted(set(first) | {k for s in samples for k in s}, key=median)
    rows = [
        (
            name,
            f"{first[name]:.3f}" if name in first else "-",
            cell([s[name] for s in samples if name in s], statistics.median),
            cell([s[name] for s in samples if name in s], max),
        )
        for name in names
    ]
    table(
        ("seconds from the process made", "first start", "median", "max"),
        rows,
        title="What the child saw, and when",
    )
    usable = [s["sign-in window: usable"] for s in samples]
    ok = max(usable) <= TARGET_S
    figures = [
        (
            "start to the sign-in window usable, median (s)",
            f"{statistics.median(usable):.2f}",
            f"<= {TARGET_S:.0f} at 1M",
            mark(statistics.median(usable) <= TARGET_S),
        ),
        (
            "  max (s)",
            f"{max(usable):.2f}",
            f"<= {TARGET_S:.0f} at 1M",
            mark(ok),
        ),
    ]
    if not offline:
        main = [s["main window: usable"] - s["sign-in: submitted"] for s in samples]
        figures.append(
            (
                "sign-in submitted to the main window usable, median (s)",
                f"{statistics.median(main):.2f}",
                "",
                "",
            )
        )
    table(("figure", "measured", "target", ""), figures, title="Start to a usable window")
    return ok


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--child"]:
        return _child(Path(argv[1]), argv[2], argv[3] == "1", argv[4] == "1", argv[5:])
    parser = argparse.ArgumentParser(prog="python -m bench.startup", description=__doc__)
    parser.add_argument("--customers", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=RUNS)
    parser.add_argument("--offline", action="store_true", help="the province down")
    parser.add_argument("--plain", action="store_true", help="an unencrypted cache")
    args = parser.parse_args(argv)
    ok = run(args.customers, args.runs, args.offline, not args.plain)
    return 2 if ok is None else 0


if __name__ == "__main__":
    raise SystemExit(main())
