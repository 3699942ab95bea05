"""Faults on a real socket between the counter and the province (issue 10, point 8): an
entry the province fails on every time among a hundred, the link cut before a request and
after the province committed but before its answer came back."""

from __future__ import annotations

from counter_app import payments, shifts
from counter_app.api_client import ApiClient
from counter_app.payments import PaymentRequest
from counter_app.session import CounterSession
from counter_app.sync.engine import SyncEngine
from counter_app.sync.push import push
from counter_app.sync_issues import refused
from local_cache import outbox
from province_api.embedded import EmbeddedServer
from tests.support.fault_proxy import FaultProxy
from tests.test_crash_journal import booked
from tests.test_payments_flow import FLOAT


def lines_of_distinct_customers(sess: CounterSession, n: int) -> list[tuple[str, str, str]]:
    with sess.cache.read() as conn:
        rows = conn.exec_driver_sql(
            "SELECT min(id), account_id, customer_id FROM subscription WHERE status = 'active' "
            "GROUP BY customer_id ORDER BY customer_id LIMIT ?",
            (n,),
        ).all()
    assert len(rows) == n
    return [tuple(r) for r in rows]


def queue_cash(sess: CounterSession, n: int) -> list[str]:
    receipts = []
    for i, (line, account, customer) in enumerate(lines_of_distinct_customers(sess, n)):
        req = PaymentRequest("topup", customer, account, 1000 + i, "cash", line, 5000)
        receipts.append(payments.take_payment(sess, req).payment["receipt_no"])
    return receipts


def line_status(province: EmbeddedServer, line: str, status: str) -> None:
    """A line's status changed at the province (cancelled meanwhile, reopened)."""
    from sqlalchemy import update

    from province_api.models import Subscription
    from tests.test_payments_flow import server

    with server(province) as s:
        s.execute(update(Subscription).where(Subscription.id == line).values(status=status))
        s.commit()


def through(proxy: FaultProxy, sess: CounterSession) -> ApiClient:
    token = sess.make_api().token
    return ApiClient(proxy.url, token)


def test_a_poisoned_entry_among_a_hundred_holds_no_one_else_and_the_pull_goes_on(
    sess: CounterSession, sqlite_province: EmbeddedServer
) -> None:
    shifts.open_shift(sess, FLOAT)
    receipts = queue_cash(sess, 100)
    poisoned = receipts[4]
    with FaultProxy("127.0.0.1", sqlite_province.port) as proxy:
        proxy.poison = lambda body: poisoned.encode() in body
        api = through(proxy, sess)
        result = push(api, sess.cache, force=True)
        assert not result.offline and result.accepted == 100  # the shift and 99 payments
        assert result.waiting == 1 and proxy.poisoned == 1
        assert sorted(p.receipt_no for p in booked(sqlite_province)) == sorted(
            set(receipts) - {poisoned}
        )
        for _ in range(outbox.ATTENTION_AFTER - 1):
            push(api, sess.cache, force=True)
        [stuck] = outbox.needing_attention(sess.cache)
        assert stuck.body["receipt_no"] == poisoned and "500" in (stuck.last_error or "")
        issues = refused(sess.cache)
        assert [i.receipt_no for i in issues if i.needs_attention] == [poisoned]
        SyncEngine(api, sess.cache).pull()  # the pull is not held up by it

        proxy.poison = lambda _body: False  # the province mended: it goes through, once
        push(api, sess.cache, force=True)
    assert outbox.count(sess.cache) == 0
    assert sorted(p.receipt_no for p in booked(sqlite_province)) == sorted(receipts)


def test_the_link_cut_before_a_request_and_before_the_answer(
    sess: CounterSession, sqlite_province: EmbeddedServer
) -> None:
    shifts.open_shift(sess, FLOAT)
    receipts = queue_cash(sess, 3)
    with FaultProxy("127.0.0.1", sqlite_province.port) as proxy:
        api = through(proxy, sess)
        proxy.cut = True
        assert push(api, sess.cache, force=True).offline
        assert booked(sqlite_province) == []

        # The province books the first payment, the answer never arrives.
        proxy.cut = False
        seen = []

        def cut_after_first(body: bytes) -> bool:
            seen.append(body)
            if receipts[0].encode() in body:
                proxy.cut = True  # the request goes through; the answer is lost
            return False

        proxy.poison = cut_after_first
        result = push(api, sess.cache, force=True)
        assert result.offline
        assert [p.receipt_no for p in booked(sqlite_province)] == [receipts[0]]
        assert outbox.count(sess.cache) == 3  # still pending: the outcome is unknown

        proxy.cut, proxy.poison = False, lambda _body: False
        push(api, sess.cache, force=True)  # sent again under the same keys: booked once
    assert outbox.count(sess.cache) == 0
    assert sorted(p.receipt_no for p in booked(sqlite_province)) == sorted(receipts)


def test_an_answer_cut_half_way_and_a_refused_entry_between_two_good_ones(
    sess: CounterSession, sqlite_province: EmbeddedServer
) -> None:
    shifts.open_shift(sess, FLOAT)
    (l1, a1, c1), (l2, a2, c2) = lines_of_distinct_customers(sess, 2)
    receipts = []
    for line, account, customer in ((l1, a1, c1), (l2, a2, c2), (l1, a1, c1)):
        req = PaymentRequest("topup", customer, account, 1000, "cash", line, 1000)
        receipts.append(payments.take_payment(sess, req).payment["receipt_no"])
    line_status(sqlite_province, l2, "cancelled")  # the second one will be refused (4xx)
    with FaultProxy("127.0.0.1", sqlite_province.port) as proxy:
        api = through(proxy, sess)
        proxy.truncate = True  # every answer arrives cut: the outcome is unknown
        assert push(api, sess.cache, force=True).offline
        proxy.truncate = False
        result = push(api, sess.cache, force=True)  # resent under the same keys
    assert result.rejected == 1 and result.waiting == 0
    at_province = sorted(p.receipt_no for p in booked(sqlite_province))
    assert at_province == sorted([receipts[0], receipts[2]])  # once each; the refused one kept
    [refused_one] = outbox.entries(sess.cache, ("rejected",))
    assert refused_one.body["receipt_no"] == receipts[1]


def test_a_province_failing_on_everything_is_an_outage_not_a_hundred_bad_entries(
    sess: CounterSession, sqlite_province: EmbeddedServer
) -> None:
    shifts.open_shift(sess, FLOAT)
    push(sess.make_api(), sess.cache, force=True)  # the shift is open at the province
    queue_cash(sess, 10)
    with FaultProxy("127.0.0.1", sqlite_province.port) as proxy:
        proxy.poison = lambda _body: True  # a gateway answering 503 for a province down
        result = push(through(proxy, sess), sess.cache, force=True)
        assert result.offline and proxy.poisoned == 3  # it stopped asking
    assert outbox.needing_attention(sess.cache) == []
