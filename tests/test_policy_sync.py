"""The province's policy reaches the counter in the feed and is what the counter enforces:
a top-up limit lowered at the province refuses a top-up at the counter after its next pull,
and the screens' copy follows (a clerk has no setting for it)."""

from __future__ import annotations

import pytest

from counter_app import policy, shifts
from counter_app.domain.policy import Policy
from counter_app.domain.validators import ValidationError
from counter_app.payments import PaymentRequest, take_payment
from counter_app.session import CounterSession
from counter_app.settings import Settings
from province_api import policy as province_policy
from province_api.embedded import EmbeddedServer
from tests.test_payments_flow import FLOAT, a_line, server, sync


def test_the_provinces_top_up_limit_is_the_counters(
    sess: CounterSession, sqlite_province: EmbeddedServer
) -> None:
    assert policy.load(sess.cache) == Policy()  # the province's row, pulled at bootstrap
    assert not hasattr(Settings(), "topup_max_fen")
    shifts.open_shift(sess, FLOAT)
    sub_id, account, customer = a_line(sess)
    with server(sqlite_province) as s:
        province_policy.put(s, Policy(topup_max_fen=3000, variance_approval_fen=500))
        s.commit()
    sync(sess)
    assert policy.load(sess.cache).topup_max_fen == 3000
    assert sess.policy.refresh(sess.cache).variance_approval_fen == 500
    assert sess.policy.current.variance_approval_fen == 500
    with pytest.raises(ValidationError) as refused:
        take_payment(
            sess,
            PaymentRequest("topup", customer, account, 5000, "cash", sub_id, tendered_fen=5000),
        )
    assert refused.value.field == "amount_fen"
    done = take_payment(
        sess, PaymentRequest("topup", customer, account, 3000, "cash", sub_id, tendered_fen=3000)
    )
    assert done.receipt.receipt_no
