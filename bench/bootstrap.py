"""Bootstrap benchmark: a fresh cache pulled from an embedded province server.

Target: a million customers (about 5.5 million feed rows) bootstrapped in 60 s.

The engine and the server are measured as they are, through wrappers that this module installs
for the run and removes afterwards (nothing outside bench/ changes):

* client, `TimedApiClient.changes`: the HTTP round trip (server + loopback + `requests`) and
  `response.json()` separately;
* client, `local_cache.sync_store.apply_page` (and `_row`, the Python row building inside it);
* server, an ASGI wrapper around the app (request in -> last body chunk ready for uvicorn),
  `province_api.changes.read_page` (feed + row SQL and the dicts) and FastAPI's
  `serialize_response` (pydantic validation + JSON encoding of the page).

Client and server share one process (EmbeddedServer runs uvicorn in a thread) and take turns:
the engine waits for each page before applying it, so their times add up to the wall time.
"""

from __future__ import annotations

import argparse
import contextvars
import time
from collections import Counter
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench.common import (
    DEFAULT_CUSTOMERS,
    DEFAULT_SEED,
    cache_path,
    login,
    mark,
    peak_rss_mib,
    province_db,
    table,
)

TARGET_CUSTOMERS = 1_000_000
TARGET_SECONDS = 60.0
TARGET_ROWS = 5_500_000  # the brief's estimate for a million customers
DEFAULT_PAGE_SIZE = 5000  # what a counter uses (Settings.page_size)


# -- measuring ------------------------------------------------------------------------------


@dataclass
class ServerTiming:
    total_s: float = 0.0  # ASGI: request received -> last body chunk ready to send
    read_page_s: float = 0.0  # changes.read_page: SQL + building the dicts
    serialize_s: float = 0.0  # FastAPI serialize_response: validation + JSON encoding
    body_bytes: int = 0


@dataclass
class PageTiming:
    rows: int = 0
    entities: Counter[str] = field(default_factory=Counter)
    http_s: float = 0.0  # client: request sent -> whole response read
    decode_s: float = 0.0  # client: response.json()
    apply_s: float = 0.0  # client: sync_store.apply_page
    build_s: float = 0.0  # client: sync_store._row inside apply_page
    body_bytes: int = 0


@dataclass
class Recorder:
    pages: list[PageTiming] = field(default_factory=list)
    server: list[ServerTiming] = field(default_factory=list)
    counts_s: float = 0.0
    counts_calls: int = 0
    row_build_s: float = 0.0


_REQUEST: contextvars.ContextVar[ServerTiming | None] = contextvars.ContextVar(
    "bench_request", default=None
)


class TimedASGI:
    """Times /sync/changes requests inside the server; other paths pass straight through."""

    def __init__(self, app: Any, sink: list[ServerTiming]) -> None:
        self.app = app
        self.sink = sink

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http" or not scope["path"].endswith("/sync/changes"):
            await self.app(scope, receive, send)
            return
        timing = ServerTiming()
        token = _REQUEST.set(timing)
        started = time.perf_counter()

        async def timed_send(message: dict[str, Any]) -> None:
            # Stop the clock before handing the last chunk over: once it is sent, the client
            # thread may take the GIL and keep this coroutine from resuming for a while.
            if message["type"] == "http.response.body":
                timing.body_bytes += len(message.get("body", b""))
                if not message.get("more_body"):
                    timing.total_s = time.perf_counter() - started
                    self.sink.append(timing)
            await send(message)

        try:
            await self.app(scope, receive, timed_send)
        finally:
            _REQUEST.reset(token)


def _timed_api_client(recorder: Recorder) -> type:
    from counter_app.api_client import ApiClient

    class TimedApiClient(ApiClient):
        def changes(self, since: int, limit: int, entity: str | None = None) -> dict[str, Any]:
            params: dict[str, Any] = {"since": since, "limit": limit}
            if entity is not None:
                params["entity"] = entity
            started = time.perf_counter()
            response = self.request("GET", "/sync/changes", params=params)
            received = time.perf_counter()
            body: dict[str, Any] = response.json()
            decoded = time.perf_counter()
            recorder.pages.append(
                PageTiming(
                    http_s=received - started,
                    decode_s=decoded - received,
                    body_bytes=len(response.content),
                )
            )
            return body

        def counts(self) -> dict[str, Any]:
            started = time.perf_counter()
            try:
                return super().counts()
            finally:
                recorder.counts_s += time.perf_counter() - started
                recorder.counts_calls += 1

    return TimedApiClient


@contextmanager
def _patched(obj: Any, name: str, wrap: Callable[[Any], Any]) -> Iterator[None]:
    original = getattr(obj, name)
    setattr(obj, name, wrap(original))
    try:
        yield
    finally:
        setattr(obj, name, original)


@contextmanager
def instrumented(recorder: Recorder) -> Iterator[None]:
    """Wrap apply_page/_row (client) and read_page/serialize_response (server) for one run."""
    import fastapi.routing

    from local_cache import sync_store
    from province_api import changes

    def wrap_apply(original: Callable[..., int]) -> Callable[..., int]:
        def apply_page(cache: Any, page: Sequence[Mapping[str, Any]], next_since: int) -> int:
            built_before = recorder.row_build_s
            started = time.perf_counter()
            n = original(cache, page, next_since)
            elapsed = time.perf_counter() - started
            timing = recorder.pages[-1] if recorder.pages else PageTiming()
            timing.apply_s += elapsed
            timing.build_s += recorder.row_build_s - built_before
            timing.rows += n
            timing.entities.update(ch["entity"] for ch in page)
            return n

        return apply_page

    def wrap_row(original: Callable[..., tuple[Any, ...]]) -> Callable[..., tuple[Any, ...]]:
        def _row(table: Any, data: Mapping[str, Any]) -> tuple[Any, ...]:
            started = time.perf_counter()
            try:
                return original(table, data)
            finally:
                recorder.row_build_s += time.perf_counter() - started

        return _row

    def wrap_read_page(original: Callable[..., dict[str, Any]]) -> Callable[..., dict[str, Any]]:
        def read_page(*args: Any, **kwargs: Any) -> dict[str, Any]:
            started = time.perf_counter()
            try:
                return original(*args, **kwargs)
            finally:
                timing = _REQUEST.get()
                if timing is not None:
                    timing.read_page_s += time.perf_counter() - started

        return read_page

    def wrap_serialize(original: Callable[..., Any]) -> Callable[..., Any]:
        async def serialize_response(**kwargs: Any) -> Any:
            started = time.perf_counter()
            try:
                return await original(**kwargs)
            finally:
                timing = _REQUEST.get()
                if timing is not None:
                    timing.serialize_s += time.perf_counter() - started

        return serialize_response

    with (
        _patched(sync_store, "apply_page", wrap_apply),
        _patched(sync_store, "_row", wrap_row),
        _patched(changes, "read_page", wrap_read_page),
        _patched(fastapi.routing, "serialize_response", wrap_serialize),
    ):
        yield


# -- the run ----------------------------------------------------------------------------------


@dataclass
class BootstrapResult:
    customers: int
    seed: int
    page_size: int
    cache: Path
    rows: int
    pages: int
    seconds: float
    repulled: dict[str, int]
    counts_match: bool
    peak_rss_mib: float
    rss_before_mib: float
    recorder: Recorder

    @property
    def rows_per_s(self) -> float:
        return self.rows / self.seconds

    @property
    def rows_for_target(self) -> float:
        """Feed rows a bootstrap of TARGET_CUSTOMERS would pull, scaled from this one."""
        return self.rows * TARGET_CUSTOMERS / self.customers

    @property
    def extrapolated_s(self) -> float:
        return self.rows_for_target / self.rows_per_s


def run(
    customers: int = DEFAULT_CUSTOMERS,
    seed: int = DEFAULT_SEED,
    page_size: int = DEFAULT_PAGE_SIZE,
    cache_file: Path | None = None,
    key: bytes | None = None,
) -> BootstrapResult:
    from counter_app.sync.engine import SyncEngine
    from local_cache import sync_store
    from local_cache.db import JOURNAL_FILE, Cache
    from province_api.embedded import EmbeddedServer

    seeded = province_db(customers, seed)
    cache_file = cache_file or cache_path(customers, seed)
    for db_file in (cache_file, cache_file.with_name(JOURNAL_FILE)):  # a fresh cache and
        for suffix in ("", "-wal", "-shm"):  # journal (one an earlier run keyed otherwise)
            Path(f"{db_file}{suffix}").unlink(missing_ok=True)

    recorder = Recorder()
    server = EmbeddedServer(f"sqlite:///{seeded.path}")
    fastapi_app = server.app
    server.app = TimedASGI(fastapi_app, recorder.server)  # type: ignore[assignment]
    server.start()
    cache = Cache(cache_file, key=key)  # with a key: SQLCipher, as the app keeps it
    try:
        api = _timed_api_client(recorder)(server.url, login(server.url))
        engine = SyncEngine(api, cache, page_size=page_size)
        rss_before = peak_rss_mib()
        with instrumented(recorder):
            started = time.perf_counter()
            result = engine.pull()
            seconds = time.perf_counter() - started
        peak = peak_rss_mib()
        head = api.counts()
        local = sync_store.local_counts(cache)  # the engine's own check: entities both know
        counts_match = all(local[e] == n for e, n in head["counts"].items() if e in local)
        api.close()
    finally:
        cache.close()
        server.stop()
        fastapi_app.state.engine.dispose()

    res = BootstrapResult(
        customers,
        seed,
        page_size,
        cache_file,
        result.rows,
        result.pages,
        seconds,
        result.repulled,
        counts_match,
        peak,
        rss_before,
        recorder,
    )
    _report(res, seeded.seconds, seeded.peak_rss_mib, seeded.path)
    return res


# -- the report -------------------------------------------------------------------------------


def _split_by_entity(pages: Sequence[PageTiming], seconds: Sequence[float]) -> dict[str, float]:
    """Each page's time shared among its entities by row count."""
    out: dict[str, float] = Counter()
    for p, s in zip(pages, seconds, strict=True):
        total = sum(p.entities.values())
        for entity, n in p.entities.items():
            out[entity] += s * n / total
    return out


def _report(
    r: BootstrapResult, seed_s: float | None, seed_rss: float | None, province: Path
) -> None:
    rec = r.recorder
    seeded = (
        f"seeded now in {seed_s:.1f} s (child peak RSS {seed_rss:.0f} MiB)"
        if seed_s is not None
        else "reused; delete it to time the seeding"
    )
    print(
        f"\n== Bootstrap: {r.customers:,} customers (seed {r.seed}), page size {r.page_size:,} =="
    )
    print(f"province DB: {province} ({seeded})")
    print(f"cache: {r.cache}")

    target_rate = TARGET_ROWS / TARGET_SECONDS
    table(
        ("metric", "measured", "target", ""),
        [
            ("rows pulled", f"{r.rows:,}", "", ""),
            ("pages", f"{r.pages:,}", "", ""),
            ("rows per customer", f"{r.rows / r.customers:.2f}", "~5.5", ""),
            ("total pull (s)", f"{r.seconds:.1f}", "", ""),
            (
                "rows/s",
                f"{r.rows_per_s:,.0f}",
                f"{target_rate:,.0f}",
                mark(r.rows_per_s >= target_rate),
            ),
            (
                f"extrapolated {TARGET_CUSTOMERS:,} customers (s)",
                f"{r.extrapolated_s:,.0f}",
                f"{TARGET_SECONDS:.0f}",
                mark(r.extrapolated_s <= TARGET_SECONDS),
            ),
            (f"  ({r.rows_for_target:,.0f} rows at the measured rate; a lower bound", "", "", ""),
            ("   while the per-row cost grows with size)", "", "", ""),
            ("peak RSS, whole process (MiB)", f"{r.peak_rss_mib:,.0f}", "", ""),
            ("  RSS high-water before the pull (MiB)", f"{r.rss_before_mib:,.0f}", "", ""),
            (
                "counts match the server",
                "yes" if r.counts_match else "NO",
                "yes",
                mark(r.counts_match),
            ),
            ("entities pulled again", str(r.repulled or "none"), "none", mark(not r.repulled)),
        ],
        title="Bootstrap",
    )

    pages = rec.pages
    server = rec.server if len(rec.server) == len(pages) else []
    http = sum(p.http_s for p in pages)
    decode = sum(p.decode_s for p in pages)
    apply = sum(p.apply_s for p in pages)
    build = sum(p.build_s for p in pages)
    srv_total = sum(s.total_s for s in server)
    srv_read = sum(s.read_page_s for s in server)
    srv_ser = sum(s.serialize_s for s in server)
    other = r.seconds - http - decode - apply
    parts: list[tuple[str, float]] = []
    if server:
        parts += [
            ("server: read_page (feed + row SELECTs, dicts)", srv_read),
            ("server: serialize_response (validate + JSON)", srv_ser),
            ("server: rest (auth query, routing, threadpool)", srv_total - srv_read - srv_ser),
            ("loopback + requests (client HTTP - server)", http - srv_total),
        ]
    else:
        parts.append(("HTTP round trip (server + transport)", http))
    parts += [
        ("client: response.json()", decode),
        ("client: apply_page, building rows (_row)", build),
        ("client: apply_page, SQL upserts + commit", apply - build),
        ("other (counts, recount check, engine)", other),
    ]
    rows_out = [
        (name, f"{s:.2f}", f"{100 * s / r.seconds:.0f}%", f"{1e6 * s / r.rows:.1f}")
        for name, s in parts
    ]
    rows_out.append(("total", f"{r.seconds:.2f}", "100%", f"{1e6 * r.seconds / r.rows:.1f}"))
    table(
        ("where the time goes", "s", "share", "us/row"),
        rows_out,
        title="Server vs client (sequential: the engine waits for each page)",
    )
    server_side = srv_total if server else http
    client_side = decode + apply
    print(
        f"server side {server_side:.1f} s ({100 * server_side / r.seconds:.0f}%), "
        f"client side {client_side:.1f} s ({100 * client_side / r.seconds:.0f}%), "
        f"page body {sum(p.body_bytes for p in pages) / max(r.rows, 1):.0f} bytes/row "
        f"({sum(p.body_bytes for p in pages) / 2**20:,.0f} MiB in all)"
    )
    if rec.counts_calls:
        print(f"/sync/counts: {rec.counts_calls} calls, {rec.counts_s:.2f} s")
    if len(pages) >= 10:
        # A page should cost the same wherever it is in the feed; if the first pages cost
        # more, the cost grows with what is left to pull and the total with its square.
        tenth = len(pages) // 10
        per_page = [s.total_s for s in server] if server else [p.http_s for p in pages]
        applies = [p.apply_s for p in pages]
        first = 1000 * sum(per_page[:tenth]) / tenth
        last = 1000 * sum(per_page[-tenth:]) / tenth
        print(
            f"{'server' if server else 'HTTP'} ms/page: first tenth of the pages {first:.0f}, "
            f"last tenth {last:.0f}; apply ms/page: first tenth "
            f"{1000 * sum(applies[:tenth]) / tenth:.0f}, last tenth "
            f"{1000 * sum(applies[-tenth:]) / tenth:.0f}"
        )

    rows_by = Counter[str]()
    for p in pages:
        rows_by.update(p.entities)
    srv_by = _split_by_entity(
        pages, [s.total_s for s in server] if server else [p.http_s for p in pages]
    )
    dec_by = _split_by_entity(pages, [p.decode_s for p in pages])
    app_by = _split_by_entity(pages, [p.apply_s for p in pages])
    entity_rows = []
    for entity, n in rows_by.most_common():
        total = srv_by[entity] + dec_by[entity] + app_by[entity]
        entity_rows.append(
            (
                entity,
                f"{n:,}",
                f"{1e6 * srv_by[entity] / n:.1f}",
                f"{1e6 * dec_by[entity] / n:.1f}",
                f"{1e6 * app_by[entity] / n:.1f}",
                f"{n / total:,.0f}" if total else "-",
            )
        )
    table(
        (
            "entity",
            "rows",
            "server us/row" if server else "http us/row",
            "json us/row",
            "apply us/row",
            "rows/s",
        ),
        entity_rows,
        title="Per entity (each page's time shared among its rows)",
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.bootstrap",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--customers", type=int, default=DEFAULT_CUSTOMERS)
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument(
        "--page-size",
        type=int,
        nargs="+",
        default=[DEFAULT_PAGE_SIZE],
        help="one bootstrap per size (peak RSS is the process's high-water "
        "mark, so it carries over from one size to the next)",
    )
    args = parser.parse_args(argv)
    for size in args.page_size:
        run(args.customers, args.seed, size)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
