"""Sign-in as an attacker would try it: guessing passwords (throttled, then locked), a token
kept after sign-out, another clerk's idempotency key, records kept for ever, and an audit
row changed behind the log's back."""

from __future__ import annotations

import subprocess
import sys
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import requests
from sqlalchemy import select, text, update
from sqlalchemy.orm import Session

from counter_app.domain.policy import Policy
from province_api import audit, policy, purge
from province_api.embedded import EmbeddedServer
from province_api.models import (
    Approval,
    AuditEvent,
    IdempotencyRecord,
    SignInGuard,
    Staff,
)
from province_api.models import Session as AuthSession
from tests.support.servers import PASSWORD, SUPERVISOR_PASSWORD
from tests.test_server_api import API, assert_problem, login, token
from tests.test_server_payments import a_topup, open_shift, post

ROOT = Path(__file__).resolve().parents[1]


def _me(server: EmbeddedServer, tok: str) -> int:
    headers = {"Authorization": f"Bearer {tok}"}
    return requests.get(f"{server.url}{API}/auth/me", headers=headers, timeout=10).status_code


def test_the_61st_guess_is_refused_with_429(sqlite_province: EmbeddedServer) -> None:
    codes = [
        login(sqlite_province, "H001-S01", "H001", f"guess-{i}").status_code for i in range(60)
    ]
    assert codes[0] == 401 and set(codes) == {401, 429} and codes.count(401) <= 8
    right = login(sqlite_province, "H001-S01", "H001", SUPERVISOR_PASSWORD)
    body = assert_problem(right, 429)
    assert body["type"].endswith("too-many-tries") and int(right.headers["Retry-After"]) >= 1

    # The same through a clerk's approval screen.
    clerk = token(sqlite_province, "H001-C01", "H001")
    asked = {"action": "void", "target_id": str(uuid.uuid4())}
    codes = [
        post(
            sqlite_province,
            clerk,
            "/auth/approvals",
            {**asked, "staff_no": "H001-S01", "password": "x"},
        ).status_code
        for _ in range(3)
    ]
    assert codes == [429, 429, 429]  # the supervisor's staff number waits, whichever door


def test_unknown_and_known_staff_numbers_are_throttled_alike(
    sqlite_province: EmbeddedServer,
) -> None:
    def answers(staff_no: str) -> list[tuple[int, str]]:
        out = []
        for i in range(6):
            r = login(sqlite_province, staff_no, "H001", f"nope-{i}")
            out.append((r.status_code, r.json()["type"].rsplit("/", 1)[-1]))
        return out

    assert answers("H001-C02") == answers("H009-C99")


def test_a_staff_number_is_locked_until_a_supervisor_lifts_it(
    sqlite_province: EmbeddedServer,
) -> None:
    engine = sqlite_province.app.state.engine
    with Session(engine) as db:
        policy.put(db, Policy(lockout_after_failures=4))
        db.commit()
    for i in range(4):
        assert login(sqlite_province, "H001-C02", "H001", f"wrong-{i}").status_code == 401
        with engine.begin() as conn:  # as if the clerk had waited out each delay
            conn.execute(
                update(SignInGuard).values(last_failure_at=datetime.now(UTC) - timedelta(hours=1))
            )
    locked = login(sqlite_province, "H001-C02", "H001", PASSWORD)
    assert assert_problem(locked, 429)["type"].endswith("locked-out")

    clerk = token(sqlite_province, "H001-C01", "H001")
    unlock = "/staff/H001-C02/unlock"
    assert_problem(post(sqlite_province, clerk, unlock, {}), 403)
    boss = token(sqlite_province, "H001-S01", "H001")
    lifted = post(sqlite_province, boss, unlock, {})
    assert lifted.status_code == 200 and lifted.json()["was_locked"]
    assert login(sqlite_province, "H001-C02", "H001", PASSWORD).status_code == 200

    with Session(engine) as db:
        actions = list(
            db.scalars(select(AuditEvent.action).order_by(AuditEvent.chain, AuditEvent.n))
        )
    assert actions.count("sign_in_failed") == 4
    assert "locked_out" in actions and "lock_lifted" in actions
    assert audit.verify(engine) == (len(actions), [])


def test_sign_out_and_revocation_end_tokens(province: EmbeddedServer) -> None:
    first = token(province, "H002-C01", "H002")
    assert _me(province, first) == 200
    gone = requests.post(
        f"{province.url}{API}/auth/logout", headers={"Authorization": f"Bearer {first}"}, timeout=10
    )
    assert gone.status_code == 204
    assert _me(province, first) == 401

    at_two = [token(province, "H002-C02", "H002") for _ in range(2)]
    clerk_tries = post(province, at_two[0], "/staff/H002-C02/revoke-sessions", {})
    assert_problem(clerk_tries, 403)
    admin = token(province, "ADMIN", "H001")
    ended = post(province, admin, "/staff/H002-C02/revoke-sessions", {})
    assert ended.status_code == 200 and ended.json()["sessions_revoked"] >= 2
    assert [_me(province, t) for t in at_two] == [401, 401]


def test_another_clerks_idempotency_key_is_a_new_key(sqlite_province: EmbeddedServer) -> None:
    first = token(sqlite_province, "H001-C01", "H001")
    shift = open_shift(sqlite_province, first)
    body = a_topup(sqlite_province, first, shift)
    key = str(uuid.uuid4())
    assert post(sqlite_province, first, "/payments", body, key).status_code == 201

    other = token(sqlite_province, "H001-C02", "H001")
    replayed = post(sqlite_province, other, "/payments", body, key)
    assert "Idempotency-Replayed" not in replayed.headers
    assert replayed.status_code >= 400  # judged afresh: the first clerk's shift is not theirs
    assert body["receipt_no"] not in replayed.text or replayed.status_code == 409
    # The second clerk's answer is their own: the same key and body again gives it back.
    again = post(sqlite_province, other, "/payments", body, key)
    assert again.headers.get("Idempotency-Replayed") == "true"
    assert again.json() == replayed.json()
    with Session(sqlite_province.app.state.engine) as db:
        assert (
            len(db.scalars(select(IdempotencyRecord).where(IdempotencyRecord.key == key)).all())
            == 2
        )


def test_ended_sessions_old_keys_and_cold_counts_are_purged(
    sqlite_province: EmbeddedServer,
) -> None:
    engine = sqlite_province.app.state.engine
    live = token(sqlite_province, "H001-C01", "H001")
    long_ago = datetime.now(UTC) - timedelta(days=60)
    with Session(engine) as db:
        staff = db.scalar(select(Staff).where(Staff.staff_no == "H001-C01"))
        assert staff is not None
        db.add(
            AuthSession(
                token_hash="0" * 64,
                staff_id=staff.id,
                hall_id=staff.hall_id,
                counter_id="C01",
                expires_at=long_ago,
            )
        )
        db.add(
            Approval(
                token_hash="1" * 64,
                supervisor_id=staff.id,
                hall_id=staff.hall_id,
                action="void",
                target_id=str(uuid.uuid4()),
                expires_at=long_ago,
            )
        )
        db.add(
            IdempotencyRecord(
                staff_id=staff.id,
                key="old",
                method="POST",
                path="/payments",
                body_hash="2" * 64,
                status=201,
                response="{}",
                created_at=long_ago,
            )
        )
        db.add(
            SignInGuard(
                kind="address",
                key="10.0.0.9",
                failures=3,
                first_failure_at=long_ago,
                last_failure_at=long_ago,
            )
        )
        db.commit()
    removed = purge.purge(engine)
    assert removed == {
        "sessions": 1,
        "approvals": 1,
        "idempotency_records": 1,
        "sign_in_counts": 1,
    }
    assert _me(sqlite_province, live) == 200


def test_the_audit_log_is_append_only(province: EmbeddedServer) -> None:
    token(province, "H003-C01", "H003")
    engine = province.app.state.engine
    with pytest.raises(Exception, match="append-only"), engine.begin() as conn:
        conn.execute(text("UPDATE audit_event SET detail = '{}'"))
    with pytest.raises(Exception, match="append-only"), engine.begin() as conn:
        conn.execute(text("DELETE FROM audit_event"))


def test_a_tampered_audit_row_breaks_the_chain(sqlite_province: EmbeddedServer) -> None:
    for staff_no in ("H001-C01", "H001-C02", "H001-C01"):
        token(sqlite_province, staff_no, "H001")
    engine = sqlite_province.app.state.engine
    url = str(engine.url)

    def verify() -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "province_api", "audit", "verify", "--db", url],
            capture_output=True,
            text=True,
            timeout=60,
            cwd=ROOT,
        )

    done = verify()
    assert done.returncode == 0 and "intact" in done.stdout, done.stdout + done.stderr
    with engine.begin() as conn:  # someone with the owner's rights, behind the triggers
        conn.execute(text("DROP TRIGGER audit_event_no_update"))
        chain, n = conn.execute(
            text("SELECT chain, n FROM audit_event ORDER BY n LIMIT 1 OFFSET 1")
        ).one()
        conn.execute(
            text("UPDATE audit_event SET staff_id = :s WHERE chain = :c AND n = :n"),
            {"s": str(uuid.uuid4()), "c": chain, "n": n},
        )
    broken = verify()
    assert broken.returncode == 1
    assert f"chain {chain}: broken at event {n}" in broken.stdout


def test_signing_out_at_the_counter_ends_the_token_at_the_province(
    sqlite_province: EmbeddedServer,
) -> None:
    from counter_app import auth
    from counter_app.credentials import Credentials

    creds = Credentials()
    signed = auth.sign_in(creds, sqlite_province.url, "H001", "C03", "H001-C02", PASSWORD)
    tok = creds.get(signed.token_key)
    assert tok is not None and _me(sqlite_province, tok) == 200
    auth.sign_out(creds, signed)
    assert creds.get(signed.token_key) is None and _me(sqlite_province, tok) == 401


def test_a_policy_change_is_audited(sqlite_province: EmbeddedServer) -> None:
    url = str(sqlite_province.app.state.engine.url)

    def cli(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "province_api", "policy", "--db", url, *args],
            capture_output=True,
            text=True,
            timeout=60,
            cwd=ROOT,
        )

    assert cli("--set", "lockout_after_failures=7", "--by", "H001-C01").returncode == 2
    done = cli("--set", "lockout_after_failures=7")
    assert done.returncode == 0, done.stderr
    assert "lockout_after_failures = 7" in cli().stdout
    with Session(sqlite_province.app.state.engine) as db:
        event = db.scalars(select(AuditEvent).where(AuditEvent.action == "policy_changed")).one()
        admin = db.scalars(select(Staff).where(Staff.staff_no == "ADMIN")).one()
    assert event.staff_id == admin.id and '"lockout_after_failures":[10,7]' in event.detail
