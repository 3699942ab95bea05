"""Making the seed's rows, in this process or beside it.

Making a customer (names, IDs, numbers, bills) costs about as much Python as writing it, so a
large seed makes its rows in a child process while this one writes them: the same generator
in the same order, so the rows are the very same either way. The pipe between the two holds
little, so the maker waits for the writer and memory stays flat.
"""

from __future__ import annotations

import contextlib
import multiprocessing
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from multiprocessing.connection import Connection
from typing import Any

from province_api.models import Account, Base, Bill, Customer, Subscription
from province_api.seed.generator import _Generator
from province_api.seed.reference import BATCH_CUSTOMERS
from province_api.seed.sqlite_bulk import Tabular, tabular

Rows = list[dict[str, Any]]
CUSTOMER_TABLES: dict[str, type[Base]] = {
    "customer": Customer,
    "account": Account,
    "subscription": Subscription,
    "bill": Bill,
}
# Below this many customers a child process costs more (its start, ~1 s) than it saves.
ASIDE_FROM_CUSTOMERS = 20_000


@dataclass(frozen=True)
class Stock:
    """What the generator makes before any customer: halls, catalog, staff, number and SIM
    stock (in the order it makes them, which fixes every later random draw)."""

    halls: Rows
    offerings: Rows
    staff: Rows
    numbers: Rows
    sims: Rows


Batch = dict[str, Tabular]  # entity -> its rows


def _items(seed: int, as_of: date, halls: int, customers: int) -> Iterator[Stock | Batch]:
    gen = _Generator(seed, as_of, halls)
    yield Stock(
        gen.make_halls(),
        gen.make_offerings(),
        gen.make_staff(),
        gen.make_numbers(),
        gen.make_sims(),
    )
    made = 0
    while made < customers:
        size = min(BATCH_CUSTOMERS, customers - made)
        batch = gen.customer_batch(size)
        made += size
        yield {entity: tabular(rows) for entity, rows in batch.items()}


def _produce(out: Connection, seed: int, as_of: date, halls: int, customers: int) -> None:
    """The child process: every item down the pipe, then None (or the error it met)."""
    try:
        for item in _items(seed, as_of, halls, customers):
            out.send(item)
        out.send(None)
    except BaseException as exc:  # the parent raises it
        out.send(exc)
    finally:
        out.close()


@contextlib.contextmanager
def generated(
    seed: int, as_of: date, halls: int, customers: int, *, aside: bool | None = None
) -> Iterator[Iterator[Stock | Batch]]:
    """The seed's rows: a Stock, then the customer batches.

    `aside` makes them in a child process (default: for a large seed)."""
    if aside is None:
        aside = customers >= ASIDE_FROM_CUSTOMERS
    if not aside:
        yield _items(seed, as_of, halls, customers)
        return
    ctx = multiprocessing.get_context("spawn")  # no fork of a process that holds threads
    receive, send = ctx.Pipe(duplex=False)
    child = ctx.Process(
        target=_produce,
        args=(send, seed, as_of, halls, customers),
        name="seed-maker",
        daemon=True,
    )
    child.start()
    send.close()

    def items() -> Iterator[Stock | Batch]:
        while True:
            try:
                item = receive.recv()
            except EOFError:
                raise RuntimeError("the seed's row maker stopped without a word") from None
            if item is None:
                return
            if isinstance(item, BaseException):
                raise item
            yield item

    try:
        yield items()
    finally:
        receive.close()
        if child.is_alive():
            child.terminate()
        child.join()
