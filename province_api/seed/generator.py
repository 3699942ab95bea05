"""Building the rows: one seeded random generator (and Faker's zh_CN word lists) for everything."""

from __future__ import annotations

import itertools
import random
from datetime import date, datetime, timedelta
from typing import Any

from faker import Faker
from faker.providers.address.zh_CN import Provider as FakerAddress
from faker.providers.person.zh_CN import Provider as FakerPerson
from stdnum.cn import ric

from province_api.names import pinyin_initials
from province_api.seed.draws import (
    _epoch,
    _is_pretty,
    _months_before,
    _utc,
    _weighted_sample,
    luhn_check_digit,
)
from province_api.seed.reference import (
    ADDONS_CUM_WEIGHTS,
    ADDONS_PER_LINE,
    BIRTH_YEAR_MAX,
    BIRTH_YEAR_MIN,
    CITIES,
    HALL_PLACES,
    HOME_PROVINCE_BIRTHS,
    ICCID_PREFIX,
    LINE_STATUS_CUM_WEIGHTS,
    LINE_STATUSES,
    LINES_CUM_WEIGHTS,
    LINES_PER_CUSTOMER,
    MOBILE_PREFIXES,
    OFFERINGS,
    PLAN_INCLUDES,
    PREMIUM_NUMBERS_PER_HALL,
    PROVINCE,
    PROVINCE_CODE,
    STOCK_NUMBERS_PER_HALL,
    STOCK_SIMS_PER_HALL,
    VIP_CUM_WEIGHTS,
    VIP_LEVELS,
    _districts,
    _region_codes_by_year,
)

# ---------------------------------------------------------------------------------------------
# The generator
# ---------------------------------------------------------------------------------------------


class _Generator:
    def __init__(self, seed: int, as_of: date, halls: int) -> None:
        self.rng = random.Random(seed)
        self.fake = Faker("zh_CN")
        self.fake.seed_instance(seed)
        # Faker's own zh_CN word lists, drawn from with `rng` directly: a Faker call per name
        # part costs ~40 µs of proxying and weight tables, a third of a customer's making.
        self.surnames = list(FakerPerson.last_names)
        self.surname_cum = list(itertools.accumulate(FakerPerson.last_names.values()))
        self.given_male = list(FakerPerson.first_names_male)
        self.given_female = list(FakerPerson.first_names_female)
        self.street_cities = list(FakerAddress.cities)
        self.street_suffixes = list(FakerAddress.street_suffixes)
        self.as_of = as_of
        self.hall_count = halls
        self.as_of_ts = _epoch(as_of)
        self.uid_epoch_ms = (self.as_of_ts - 10 * 366 * 86_400) * 1000
        self.uid_count = 0
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
        """A UUIDv7 layout whose time field counts up from the seed's start: ids in the order
        made, so every table's primary key (and the foreign keys, customers being made in
        order) is appended to, never inserted into at random, by a large seed."""
        self.uid_count += 1
        bits = self.rng.getrandbits(74)
        value = (
            ((self.uid_epoch_ms + self.uid_count) << 80)
            | (0x7 << 76)
            | ((bits >> 62) << 64)
            | (0b10 << 62)
            | (bits & ((1 << 62) - 1))
        )
        h = f"{value:032x}"
        return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"

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
        rng = self.rng
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
            surname = choices(self.surnames, cum_weights=self.surname_cum)[0]
            given = self.given_male if male else self.given_female
            name = surname + given[randrange(len(given))]
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
            street = (
                self.street_cities[randrange(len(self.street_cities))]
                if rand() < 0.5
                else choices(self.surnames, cum_weights=self.surname_cum)[0]
            ) + self.street_suffixes[randrange(len(self.street_suffixes))]
            address = f"{PROVINCE}{city}{rng.choice(_districts(prefecture))}{street}"
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
