"""Payments end to end: the counter's write path against the real province on loopback."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from counter_app import approvals, auth, payment_receipts, payments, shifts
from counter_app.api_client import ApiClient
from counter_app.credentials import Credentials
from counter_app.devices.card_terminal import CardDeclined, CardTimeout, SimulatedCardTerminal
from counter_app.domain.validators import ValidationError
from counter_app.payments import PaymentRefused, PaymentRequest, QrDeclined
from counter_app.session import CounterSession
from counter_app.settings import Settings
from counter_app.sync.engine import SyncEngine
from counter_app.sync.push import push
from local_cache import outbox
from local_cache.db import Cache
from province_api.embedded import EmbeddedServer
from province_api.models import Account, Bill, Payment, Shift
from tests.support.servers import SUPERVISOR_PASSWORD

FLOAT = {10000: 2, 1000: 5, 100: 10, 50: 4}  # ¥200 + ¥50 + ¥10 + ¥2 = ¥262


def sync(sess: CounterSession) -> None:
    api = sess.make_api()
    result = push(api, sess.cache, force=True, staff_id=sess.signed.staff_id)  # as the app does
    assert not result.offline
    SyncEngine(api, sess.cache).pull()


def server(province: EmbeddedServer) -> Session:
    return Session(province.app.state.engine)


def account_with_unpaid_bills(sess: CounterSession, at_least: int = 1) -> tuple[str, str, list]:
    with sess.cache.read() as conn:
        row = conn.exec_driver_sql(
            "SELECT a.id, a.customer_id FROM account a JOIN bill b ON b.account_id = a.id "
            "WHERE b.status != 'paid' GROUP BY a.id HAVING count(*) >= ? LIMIT 1",
            (at_least,),
        ).one()
        bills = conn.exec_driver_sql(
            "SELECT id, period, amount_fen - paid_fen FROM bill WHERE account_id = ? "
            "AND status != 'paid' ORDER BY period",
            (row[0],),
        ).all()
    return row[0], row[1], [tuple(b) for b in bills]


def a_line(sess: CounterSession, status: str = "active") -> tuple[str, str, str]:
    with sess.cache.read() as conn:
        return tuple(
            conn.exec_driver_sql(
                "SELECT id, account_id, customer_id FROM subscription WHERE status = ? LIMIT 1",
                (status,),
            ).one()
        )


def test_no_cash_without_an_open_shift(sess: CounterSession) -> None:
    account, customer, _bills = account_with_unpaid_bills(sess)
    with pytest.raises(PaymentRefused, match="Open a shift"):
        payments.take_payment(
            sess, PaymentRequest("bill", customer, account, 100, "cash", tendered_fen=100)
        )


def test_partial_bill_payment_settles_oldest_first(
    sess: CounterSession, sqlite_province: EmbeddedServer
) -> None:
    shifts.open_shift(sess, FLOAT)
    account, customer, bills = account_with_unpaid_bills(sess, at_least=2)
    (oldest, _, owed_oldest), (second, _, owed_second) = bills[0], bills[1]
    amount = owed_oldest + 1  # all of the oldest and one fen of the next
    done = payments.take_payment(
        sess, PaymentRequest("bill", customer, account, amount, "cash", tendered_fen=amount + 1000)
    )
    assert done.state == "pending" and done.payment["change_fen"] == 1000
    assert done.owed_after_fen == sum(b[2] for b in bills) - amount
    assert [line.amount_fen for line in done.receipt.lines] == [owed_oldest, 1]
    assert done.receipt.receipt_no.startswith("H001-C01-")
    sync(sess)
    with server(sqlite_province) as s:
        assert s.get(Bill, oldest).status == "paid"
        assert s.get(Bill, second).status == "partial"
        assert s.get(Bill, second).paid_fen == s.get(Bill, second).amount_fen - owed_second + 1
        booked = s.get(Payment, done.payment["id"])
        assert booked is not None and booked.amount_fen == amount
    with sess.cache.read() as conn:
        state = conn.exec_driver_sql(
            "SELECT sync_state, version FROM payment WHERE id = ?", (done.payment["id"],)
        ).one()
    assert tuple(state) == ("accepted", 1)


def test_top_up_and_refusals(sess: CounterSession, sqlite_province: EmbeddedServer) -> None:
    shifts.open_shift(sess, FLOAT)
    sub_id, account, customer = a_line(sess)
    with server(sqlite_province) as s:
        before = s.get(Account, account).balance_fen
    done = payments.take_payment(
        sess, PaymentRequest("topup", customer, account, 5000, "cash", sub_id, tendered_fen=10000)
    )
    assert done.receipt.change_fen == 5000
    sync(sess)
    with server(sqlite_province) as s:
        assert s.get(Account, account).balance_fen == before + 5000
    cancelled = a_line(sess, "cancelled")
    with pytest.raises(PaymentRefused, match="cancelled"):
        payments.take_payment(
            sess,
            PaymentRequest(
                "topup", cancelled[2], cancelled[1], 5000, "cash", cancelled[0], tendered_fen=5000
            ),
        )
    with pytest.raises(ValidationError) as short:
        payments.take_payment(
            sess,
            PaymentRequest("topup", customer, account, 5000, "cash", sub_id, tendered_fen=4999),
        )
    assert short.value.field == "tendered_fen"
    with pytest.raises(PaymentRefused, match="not known"):
        payments.take_payment(
            sess,
            PaymentRequest(
                "topup", customer, account, 5000, "cash", "no-such-line", tendered_fen=5000
            ),
        )


def test_card_decline_and_timeout_leave_no_payment(sess: CounterSession) -> None:
    shifts.open_shift(sess, FLOAT)
    sub_id, account, customer = a_line(sess)
    req = PaymentRequest("topup", customer, account, 3000, "card", sub_id)
    for mode, error in (("decline", CardDeclined), ("timeout", CardTimeout)):
        with pytest.raises(error):
            payments.take_payment(sess, req, SimulatedCardTerminal(mode, delay_s=0))
    with sess.cache.read() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM payment").scalar_one() == 0
    # Nothing to book; each charge not taken is audited (for the province's audit log).
    assert [e.kind for e in outbox.entries(sess.cache)] == ["shift_open", "audit", "audit"]
    done = payments.take_payment(sess, req, SimulatedCardTerminal("approve", delay_s=0))
    assert done.receipt.card_ref and "AUTH" in done.receipt.card_ref
    assert done.receipt.receipt_no.endswith("000001")  # declines used no receipt number


def test_qr_is_authorised_by_the_province(
    sess: CounterSession, sqlite_province: EmbeddedServer
) -> None:
    shifts.open_shift(sess, FLOAT)
    push(sess.make_api(), sess.cache, force=True)  # the province must know the shift
    sub_id, account, customer = a_line(sess)
    done = payments.take_payment(
        sess,
        PaymentRequest(
            "topup", customer, account, 2000, "qr", sub_id, qr_code="281234567890123456"
        ),
    )
    assert done.state == "accepted" and done.payment["version"] == 1
    with pytest.raises(QrDeclined, match="declined"):
        payments.take_payment(
            sess,
            PaymentRequest(
                "topup", customer, account, 2000, "qr", sub_id, qr_code="281234567890120000"
            ),
        )
    with pytest.raises(ValidationError) as bad:
        payments.take_payment(
            sess, PaymentRequest("topup", customer, account, 2000, "qr", sub_id, qr_code="12")
        )
    assert bad.value.field == "qr_code"
    with server(sqlite_province) as s:
        assert s.scalar(select(func.count()).select_from(Payment)) == 1


def test_a_resend_after_a_lost_answer_is_booked_once(
    sess: CounterSession, sqlite_province: EmbeddedServer
) -> None:
    shifts.open_shift(sess, FLOAT)
    sub_id, account, customer = a_line(sess)
    payments.take_payment(
        sess, PaymentRequest("topup", customer, account, 1000, "cash", sub_id, tendered_fen=1000)
    )
    api = sess.make_api()
    for entry in outbox.entries(sess.cache):  # sent, but the answers never came back
        api.post_json(entry.path, entry.body, idempotency_key=entry.idempotency_key)
    result = push(api, sess.cache, force=True)  # so the counter sends them again
    assert result.accepted == 2 and result.rejected == 0
    with server(sqlite_province) as s:
        assert s.scalar(select(func.count()).select_from(Payment)) == 1
        assert s.scalar(select(func.count()).select_from(Shift)) == 1


def test_a_refused_payment_is_kept_and_undone_locally(
    sess: CounterSession, sqlite_province: EmbeddedServer
) -> None:
    shift = shifts.open_shift(sess, FLOAT).value
    push(sess.make_api(), sess.cache, force=True)
    account, customer, bills = account_with_unpaid_bills(sess)
    done = payments.take_payment(
        sess,
        PaymentRequest("bill", customer, account, bills[0][2], "cash", tendered_fen=bills[0][2]),
    )
    with server(sqlite_province) as s, s.begin():  # meanwhile the shift closed centrally
        s.execute(update(Shift).where(Shift.id == shift["id"]).values(status="closed"))
    result = push(sess.make_api(), sess.cache, force=True)
    assert result.rejected == 1
    rejected = outbox.entries(sess.cache, ("rejected",))
    assert rejected[0].entity_id == done.payment["id"]
    assert "closed" in (rejected[0].last_error or "")
    with sess.cache.read() as conn:
        assert (
            conn.exec_driver_sql(
                "SELECT status FROM bill WHERE id = ?", (bills[0][0],)
            ).scalar_one()
            != "paid"
        )
        assert (
            conn.exec_driver_sql(
                "SELECT sync_state FROM payment WHERE id = ?", (done.payment["id"],)
            ).scalar_one()
            == "rejected"
        )


def test_void_with_a_supervisor_then_close_with_a_variance(
    sess: CounterSession, sqlite_province: EmbeddedServer
) -> None:
    shift = shifts.open_shift(sess, FLOAT).value
    account, customer, bills = account_with_unpaid_bills(sess)
    paid = payments.take_payment(
        sess,
        PaymentRequest("bill", customer, account, bills[0][2], "cash", tendered_fen=bills[0][2]),
    )
    sub_id, t_account, t_customer = a_line(sess)
    kept = payments.take_payment(
        sess,
        PaymentRequest("topup", t_customer, t_account, 3000, "cash", sub_id, tendered_fen=3000),
    )
    with pytest.raises(approvals.ApprovalRefused):
        approvals.obtain(sess, "H001-S01", "wrong", "void", paid.payment["id"])
    with pytest.raises(approvals.ApprovalRefused):
        approvals.obtain(sess, "H001-C02", "demo", "void", paid.payment["id"])  # not a supervisor
    approval = approvals.obtain(sess, "H001-S01", SUPERVISOR_PASSWORD, "void", paid.payment["id"])
    assert approval.method == "online"
    slip = payments.void_payment(sess, paid.payment["id"], "customer changed mind", approval).value
    assert slip.void_of == paid.receipt.receipt_no and slip.approved_by == "H001-S01"

    with pytest.raises(shifts.ShiftNotSettled) as waiting:
        shifts.close_shift(sess, {10000: 2})
    assert {w["kind"] for w in waiting.value.waiting} >= {"payment", "void"}
    sync(sess)
    with server(sqlite_province) as s:
        assert s.get(Payment, paid.payment["id"]).status == "voided"
        assert s.get(Bill, bills[0][0]).status != "paid"
    fig = shifts.figures(sess, shift["id"])
    assert fig.expected_cash_fen == 26200 + 3000  # the voided cash went back out
    assert fig.void_count == 1

    counted = {10000: 2, 1000: 8}  # ¥280: ¥12 short of ¥292
    with pytest.raises(ValidationError) as no_note:
        shifts.close_shift(sess, counted)
    assert no_note.value.field == "note"
    with pytest.raises(shifts.ApprovalNeeded):
        shifts.close_shift(sess, counted, note="a note fell behind the drawer")
    sup = approvals.obtain(sess, "H001-S01", SUPERVISOR_PASSWORD, "shift_variance", shift["id"])
    report = shifts.close_shift(
        sess, counted, note="a note fell behind the drawer", approval=sup
    ).value
    assert report.variance_fen == -1200 and report.approved_by == "H001-S01"
    assert report.totals_by_method["cash"] == kept.payment["amount_fen"]
    sync(sess)
    with server(sqlite_province) as s:
        closed = s.get(Shift, shift["id"])
        assert closed.status == "closed" and closed.variance_fen == -1200
        assert closed.approved_by is not None
    assert outbox.count(sess.cache) == 0


def test_offline_void_is_approved_against_the_offline_verifier(
    sess: CounterSession, sqlite_province: EmbeddedServer
) -> None:
    shifts.open_shift(sess, FLOAT)
    sub_id, account, customer = a_line(sess)
    paid = payments.take_payment(
        sess, PaymentRequest("topup", customer, account, 3000, "cash", sub_id, tendered_fen=3000)
    )
    sqlite_province.stop()  # the link goes down
    with pytest.raises(approvals.ApprovalRefused):
        approvals.obtain(sess, "H001-S01", "wrong", "void", paid.payment["id"])
    approval = approvals.obtain(sess, "H001-S01", SUPERVISOR_PASSWORD, "void", paid.payment["id"])
    assert approval.method == "offline"
    payments.void_payment(sess, paid.payment["id"], "wrong number", approval)
    assert push(sess.make_api(), sess.cache, force=True).offline
    sqlite_province.start()  # and comes back: everything goes through, in order
    result = push(sess.make_api(), sess.cache, force=True)
    assert (result.accepted, result.rejected) == (3, 0)
    with server(sqlite_province) as s:
        assert s.get(Payment, paid.payment["id"]).status == "voided"


def test_reprint_is_marked(sess: CounterSession) -> None:
    shifts.open_shift(sess, FLOAT)
    sub_id, account, customer = a_line(sess)
    done = payments.take_payment(
        sess, PaymentRequest("topup", customer, account, 3000, "cash", sub_id, tendered_fen=3000)
    )
    assert done.receipt.reprint == 0
    assert payment_receipts.reprint(sess, done.payment["id"]).reprint == 1
    assert payment_receipts.reprint(sess, done.payment["id"]).reprint == 2


def test_qr_without_the_province(
    sess: CounterSession, sqlite_province: EmbeddedServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Never reached: refused, nothing kept. Reached but the answer lost: queued under the
    same key, no receipt until the province confirms, booked once."""
    from counter_app import api_client

    shifts.open_shift(sess, FLOAT)
    push(sess.make_api(), sess.cache, force=True)
    sub_id, account, customer = a_line(sess)
    req = PaymentRequest(
        "topup", customer, account, 2000, "qr", sub_id, qr_code="101234567890123456"
    )
    sqlite_province.stop()
    with pytest.raises(PaymentRefused, match="link to the province"):
        payments.take_payment(sess, req)
    with sess.cache.read() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM payment").scalar_one() == 0
    sqlite_province.start()

    real = api_client.ApiClient.request

    def answer_lost(self, method, path, **kw):  # type: ignore[no-untyped-def]
        response = real(self, method, path, **kw)  # the province books it...
        if path == "/payments":
            raise api_client.OfflineError("read timed out")  # ...and the answer is lost
        return response

    with monkeypatch.context() as lossy_link:
        lossy_link.setattr(api_client.ApiClient, "request", answer_lost)
        done = payments.take_payment(sess, req)
    assert done.state == "unconfirmed"
    with sess.cache.read() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM receipt_print").scalar_one() == 0
    # The payment, and the audit of the charge never sent while the province was down.
    assert push(sess.make_api(), sess.cache, force=True).accepted == 2
    with server(sqlite_province) as s:
        assert s.scalar(select(func.count()).select_from(Payment)) == 1
    assert payment_receipts.reprint(sess, done.payment["id"]).reprint == 0  # its first print


def test_a_refusal_after_the_province_moved_on_undoes_nothing_twice(
    sess: CounterSession, sqlite_province: EmbeddedServer
) -> None:
    """Someone else paid the bill meanwhile: the pull brings it, then our payment is
    refused. The cache must show the province's bill, not undo our amount from it."""
    shifts.open_shift(sess, FLOAT)
    push(sess.make_api(), sess.cache, force=True)
    account, customer, bills = account_with_unpaid_bills(sess)
    bill_id, _, owed = bills[0]
    payments.take_payment(
        sess, PaymentRequest("bill", customer, account, owed, "cash", tendered_fen=owed)
    )
    with server(sqlite_province) as s, s.begin():  # paid elsewhere, centrally
        bill = s.get(Bill, bill_id)
        for other in s.scalars(select(Bill).where(Bill.account_id == account)):
            other.paid_fen, other.status = other.amount_fen, "paid"
            other.version += 1
        from province_api import changes

        changes.record_objects(
            s, "bill", list(s.scalars(select(Bill).where(Bill.account_id == account)))
        )
        assert bill.status == "paid"
    SyncEngine(sess.make_api(), sess.cache).pull()  # the province's bill arrives first
    assert push(sess.make_api(), sess.cache, force=True).rejected == 1  # nothing owed now
    with sess.cache.read() as conn:
        row = conn.exec_driver_sql(
            "SELECT status, paid_fen, amount_fen FROM bill WHERE id = ?", (bill_id,)
        ).one()
    assert row.status == "paid" and row.paid_fen == row.amount_fen


def test_two_pushes_at_once_settle_each_entry_once(
    sess: CounterSession, sqlite_province: EmbeddedServer
) -> None:
    from concurrent.futures import ThreadPoolExecutor

    shift = shifts.open_shift(sess, FLOAT).value
    push(sess.make_api(), sess.cache, force=True)
    sub_id, account, customer = a_line(sess)
    with sess.cache.read() as conn:
        before = conn.exec_driver_sql(
            "SELECT balance_fen FROM account WHERE id = ?", (account,)
        ).scalar_one()
    payments.take_payment(
        sess, PaymentRequest("topup", customer, account, 5000, "cash", sub_id, tendered_fen=5000)
    )
    with server(sqlite_province) as s, s.begin():  # the province will refuse it
        s.execute(update(Shift).where(Shift.id == shift["id"]).values(status="closed"))
    with ThreadPoolExecutor(2) as pool:
        results = list(pool.map(lambda _: push(sess.make_api(), sess.cache, force=True), range(2)))
    assert sum(r.rejected for r in results) >= 1
    with sess.cache.read() as conn:
        after = conn.exec_driver_sql(
            "SELECT balance_fen FROM account WHERE id = ?", (account,)
        ).scalar_one()
    assert after == before  # undone once, not twice
    assert len(outbox.entries(sess.cache, ("rejected",))) == 1


def test_a_rebuilt_cache_numbers_on_from_the_province(
    sess: CounterSession, sqlite_province: EmbeddedServer, tmp_path: Path
) -> None:
    shifts.open_shift(sess, FLOAT)
    sub_id, account, customer = a_line(sess)
    req = PaymentRequest("topup", customer, account, 1000, "cash", sub_id, tendered_fen=1000)
    for _ in range(3):
        last = payments.take_payment(sess, req).receipt.receipt_no
    sync(sess)
    assert last.endswith("000003")

    fresh_cache = Cache(tmp_path / "rebuilt.db")  # the counter's cache is lost...
    creds = Credentials()
    signed = auth.sign_in(creds, sqlite_province.url, "H001", "C01", "H001-C01", "demo")
    assert signed.receipt_seq == 3
    token = creds.get(signed.token_key)
    again = CounterSession(
        fresh_cache, signed, Settings(), lambda: ApiClient(sqlite_province.url, token)
    )
    payments.note_receipt_floor(again)
    with fresh_cache.write() as conn:  # ...and it is offline before its first bootstrap
        from local_cache.payments_store import next_receipt_no

        assert next_receipt_no(conn, "H001", "C01") == "H001-C01-000004"
    fresh_cache.close()


def test_each_clerks_actions_go_under_their_own_sign_in(
    sess: CounterSession, sqlite_province: EmbeddedServer
) -> None:
    shifts.open_shift(sess, FLOAT)  # clerk A, not yet sent
    sub_id, account, customer = a_line(sess)
    payments.take_payment(
        sess, PaymentRequest("topup", customer, account, 1000, "cash", sub_id, tendered_fen=1000)
    )
    creds = Credentials()  # clerk B signs in on the same counter
    other = auth.sign_in(creds, sqlite_province.url, "H001", "C01", "H001-C02", "demo")
    as_b = ApiClient(sqlite_province.url, creds.get(other.token_key))
    result = push(as_b, sess.cache, force=True, staff_id=other.staff_id)
    assert (result.accepted, result.rejected) == (0, 0)
    assert outbox.count_for(sess.cache, sess.signed.staff_id) == 2  # A's wait for A
    result = push(sess.make_api(), sess.cache, force=True, staff_id=sess.signed.staff_id)
    assert (result.accepted, result.rejected) == (2, 0)
