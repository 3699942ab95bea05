"""A clerk opening the 360° view of another hall's customer is on the record, at the
counter and then at the province; a customer of the clerk's own hall is not."""

from __future__ import annotations

import json

from sqlalchemy import select
from sqlalchemy.orm import Session

from counter_app import customers, storage
from counter_app.session import CounterSession
from counter_app.sync.push import push
from province_api.embedded import EmbeddedServer
from province_api.models import AuditEvent
from tests.test_audit_push import audit_entries, hall_of


def test_a_customer_of_another_hall_is_looked_at_on_the_record(
    sess: CounterSession, sqlite_province: EmbeddedServer
) -> None:
    own_hall = hall_of(sqlite_province, sess.signed.staff_id)
    with sess.cache.read() as conn:
        near, far = (
            conn.exec_driver_sql(
                f"SELECT id FROM customer WHERE home_hall_id {op} ? LIMIT 1", (own_hall,)
            ).scalar_one()
            for op in ("=", "<>")
        )
    for customer_id in (near, far):
        assert customers.open_view(sess.cache, customer_id, sess.signed.staff_id) is not None
    assert customers.load_view(sess.cache, far) is not None  # a reload is not a new look
    assert [e.body["events"][0]["entity_id"] for e in audit_entries(sess)] == [far]
    assert storage.waiting_for(sess.cache, sess.signed.staff_id) == 0  # no action to ask about
    assert storage.outbox_counts(sess.cache) == (0, 0)  # nor a banner to show
    assert [t["action"] for t in customers.audit_trail(sess.cache, far)] == [
        "customer_viewed_elsewhere"
    ]

    assert not push(sess.make_api(), sess.cache, force=True, staff_id=sess.signed.staff_id).offline
    with Session(sqlite_province.app.state.engine) as db:
        got = [
            json.loads(e.detail)
            for e in db.scalars(select(AuditEvent).where(AuditEvent.action == "counter_event"))
        ]
    assert [d["counter_action"] for d in got] == ["customer_viewed_elsewhere"]
