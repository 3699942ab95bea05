"""Signing a clerk in against the province and keeping the token in the keyring; with the
province unreachable, against the verifier it gave this counter at an earlier sign-in."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, replace

from counter_app.api_client import ApiClient, ApiError, OfflineError, UntrustedProvince
from counter_app.credentials import Credentials
from counter_app.domain.hall_time import DEFAULT_ZONE
from counter_app.domain.passwords import check_offline_verifier
from counter_app.domain.validators import ValidationError


@dataclass(frozen=True)
class SignedIn:
    """Who is at the counter. Plain data: safe to pass between threads."""

    server_url: str
    hall_code: str
    counter_id: str
    staff_id: str
    staff_no: str
    name: str
    role: str
    expires_at: str
    hall_name: str = ""
    receipt_seq: int = 0  # the province's highest receipt number from this counter
    time_zone: str = DEFAULT_ZONE  # the hall's clock, for every time on screen and paper
    offline: bool = False  # signed in against this counter's verifier; the province to confirm

    @property
    def token_key(self) -> str:
        return token_key(self.server_url, self.staff_no)


def token_key(server_url: str, staff_no: str) -> str:
    return f"token:{server_url.rstrip('/')}:{staff_no}"


def offline_key(server_url: str, staff_no: str) -> str:
    """Where the keyring keeps what an offline sign-in is checked against."""
    return f"offline:{server_url.rstrip('/')}:{staff_no}"


class SignInRefused(Exception):
    """A sign-in the counter refuses by itself (offline), in words for the clerk."""


NEVER_HERE = (
    "Cannot reach the province server (check the address and the network), and you have "
    "not signed in on this counter before: signing in here needs the link once."
)
WRONG_OFFLINE = "The staff number or the password is wrong."
NO_LONGER = (
    "The province no longer accepts your sign-in (your account or password changed while "
    "the link was down). You are signed out; your entries are kept and go with your next "
    "sign-in."
)


def _required(value: str, field: str, message: str) -> str:
    value = value.strip()
    if not value:
        raise ValidationError(field, "required", message)
    return value


def sign_in(
    creds: Credentials,
    server_url: str,
    hall_code: str,
    counter_id: str,
    staff_no: str,
    password: str,
    allow_offline: bool = True,
) -> SignedIn:
    """Raises ValidationError (a field is empty), ApiError from the province, and, when it
    cannot be reached, SignInRefused unless an offline sign-in is possible (`allow_offline`).

    Nothing is stored unless the province accepts the password.
    """
    server_url = _required(server_url, "server_url", "Enter the province server address.")
    if not server_url.startswith(("http://", "https://")):
        raise ValidationError(
            "server_url", "format", "The server address must start with http:// or https://."
        )
    hall_code = _required(hall_code, "hall_code", "Enter the hall code.").upper()
    counter_id = _required(counter_id, "counter_id", "Enter the counter id.")
    staff_no = _required(staff_no, "staff_no", "Enter your staff number.").upper()
    if not password:
        raise ValidationError("password", "required", "Enter your password.")
    api = ApiClient(server_url)
    try:
        answer = api.login(staff_no, password, hall_code, counter_id)
    except UntrustedProvince:
        raise  # not the province: no offline sign-in on the word of an impostor
    except OfflineError:
        if not allow_offline:
            raise
        return _offline(creds, server_url, hall_code, counter_id, staff_no, password)
    finally:
        api.close()
    staff = answer["staff"]
    signed = SignedIn(
        server_url=server_url.rstrip("/"),
        hall_code=staff["hall_code"],
        counter_id=counter_id,
        staff_id=staff["id"],
        staff_no=staff["staff_no"],
        name=staff["name"],
        role=staff["role"],
        expires_at=answer["expires_at"],
        hall_name=staff.get("hall_name", ""),
        receipt_seq=int(answer.get("receipt_seq") or 0),
        time_zone=str(answer.get("time_zone") or DEFAULT_ZONE),
    )
    creds.set(signed.token_key, answer["token"])
    if answer.get("offline_verifier"):  # the province's slow salted hash, never the password
        kept = {"verifier": answer["offline_verifier"], "signed": asdict(signed)}
        creds.set(offline_key(signed.server_url, signed.staff_no), json.dumps(kept))
    else:  # none any more (a password the province finds too weak): forget the old one
        creds.delete(offline_key(signed.server_url, signed.staff_no))
    return signed


def _offline(
    creds: Credentials,
    server_url: str,
    hall_code: str,
    counter_id: str,
    staff_no: str,
    password: str,
) -> SignedIn:
    """Signed in with the province unreachable: only someone who signed in online on this
    counter before, checked against the verifier the province gave then. The password is
    held in memory until the province has seen it again (revalidate)."""
    raw = creds.get(offline_key(server_url, staff_no))
    if raw is None:
        raise SignInRefused(NEVER_HERE)
    kept = json.loads(raw)
    signed = SignedIn(**kept["signed"])
    if (signed.hall_code, signed.counter_id) != (hall_code, counter_id):
        raise SignInRefused(NEVER_HERE)
    if not check_offline_verifier(password, str(kept["verifier"])):
        raise SignInRefused(WRONG_OFFLINE)
    creds.hold(signed.token_key, password)
    return replace(signed, offline=True, expires_at="")


def revalidate(creds: Credentials, signed: SignedIn) -> SignedIn:
    """The link is back after an offline sign-in: the province checks the person again.
    SignInRefused (sign out, entries kept) when it no longer accepts them."""
    password = creds.take(signed.token_key)
    if password is None:
        raise SignInRefused(NO_LONGER)
    try:
        return sign_in(
            creds,
            signed.server_url,
            signed.hall_code,
            signed.counter_id,
            signed.staff_no,
            password,
            allow_offline=False,
        )
    except OfflineError:
        creds.hold(signed.token_key, password)  # not back after all: try again later
        raise
    except ApiError as exc:
        if exc.status in (401, 403):
            raise SignInRefused(NO_LONGER) from exc
        creds.hold(signed.token_key, password)
        raise


def sign_out(creds: Credentials, who: SignedIn) -> None:
    """Forget the token here, and end it at the province (when it can be reached: a token
    of an offline sign-in, or one the link could not end, expires by itself)."""
    token = creds.get(who.token_key)
    creds.delete(who.token_key)
    if not token or who.offline:
        return
    api = ApiClient(who.server_url, token, retries=0)
    try:
        api.request("POST", "/auth/logout", timeout=5)
    except (OfflineError, ApiError):
        pass  # gone already, or unreachable: it expires by itself
    finally:
        api.close()
