"""What a staff password must be. A supervisor's approves voids, waivers and transfers, and
its offline verifier sits on every counter of the hall where a clerk can guess at it with
no one watching: it must be one no list of common passwords holds, nor a variation of the
person's own number or name. zxcvbn estimates how many guesses find it; at the verifier's
cost (about 0.7 s a guess, counter_app.domain.passwords) 10^10 guesses take one core
200 years, and a GPU's memory (256 MiB a guess) bounds how many it runs at once."""

from __future__ import annotations

from zxcvbn import zxcvbn

from counter_app.domain.kinds import SUPERVISOR_ROLES
from counter_app.domain.validators import ValidationError

SUPERVISOR_MIN_LENGTH = 12
SUPERVISOR_MIN_GUESSES_LOG10 = 10
CLERK_MIN_LENGTH = 4
MAX_LENGTH = 128


def check(password: str, role: str, staff_no: str = "", name: str = "") -> None:
    """Raise ValidationError (field `password`) unless `password` will do for `role`."""
    if len(password) > MAX_LENGTH:
        raise ValidationError("password", "too_long", f"At most {MAX_LENGTH} characters.")
    if role not in SUPERVISOR_ROLES:
        if len(password) < CLERK_MIN_LENGTH:
            raise ValidationError(
                "password", "too_short", f"At least {CLERK_MIN_LENGTH} characters."
            )
        return
    if len(password) < SUPERVISOR_MIN_LENGTH:
        raise ValidationError(
            "password",
            "too_short",
            f"A supervisor's password needs at least {SUPERVISOR_MIN_LENGTH} characters.",
        )
    estimate = zxcvbn(password[:64], user_inputs=[staff_no, name, *staff_no.split("-")])
    if estimate["guesses_log10"] < SUPERVISOR_MIN_GUESSES_LOG10 or estimate["score"] < 3:
        raise ValidationError(
            "password",
            "too_guessable",
            "This password is too easy to guess (a common password, a word, or the staff "
            "number or name in it); use three or four unrelated words.",
        )
