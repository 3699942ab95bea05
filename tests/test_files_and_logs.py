"""Personal data stays the user's: the counter's files are 0600 and its folders 0700 whatever
the umask, and no log line (the province's access log included) holds a resident ID or a
mobile number."""

from __future__ import annotations

import io
import logging
import os
import re
import stat
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import text
from uvicorn.logging import AccessFormatter

from counter_app import auth, storage
from counter_app.api_client import ApiClient, ApiError, OfflineError
from counter_app.credentials import Credentials
from counter_app.devices.card_terminal import make_terminal
from counter_app.domain.masking import mask_id_number, mask_mobile
from counter_app.receipt_files import save_receipt
from counter_app.receipts import ReceiptData, ReceiptLine
from counter_app.settings import AppPaths, Settings, save
from counter_app.storage import open_cache
from counter_app.sync.engine import SyncEngine
from local_cache import journal, recovery
from local_cache.db import JOURNAL_FILE
from province_api.embedded import EmbeddedServer, free_port

FULL_ID = "440106199003071234"
FULL_MOBILE = "18612345678"
ID_NUMBER = re.compile(r"(?<!\d)\d{17}[\dXx](?!\d)")
MOBILE = re.compile(r"(?<!\d)1[3-9]\d{9}(?!\d)")


@contextmanager
def umask(mask: int) -> Iterator[None]:
    old = os.umask(mask)
    try:
        yield
    finally:
        os.umask(old)


@contextmanager
def counter_logging(paths: AppPaths) -> Iterator[list[logging.Handler]]:
    """The counter's own log set up as `counter-app` does, taken off the root logger after."""
    from ui.main import setup_logging

    root = logging.getLogger()
    level, before = root.level, root.handlers[:]
    setup_logging(paths)
    added = [h for h in root.handlers if h not in before]
    try:
        yield added
    finally:
        for handler in added:
            root.removeHandler(handler)
            handler.close()
        root.setLevel(level)


def modes(*roots: Path) -> dict[str, str]:
    """Every file and folder under `roots` (themselves too) whose mode is not the private
    one, with its mode; empty when all are private."""
    loose = {}
    for root in roots:
        for path in [root, *root.rglob("*")]:
            mode = stat.S_IMODE(path.lstat().st_mode)
            if mode != (0o700 if path.is_dir() else 0o600):
                loose[str(path.relative_to(root.parent))] = oct(mode)
    return loose


def a_receipt() -> ReceiptData:
    return ReceiptData(
        receipt_no="H001-C01-000123",
        hall_code="H001",
        hall_name="广州天河营业厅",
        counter_id="C01",
        clerk_staff_no="H001-C01",
        clerk_name="李晓梅",
        paid_at=datetime(2026, 10, 8, 2, 31, 5, tzinfo=UTC),
        customer_name="王建国",
        customer_id_masked=mask_id_number(FULL_ID),
        msisdn_masked=mask_mobile(FULL_MOBILE),
        kind="topup",
        lines=(ReceiptLine("充值", 5000),),
        amount_fen=5000,
        method="cash",
        tendered_fen=10000,
        change_fen=5000,
    )


def test_every_file_of_the_counter_is_the_users_alone(qtbot, tmp_path: Path) -> None:
    from PySide6.QtPrintSupport import QPrinter

    from counter_app.receipts import receipt_pdf
    from ui.printing import print_pdf, save_pdf_copy

    paths = AppPaths.under(tmp_path / "counter")
    with umask(0o022):
        # What an older Counter left: open folders, a readable log, settings and receipt.
        for folder in (paths.config_dir, paths.data_dir / "receipts"):
            folder.mkdir(parents=True, mode=0o755)
            os.chmod(folder, 0o755)
        os.chmod(paths.data_dir, 0o755)
        paths.settings_file.write_text("{}", encoding="utf-8")
        paths.log_file.write_text("old\n", encoding="utf-8")
        (paths.data_dir / "receipts" / "H001-C01-000001.pdf").write_bytes(b"%PDF-1.4 old")
        assert modes(paths.config_dir, paths.data_dir)  # (all 0755 / 0644 now)

        paths.make_private()  # as counter-app starts
        with counter_logging(paths) as handlers:
            cache, _found = open_cache(paths.cache_file)
            try:
                with cache.write() as conn:
                    journal.audit(conn, "2026-10-08T02:31:05+00:00", "test", {"n": 1}, None)
                assert storage.daily_copy(cache, "20261008") is not None
                cache.backup("v1")  # the copy a migration keeps
                save(paths, Settings(hall_code="H001"))
                receipts = paths.data_dir / "receipts"
                path, pdf = save_receipt(a_receipt(), receipts)
                save_pdf_copy(pdf, paths.data_dir / "copy.pdf")
                printer = QPrinter(QPrinter.PrinterMode.HighResolution)
                printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
                printer.setOutputFileName(str(paths.data_dir / "printed.pdf"))
                print_pdf(receipt_pdf(a_receipt(), "roll80"), printer)
                make_terminal("simulator", paths.data_dir).charge(5000, "p1", 1)
                logging.getLogger("counter_app.test").warning("a line in the log")
                handlers[0].doRollover()  # type: ignore[attr-defined]
                logging.getLogger("counter_app.test").warning("after the rollover")
                for handler in handlers:
                    handler.flush()
                made = {p.name for p in paths.data_dir.rglob("*")}
                for name in (
                    "cache.db",
                    "cache.db-wal",  # SQLite's own: the main file's mode
                    "cache.db-shm",
                    JOURNAL_FILE,
                    f"{JOURNAL_FILE}-wal",
                    f"{JOURNAL_FILE}-shm",
                    "cache.db.v1.bak",
                    "cache-20261008.db",
                    "journal-20261008.db",
                    path.name,
                    "printed.pdf",
                    "copy.pdf",
                    "card-simulator.json",
                    "counter.log",
                    "counter.log.1",
                ):
                    assert name in made, name
                assert modes(paths.config_dir, paths.data_dir) == {}
            finally:
                cache.close()
        assert modes(paths.config_dir, paths.data_dir) == {}


def test_a_damaged_journal_is_set_aside_private(tmp_path: Path) -> None:
    """Opening the cache alone (no start before it) tightens what it finds and makes."""
    folder = tmp_path / "data"
    with umask(0o022):
        folder.mkdir()
        (folder / JOURNAL_FILE).write_bytes(b"not a database" * 100)
        os.chmod(folder / JOURNAL_FILE, 0o644)
        cache, found = recovery.open_checked(folder / "cache.db")
        try:
            assert found.journal_problem
            assert {p.name for p in folder.iterdir() if ".damaged-" in p.name}
            loose = {p.name: oct(stat.S_IMODE(p.stat().st_mode)) for p in folder.iterdir()}
            assert set(loose.values()) == {"0o600"}, loose
        finally:
            cache.close()


# -- the logs ------------------------------------------------------------------------------
class Lines(logging.Handler):
    def __init__(self, formatter: logging.Formatter) -> None:
        super().__init__()
        self.setFormatter(formatter)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(self.format(record))


@contextmanager
def server_logs() -> Iterator[dict[str, Lines | io.StringIO]]:
    """The province's access log (as uvicorn's own handler prints it, and as any handler
    added to its logger sees it), its error log, and its app's loggers' records."""
    access = logging.getLogger("uvicorn.access")
    level = access.level
    access.setLevel(logging.INFO)  # (the embedded server logs warnings only)
    found: dict[str, Lines | io.StringIO] = {
        "access": Lines(AccessFormatter('%(client_addr)s - "%(request_line)s" %(status_code)s')),
        "error": Lines(logging.Formatter("%(name)s %(message)s")),
        "app": Lines(logging.Formatter("%(name)s %(message)s")),
        "uvicorn's access handler": io.StringIO(),
    }
    own = [h for h in access.handlers if type(h) is logging.StreamHandler]  # (not pytest's)
    streams = [h.setStream(found["uvicorn's access handler"]) for h in own]  # type: ignore[arg-type]
    access.addHandler(found["access"])  # type: ignore[arg-type]
    logging.getLogger("uvicorn").addHandler(found["error"])  # type: ignore[arg-type]
    found["app"].addFilter(logging.Filter("province_api"))  # (the counter's: its own log)
    logging.getLogger().addHandler(found["app"])  # type: ignore[arg-type]
    try:
        yield found
    finally:
        access.removeHandler(found["access"])  # type: ignore[arg-type]
        logging.getLogger("uvicorn").removeHandler(found["error"])  # type: ignore[arg-type]
        logging.getLogger().removeHandler(found["app"])  # type: ignore[arg-type]
        for handler, stream in zip(own, streams, strict=True):
            handler.setStream(stream)  # type: ignore[arg-type]
        access.setLevel(level)


def personal_numbers(lines: list[str]) -> list[str]:
    return [line for line in lines if ID_NUMBER.search(line) or MOBILE.search(line)]


def test_no_id_or_mobile_number_in_any_log(sqlite_province: EmbeddedServer, tmp_path: Path) -> None:
    with sqlite_province.app.state.engine.connect() as conn:
        customer_id, id_number, phone = conn.execute(
            text(
                "SELECT id, id_number, contact_phone FROM customer "
                "WHERE contact_phone IS NOT NULL ORDER BY id LIMIT 1"
            )
        ).one()
        msisdn = conn.execute(text("SELECT msisdn FROM subscription LIMIT 1")).scalar_one()
    assert ID_NUMBER.fullmatch(id_number) and MOBILE.fullmatch(phone) and MOBILE.fullmatch(msisdn)
    paths = AppPaths.under(tmp_path / "counter")
    urllib3 = logging.getLogger("urllib3")
    urllib3_level = urllib3.level
    urllib3.setLevel(logging.DEBUG)  # it logs each request line, with its query string
    try:
        with server_logs() as server, counter_logging(paths) as handlers:
            creds = Credentials()
            signed = auth.sign_in(creds, sqlite_province.url, "H001", "C01", "H001-C01", "demo")
            api = ApiClient(sqlite_province.url, creds.get(signed.token_key))
            for query in (
                {"q": id_number},
                {"q": phone},
                {"q": msisdn},
                {"q": f"{phone[:3]} {phone[3:7]} {phone[7:]}"},
                {"phone": phone},
                {"id_number": id_number},
                {"q": "王"},
            ):
                with suppress(ApiError):  # (one the province refuses is logged all the same)
                    api.get_json("/customers", **query)
            api.get_json(f"/customers/{customer_id}")
            cache = storage.Cache(paths.cache_file)
            try:
                SyncEngine(api, cache).pull()
            finally:
                cache.close()
            # What the counter logs when the province cannot be reached, as its sync does.
            gone = ApiClient(f"http://127.0.0.1:{free_port()}", "t", retries=0)
            with pytest.raises(OfflineError):
                try:
                    gone.get_json("/customers", q=id_number)
                except OfflineError as exc:
                    logging.getLogger("ui.sync_controller").exception("search failed")
                    logging.getLogger("counter_app.sync.push").warning("refused: %s", exc)
                    raise
            logging.getLogger("counter_app.customers").info("%s / %d", phone, int(msisdn))
            # The server's own loggers (the error handlers log there).
            logging.getLogger("province_api.errors").warning("for %s: %s", id_number, phone)
            for handler in handlers:
                handler.flush()
        counter_log = paths.log_file.read_text(encoding="utf-8").splitlines()
    finally:
        urllib3.setLevel(urllib3_level)

    access = server["access"].lines  # type: ignore[union-attr]
    logs = {
        "access log": access,
        "uvicorn's access handler": server["uvicorn's access handler"].getvalue().splitlines(),  # type: ignore[union-attr]
        "server error log": server["error"].lines,  # type: ignore[union-attr]
        "server app log": server["app"].lines,  # type: ignore[union-attr]
        "counter log": counter_log,
    }
    for name, lines in logs.items():
        assert personal_numbers(lines) == [], name
        assert not any(v in line for line in lines for v in (id_number, phone, msisdn)), name
    # The lines are there, masked, the path and the other parameters kept.
    assert any(f"/api/v1/customers?q={mask_id_number(id_number)}" in line for line in access)
    assert any(f"/api/v1/customers?phone={mask_mobile(phone)}" in line for line in access)
    assert any("/api/v1/sync/changes?since=" in line for line in access)
    assert any("/api/v1/customers?q=" in line for line in logs["uvicorn's access handler"])
    assert any("/api/v1/customers?q=" in line for line in counter_log)  # urllib3's lines
    assert any("search failed" in line for line in counter_log)
    assert any(mask_mobile(phone) in line for line in counter_log)
    assert any(mask_id_number(id_number) in line for line in server["app"].lines)  # type: ignore[union-attr]


def test_the_served_log_config_masks_every_handler() -> None:
    """`province-api serve` (and each worker) logs through these handlers only."""
    import logging.config

    from counter_app.domain.masking import PersonalDataFilter
    from province_api import log_redaction

    config = log_redaction.log_config(root=True)
    assert set(config["handlers"]) == {"default", "access", "plain"}
    assert all(h["filters"] == [log_redaction.FILTER] for h in config["handlers"].values())
    root = logging.getLogger()
    saved = root.handlers[:], root.level
    try:
        logging.config.dictConfig(config)
        assert root.handlers and all(
            any(isinstance(f, PersonalDataFilter) for f in h.filters) for h in root.handlers
        )
        access = logging.getLogger("uvicorn.access").handlers
        assert access and all(isinstance(h.filters[0], PersonalDataFilter) for h in access)
    finally:
        for handler in root.handlers[:]:
            root.removeHandler(handler)
        for handler in saved[0]:
            root.addHandler(handler)
        root.setLevel(saved[1])
