"""A real counter process for the crash tests: it signs in, does one thing over the cache it
is given, and says on stdout how far it got; the test kills it (`kill -9`) wherever it likes.

    python -m tests.support.counter_child ACTION CACHE URL [N]

With COUNTER_TEST_CACHE_KEY (hex) in its environment it opens the cache encrypted with that
key, as the app does with the key its keyring keeps.

card-hang   a card top-up whose terminal charges and never answers
card-slow   a card top-up whose terminal never gets to charging
qr          a QR top-up (the test holds the province's answer back)
cash N      N cash top-ups, each reported once it is committed
push        sends the outbox, again and again
pull        a pull from the start of the feed, page by page
snapshot    a first bootstrap from the province's snapshot, its copy slowed down (a customer
            every 50 ms) and each customer copied told, so the test can kill it in the middle
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import keyring

from counter_app import auth, payments
from counter_app.api_client import ApiClient
from counter_app.credentials import Credentials
from counter_app.devices.card_terminal import SimulatedCardTerminal
from counter_app.payments import PaymentRequest
from counter_app.session import CounterSession
from counter_app.settings import Settings
from counter_app.sync.engine import SyncEngine
from counter_app.sync.push import push
from local_cache.db import Cache
from tests.support.memory_keyring import MemoryKeyring

CACHE_KEY_ENV = "COUNTER_TEST_CACHE_KEY"


def say(what: str) -> None:
    print(what, flush=True)


def main(action: str, cache_file: str, url: str, n: int = 1) -> None:
    keyring.set_keyring(MemoryKeyring())
    creds = Credentials()
    signed = auth.sign_in(creds, url, "H001", "C01", "H001-C01", "demo")
    token = creds.get(signed.token_key)
    key = os.environ.get(CACHE_KEY_ENV)
    cache = Cache(Path(cache_file), key=bytes.fromhex(key) if key else None)
    sess = CounterSession(cache, signed, Settings(), lambda: ApiClient(url, token))
    if action in ("card-hang", "card-slow", "cash", "qr"):
        with cache.read() as conn:
            line, account, customer = conn.exec_driver_sql(
                "SELECT id, account_id, customer_id FROM subscription WHERE status = 'active' "
                "ORDER BY id LIMIT 1"
            ).one()
        card = action.startswith("card")
        method = "card" if card else action
        mode, delay = ("hang", 0.0) if action == "card-hang" else ("approve", 3600.0)
        terminal = SimulatedCardTerminal(mode, delay, cache.path.parent / "card-simulator.json")
        for i in range(n):
            req = PaymentRequest(
                "topup",
                customer,
                account,
                1000 + i,
                method,
                line,
                tendered_fen=2000 + i if method == "cash" else None,
                qr_code="101234567890123456" if method == "qr" else None,
            )
            say(f"taking {i}" if method == "cash" else "charging")
            done = payments.take_payment(sess, req, terminal if card else None)
            say(f"done {done.payment['receipt_no']} {done.payment['amount_fen']}")
    elif action == "push":
        while True:
            say("pushing")
            result = push(sess.make_api(), cache, force=True)
            say(f"pushed {result.accepted} waiting {result.waiting}")
            if not result.waiting:
                time.sleep(0.05)
    elif action == "pull":
        engine = SyncEngine(sess.make_api(), cache, page_size=50)
        engine.pull(lambda p: say(f"page {p}"))
        say("pulled")
    elif action == "snapshot":
        from local_cache import snapshot_import, sync_store

        tokens = sync_store.name_tokens

        def slow_tokens(name: object) -> str:
            say("copying")
            time.sleep(0.05)
            return tokens(str(name or ""))

        snapshot_import._tokens = slow_tokens  # type: ignore[assignment]
        SyncEngine(sess.make_api(), cache, snapshot_min_rows=0).pull()
        say("pulled")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]) if len(sys.argv) > 4 else 1)
