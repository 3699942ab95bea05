"""What one guess at an offline verifier costs: the time and the memory of checking a
password against it (what a clerk guessing at a supervisor's verifier pays per guess),
and so how far a minute and a year of guessing get.

Target: one guess at least 0.5 s (counter_app.domain.passwords.FULL_COST). With the
supervisor password rule (at least 10^10 guesses by zxcvbn's estimate) a year of guessing
on one core covers under 1 % of that.

    python -m bench.password_cost [--guesses 5]
"""

from __future__ import annotations

import argparse
import resource
import statistics
import time

from counter_app.domain.passwords import FULL_COST, check_offline_verifier, make_offline_secrets
from province_api.password_rules import SUPERVISOR_MIN_GUESSES_LOG10

TARGET_S = 0.5


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--guesses", type=int, default=5)
    args = parser.parse_args(argv)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    verifier = make_offline_secrets("kettle-orbit-saffron").verifier
    times = []
    for i in range(args.guesses):
        started = time.perf_counter()
        assert not check_offline_verifier(f"guess-{i}", verifier)
        times.append(time.perf_counter() - started)
    peak_mib = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    per_guess = statistics.median(times)
    per_minute = 60 / per_guess
    per_year = 365 * 24 * 3600 / per_guess
    share = per_year / 10**SUPERVISOR_MIN_GUESSES_LOG10
    verdict = "ok" if per_guess >= TARGET_S else "BELOW TARGET"
    print(
        f"argon2id m={FULL_COST.memory_kib // 1024} MiB t={FULL_COST.passes}: "
        f"{per_guess:.3f} s a guess (median of {args.guesses}; target >= {TARGET_S} s: {verdict}), "
        f"memory +{peak_mib:.0f} MiB"
    )
    print(
        f"one core guesses {per_minute:,.0f} a minute, {per_year:,.0f} a year: "
        f"{share:.2%} of the 10^{SUPERVISOR_MIN_GUESSES_LOG10} a supervisor's password needs"
    )
    return 0 if per_guess >= TARGET_S else 1


if __name__ == "__main__":
    raise SystemExit(main())
