"""Deterministic, realistic demo data for an empty province CMS database.

`seed(engine, customers=N, seed=S, as_of=D)` always writes the same rows for the same
(N, S, D, halls): every random choice comes from one `random.Random(S)` and one
`Faker("zh_CN")` seeded with S, and ids are UUIDs built from that generator. The only
exception is the staff password material (`hash_password` / `make_offline_verifier` use fresh
random salts); the hashes differ between runs but verify the same password.

The province is Zhejiang: halls sit in its cities, most customers were born and live there.
Values are realistic enough for the counter's own validators: resident ID numbers carry a
region code that existed in the birth year (read from python-stdnum's own table), a gender
digit matching `gender` and the GB 11643 check digit; mobiles use real prefixes; ICCIDs pass
Luhn. Rows are built as plain dicts and written with Core bulk inserts, one transaction per
batch of customers (with their accounts, lines and bills), each row recorded in the change feed.
"""

from __future__ import annotations

import contextlib
import functools
import itertools
import random
import uuid
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from datetime import UTC, date, datetime, timedelta
from typing import Any

from faker import Faker
from sqlalchemy import Connection, Engine, insert, select
from sqlalchemy.orm import Session
from stdnum import numdb
from stdnum.cn import ric

from counter_app.domain.passwords import (
    approval_key,
    hash_password,
    make_offline_verifier,
    new_salt,
)
from province_api import changes
from province_api.changes import ChangedRow
from province_api.db import create_schema
from province_api.models import (
    SYNC_ENTITIES,
    Account,
    Base,
    Bill,
    Customer,
    Hall,
    Number,
    Offering,
    Sim,
    Staff,
    Subscription,
)
from province_api.names import pinyin_initials

BATCH_CUSTOMERS = 5_000
STOCK_NUMBERS_PER_HALL = 300
STOCK_SIMS_PER_HALL = 300
PREMIUM_NUMBERS_PER_HALL = 15  # 5 %

Progress = Callable[[str, int, int], None]

# ---------------------------------------------------------------------------------------------
# Reference data
# ---------------------------------------------------------------------------------------------

PROVINCE = "浙江省"
PROVINCE_CODE = "33"
# (city, prefecture code): hall cities and customers' home cities.
CITIES: tuple[tuple[str, str], ...] = (
    ("杭州市", "3301"),
    ("宁波市", "3302"),
    ("温州市", "3303"),
    ("绍兴市", "3306"),
    ("嘉兴市", "3304"),
    ("金华市", "3307"),
    ("台州市", "3310"),
    ("湖州市", "3305"),
    ("衢州市", "3308"),
    ("舟山市", "3309"),
    ("丽水市", "3311"),
)
# Combined with the city's short name: 杭州 + 市中心营业厅. Length coprime to len(CITIES).
HALL_PLACES: tuple[str, ...] = (
    "市中心营业厅",
    "火车站营业厅",
    "高新区营业厅",
    "人民广场营业厅",
    "大学城营业厅",
    "开发区营业厅",
    "新城营业厅",
)

MOBILE_PREFIXES: tuple[str, ...] = tuple(
    str(p)
    for p in itertools.chain(
        range(130, 140),
        range(150, 154),
        range(155, 160),
        (166, 173),
        range(175, 179),
        range(180, 190),
        (191, 198, 199),
    )
)
ICCID_PREFIX = "898601"

BOTH_KINDS = {"account_kinds": ["prepaid", "postpaid"]}
POSTPAID_ONLY = {"account_kinds": ["postpaid"]}

# code, name, kind, price_fen, description, eligibility, weight when assigning to lines
OFFERINGS: tuple[tuple[str, str, str, int, str, dict[str, Any], int], ...] = (
    (
        "PLAN-39",
        "畅享套餐 39元",
        "plan",
        3900,
        "每月国内通用流量 10GB，国内通话 100 分钟，超出后流量 5元/GB、通话 0.15元/分钟。",
        BOTH_KINDS,
        26,
    ),
    (
        "PLAN-59",
        "畅享套餐 59元",
        "plan",
        5900,
        "每月国内通用流量 30GB，国内通话 300 分钟，赠送来电显示。",
        BOTH_KINDS,
        28,
    ),
    (
        "PLAN-79",
        "畅享套餐 79元",
        "plan",
        7900,
        "每月国内通用流量 50GB，国内通话 500 分钟，赠送来电显示。",
        BOTH_KINDS,
        20,
    ),
    (
        "PLAN-99",
        "畅享套餐 99元",
        "plan",
        9900,
        "每月国内通用流量 80GB，国内通话 800 分钟，可办理 1 张免费副卡。",
        BOTH_KINDS,
        14,
    ),
    (
        "PLAN-129",
        "尊享套餐 129元",
        "plan",
        12900,
        "每月国内通用流量 100GB，国内通话 1000 分钟，含视频会员，可办理 2 张副卡。",
        POSTPAID_ONLY,
        8,
    ),
    (
        "PLAN-199",
        "尊享套餐 199元",
        "plan",
        19900,
        "每月国内通用流量 200GB，国内通话 2000 分钟，含视频会员和国际漫游功能，专属客户经理。",
        POSTPAID_ONLY,
        4,
    ),
    (
        "ADDON-DATA10G",
        "10GB 国内流量包",
        "addon",
        2000,
        "当月有效，每月自动续订，可随时退订。",
        BOTH_KINDS,
        30,
    ),
    (
        "ADDON-DATA30G",
        "30GB 国内流量包",
        "addon",
        4000,
        "当月有效，每月自动续订，可随时退订。",
        BOTH_KINDS,
        14,
    ),
    (
        "ADDON-VIDEO",
        "视频会员月包",
        "addon",
        1500,
        "热门视频平台会员权益任选其一，定向流量免费。",
        BOTH_KINDS,
        22,
    ),
    ("ADDON-CLIP", "来电显示", "addon", 600, "显示来电号码，按月收取功能费。", BOTH_KINDS, 20),
    (
        "ADDON-RBT",
        "视频彩铃",
        "addon",
        500,
        "主叫听到您设置的视频彩铃，曲库每月更新。",
        BOTH_KINDS,
        10,
    ),
    (
        "ADDON-ROAM",
        "国际及港澳台漫游",
        "addon",
        1000,
        "开通国际及港澳台漫游功能，按月收取功能费，通话和流量按目的地资费另计。",
        POSTPAID_ONLY,
        4,
    ),
    (
        "FEE-SIMREPL",
        "补卡费",
        "fee",
        1000,
        "SIM 卡丢失或损坏后补办新卡，原卡同时作废。",
        BOTH_KINDS,
        0,
    ),
    ("FEE-SIMCARD", "SIM卡费", "fee", 1000, "新入网 SIM 卡工本费。", BOTH_KINDS, 0),
    (
        "FEE-NUMSEL",
        "选号费",
        "fee",
        5000,
        "在号码库中自选普通号码；靓号另按号码预存款办理。",
        BOTH_KINDS,
        0,
    ),
    (
        "FEE-TRANSFER",
        "过户手续费",
        "fee",
        2000,
        "号码在两位客户之间过户，需双方到场并出示证件。",
        POSTPAID_ONLY,
        0,
    ),
    ("FEE-KEEPNO", "停机保号费", "fee", 500, "停机期间保留号码，按月收取。", BOTH_KINDS, 0),
)

# Add-ons a plan already includes (see the descriptions) are never added to its lines.
PLAN_INCLUDES: dict[str, frozenset[str]] = {
    "PLAN-59": frozenset({"ADDON-CLIP"}),
    "PLAN-79": frozenset({"ADDON-CLIP"}),
    "PLAN-129": frozenset({"ADDON-VIDEO"}),
    "PLAN-199": frozenset({"ADDON-VIDEO", "ADDON-ROAM"}),
}

VIP_LEVELS = ("none", "silver", "gold", "platinum")
VIP_CUM_WEIGHTS = (85, 93, 98, 100)
LINES_PER_CUSTOMER = (1, 2, 3)
LINES_CUM_WEIGHTS = (55, 85, 100)
ADDONS_PER_LINE = (0, 1, 2)
ADDONS_CUM_WEIGHTS = (60, 90, 100)
LINE_STATUSES = ("active", "suspended", "cancelled")
# Postpaid lines two bills in arrears are suspended on top of these: ~90 / 7 / 3 % overall.
LINE_STATUS_CUM_WEIGHTS = (93, 97, 100)

BIRTH_YEAR_MIN, BIRTH_YEAR_MAX = 1945, 2006
HOME_PROVINCE_BIRTHS = 0.7  # share of customers born in the hall's province
_JUNK_COUNTY_NAMES = ("市辖区", "直辖", "行政单位", "区划")
_UNREAL_PROVINCES = {"71", "81", "82"}  # no mainland resident IDs

SYNCED_TABLES: dict[str, str] = {
    model.__tablename__: entity for entity, (model, _) in SYNC_ENTITIES.items()
}


# ---------------------------------------------------------------------------------------------
# Region codes (from stdnum's own table, so stdnum.cn.ric accepts every one we pick)
# ---------------------------------------------------------------------------------------------


@functools.cache
def _county_intervals() -> dict[str, list[tuple[int | None, int | None, str]]]:
    """Code -> [(first year, last year, county name)], merged the way numdb merges properties."""
    merged: dict[str, dict[str, str]] = {}
    for _length, province, _high, _props, counties in numdb.get("cn/loc").prefixes:
        if province in _UNREAL_PROVINCES:
            continue
        for _l2, low, high, props, _children in counties:
            if low != high:  # not in today's table; skip rather than guess
                continue
            merged.setdefault(province + low, {}).update(props)
    out: dict[str, list[tuple[int | None, int | None, str]]] = {}
    for code, props in merged.items():
        if code.endswith("00") or "county" not in props:
            continue  # province and prefecture codes
        spans = []
        for part in props["county"].split(","):
            start = end = None
            name = part
            if part.startswith("["):
                years, name = part[1:].split("]")
                first, last = years.split("-")
                start = int(first) if first else None
                end = int(last) if last else None
            if not any(junk in name for junk in _JUNK_COUNTY_NAMES):
                spans.append((start, end, name))
        if spans:
            out[code] = spans
    return out


@functools.cache
def _region_codes_by_year(province: str | None) -> dict[int, tuple[str, ...]]:
    """Birth year -> county codes valid for someone born then (optionally in one province)."""
    by_year: dict[int, list[str]] = {year: [] for year in range(BIRTH_YEAR_MIN, BIRTH_YEAR_MAX + 1)}
    for code, spans in sorted(_county_intervals().items()):
        if province and not code.startswith(province):
            continue
        years: set[int] = set()
        for start, end, _name in spans:
            years.update(
                range(
                    max(start or BIRTH_YEAR_MIN, BIRTH_YEAR_MIN),
                    min(end or BIRTH_YEAR_MAX, BIRTH_YEAR_MAX) + 1,
                )
            )
        for year in years:
            by_year[year].append(code)
    return {year: tuple(codes) for year, codes in by_year.items()}


@functools.cache
def _districts(prefecture: str) -> tuple[str, ...]:
    """Today's county names under a prefecture code, e.g. 3301 -> 上城区, 拱墅区, ..."""
    names = [
        spans[-1][2]
        for code, spans in sorted(_county_intervals().items())
        if code.startswith(prefecture) and spans[-1][1] is None
    ]
    return tuple(names)


# ---------------------------------------------------------------------------------------------
# The generator
# ---------------------------------------------------------------------------------------------


def _epoch(d: date) -> int:
    return int(datetime(d.year, d.month, d.day, tzinfo=UTC).timestamp())


def _utc(ts: int) -> datetime:
    return datetime.fromtimestamp(ts, UTC)


def _months_before(as_of: date, n: int) -> list[tuple[str, date, int]]:
    """The n monthly periods before as_of's month, newest first: (YYYY-MM, due date, end ts)."""
    out = []
    year, month = as_of.year, as_of.month
    for _ in range(n):
        next_year, next_month = year, month  # the month after the period
        month -= 1
        if month == 0:
            year, month = year - 1, 12
        out.append(
            (
                f"{year:04d}-{month:02d}",
                date(next_year, next_month, 20),
                _epoch(date(next_year, next_month, 1)),
            )
        )
    return out


_LUHN_DOUBLED = tuple((2 * d) // 10 + (2 * d) % 10 for d in range(10))


def luhn_check_digit(body: str) -> str:
    """The Luhn digit to append to `body` (same result as stdnum.luhn.calc_check_digit, ~6x
    faster, which matters at a million lines)."""
    total = 0
    doubled = _LUHN_DOUBLED
    for i, ch in enumerate(reversed(body)):
        d = ord(ch) - 48
        total += doubled[d] if i % 2 == 0 else d
    return str(-total % 10)


def _weighted_sample(rng: random.Random, items: list[str], weights: list[int], k: int) -> list[str]:
    """k distinct items, each draw weighted."""
    if k == 0:
        return []
    items, weights = list(items), list(weights)
    chosen = []
    for _ in range(k):
        i = rng.choices(range(len(items)), weights=weights)[0]
        chosen.append(items.pop(i))
        weights.pop(i)
    return chosen


def _is_pretty(tail: str) -> bool:
    """AAAA, AABB or ABAB endings are sold as premium numbers."""
    return (tail[0] == tail[1] and tail[2] == tail[3]) or tail[:2] == tail[2:]


class _Generator:
    def __init__(self, seed: int, as_of: date, halls: int) -> None:
        self.rng = random.Random(seed)
        self.fake = Faker("zh_CN")
        self.fake.seed_instance(seed)
        self.as_of = as_of
        self.hall_count = halls
        self.as_of_ts = _epoch(as_of)
        ten_years_ago = date(as_of.year - 10, as_of.month, min(as_of.day, 28))
        self.ten_years_ago_ts = _epoch(ten_years_ago)
        self.birth_year_max = min(BIRTH_YEAR_MAX, as_of.year - 17)
        if self.birth_year_max < BIRTH_YEAR_MIN:
            raise ValueError("as_of is too early for customers born from 1945")
        self.periods = _months_before(as_of, 3)
        # Uniqueness across the whole run (ints are smaller than strings).
        self.used_msisdn: set[int] = set()
        self.used_iccid: set[int] = set()
        self.used_id17: set[int] = set()
        self.used_customer_no: set[int] = set()
        self.used_account_no: set[int] = set()
        self.initials: dict[str, str] = {}
        self.halls: list[dict[str, Any]] = []
        self.offerings: list[dict[str, Any]] = []
        self.plans: dict[str, tuple[list[str], list[int]]] = {}
        # (account kind, plan id) -> (add-on ids, weights)
        self.addons: dict[tuple[str, str], tuple[list[str], list[int]]] = {}
        self.price: dict[str, int] = {}

    def uid(self) -> str:
        return str(uuid.UUID(int=self.rng.getrandbits(128), version=4))

    # -- catalog, halls, staff --------------------------------------------------------------

    def make_halls(self) -> list[dict[str, Any]]:
        for i in range(self.hall_count):
            city, prefecture = CITIES[i % len(CITIES)]
            place = HALL_PLACES[i % len(HALL_PLACES)]
            round_ = i // (len(CITIES) * len(HALL_PLACES))
            name = city[:-1] + (place if round_ == 0 else f"{place[:-3]}{round_ + 1}号营业厅")
            self.halls.append(
                {
                    "id": self.uid(),
                    "code": f"H{i + 1:03d}",
                    "name": name,
                    "city": city,
                    "version": 1,
                    "_prefecture": prefecture,
                }
            )
        return [{k: v for k, v in h.items() if not k.startswith("_")} for h in self.halls]

    def make_offerings(self) -> list[dict[str, Any]]:
        for code, name, kind, price, description, eligibility, weight in OFFERINGS:
            self.offerings.append(
                {
                    "id": self.uid(),
                    "code": code,
                    "name": name,
                    "kind": kind,
                    "price_fen": price,
                    "description": description,
                    "eligibility": eligibility,
                    "active": True,
                    "version": 1,
                    "_weight": weight,
                }
            )
        for account_kind in ("prepaid", "postpaid"):  # respect each offering's eligibility
            fits = [o for o in self.offerings if account_kind in o["eligibility"]["account_kinds"]]
            plans = [o for o in fits if o["kind"] == "plan"]
            self.plans[account_kind] = (
                [p["id"] for p in plans],
                list(itertools.accumulate(p["_weight"] for p in plans)),
            )
            for plan in plans:
                included = PLAN_INCLUDES.get(plan["code"], frozenset())
                addons = [o for o in fits if o["kind"] == "addon" and o["code"] not in included]
                self.addons[account_kind, plan["id"]] = (
                    [o["id"] for o in addons],
                    [o["_weight"] for o in addons],
                )
        self.price = {o["id"]: o["price_fen"] for o in self.offerings}
        return [{k: v for k, v in o.items() if not k.startswith("_")} for o in self.offerings]

    def make_staff(self) -> list[dict[str, Any]]:
        """Staff rows without their password material (added later, off the main thread)."""
        rows = []
        for hall in self.halls:
            for suffix, role in (("C01", "clerk"), ("C02", "clerk"), ("S01", "supervisor")):
                rows.append(
                    {
                        "id": self.uid(),
                        "staff_no": f"{hall['code']}-{suffix}",
                        "name": self.fake.name(),
                        "role": role,
                        "hall_id": hall["id"],
                        "active": True,
                        "version": 1,
                    }
                )
        rows.append(
            {
                "id": self.uid(),
                "staff_no": "ADMIN",
                "name": self.fake.name(),
                "role": "admin",
                "hall_id": self.halls[0]["id"],
                "active": True,
                "version": 1,
            }
        )
        return rows

    # -- number and SIM stock ---------------------------------------------------------------

    def make_numbers(self) -> list[dict[str, Any]]:
        rng = self.rng
        rows = []
        used_blocks: set[str] = set()
        for hall in self.halls:
            blocks: list[str] = []
            while len(blocks) < 2:  # each hall sells from two 7-digit segments of its own
                block = rng.choice(MOBILE_PREFIXES) + f"{rng.randrange(10_000):04d}"
                if block not in used_blocks:
                    used_blocks.add(block)
                    blocks.append(block)
            made = 0
            while made < STOCK_NUMBERS_PER_HALL:
                premium = made < PREMIUM_NUMBERS_PER_HALL
                if premium:
                    a, b = rng.sample("0123456789", 2)
                    pattern = rng.random()
                    if pattern < 0.2:
                        a = rng.choice("689")
                        tail, prepay = a * 4, rng.randrange(5, 11) * 10_000
                    elif pattern < 0.6:
                        tail, prepay = a + a + b + b, rng.randrange(2, 6) * 10_000
                    else:
                        tail, prepay = a + b + a + b, rng.randrange(2, 4) * 10_000
                else:
                    tail, prepay = f"{rng.randrange(10_000):04d}", 0
                    if _is_pretty(tail):
                        continue
                msisdn = rng.choice(blocks) + tail
                if int(msisdn) in self.used_msisdn:
                    continue
                self.used_msisdn.add(int(msisdn))
                rows.append(
                    {
                        "id": self.uid(),
                        "msisdn": msisdn,
                        "hall_id": hall["id"],
                        "status": "available",
                        "level": "premium" if premium else "normal",
                        "prepay_fen": prepay,
                        "version": 1,
                    }
                )
                made += 1
        return rows

    def make_sims(self) -> list[dict[str, Any]]:
        """Each hall holds one box of consecutively numbered new cards (serials start with 9;
        lines in service use 0-8 there, so stock never collides with them)."""
        rng = self.rng
        yy = self.as_of.year % 100
        rows = []
        starts: list[int] = []
        for hall in self.halls:
            while True:
                start = rng.randrange(10**10 - STOCK_SIMS_PER_HALL)
                if all(abs(start - s) >= STOCK_SIMS_PER_HALL for s in starts):
                    starts.append(start)
                    break
            for serial in range(start, start + STOCK_SIMS_PER_HALL):
                body = f"{ICCID_PREFIX}{yy:02d}9{serial:010d}"
                iccid = body + luhn_check_digit(body)
                self.used_iccid.add(int(iccid))
                rows.append(
                    {
                        "id": self.uid(),
                        "iccid": iccid,
                        "hall_id": hall["id"],
                        "status": "available",
                        "version": 1,
                    }
                )
        return rows

    # -- customers and what hangs off them ---------------------------------------------------

    def new_msisdn(self) -> str:
        rng, used = self.rng, self.used_msisdn
        while True:
            msisdn = f"{rng.choice(MOBILE_PREFIXES)}{rng.randrange(10**8):08d}"
            if int(msisdn) not in used:
                used.add(int(msisdn))
                return msisdn

    def new_iccid(self, activated: datetime) -> str:
        rng, used = self.rng, self.used_iccid
        while True:
            body = f"{ICCID_PREFIX}{activated.year % 100:02d}{rng.randrange(9 * 10**10):011d}"
            iccid = body + luhn_check_digit(body)
            if int(iccid) not in used:
                used.add(int(iccid))
                return iccid

    def resident_id(self, birth: date, male: bool) -> str:
        rng = self.rng
        province = PROVINCE_CODE if rng.random() < HOME_PROVINCE_BIRTHS else None
        codes = (
            _region_codes_by_year(province)[birth.year] or _region_codes_by_year(None)[birth.year]
        )
        code = rng.choice(codes)
        prefix = f"{code}{birth.year:04d}{birth.month:02d}{birth.day:02d}"
        while True:
            seq = rng.randrange(1, 500) * 2 + (1 if male else 0)  # odd = male
            body = f"{prefix}{seq:03d}"
            if int(body) not in self.used_id17:
                self.used_id17.add(int(body))
                return body + ric.calc_check_digit(body + "0")

    def customer_batch(self, count: int) -> dict[str, list[dict[str, Any]]]:
        rng, fake = self.rng, self.fake
        rand, randrange, choices = rng.random, rng.randrange, rng.choices
        uid, as_of_ts = self.uid, self.as_of_ts
        customers: list[dict[str, Any]] = []
        accounts: list[dict[str, Any]] = []
        lines: list[dict[str, Any]] = []
        bills: list[dict[str, Any]] = []
        halls = self.halls
        for _ in range(count):
            # -- the person
            male = rand() < 0.5
            # zh_CN has no gendered name formats, so name_male() would not match `gender`.
            name = fake.last_name() + (fake.first_name_male() if male else fake.first_name_female())
            initials = self.initials.get(name)
            if initials is None:
                initials = self.initials[name] = pinyin_initials(name)
            year = min(
                int(rng.triangular(BIRTH_YEAR_MIN, BIRTH_YEAR_MAX + 1, 1984)), self.birth_year_max
            )
            birth = date(year, 1, 1) + timedelta(days=randrange(365))
            id_number = self.resident_id(birth, male)
            hall = halls[randrange(len(halls))]
            if rand() < 0.85:
                city, prefecture = hall["city"], hall["_prefecture"]
            else:
                city, prefecture = CITIES[randrange(len(CITIES))]
            address = f"{PROVINCE}{city}{rng.choice(_districts(prefecture))}{fake.street_name()}"
            address += f"{randrange(1, 400)}号"
            if rand() < 0.8:
                address += (
                    f"{randrange(1, 30)}幢{randrange(1, 5)}单元"
                    f"{randrange(1, 33)}{randrange(1, 5):02d}室"
                )
            sixteen = _epoch(date(birth.year + 16, birth.month, min(birth.day, 28)))
            created_ts = max(self.ten_years_ago_ts, sixteen)
            created_ts += randrange(max(1, as_of_ts - created_ts - 86_400))
            updated_ts = (
                created_ts
                if rand() < 0.75
                else created_ts + randrange(max(1, as_of_ts - created_ts))
            )
            while True:
                customer_no = randrange(10**10)
                if customer_no not in self.used_customer_no:
                    self.used_customer_no.add(customer_no)
                    break
            customer_id = uid()
            customer = {
                "id": customer_id,
                "customer_no": f"C{customer_no:010d}",
                "name": name,
                "name_initials": initials,
                "customer_type": "individual",
                "id_type": "resident_id",
                "id_number": id_number,
                "gender": "M" if male else "F",
                "birth_date": birth,
                "contact_phone": None,
                "address": address,
                "vip_level": choices(VIP_LEVELS, cum_weights=VIP_CUM_WEIGHTS)[0],
                "home_hall_id": hall["id"],
                "created_at": _utc(created_ts),
                "updated_at": _utc(updated_ts),
                "version": 1,
            }
            customers.append(customer)

            # -- accounts (arrears decided up front: two unpaid bills suspend the lines)
            # (account row, bills in arrears, [(activated ts, status, plan id, add-on ids)])
            mine: list[tuple[dict[str, Any], int, list[tuple[int, str, str, list[str]]]]] = []
            for _ in range(2 if rand() < 0.10 else 1):
                while True:
                    account_no = randrange(10**9)
                    if account_no not in self.used_account_no:
                        self.used_account_no.add(account_no)
                        break
                postpaid = rand() < 0.6
                arrears = 0
                if postpaid:
                    r = rand()
                    arrears = 2 if r < 0.05 else 1 if r < 0.25 else 0
                account: dict[str, Any] = {
                    "id": uid(),
                    "account_no": f"7{account_no:09d}",
                    "customer_id": customer_id,
                    "kind": "postpaid" if postpaid else "prepaid",
                    "balance_fen": 0 if postpaid else randrange(30_001),
                    "status": "active",
                    "version": 1,
                }
                accounts.append(account)
                mine.append((account, arrears, []))

            # -- lines: the first opened with the customer, one at least on every account
            n_lines = choices(LINES_PER_CUSTOMER, cum_weights=LINES_CUM_WEIGHTS)[0]
            n_lines = max(n_lines, len(mine))
            for j in range(n_lines):
                account, arrears, account_lines = mine[j] if j < len(mine) else rng.choice(mine)
                account_kind: str = account["kind"]
                plan_ids, plan_cum = self.plans[account_kind]
                plan_id = choices(plan_ids, cum_weights=plan_cum)[0]
                n_addons = choices(ADDONS_PER_LINE, cum_weights=ADDONS_CUM_WEIGHTS)[0]
                addon_ids = _weighted_sample(rng, *self.addons[account_kind, plan_id], n_addons)
                if j == 0:
                    activated_ts = created_ts + randrange(300, 3600)
                else:
                    activated_ts = created_ts + randrange(max(1, as_of_ts - created_ts))
                activated_ts = min(activated_ts, as_of_ts - 1)
                status = choices(LINE_STATUSES, cum_weights=LINE_STATUS_CUM_WEIGHTS)[0]
                if arrears == 2 and status == "active":
                    status = "suspended"
                activated = _utc(activated_ts)
                line = {
                    "id": uid(),
                    "msisdn": self.new_msisdn(),
                    "iccid": self.new_iccid(activated),
                    "customer_id": customer_id,
                    "account_id": account["id"],
                    "plan_id": plan_id,
                    "addon_ids": addon_ids,
                    "status": status,
                    "activated_at": activated,
                    "version": 1,
                }
                lines.append(line)
                account_lines.append((activated_ts, status, plan_id, addon_ids))
            if rand() < 0.8:
                customer["contact_phone"] = lines[-n_lines]["msisdn"]
            else:  # another carrier's or a relative's number; never one in a hall's stock
                while True:
                    phone = f"{rng.choice(MOBILE_PREFIXES)}{randrange(10**8):08d}"
                    if int(phone) not in self.used_msisdn:
                        break
                customer["contact_phone"] = phone

            # -- bills of postpaid accounts
            for account, arrears, account_lines in mine:
                if account["kind"] != "postpaid":
                    continue
                for age, (period, due, end_ts) in enumerate(self.periods):
                    monthly = sum(
                        self.price[plan_id] + sum(self.price[a] for a in addon_ids)
                        for activated_ts, status, plan_id, addon_ids in account_lines
                        if activated_ts < end_ts and status != "cancelled"
                    )
                    if not monthly:
                        continue  # no line yet in that month
                    amount = max(100, monthly + randrange(-500, 3001))
                    paid, state = amount, "paid"
                    if age < arrears:
                        paid, state = 0, "unpaid"
                        if rand() < 0.1:
                            paid, state = randrange(1, amount), "partial"
                    bills.append(
                        {
                            "id": uid(),
                            "account_id": account["id"],
                            "period": period,
                            "amount_fen": amount,
                            "paid_fen": paid,
                            "status": state,
                            "due_date": due,
                            "version": 1,
                        }
                    )
        return {"customer": customers, "account": accounts, "subscription": lines, "bill": bills}


# ---------------------------------------------------------------------------------------------
# Writing
# ---------------------------------------------------------------------------------------------


def _write(
    session: Session, model: type[Base], rows: Sequence[dict[str, Any]], entity: str | None
) -> int:
    """Bulk-insert plain dicts (Core executemany) and put them in the change feed."""
    if not rows:
        return 0
    session.execute(insert(model.__table__), rows)  # type: ignore[arg-type]
    if entity is not None:
        _, scope = SYNC_ENTITIES[entity]
        changes.record(
            session,
            entity,
            [ChangedRow(r["id"], r["version"], r[scope] if scope else None) for r in rows],
            fresh=True,
        )
    return len(rows)


class _InlineExecutor:
    """Runs each task at once in the caller's thread (the executor interface seed() uses)."""

    def __enter__(self) -> _InlineExecutor:
        return self

    def __exit__(self, *_exc: object) -> None:
        return None

    def submit(self, fn: Callable[..., Any], *args: Any) -> Future[Any]:
        future: Future[Any] = Future()
        try:
            future.set_result(fn(*args))
        except Exception as exc:
            future.set_exception(exc)
        return future


CUSTOMER_TABLES: dict[str, type[Base]] = {
    "customer": Customer,
    "account": Account,
    "subscription": Subscription,
    "bill": Bill,
}


SQLITE_SEED_CACHE_KIB = 256 * 1024


@contextlib.contextmanager
def _bulk_connection(engine: Engine) -> Iterator[Connection]:
    """One connection for all the customer batches.

    SQLite's default page cache (2 MB) makes the random-UUID index inserts of a large seed
    re-read pages all the time; a roomier cache while seeding saves ~15 % at 100k customers.
    The connection goes back to the pool with its old setting.
    """
    with engine.connect() as conn:
        if engine.dialect.name != "sqlite":
            yield conn
            return
        old = int(conn.exec_driver_sql("PRAGMA cache_size").scalar_one())
        conn.exec_driver_sql(f"PRAGMA cache_size=-{SQLITE_SEED_CACHE_KIB}")
        conn.commit()
        try:
            yield conn
        finally:
            conn.rollback()
            conn.exec_driver_sql(f"PRAGMA cache_size={old}")
            conn.commit()


def _write_customer_batch(
    conn: Connection, batch: dict[str, list[dict[str, Any]]]
) -> dict[str, int]:
    """One transaction: a batch of customers with their accounts, lines and bills."""
    with Session(conn) as session, session.begin():
        return {
            entity: _write(session, model, batch[entity], entity)
            for entity, model in CUSTOMER_TABLES.items()
        }


def _collect(pending: Future[dict[str, int]], counts: dict[str, int]) -> int:
    written = pending.result()
    for table, n in written.items():
        counts[table] += n
    return written["customer"]


def _staff_secrets(
    password: str, n: int, pool: ThreadPoolExecutor
) -> list[Future[tuple[str, str, str, str]]]:
    """Hash the password once per staff member (own salts), in the background: the sign-in
    hash, the offline verifier, and the salt and key of offline approvals."""

    def secrets() -> tuple[str, str, str, str]:
        salt = new_salt()
        return (
            hash_password(password),
            make_offline_verifier(password),
            salt,
            approval_key(password, salt),
        )

    return [pool.submit(secrets) for _ in range(n)]


def seed(
    engine: Engine,
    *,
    customers: int,
    seed: int = 1,
    staff_password: str = "demo",
    as_of: date | None = None,
    halls: int = 3,
    progress: Progress | None = None,
) -> dict[str, int]:
    """Fill an empty province database; returns the rows written per table (and `change`).

    Raises RuntimeError("database already seeded") if there is any hall.
    """
    if customers < 0:
        raise ValueError("customers must not be negative")
    if halls < 1:
        raise ValueError("there must be at least one hall")
    create_schema(engine)
    with Session(engine) as session:
        if session.scalar(select(Hall.id).limit(1)) is not None:
            raise RuntimeError("database already seeded")

    gen = _Generator(seed, as_of or date.today(), halls)
    counts = {
        name: 0
        for name in (
            "hall",
            "staff",
            "offering",
            "customer",
            "account",
            "subscription",
            "bill",
            "number",
            "sim",
        )
    }
    report = progress or (lambda _stage, _done, _total: None)

    with ThreadPoolExecutor(max_workers=2, thread_name_prefix="seed-hash") as pool:
        hall_rows = gen.make_halls()
        offering_rows = gen.make_offerings()
        staff_rows = gen.make_staff()
        secrets = _staff_secrets(staff_password, len(staff_rows), pool)
        number_rows = gen.make_numbers()
        sim_rows = gen.make_sims()

        with Session(engine) as session, session.begin():
            counts["hall"] = _write(session, Hall, hall_rows, None)
            counts["offering"] = _write(session, Offering, offering_rows, "offering")
            counts["number"] = _write(session, Number, number_rows, "number")
            counts["sim"] = _write(session, Sim, sim_rows, "sim")
        report("stock", 1, 1)

        # On a server database, generating batch k+1 (pure Python) overlaps the server writing
        # batch k; one writer thread keeps the batches, and so the feed's seqs, in order.
        # SQLite writes in-process, where a second Python thread only contends for the GIL
        # (measured: ~5 % slower), so it writes inline.
        written = 0
        report("customers", 0, customers)
        overlap = engine.dialect.name != "sqlite"
        with (
            _bulk_connection(engine) as conn,
            (
                ThreadPoolExecutor(max_workers=1, thread_name_prefix="seed-write")
                if overlap
                else _InlineExecutor()
            ) as writer,
        ):
            pending: Future[dict[str, int]] | None = None
            generated = 0
            while generated < customers:
                size = min(BATCH_CUSTOMERS, customers - generated)
                batch = gen.customer_batch(size)
                generated += size
                if pending is not None:
                    written += _collect(pending, counts)
                    report("customers", written, customers)
                pending = writer.submit(_write_customer_batch, conn, batch)
            if pending is not None:
                written += _collect(pending, counts)
                report("customers", written, customers)

        for row, future in zip(staff_rows, secrets, strict=True):
            (
                row["password_hash"],
                row["offline_verifier"],
                row["approval_salt"],
                row["approval_key"],
            ) = future.result()
        with Session(engine) as session, session.begin():
            counts["staff"] = _write(session, Staff, staff_rows, "staff")
        report("staff", len(staff_rows), len(staff_rows))

    counts["change"] = sum(n for table, n in counts.items() if table in SYNCED_TABLES)
    return counts
