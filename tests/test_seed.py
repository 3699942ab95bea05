"""The demo-data seeder: deterministic, valid by the counter's own rules, fully in the feed."""

from __future__ import annotations

import contextlib
import os
import re
import uuid
from collections import Counter, defaultdict
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, func, make_url, select, text
from stdnum import luhn
from stdnum.cn import ric

from counter_app.domain.passwords import check_offline_verifier, check_password
from counter_app.domain.validators import (
    ValidationError,
    validate_iccid,
    validate_mobile,
    validate_resident_id,
)
from province_api.db import make_engine, normalise_url
from province_api.models import (
    SYNC_ENTITIES,
    Account,
    Base,
    Bill,
    Change,
    ChangeCounter,
    Customer,
    Hall,
    Number,
    Offering,
    Sim,
    Staff,
    Subscription,
)
from province_api.names import pinyin_initials
from province_api.seed import seed
from province_api.seed.generator import luhn_check_digit
from province_api.seed.reference import (
    BIRTH_YEAR_MAX,
    BIRTH_YEAR_MIN,
    PREMIUM_NUMBERS_PER_HALL,
    STOCK_NUMBERS_PER_HALL,
    STOCK_SIMS_PER_HALL,
    _region_codes_by_year,
)

N = 300
AS_OF = date(2025, 6, 15)
PASSWORD = "s3cret-demo"
SUPERVISOR_PASSWORD = "kettle-orbit-saffron"


Seeded = tuple[Engine, dict[str, int], list[tuple[str, int, int]]]


def _engine(path: Path) -> Engine:
    return make_engine(str(path))


@contextlib.contextmanager
def seeded_province(path: Path) -> Iterator[Seeded]:
    """A province of N customers seeded at `path`, with the progress calls it made."""
    engine = _engine(path)
    calls: list[tuple[str, int, int]] = []
    counts = seed(
        engine,
        customers=N,
        seed=7,
        staff_password=PASSWORD,
        supervisor_password=SUPERVISOR_PASSWORD,
        as_of=AS_OF,
        progress=lambda stage, done, total: calls.append((stage, done, total)),
    )
    yield engine, counts, calls
    engine.dispose()


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Seeded]:
    with seeded_province(tmp_path_factory.mktemp("seed") / "province.db") as province:
        yield province


def _rows(engine: Engine, model: type[Base]) -> list[dict[str, Any]]:
    table = model.__table__
    with engine.connect() as conn:
        return [
            dict(r) for r in conn.execute(select(table).order_by(*table.primary_key)).mappings()
        ]


def _staff_without_secrets(engine: Engine) -> list[dict[str, Any]]:
    """Password salts are fresh on every run by design; everything else is deterministic."""
    return [
        {
            k: v
            for k, v in r.items()
            if k not in ("password_hash", "offline_verifier", "approval_salt", "approval_key")
        }
        for r in _rows(engine, Staff)
    ]


# -- determinism -------------------------------------------------------------------------------


def test_same_seed_gives_identical_rows_and_another_seed_differs(
    tmp_path: Path, seeded: Seeded
) -> None:
    engine, _, _ = seeded
    again = _engine(tmp_path / "again.db")
    other = _engine(tmp_path / "other.db")
    seed(again, customers=N, seed=7, staff_password=PASSWORD, as_of=AS_OF)
    seed(other, customers=N, seed=8, staff_password=PASSWORD, as_of=AS_OF)
    for model in (Hall, Offering, Customer, Account, Subscription, Bill, Number, Sim, Change):
        assert _rows(engine, model) == _rows(again, model), model.__tablename__
    assert _staff_without_secrets(engine) == _staff_without_secrets(again)
    assert _rows(engine, Customer) != _rows(other, Customer)
    names = {r["name"] for r in _rows(engine, Customer)}
    assert names != {r["name"] for r in _rows(other, Customer)}
    again.dispose()
    other.dispose()


def test_counts_match_tables_and_progress_is_reported(seeded: Seeded) -> None:
    engine, counts, calls = seeded
    models = {
        "hall": Hall,
        "staff": Staff,
        "offering": Offering,
        "customer": Customer,
        "account": Account,
        "subscription": Subscription,
        "bill": Bill,
        "number": Number,
        "sim": Sim,
        "change": Change,
    }
    with engine.connect() as conn:
        for name, model in models.items():
            assert counts[name] == conn.scalar(select(func.count()).select_from(model)), name
    assert counts["customer"] == N
    with engine.connect() as conn:  # the roomier page cache used while seeding is undone
        assert conn.exec_driver_sql("PRAGMA cache_size").scalar() == -2000
    assert calls[-1][0] == "staff"
    customer_calls = [c for c in calls if c[0] == "customers"]
    assert customer_calls[0] == ("customers", 0, N)
    assert customer_calls[-1] == ("customers", N, N)


def test_seeding_twice_is_refused(seeded: Seeded) -> None:
    engine, _, _ = seeded
    with pytest.raises(RuntimeError, match="database already seeded"):
        seed(engine, customers=1, as_of=AS_OF)


# -- values pass the counter's validators ------------------------------------------------------


def test_resident_ids_are_valid_and_match_gender_and_birth_date(seeded: Seeded) -> None:
    engine, _, _ = seeded
    customers = _rows(engine, Customer)
    assert len({c["id_number"] for c in customers}) == len(customers)
    for c in customers:
        number = c["id_number"]
        assert validate_resident_id(number) == number
        assert ric.get_birth_date(number) == c["birth_date"]
        assert BIRTH_YEAR_MIN <= c["birth_date"].year <= BIRTH_YEAR_MAX
        assert c["gender"] == ("M" if int(number[16]) % 2 else "F")
    born_here = sum(c["id_number"].startswith("33") for c in customers)
    assert born_here > len(customers) / 2  # the province is Zhejiang


def test_region_tables_only_hold_codes_valid_in_their_year() -> None:
    for year in (BIRTH_YEAR_MIN, 1970, 1983, 1984, 1999, BIRTH_YEAR_MAX):
        codes = _region_codes_by_year(None)[year]
        assert len(codes) > 1000
        for code in codes:
            body = f"{code}{year}0615123"
            ric.validate(body + ric.calc_check_digit(body + "0"))


def test_phones_and_msisdns_are_valid_mobiles(seeded: Seeded) -> None:
    engine, _, _ = seeded
    customers = _rows(engine, Customer)
    lines = _rows(engine, Subscription)
    for c in customers:
        assert validate_mobile(c["contact_phone"]) == c["contact_phone"]
    for line in lines:
        assert validate_mobile(line["msisdn"]) == line["msisdn"]
    assert len({line["msisdn"] for line in lines}) == len(lines)
    own = {line["msisdn"] for line in lines}
    assert sum(c["contact_phone"] in own for c in customers) > len(customers) / 2


def test_iccids_are_valid_and_unique(seeded: Seeded) -> None:
    engine, _, _ = seeded
    iccids = [r["iccid"] for r in _rows(engine, Subscription)] + [
        r["iccid"] for r in _rows(engine, Sim)
    ]
    assert len(set(iccids)) == len(iccids)
    for iccid in iccids:
        assert validate_iccid(iccid) == iccid
        assert len(iccid) == 20 and iccid.startswith("898601")
        assert luhn.calc_check_digit(iccid[:-1]) == iccid[-1]


def test_fast_luhn_agrees_with_stdnum() -> None:
    for body in ("0", "7992739871", "8986012512345678901", "12345678901234567890123"):
        assert luhn_check_digit(body) == luhn.calc_check_digit(body)


# -- halls, staff, catalog ---------------------------------------------------------------------


def test_halls_have_clerks_and_supervisors(seeded: Seeded) -> None:
    engine, _, _ = seeded
    halls = _rows(engine, Hall)
    staff = _rows(engine, Staff)
    assert len(halls) >= 3
    by_no = {s["staff_no"]: s for s in staff}
    for hall in halls:
        assert re.fullmatch(r"H\d{3}", hall["code"])
        assert hall["name"].endswith("营业厅") and hall["city"].endswith("市")
        for suffix, role in (("C01", "clerk"), ("C02", "clerk"), ("S01", "supervisor")):
            member = by_no[f"{hall['code']}-{suffix}"]
            assert member["role"] == role and member["hall_id"] == hall["id"]
    h001 = next(h for h in halls if h["code"] == "H001")
    assert by_no["ADMIN"]["role"] == "admin" and by_no["ADMIN"]["hall_id"] == h001["id"]
    assert len(staff) == 3 * len(halls) + 1


def test_staff_password_verifies_online_and_offline(seeded: Seeded) -> None:
    engine, _, _ = seeded
    staff = {s["staff_no"]: s for s in _rows(engine, Staff)}
    for staff_no, password in (("ADMIN", SUPERVISOR_PASSWORD), ("H002-C01", PASSWORD)):
        member = staff[staff_no]
        assert check_password(password, member["password_hash"])
        assert check_offline_verifier(password, member["offline_verifier"])
        assert not check_password("demo", member["password_hash"])
    assert staff["ADMIN"]["password_hash"] != staff["H002-C01"]["password_hash"]  # own salts


def test_a_guessable_supervisor_password_is_refused(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'weak.db'}")
    for weak in ("demo", "password1234", "H001-S01-2026"):
        with pytest.raises(ValidationError) as refused:
            seed(engine, customers=0, supervisor_password=weak)
        assert refused.value.field == "password"
    engine.dispose()


def test_catalog_has_plans_addons_and_fees(seeded: Seeded) -> None:
    engine, _, _ = seeded
    offerings = _rows(engine, Offering)
    kinds = Counter(o["kind"] for o in offerings)
    assert kinds["plan"] >= 5 and kinds["addon"] >= 5 and kinds["fee"] >= 4
    by_code = {o["code"]: o for o in offerings}
    assert by_code["PLAN-39"]["price_fen"] == 3900
    assert by_code["FEE-SIMREPL"]["price_fen"] == 1000
    assert max(o["price_fen"] for o in offerings if o["kind"] == "plan") == 19900
    for o in offerings:
        assert o["description"]
        assert set(o["eligibility"]["account_kinds"]) <= {"prepaid", "postpaid"}


# -- customers, accounts, lines, bills ---------------------------------------------------------


def test_customers_accounts_and_lines_are_consistent(seeded: Seeded) -> None:
    engine, _, _ = seeded
    customers = {c["id"]: c for c in _rows(engine, Customer)}
    accounts = {a["id"]: a for a in _rows(engine, Account)}
    lines = _rows(engine, Subscription)
    offerings = {o["id"]: o for o in _rows(engine, Offering)}
    hall_ids = {h["id"] for h in _rows(engine, Hall)}

    assert len({c["customer_no"] for c in customers.values()}) == len(customers)
    for c in customers.values():
        assert re.fullmatch(r"C\d{10}", c["customer_no"])
        assert c["name_initials"] == pinyin_initials(c["name"])
        assert re.fullmatch(r"[a-z]{2,4}", c["name_initials"])
        assert c["home_hall_id"] in hall_ids
        assert c["customer_type"] == "individual" and c["id_type"] == "resident_id"
        assert c["vip_level"] in {"none", "silver", "gold", "platinum"}
        assert c["address"].startswith("浙江省")
        assert c["created_at"] <= c["updated_at"]
    vip = Counter(c["vip_level"] for c in customers.values())
    assert vip["none"] > 0.7 * len(customers)

    per_customer = Counter(a["customer_id"] for a in accounts.values())
    assert set(per_customer.values()) <= {1, 2} and len(per_customer) == len(customers)
    assert len({a["account_no"] for a in accounts.values()}) == len(accounts)
    for a in accounts.values():
        assert re.fullmatch(r"7\d{9}", a["account_no"])
        if a["kind"] == "prepaid":
            assert 0 <= a["balance_fen"] <= 30_000
        else:
            assert a["kind"] == "postpaid" and a["balance_fen"] == 0

    per_id_number: Counter[str] = Counter()
    lines_per_account: Counter[str] = Counter()
    for line in lines:
        account = accounts[line["account_id"]]
        assert account["customer_id"] == line["customer_id"]
        plan = offerings[line["plan_id"]]
        assert plan["kind"] == "plan" and account["kind"] in plan["eligibility"]["account_kinds"]
        assert len(line["addon_ids"]) <= 2 and len(set(line["addon_ids"])) == len(line["addon_ids"])
        for addon_id in line["addon_ids"]:
            addon = offerings[addon_id]
            assert addon["kind"] == "addon"
            assert account["kind"] in addon["eligibility"]["account_kinds"]
        assert line["status"] in {"active", "suspended", "cancelled"}
        assert line["activated_at"].date() < AS_OF
        assert line["activated_at"].year >= AS_OF.year - 10
        per_id_number[customers[line["customer_id"]]["id_number"]] += 1
        lines_per_account[line["account_id"]] += 1
    assert max(per_id_number.values()) <= 5
    assert set(Counter(line["customer_id"] for line in lines).values()) <= {1, 2, 3}
    assert set(lines_per_account) == set(accounts)  # no account without a line
    statuses = Counter(line["status"] for line in lines)
    assert statuses["active"] > 0.8 * len(lines)


def test_bills_cover_the_last_three_months_of_postpaid_accounts(seeded: Seeded) -> None:
    engine, _, _ = seeded
    accounts = {a["id"]: a for a in _rows(engine, Account)}
    bills = _rows(engine, Bill)
    assert bills
    due = {"2025-05": date(2025, 6, 20), "2025-04": date(2025, 5, 20), "2025-03": date(2025, 4, 20)}
    periods_by_account: dict[str, set[str]] = defaultdict(set)
    for bill in bills:
        assert accounts[bill["account_id"]]["kind"] == "postpaid"
        assert bill["due_date"] == due[bill["period"]]
        assert bill["period"] not in periods_by_account[bill["account_id"]]
        periods_by_account[bill["account_id"]].add(bill["period"])
        assert bill["amount_fen"] > 0
        if bill["status"] == "paid":
            assert bill["paid_fen"] == bill["amount_fen"]
        elif bill["status"] == "unpaid":
            assert bill["paid_fen"] == 0
        else:
            assert bill["status"] == "partial" and 0 < bill["paid_fen"] < bill["amount_fen"]
    newest_open = sum(b["status"] != "paid" for b in bills if b["period"] == "2025-05")
    postpaid = sum(a["kind"] == "postpaid" for a in accounts.values())
    assert 0.1 * postpaid < newest_open < 0.45 * postpaid


# -- stock -------------------------------------------------------------------------------------


def test_number_and_sim_stock_per_hall_never_collide(seeded: Seeded) -> None:
    engine, _, _ = seeded
    halls = _rows(engine, Hall)
    numbers = _rows(engine, Number)
    sims = _rows(engine, Sim)
    in_service = {line["msisdn"] for line in _rows(engine, Subscription)}
    for hall in halls:
        mine = [n for n in numbers if n["hall_id"] == hall["id"]]
        assert len(mine) == STOCK_NUMBERS_PER_HALL
        premium = [n for n in mine if n["level"] == "premium"]
        assert len(premium) == PREMIUM_NUMBERS_PER_HALL
        for n in premium:
            tail = n["msisdn"][-4:]
            assert (tail[0] == tail[1] and tail[2] == tail[3]) or tail[:2] == tail[2:]
            assert 20_000 <= n["prepay_fen"] <= 100_000
        assert all(n["prepay_fen"] == 0 for n in mine if n["level"] == "normal")
        assert len([s for s in sims if s["hall_id"] == hall["id"]]) == STOCK_SIMS_PER_HALL
    assert all(n["status"] == "available" for n in numbers)
    assert all(s["status"] == "available" for s in sims)
    stock = [n["msisdn"] for n in numbers]
    assert len(set(stock)) == len(stock)
    assert not set(stock) & in_service
    for msisdn in stock:
        assert validate_mobile(msisdn) == msisdn


# -- change feed -------------------------------------------------------------------------------


def test_every_synced_row_has_exactly_one_feed_row(seeded: Seeded) -> None:
    engine, _, _ = seeded
    feed = _rows(engine, Change)
    by_key = Counter((c["entity"], c["entity_id"]) for c in feed)
    assert max(by_key.values()) == 1
    feed_by_key = {(c["entity"], c["entity_id"]): c for c in feed}
    total = 0
    for entity, (model, scope) in SYNC_ENTITIES.items():
        if entity in ("shift", "payment", "product_order"):
            continue  # made at the counters, not by the seed
        rows = _rows(engine, model)
        assert rows, entity
        for row in rows:
            change = feed_by_key[(entity, row["id"])]
            assert change["op"] == "upsert" and change["version"] == row["version"] == 1
            assert change["hall_id"] == (row[scope] if scope else None)
        total += len(rows)
    assert len(feed) == total
    with engine.connect() as conn:
        counter = conn.scalar(select(ChangeCounter.value).where(ChangeCounter.id == 1))
        assert counter == conn.scalar(select(func.max(Change.seq))) == len(feed)
        assert conn.scalar(select(func.min(Change.seq))) == 1


def test_default_as_of_is_today(tmp_path: Path) -> None:
    engine = _engine(tmp_path / "today.db")
    seed(engine, customers=40, seed=3, halls=1)
    today = date.today()
    newest = f"{today.year - (today.month == 1):04d}-{(today.month - 2) % 12 + 1:02d}"
    with engine.connect() as conn:
        periods = set(conn.scalars(select(Bill.period)))
        assert conn.scalar(select(func.count()).select_from(Hall)) == 1
    assert newest in periods and max(periods) == newest
    for c in _rows(engine, Customer):
        validate_resident_id(c["id_number"])
    engine.dispose()


# -- PostgreSQL (optional) ---------------------------------------------------------------------


@pytest.mark.postgres
@pytest.mark.skipif(
    not os.environ.get("CMS_TEST_POSTGRES_URL"),
    reason="set CMS_TEST_POSTGRES_URL to run against PostgreSQL",
)
def test_seed_on_postgres() -> None:
    base_url = os.environ["CMS_TEST_POSTGRES_URL"]
    name = f"seedtest_{uuid.uuid4().hex[:12]}"
    admin = make_engine(base_url)
    with admin.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    url = make_url(normalise_url(base_url)).set(database=name)
    engine = make_engine(url.render_as_string(hide_password=False))
    try:
        counts = seed(engine, customers=200, seed=5, as_of=AS_OF)
        with engine.connect() as conn:
            for model in (Customer, Account, Subscription, Bill, Number, Sim, Staff, Change):
                table = model.__tablename__
                assert counts[table] == conn.scalar(select(func.count()).select_from(model))
            assert counts["customer"] == 200
            assert conn.scalar(select(ChangeCounter.value)) == counts["change"]
            for number in conn.scalars(select(Customer.id_number)):
                validate_resident_id(number)
        with pytest.raises(RuntimeError, match="database already seeded"):
            seed(engine, customers=1, as_of=AS_OF)
    finally:
        engine.dispose()
        with admin.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
        admin.dispose()
