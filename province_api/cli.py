"""`province-api migrate`, `serve`, `seed`, `snapshot`, `policy`, `purge` and `audit`."""

from __future__ import annotations

import argparse
import logging
import os
import sys
import time
from pathlib import Path

from province_api.db import (
    DEFAULT_DB_URL,
    MAX_IN_FLIGHT,
    MAX_IN_FLIGHT_LIMIT,
    make_engine,
    normalise_url,
)


def _serve(args: argparse.Namespace) -> int:
    import uvicorn

    from province_api import log_redaction
    from province_api.app import DB_URL_ENV, MAX_IN_FLIGHT_ENV, SERVER_OPTIONS, create_app
    from province_api.db import normalise_url
    from province_api.schema import SchemaBehind, check_up_to_date

    # SIGTERM ends the server within seconds even under load (SERVER_OPTIONS). No ID or
    # phone number in any log line (log_redaction), in this process or a worker.
    options = {"host": args.host, "port": args.port, "log_level": args.log_level}
    if args.ssl_certfile:  # https: the counters check it against their CA file
        options.update(ssl_certfile=args.ssl_certfile, ssl_keyfile=args.ssl_keyfile)
    options["log_config"] = log_redaction.log_config(root=True, level=args.log_level)
    log_redaction.install()
    options.update(SERVER_OPTIONS)
    if args.snapshot_dir:  # (read there by every worker: the app's default otherwise)
        os.environ["CMS_SNAPSHOT_DIR"] = args.snapshot_dir
    if not 1 <= args.max_in_flight <= MAX_IN_FLIGHT_LIMIT:
        print(
            f"province-api serve: --max-in-flight must be 1 to {MAX_IN_FLIGHT_LIMIT}",
            file=sys.stderr,
        )
        return 2
    if args.workers > 1 and normalise_url(args.db).startswith("sqlite"):
        print(
            "province-api serve: several workers need PostgreSQL (SQLite has one writer); "
            "use --workers 1 with SQLite",
            file=sys.stderr,
        )
        return 2
    engine = make_engine(args.db)
    try:
        check_up_to_date(engine)  # before any worker starts: one clear message, not N
    except SchemaBehind as exc:
        print(f"province-api serve: {exc}", file=sys.stderr)
        return 3
    finally:
        engine.dispose()
    if args.workers <= 1:
        uvicorn.run(create_app(args.db, max_in_flight=args.max_in_flight), **options)
        return 0
    os.environ[DB_URL_ENV] = args.db  # the workers are new processes: they read it there
    os.environ[MAX_IN_FLIGHT_ENV] = str(args.max_in_flight)
    uvicorn.run(
        "province_api.app:app_from_environment", factory=True, workers=args.workers, **options
    )
    return 0


def _migrate(args: argparse.Namespace) -> int:
    from province_api import schema

    engine = make_engine(args.db)
    try:
        before = schema.current_revision(engine)
        target = args.revision or schema.head_revision()
        if before == target:
            print(f"the province database is at revision {target}: nothing to do")
            return 0
        print(f"migrating the province database from {before or 'nothing'} to {target}…")
        schema.upgrade(engine, target)
        print(f"the province database is at revision {schema.current_revision(engine)}")
        return 0
    except Exception as exc:  # the whole migration rolled back: say why, and nothing else
        print(f"province-api migrate: nothing changed: {exc}", file=sys.stderr)
        return 1
    finally:
        engine.dispose()


def _new_sqlite_file(url: str) -> Path | None:
    """The file of a SQLite URL that does not exist yet (seeded aside, then moved in)."""
    from sqlalchemy import make_url

    parsed = make_url(normalise_url(url))
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    path = Path(parsed.database)
    return None if path.exists() else path


def _seed(args: argparse.Namespace) -> int:
    """Seed; a new SQLite file is made aside and moved in whole, so a seed stopped half way
    (Ctrl+C, a full disk) leaves no half-filled database behind."""
    from sqlalchemy import make_url

    from counter_app.domain.validators import ValidationError
    from province_api.seed import seed

    started = time.monotonic()

    def progress(stage: str, done: int, total: int) -> None:
        print(f"\r{stage}: {done:,}/{total:,}", end="", file=sys.stderr, flush=True)

    target = _new_sqlite_file(args.db)
    partial = target.with_name(target.name + ".partial") if target else None
    url = str(make_url(normalise_url(args.db)).set(database=str(partial))) if partial else args.db
    if partial:
        for leftover in (partial, Path(f"{partial}-wal"), Path(f"{partial}-shm")):
            leftover.unlink(missing_ok=True)
    engine = make_engine(url)
    try:
        counts = seed(
            engine,
            customers=args.customers,
            seed=args.seed,
            staff_password=args.staff_password,
            supervisor_password=args.supervisor_password,
            progress=progress,
        )
    except (RuntimeError, ValidationError) as exc:
        print(f"\nprovince-api seed: {exc}", file=sys.stderr)
        return 1
    finally:
        engine.dispose()  # the last connection checkpoints the WAL into the file
    if partial and target:
        os.replace(partial, target)
    print(file=sys.stderr)
    for table, n in counts.items():
        print(f"{table:>14}: {n:,}")
    print(f"seeded in {time.monotonic() - started:.1f} s")
    return 0


def _snapshot(args: argparse.Namespace) -> int:
    """Make the halls' snapshots now (before the halls open), where `serve` serves them."""
    from sqlalchemy import select

    from province_api.models import Hall
    from province_api.snapshots import SnapshotStore, default_folder

    engine = make_engine(args.db)
    try:
        folder = args.snapshot_dir or default_folder(
            engine.url.render_as_string(hide_password=True)
        )
        store = SnapshotStore(folder, engine)
        with engine.connect() as conn:
            halls = conn.execute(select(Hall.code, Hall.id).order_by(Hall.code)).all()
        wanted = {code.upper() for code in args.hall or []}
        unknown = wanted - {code for code, _ in halls}
        if unknown:
            print(
                f"province-api snapshot: no such hall: {', '.join(sorted(unknown))}",
                file=sys.stderr,
            )
            return 2
        for code, hall_id in halls:
            if wanted and code not in wanted:
                continue
            info = store.build(hall_id)
            if info is None:
                print(f"{code}: another process is making this hall's snapshot")
                continue
            print(
                f"{code}: {info.rows:,} rows at feed cursor {info.cursor:,}, "
                f"{info.size / 1e6:,.1f} MB, {info.build_seconds:.1f} s -> {store.file(info)}"
            )
    finally:
        engine.dispose()
    return 0


def _purge(args: argparse.Namespace) -> int:
    from province_api.purge import purge

    engine = make_engine(args.db)
    try:
        for what, n in purge(engine).items():
            print(f"{what:>20}: {n:,} removed")
    finally:
        engine.dispose()
    return 0


def _audit(args: argparse.Namespace) -> int:
    from province_api import audit

    engine = make_engine(args.db)
    try:
        total, breaks = audit.verify(engine)
    finally:
        engine.dispose()
    for found in breaks:
        print(f"chain {found.chain}: broken at event {found.n}: {found.why}")
    if breaks:
        print(f"the audit log is NOT intact ({len(breaks)} broken chain(s), {total:,} events)")
        return 1
    print(f"the audit log is intact: {total:,} events")
    return 0


def _policy(args: argparse.Namespace) -> int:
    """Show the province's rule values, or change some (each change in the audit log)."""
    from dataclasses import fields, replace

    from sqlalchemy import select
    from sqlalchemy.orm import Session

    from province_api import policy
    from province_api.models import Staff

    engine = make_engine(args.db)
    try:
        with Session(engine) as db:
            current = policy.current(db)
            if not args.set:
                for name, value in current.to_json().items():
                    print(f"{name} = {value}")
                return 0
            known = {f.name: f for f in fields(current) if f.name != "extra"}
            changes: dict[str, object] = {}
            for item in args.set:
                name, _, value = item.partition("=")
                if name not in known or not value:
                    print(f"province-api policy: no such value: {item}", file=sys.stderr)
                    return 2
                if name.endswith("_types"):
                    changes[name] = tuple(v for v in value.split(",") if v)
                elif value.isdigit():
                    changes[name] = int(value)
                else:
                    print(f"province-api policy: {name} takes a whole number", file=sys.stderr)
                    return 2
            admin = db.scalar(select(Staff).where(Staff.staff_no == args.by.upper()))
            if admin is None or admin.role != "admin":
                print(f"province-api policy: {args.by} is not an administrator", file=sys.stderr)
                return 2
            policy.put(db, replace(current, **changes), by=admin.id)  # type: ignore[arg-type]
            db.commit()
            print(f"changed: {', '.join(changes)}")
            return 0
    finally:
        engine.dispose()


def build_parser() -> argparse.ArgumentParser:
    from province_api.seed.demo_staff import DEMO_SUPERVISOR_PASSWORD

    parser = argparse.ArgumentParser(prog="province-api", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    migrate = sub.add_parser(
        "migrate", help="bring the database's schema to this version (before `serve`)"
    )
    migrate.add_argument(
        "--db", default=DEFAULT_DB_URL, help="SQLAlchemy URL or SQLite file (default: %(default)s)"
    )
    migrate.add_argument("--revision", help="a revision to stop at (default: the newest)")
    migrate.set_defaults(func=_migrate)
    serve = sub.add_parser("serve", help="run the API server")
    serve.add_argument(
        "--db", default=DEFAULT_DB_URL, help="SQLAlchemy URL or SQLite file (default: %(default)s)"
    )
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8700)
    serve.add_argument("--log-level", default="info")
    serve.add_argument("--ssl-certfile", help="serve https with this certificate (PEM chain)")
    serve.add_argument("--ssl-keyfile", help="the certificate's private key (PEM)")
    serve.add_argument(
        "--workers",
        type=int,
        default=1,
        help="processes to run (PostgreSQL only; about one per core): %(default)s",
    )
    serve.add_argument(
        "--max-in-flight",
        type=int,
        default=MAX_IN_FLIGHT,
        help="requests worked on at once per process, each with its own database "
        "connection; one more is answered 503 (default %(default)s)",
    )
    serve.add_argument(
        "--snapshot-dir",
        help="where the halls' snapshots for a first bootstrap are kept "
        "(default: beside a SQLite file, or the user's cache folder)",
    )
    serve.set_defaults(func=_serve)
    snap = sub.add_parser(
        "snapshot", help="make the halls' snapshots for a first bootstrap now (before opening)"
    )
    snap.add_argument("--db", default=DEFAULT_DB_URL)
    snap.add_argument("--hall", nargs="*", metavar="CODE", help="these halls only (default: all)")
    snap.add_argument("--snapshot-dir", help="as `serve --snapshot-dir`")
    snap.set_defaults(func=_snapshot)
    seed = sub.add_parser("seed", help="fill an empty database with deterministic demo data")
    seed.add_argument("--db", default=DEFAULT_DB_URL)
    seed.add_argument("--customers", type=int, required=True)
    seed.add_argument("--seed", type=int, default=1)
    seed.add_argument("--staff-password", default="demo", help="the clerks' password")
    seed.add_argument(
        "--supervisor-password",
        default=DEMO_SUPERVISOR_PASSWORD,
        help="the supervisors' and the administrator's (at least 12 characters, hard to guess)",
    )
    seed.set_defaults(func=_seed)
    rules = sub.add_parser("policy", help="show the province's rule values, or change them")
    rules.add_argument("--db", default=DEFAULT_DB_URL)
    rules.add_argument("--set", nargs="*", metavar="NAME=VALUE", help="values to change")
    rules.add_argument("--by", default="ADMIN", help="the administrator changing them")
    rules.set_defaults(func=_policy)
    purge = sub.add_parser(
        "purge", help="remove ended sessions, expired approvals and old idempotency records"
    )
    purge.add_argument("--db", default=DEFAULT_DB_URL)
    purge.set_defaults(func=_purge)
    audit = sub.add_parser("audit", help="the audit log")
    audit_sub = audit.add_subparsers(dest="audit_command", required=True)
    verify = audit_sub.add_parser("verify", help="check every hall's hash chain; 1 if broken")
    verify.add_argument("--db", default=DEFAULT_DB_URL)
    verify.set_defaults(func=_audit)
    return parser


def main(argv: list[str] | None = None) -> int:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s")
    # alembic says at INFO which of its plugins it set up, on every command: noise here
    logging.getLogger("alembic.runtime.plugins").setLevel(logging.WARNING)
    args = build_parser().parse_args(argv)
    return int(args.func(args))


if __name__ == "__main__":
    raise SystemExit(main())
