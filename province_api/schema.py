"""The province database's schema version, managed by Alembic (province_api/migrations).

`province-api migrate` brings a database to the newest revision; the server refuses to start
on one that is behind (`SchemaBehind`), so a province is never served by code that expects
columns its database does not have. A database made before migrations existed (by
`create_all`) is adopted by the first revision, which adds what it lacks.
"""

from __future__ import annotations

import logging
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

MIGRATIONS = Path(__file__).with_name("migrations")
# Alembic tells of its plug-ins at INFO on every check; `migrate` says what it does itself.
logging.getLogger("alembic").setLevel(logging.WARNING)


class SchemaBehind(RuntimeError):
    """The database is not at the revision this server's code needs."""

    def __init__(self, current: str | None, head: str, known: bool = True):
        self.current, self.head = current, head
        if not known:
            message = (
                f"the province database is at revision {current}, newer than this server "
                f"(which knows up to {head}); run the newer server"
            )
        else:
            at = f"at revision {current}" if current else "not yet made by a migration"
            message = (
                f"the province database is {at}; this server needs revision {head}. "
                "Run `province-api migrate --db <the same database>` first."
            )
        super().__init__(message)


def _config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def head_revision() -> str:
    head = ScriptDirectory.from_config(_config()).get_current_head()
    assert head is not None, "province_api/migrations holds no revision"
    return head


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Migrate the database to `revision` (the newest by default), in one transaction."""
    config = _config()
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, revision)


def check_up_to_date(engine: Engine) -> None:
    current, head = current_revision(engine), head_revision()
    if current != head:
        scripts = ScriptDirectory.from_config(_config())
        known = current is None or current in {s.revision for s in scripts.walk_revisions()}
        raise SchemaBehind(current, head, known)
