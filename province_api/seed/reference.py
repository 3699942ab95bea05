"""Reference data for the seed: the province, its halls, the catalog, and region codes
read from python-stdnum's own table (so stdnum.cn.ric accepts every one picked)."""

from __future__ import annotations

import functools
import itertools
from collections.abc import Callable
from typing import Any

from stdnum import numdb

from province_api.models import (
    SYNC_ENTITIES,
)

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
# A plan one may move to at once (not only from next month); an adult-only plan.
BOTH_NOW = {**BOTH_KINDS, "change_now": True}
ADULT_POSTPAID = {**POSTPAID_ONLY, "min_age": 18}

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
        BOTH_NOW,
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
        ADULT_POSTPAID,
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
