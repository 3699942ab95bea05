"""Registering a customer and editing their contact details at the counter.

A registration is checked here with the province's rules (counter_app.domain.registration),
sent once (one idempotency key per registration) and kept in the cache at once, so the
clerk finds the new customer and goes on to a new line. An edit carries the version the
clerk saw; the province refuses a stale one (409) and the clerk sees both and chooses.
"""

from __future__ import annotations

import contextlib
import uuid
from typing import Any

from counter_app.api_client import ApiError, OfflineError
from counter_app.changes import Changed, Changes
from counter_app.devices.id_reader import IdCard, make_reader
from counter_app.domain import registration
from counter_app.domain.validators import ValidationError, validate_mobile
from counter_app.session import CounterSession
from local_cache import payments_store


class RegistrationWaits(Exception):
    """The province cannot be reached: a customer is registered online only."""


NEEDS_LINK = "Registering a customer needs the link to the province; try again when it is back."


class StaleEdit(Exception):
    """Someone changed the customer meanwhile: theirs (the province's now) and mine."""

    def __init__(self, theirs: dict[str, Any], mine: dict[str, str]) -> None:
        super().__init__("Someone changed this customer meanwhile.")
        self.theirs, self.mine = theirs, mine


def read_card(sess: CounterSession) -> IdCard:
    """Runs in a worker: the reader blocks until a card is placed (or NoCard)."""
    return make_reader(sess.settings.id_reader).read()


def _keep(sess: CounterSession, customer: dict[str, Any]) -> None:
    with sess.cache.write() as conn:
        payments_store.put(conn, "customer", customer)


def register(sess: CounterSession, raw: dict[str, Any]) -> Changed[str]:
    """Check, send and keep a registration; the new customer's id."""
    raw = {**raw, "id": raw.get("id") or str(uuid.uuid4())}
    reg = registration.check(raw)
    key = str(uuid.uuid5(uuid.NAMESPACE_URL, f"customer/{reg.id}"))
    try:
        with contextlib.closing(sess.make_api()) as api:
            customer = dict(api.post_json("/customers", reg.to_json(), idempotency_key=key))
    except OfflineError:
        raise RegistrationWaits(NEEDS_LINK) from None
    _keep(sess, customer)
    return Changed(customer["id"], Changes.of([customer["id"]]))


def edit_contact(
    sess: CounterSession, customer_id: str, version: int, phone: str, address: str
) -> Changed[dict[str, Any]]:
    """The customer's contact number and address, on the version the clerk saw."""
    mine = {"contact_phone": validate_mobile(phone, "contact_phone"), "address": address.strip()}
    if not mine["address"]:
        raise ValidationError("address", "required", "Enter the address.")
    with contextlib.closing(sess.make_api()) as api:
        try:
            customer = dict(
                api.request(
                    "PATCH",
                    f"/customers/{customer_id}",
                    json=mine,
                    headers={"If-Match": str(version)},
                ).json()
            )
        except ApiError as exc:
            if exc.status != 409:
                raise
            theirs = dict(api.get_json(f"/customers/{customer_id}"))
            theirs.pop("accounts", None)
            theirs.pop("subscriptions", None)
            _keep(sess, theirs)
            raise StaleEdit(theirs, mine) from None
    _keep(sess, customer)
    return Changed(customer, Changes.of([customer_id]))
