"""What the paper says: as first printed on every preview and reprint, counts that agree
with their amounts on the shift report, and the hall's clock whatever the computer's."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from pypdf import PdfReader

from counter_app import approvals, payment_receipts, payments, shifts
from counter_app.domain import hall_time
from counter_app.payments import PaymentRequest
from counter_app.receipt_files import save_shift_report
from counter_app.session import CounterSession
from tests.support.servers import SUPERVISOR_PASSWORD
from tests.test_payments_flow import FLOAT, a_line, account_with_unpaid_bills


@pytest.fixture
def new_york() -> Iterator[None]:
    """The computer's clock set to another zone than the hall's."""
    old = os.environ.get("TZ")
    os.environ["TZ"] = "America/New_York"
    time.tzset()
    yield
    if old is None:
        os.environ.pop("TZ")
    else:
        os.environ["TZ"] = old
    time.tzset()


def test_a_void_slip_previews_and_reprints_with_its_approver(sess: CounterSession) -> None:
    shifts.open_shift(sess, FLOAT)
    sub_id, account, customer = a_line(sess)
    done = payments.take_payment(
        sess, PaymentRequest("topup", customer, account, 3000, "cash", sub_id, tendered_fen=3000)
    )
    approval = approvals.obtain(sess, "H001-S01", SUPERVISOR_PASSWORD, "void", done.payment["id"])
    slip = payments.void_payment(sess, done.payment["id"], "wrong number", approval).value
    with sess.cache.read() as conn:
        slip_id = conn.exec_driver_sql(
            "SELECT id FROM payment WHERE reverses_id = ?", (done.payment["id"],)
        ).scalar_one()
    looked = payment_receipts.preview(sess, slip_id)
    assert looked == slip and looked.approved_by == "H001-S01" and looked.reprint == 0
    assert payment_receipts.preview(sess, done.payment["id"]).reprint == 0  # not counted
    again = payment_receipts.reprint(sess, slip_id)
    assert again.reprint == 1 and again.approved_by == "H001-S01"
    original = payment_receipts.reprint(sess, done.payment["id"])
    assert original.reprint == 1 and original.voided  # the reprint says it was voided since
    assert original.balance_after_fen == done.receipt.balance_after_fen  # as it was printed


def test_the_shift_report_counts_only_what_stands_and_voids_apart(
    sess: CounterSession, tmp_path
) -> None:
    shifts.open_shift(sess, FLOAT)
    sub_id, account, customer = a_line(sess)
    topup = payments.take_payment(
        sess, PaymentRequest("topup", customer, account, 5000, "cash", sub_id, tendered_fen=5000)
    )
    bill_account, bill_customer, bills = account_with_unpaid_bills(sess)
    payments.take_payment(
        sess,
        PaymentRequest(
            "bill", bill_customer, bill_account, bills[0][2], "cash", tendered_fen=bills[0][2]
        ),
    )
    approval = approvals.obtain(sess, "H001-S01", SUPERVISOR_PASSWORD, "void", topup.payment["id"])
    payments.void_payment(sess, topup.payment["id"], "wrong number", approval)
    shift = payments.current_shift(sess)
    assert shift is not None
    fig = shifts.figures(sess, shift["id"])
    assert fig.counts_by_method == {"cash": 1} and fig.totals_by_method == {"cash": bills[0][2]}
    assert fig.totals_by_kind == {"bill": bills[0][2]}
    assert (fig.void_count, fig.void_total_fen) == (1, 5000)
    assert fig.expected_cash_fen == 26200 + bills[0][2]  # the top-up came in and went back
    from counter_app.sync.push import push

    push(sess.make_api(), sess.cache, force=True)
    report = shifts.close_shift(
        sess,
        {10000: 2, 1000: 5},
        "bill cash in the safe",
        approvals.obtain(sess, "H001-S01", SUPERVISOR_PASSWORD, "shift_variance", shift["id"])
        if bills[0][2] > 1000
        else None,
    ).value
    assert report.payment_count == 1
    path, _pdf = save_shift_report(report, tmp_path)
    text = "\n".join(page.extract_text() for page in PdfReader(path).pages)
    assert "作废 Voids" in text and "1 笔" in text


def test_times_are_on_the_hall_clock_whatever_the_computer_says(new_york: None) -> None:
    from ui.messages import local_time, set_hall_zone

    moment = datetime(2026, 12, 1, 20, 5, tzinfo=UTC).isoformat()
    set_hall_zone("Asia/Shanghai")
    assert local_time(moment, "%Y-%m-%d %H:%M") == "2026-12-02 04:05"  # not New York's 15:05
    set_hall_zone("Asia/Urumqi")
    try:
        assert local_time(moment, "%H:%M") == "02:05"
    finally:
        set_hall_zone(hall_time.DEFAULT_ZONE)
    assert hall_time.local_text(moment, "%H:%M") == "04:05"


def test_the_province_tells_the_hall_zone_at_sign_in(sess: CounterSession) -> None:
    assert sess.signed.time_zone == "Asia/Shanghai"
    receipt_zone = payment_receipts.counter_header(sess)["time_zone"]
    assert receipt_zone == "Asia/Shanghai"


def test_language_on_the_command_line_is_for_that_run_only(tmp_path) -> None:
    from counter_app.settings import AppPaths, Settings, load, save
    from ui.main import parse_args, settings_and_language

    paths = AppPaths.under(tmp_path)
    save(paths, Settings(language="zh_CN", hall_code="H001"))
    settings, language = settings_and_language(parse_args(["--language", "en"]), paths)
    assert language == "en" and settings.language == "zh_CN"
    save(paths, settings)  # what a sign-in does with the settings
    assert load(paths).language == "zh_CN"


def test_a_number_the_province_already_holds_is_not_given_back(sess: CounterSession) -> None:
    """A declined QR code gives its number back; one refused because the province holds
    that number already does not, or every later attempt would be refused the same way."""
    from counter_app.domain.validators import ValidationError
    from counter_app.sync.push import push
    from local_cache import journal

    shifts.open_shift(sess, FLOAT)
    sub_id, account, customer = a_line(sess)
    first = payments.take_payment(
        sess, PaymentRequest("topup", customer, account, 2000, "cash", sub_id, tendered_fen=2000)
    )
    assert push(sess.make_api(), sess.cache, force=True).accepted >= 1
    prefix = first.receipt.receipt_no.rsplit("-", 1)[0] + "-"
    qr = PaymentRequest(
        "topup", customer, account, 2000, "qr", sub_id, qr_code="101234567890120000"
    )
    with pytest.raises(payments.QrDeclined):
        payments.take_payment(sess, qr)
    with sess.cache.write() as conn:  # a counter that lost its numbering (both files lost)
        conn.exec_driver_sql("DELETE FROM payment")
        conn.exec_driver_sql("DELETE FROM journal.receipt_print")
        journal.set_floor(conn, prefix, 0)
    good_qr = PaymentRequest(
        "topup", customer, account, 2000, "qr", sub_id, qr_code="101234567890123456"
    )
    with pytest.raises(ValidationError) as refused:
        payments.take_payment(sess, good_qr)
    assert refused.value.field == "receipt_no"
    done = payments.take_payment(sess, good_qr)
    assert done.receipt.receipt_no == f"{prefix}000002"
