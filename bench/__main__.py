"""`python -m bench`: the bootstrap benchmark, then the search benchmark on its cache."""

from __future__ import annotations

import argparse

from bench import bootstrap, search
from bench.common import DEFAULT_CUSTOMERS, DEFAULT_SEED

BENCH_KEY = bytes(range(32))  # synthetic data only: a real counter's key is in its keyring


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument(
        "--customers",
        type=int,
        default=DEFAULT_CUSTOMERS,
        help="customers in the province database (default %(default)s)",
    )
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--page-size", type=int, default=bootstrap.DEFAULT_PAGE_SIZE)
    parser.add_argument(
        "--queries",
        type=int,
        default=search.DEFAULT_QUERIES,
        help="timed searches per kind (default %(default)s)",
    )
    parser.add_argument(
        "--explain", action="store_true", help="print each search statement's time and query plan"
    )
    parser.add_argument(
        "--skip-bootstrap",
        action="store_true",
        help="search the cache an earlier run left in bench/.data/",
    )
    parser.add_argument(
        "--encrypted",
        action="store_true",
        help="the cache and its journal encrypted (SQLCipher) as the app keeps them, with a "
        "fixed benchmark key",
    )
    args = parser.parse_args(argv)
    key = BENCH_KEY if args.encrypted else None
    if not args.skip_bootstrap:
        bootstrap.run(args.customers, args.seed, args.page_size, key=key)
    search.run(args.customers, args.seed, args.queries, args.explain, key=key)
    return 0  # a measurement: the tables say what missed


if __name__ == "__main__":
    raise SystemExit(main())
