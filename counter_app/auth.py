"""Signing a clerk in against the province and keeping the token in the keyring."""

from __future__ import annotations

from dataclasses import dataclass

from counter_app.api_client import ApiClient
from counter_app.credentials import Credentials
from counter_app.domain.hall_time import DEFAULT_ZONE
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

    @property
    def token_key(self) -> str:
        return token_key(self.server_url, self.staff_no)


def token_key(server_url: str, staff_no: str) -> str:
    return f"token:{server_url.rstrip('/')}:{staff_no}"


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
) -> SignedIn:
    """Raises ValidationError (a field is empty), ApiError/OfflineError from the province.

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
    return signed


def sign_out(creds: Credentials, who: SignedIn) -> None:
    creds.delete(who.token_key)
