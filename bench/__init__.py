"""Benchmarks with their targets (not part of the test suite: pytest only collects tests/).

`python -m bench` seeds (or reuses) a province database, bootstraps a fresh cache from an
embedded server and times customer searches on it. Each module also runs alone:

    python -m bench                        # 100,000 customers, everything
    python -m bench --customers 1000000    # the target size (seeding takes a while)
    python -m bench.bootstrap --page-size 2000 10000
    python -m bench.search --explain
    python -m bench.load                   # the province under 50-500 counters (PostgreSQL)

Seeded databases and the bootstrapped cache are kept under bench/.data/ (git-ignored).
Figures are wall-clock (`time.perf_counter`) and are printed next to their targets; the exit
code is 0 whatever they are.
"""
