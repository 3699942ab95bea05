"""Customer look-ups on the cache, one function per kind of query, each on an index.

Prefixes are searched as ranges (`col >= 'p' AND col < 'q'`): SQLite's LIKE cannot use an
index here. Each function returns at most `limit` plain dicts with the same keys.
"""

from __future__ import annotations

from itertools import pairwise
from typing import Any

from sqlalchemy import Connection

_COLUMNS = (
    "c.id, c.name, c.id_number, c.vip_level, c.customer_no, "
    "(SELECT msisdn FROM subscription s2 WHERE s2.customer_id = c.id "
    " ORDER BY s2.status = 'active' DESC, s2.msisdn LIMIT 1) AS phone"
)
_BASE = "c.id, c.name, c.id_number, c.vip_level, c.customer_no"


def _with_phone(inner: str) -> str:
    """Look the phone up only for the rows that survive LIMIT, not for every match."""
    return f"SELECT {_COLUMNS} FROM ({inner}) c"


def prefix_bounds(prefix: str) -> tuple[str, str]:
    return prefix, prefix[:-1] + chr(ord(prefix[-1]) + 1)


def _rows(conn: Connection, sql: str, params: tuple[Any, ...]) -> list[dict[str, Any]]:
    return [dict(r) for r in conn.exec_driver_sql(sql, params).mappings()]


def by_phone_prefix(conn: Connection, prefix: str, limit: int = 50) -> list[dict[str, Any]]:
    low, high = prefix_bounds(prefix)
    lines = _rows(
        conn,
        "SELECT c.id, c.name, c.id_number, c.vip_level, c.customer_no, s.msisdn AS phone "
        "FROM subscription s JOIN customer c ON c.id = s.customer_id "
        "WHERE s.msisdn >= ? AND s.msisdn < ? ORDER BY s.msisdn LIMIT ?",
        (low, high, limit),
    )
    if len(lines) < limit:
        lines += _rows(
            conn,
            "SELECT c.id, c.name, c.id_number, c.vip_level, c.customer_no, "
            "c.contact_phone AS phone FROM customer c "
            "WHERE c.contact_phone >= ? AND c.contact_phone < ? ORDER BY c.contact_phone LIMIT ?",
            (low, high, limit - len(lines)),
        )
    return lines


def by_id_number(conn: Connection, id_number: str, limit: int = 50) -> list[dict[str, Any]]:
    return _rows(
        conn, f"SELECT {_COLUMNS} FROM customer c WHERE c.id_number = ? LIMIT ?", (id_number, limit)
    )


def by_id_tail(conn: Connection, tail: str, limit: int = 50) -> list[dict[str, Any]]:
    """The last characters of an ID, found through the reversed ID column."""
    low, high = prefix_bounds(tail[::-1])
    return _rows(
        conn,
        f"SELECT {_COLUMNS} FROM customer c WHERE c.id_rev >= ? AND c.id_rev < ? "
        "ORDER BY c.id_rev LIMIT ?",
        (low, high, limit),
    )


def by_iccid(conn: Connection, iccid: str, limit: int = 50) -> list[dict[str, Any]]:
    return _rows(
        conn,
        "SELECT c.id, c.name, c.id_number, c.vip_level, c.customer_no, s.msisdn AS phone "
        "FROM subscription s JOIN customer c ON c.id = s.customer_id WHERE s.iccid = ? LIMIT ?",
        (iccid, limit),
    )


def by_account_prefix(conn: Connection, prefix: str, limit: int = 50) -> list[dict[str, Any]]:
    low, high = prefix_bounds(prefix)
    return _rows(
        conn,
        f"SELECT {_COLUMNS}, a.account_no FROM account a JOIN customer c ON c.id = a.customer_id "
        "WHERE a.account_no >= ? AND a.account_no < ? ORDER BY a.account_no LIMIT ?",
        (low, high, limit),
    )


def by_initials(conn: Connection, initials: str, limit: int = 50) -> list[dict[str, Any]]:
    low, high = prefix_bounds(initials.lower())
    return _rows(
        conn,
        _with_phone(
            f"SELECT {_BASE}, c.name_initials FROM customer c "
            "WHERE c.name_initials >= ? AND c.name_initials < ? "
            "ORDER BY c.name_initials, c.name LIMIT ?"
        ),
        (low, high, limit),
    )


MAX_NAME_LENGTH = 8


def _fts_query(text: str) -> str:
    chars = [ch for ch in text if not ch.isspace() and ch != '"']
    if len(chars) <= 2:
        return f'"{"".join(chars)}"'
    return " AND ".join(f'"{a}{b}"' for a, b in pairwise(chars))


def by_name(conn: Connection, text: str, limit: int = 50) -> list[dict[str, Any]]:
    """Names starting with `text` first (a surname, a full name), then names containing it."""
    text = "".join(text.split())
    if not text:
        return []
    low, high = prefix_bounds(text)
    found: list[dict[str, Any]] = []
    # Shortest names first (the exact name, then e.g. 张 + one character), each length read
    # in order off the (length(name), name) index: no sort over every 张 in the city.
    for length in range(len(text), MAX_NAME_LENGTH + 1):
        op = "=" if length < MAX_NAME_LENGTH else ">="  # the last bucket takes longer names
        found += _rows(
            conn,
            _with_phone(
                f"SELECT {_BASE} FROM customer c WHERE length(c.name) {op} ? "
                "AND c.name >= ? AND c.name < ? ORDER BY length(c.name), c.name "
                "LIMIT ?"
            ),
            (length, low, high, limit - len(found)),
        )
        if len(found) >= limit:
            return found
    seen = [row["id"] for row in found]
    more = _rows(
        conn,
        f"SELECT {_COLUMNS} FROM customer c WHERE c.rowid IN "
        "(SELECT rowid FROM customer_fts WHERE customer_fts MATCH ?) "
        "AND instr(c.name, ?) > 0 LIMIT ?",
        (_fts_query(text), text, limit),
    )
    return (found + [row for row in more if row["id"] not in seen])[:limit]


def lines_by_msisdn_prefix(conn: Connection, prefix: str, limit: int = 2) -> list[dict[str, Any]]:
    """Lines in service (not cancelled) whose number starts with `prefix`."""
    low, high = prefix_bounds(prefix)
    return _rows(
        conn,
        "SELECT id, customer_id, msisdn FROM subscription "
        "WHERE msisdn >= ? AND msisdn < ? AND status != 'cancelled' ORDER BY msisdn LIMIT ?",
        (low, high, limit),
    )


def lines_by_iccid(conn: Connection, iccid: str, limit: int = 2) -> list[dict[str, Any]]:
    return _rows(
        conn,
        "SELECT id, customer_id, msisdn FROM subscription "
        "WHERE iccid = ? AND status != 'cancelled' LIMIT ?",
        (iccid, limit),
    )
