"""Working offline within the province's policy (issue 10, point 3), the same rules at both
ends: cash goes on; card and QR wait for the link; a top-up above the offline limit needs a
supervisor on the spot, and the province holds the counter to that; a receipt printed
offline says it is provisional."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import select

from counter_app import approvals, payments, shifts
from counter_app.payments import ApprovalNeeded, PaymentRefused, PaymentRequest
from counter_app.receipts.pdf import receipt_pdf
from counter_app.session import CounterSession
from counter_app.sync.push import push
from province_api.embedded import EmbeddedServer
from province_api.models import Payment
from tests.support.servers import SUPERVISOR_PASSWORD
from tests.test_payments_flow import FLOAT, a_line, server
from tests.test_server_api import assert_problem, token
from tests.test_server_payments import a_topup, open_shift, post


def pdf_text(pdf: bytes) -> str:
    import io

    from pypdf import PdfReader

    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def test_offline_cash_goes_on_card_and_qr_wait_and_a_large_top_up_is_approved(
    sess: CounterSession, sqlite_province: EmbeddedServer
) -> None:
    shifts.open_shift(sess, FLOAT)
    push(sess.make_api(), sess.cache, force=True)
    sqlite_province.stop()
    sess.link.set(False)  # as the sync thread finds it
    line, account, customer = a_line(sess)
    limit = sess.policy.current.offline_topup_max_fen
    for method in ("card", "qr"):
        req = PaymentRequest("topup", customer, account, 1000, method, line, qr_code="1" * 18)
        with pytest.raises(PaymentRefused, match="need the link"):
            payments.take_payment(sess, req)

    small = payments.take_payment(
        sess, PaymentRequest("topup", customer, account, limit, "cash", line, limit)
    )
    assert small.receipt.offline  # printed offline: provisional
    assert "PROVISIONAL" in pdf_text(receipt_pdf(small.receipt))

    big = PaymentRequest("topup", customer, account, limit + 100, "cash", line, limit + 100)
    with pytest.raises(ApprovalNeeded):
        payments.take_payment(sess, big)
    payment_id = str(uuid.uuid4())
    approval = approvals.obtain(sess, "H001-S01", SUPERVISOR_PASSWORD, "offline_topup", payment_id)
    assert approval.proof  # made offline, from the supervisor's verifier
    done = payments.take_payment(sess, big, approval=approval, payment_id=payment_id)
    assert done.payment["id"] == payment_id

    sqlite_province.start()
    sess.link.set(True)
    result = push(sess.make_api(), sess.cache, force=True)
    assert result.rejected == 0 and result.waiting == 0
    with server(sqlite_province) as s:
        booked = s.get(Payment, payment_id)
        assert booked is not None and booked.approved_by is not None
        assert s.scalar(select(Payment).where(Payment.id == small.payment["id"])) is not None


def test_the_province_refuses_an_offline_top_up_above_the_limit_without_approval(
    sqlite_province: EmbeddedServer,
) -> None:
    province = sqlite_province  # a private database: the clerk's shift is theirs alone
    tok = token(province, "H002-C02", "H002")
    shift_id = open_shift(province, tok)
    body = a_topup(province, tok, shift_id)
    body |= {"amount_fen": 50_000, "tendered_fen": 50_000, "offline": True}
    assert_problem(post(province, tok, "/payments", body, str(uuid.uuid4())), 428)
    small = {**body, "amount_fen": 10_000, "tendered_fen": 10_000}
    assert post(province, tok, "/payments", small, str(uuid.uuid4())).status_code == 201
