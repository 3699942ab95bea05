"""Property: whatever a shift takes and voids, the counter's sums equal what the province booked."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from counter_app import approvals, auth, payments, shifts
from counter_app.api_client import ApiClient
from counter_app.credentials import Credentials
from counter_app.payments import PaymentRequest
from counter_app.session import CounterSession
from counter_app.settings import Settings
from counter_app.sync.engine import SyncEngine
from counter_app.sync.push import push
from local_cache.db import Cache
from province_api.embedded import EmbeddedServer
from province_api.models import Payment
from tests.support.servers import SUPERVISOR_PASSWORD, copy_sqlite


@pytest.fixture(scope="module")
def world(
    tmp_path_factory: pytest.TempPathFactory, sqlite_template: Path
) -> Iterator[tuple[EmbeddedServer, CounterSession]]:
    root = tmp_path_factory.mktemp("shift-property")
    server = EmbeddedServer(copy_sqlite(sqlite_template, root / "province.db"))
    server.start()
    creds = Credentials()
    signed = auth.sign_in(creds, server.url, "H001", "C01", "H001-C02", "demo")
    token = creds.get(signed.token_key)
    cache = Cache(root / "cache.db")
    sess = CounterSession(cache, signed, Settings(), lambda: ApiClient(server.url, token))
    SyncEngine(sess.make_api(), cache).pull()
    yield server, sess
    cache.close()
    server.stop()


payment_plan = st.lists(
    st.tuples(
        st.integers(min_value=100, max_value=20_000),  # amount in fen
        st.sampled_from(["cash", "card"]),
        st.booleans(),
    ),  # voided afterwards?
    min_size=1,
    max_size=6,
)


@settings(
    max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(plan=payment_plan)
def test_shift_sums_equal_what_the_province_booked(
    world: tuple[EmbeddedServer, CounterSession], plan: list[tuple[int, str, bool]]
) -> None:
    server, sess = world
    from counter_app.devices.card_terminal import SimulatedCardTerminal

    shift = shifts.open_shift(sess, {10000: 1}).value
    with sess.cache.read() as conn:
        sub_id, account, customer = conn.exec_driver_sql(
            "SELECT id, account_id, customer_id FROM subscription WHERE status = 'active' "
            "ORDER BY id LIMIT 1"
        ).one()
    terminal = SimulatedCardTerminal("approve", delay_s=0)
    for amount, method, void in plan:
        done = payments.take_payment(
            sess,
            PaymentRequest(
                "topup",
                customer,
                account,
                amount,
                method,
                sub_id,
                tendered_fen=amount if method == "cash" else None,
            ),
            terminal,
        )
        if void:
            ok = approvals.obtain(sess, "H001-S01", SUPERVISOR_PASSWORD, "void", done.payment["id"])
            payments.void_payment(sess, done.payment["id"], "property test", ok)
    assert not push(sess.make_api(), sess.cache, force=True).offline
    fig = shifts.figures(sess, shift["id"])
    taken = sum(a for a, _, _ in plan)
    voided = sum(a for a, _, v in plan if v)
    assert sum(fig.totals_by_method.values()) == taken - voided
    with Session(server.app.state.engine) as s:
        booked = s.scalar(
            select(func.coalesce(func.sum(Payment.amount_fen), 0)).where(
                Payment.shift_id == shift["id"]
            )
        )
    assert booked == taken - voided
    cash_in = sum(a for a, m, _ in plan if m == "cash")
    cash_back = sum(a for a, m, v in plan if m == "cash" and v)
    assert fig.expected_cash_fen == 10000 + cash_in - cash_back
    report = shifts.close_shift(
        sess,
        {10000: 1},
        note="property test",
        approval=approvals.obtain(
            sess, "H001-S01", SUPERVISOR_PASSWORD, "shift_variance", shift["id"]
        )
        if abs(fig.expected_cash_fen - 10000) > 1000
        else None,
    ).value
    assert report.expected_cash_fen == fig.expected_cash_fen
    assert not push(sess.make_api(), sess.cache, force=True).offline
