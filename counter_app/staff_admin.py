"""A supervisor at the counter lifts the lock the province put on a staff number after too
many wrong passwords (the province checks who may: a supervisor of that person's hall or an
administrator, never the locked person)."""

from __future__ import annotations

from counter_app.domain.validators import ValidationError
from counter_app.session import CounterSession


def unlock(sess: CounterSession, staff_no: str) -> bool:
    """True if it was locked (and is not any more). Raises ValidationError for an empty or
    malformed staff number, ApiError / OfflineError from the province. Runs in a worker."""
    staff_no = staff_no.strip().upper()
    if not staff_no:
        raise ValidationError("staff_no", "required", "Enter the staff number to unlock.")
    if not all(c.isascii() and (c.isalnum() or c in "-_") for c in staff_no) or len(staff_no) > 32:
        raise ValidationError("staff_no", "format", "This is not a staff number.")
    api = sess.make_api()
    try:
        answer = api.post_json(f"/staff/{staff_no}/unlock", {})
    finally:
        api.close()
    return bool(answer["was_locked"])
