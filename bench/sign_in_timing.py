"""Does a wrong password take as long for a staff number that exists as for one that does
not? (If not, an attacker learns which staff numbers exist.) Both go through the sign-in
guard and one scrypt hash; this measures the answers' times, each guess from its own
loopback address so that the per-address count does not throttle the measurement.

Target: the medians within 10 % of each other.

    python -m bench.sign_in_timing [--rounds 60]
"""

from __future__ import annotations

import argparse
import http.client
import json
import statistics
import tempfile
import time
from pathlib import Path

from province_api.db import make_engine
from province_api.embedded import EmbeddedServer
from province_api.seed import seed

TARGET = 0.10


def _guess(server: EmbeddedServer, staff_no: str, source: str) -> tuple[int, float]:
    conn = http.client.HTTPConnection(
        server.host, server.port, timeout=30, source_address=(source, 0)
    )
    body = json.dumps(
        {"staff_no": staff_no, "password": "not-it", "hall_code": "H001", "counter_id": "C01"}
    )
    started = time.perf_counter()
    conn.request("POST", "/api/v1/auth/login", body, {"Content-Type": "application/json"})
    status = conn.getresponse().status
    elapsed = time.perf_counter() - started
    conn.close()
    return status, elapsed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=60)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{Path(tmp) / 'province.db'}"
        engine = make_engine(url)
        seed(engine, customers=0)
        engine.dispose()
        server = EmbeddedServer(url)
        server.start()
        try:
            known_staff = [f"H00{h}-{s}" for h in (1, 2, 3) for s in ("C01", "C02", "S01")]
            times: dict[str, list[float]] = {"known": [], "unknown": []}
            for i in range(args.rounds):
                source = f"127.0.{1 + i // 250}.{1 + i % 250}"
                # at most 3 tries a staff number: under the guard's free tries
                known = known_staff[i // 3] if i < 3 * len(known_staff) else None
                for kind, number in (("known", known), ("unknown", f"H009-{i:04d}")):
                    if number is not None:
                        status, seconds = _guess(server, number, source)
                        if status == 401:
                            times[kind].append(seconds)
        finally:
            server.stop()
    medians = {k: statistics.median(v) for k, v in times.items() if v}
    for kind, values in times.items():
        print(f"{kind:>8}: {len(values)} wrong passwords, median {medians[kind] * 1000:.1f} ms")
    gap = abs(medians["known"] - medians["unknown"]) / max(medians.values())
    print(
        f"difference {gap:.1%} (target < {TARGET:.0%}): {'ok' if gap < TARGET else 'ABOVE TARGET'}"
    )
    return 0 if gap < TARGET else 1


if __name__ == "__main__":
    raise SystemExit(main())
