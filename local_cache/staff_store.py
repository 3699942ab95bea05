"""The hall's staff as the cache holds them (for supervisors' approvals offline)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection


@dataclass(frozen=True)
class StaffRow:
    staff_no: str
    name: str
    role: str
    offline_verifier: str
    active: bool
    hall_id: str
    # None until the province has sent it (a cache migrated from before v4 and not yet
    # refilled); "" where the province itself has none yet.
    approval_salt: str | None


def by_staff_no(conn: Connection, staff_no: str) -> StaffRow | None:
    row = conn.exec_driver_sql(
        "SELECT staff_no, name, role, offline_verifier, active, hall_id, approval_salt "
        "FROM staff WHERE staff_no = ?",
        (staff_no,),
    ).first()
    if row is None:
        return None
    return StaffRow(row[0], row[1], row[2], row[3] or "", bool(row[4]), row[5], row[6])


def hall_of(conn: Connection, staff_id: str) -> str | None:
    """The hall a staff member works in, as the cache knows it."""
    value = conn.exec_driver_sql("SELECT hall_id FROM staff WHERE id = ?", (staff_id,)).scalar()
    return None if value is None else str(value)
