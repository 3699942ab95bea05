"""Interpretation of what a clerk typed into the single customer search box.

:func:`classify` returns every plausible reading, most likely first; the cache runs them
all and merges the results.
"""

from __future__ import annotations

import enum
import re
import unicodedata
from dataclasses import dataclass


class QueryKind(enum.StrEnum):
    PHONE_PREFIX = "phone_prefix"
    ID_FULL = "id_full"
    ID_TAIL = "id_tail"
    ICCID = "iccid"
    ACCOUNT_NO = "account_no"
    NAME = "name"
    PINYIN_INITIALS = "pinyin_initials"


@dataclass(frozen=True)
class SearchTerm:
    kind: QueryKind
    value: str


# CJK Unified Ideographs, Extension A, compatibility ideographs, Extensions B-H.
_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"

_DIGITS_X = re.compile(r"[0-9]+X?")
_PHONE_PREFIX = re.compile(r"1[3-9][0-9]{1,9}")
_CJK_NAME = re.compile(rf"(?=.*[{_CJK}])[{_CJK}·]{{1,20}}")
_INITIALS = re.compile(r"[a-z]{1,6}")
_LATIN_NAME = re.compile(r"[A-Za-z][A-Za-z .\-·]{0,49}")


def classify(text: str) -> list[SearchTerm]:
    # NFKC: full-width digits and letters from a Chinese IME become ASCII.
    text = " ".join(unicodedata.normalize("NFKC", text).split())
    if not text:
        return []
    compact = text.replace(" ", "")
    if compact[-1] == "x":
        compact = compact[:-1] + "X"
    if _DIGITS_X.fullmatch(compact):
        return _classify_number(compact)
    if _CJK_NAME.fullmatch(compact):
        return [SearchTerm(QueryKind.NAME, compact)]
    if _INITIALS.fullmatch(text.lower()):
        return [SearchTerm(QueryKind.PINYIN_INITIALS, text.lower())]
    if _LATIN_NAME.fullmatch(text):
        return [SearchTerm(QueryKind.NAME, text)]
    return []


def _classify_number(number: str) -> list[SearchTerm]:
    length = len(number)
    if number.endswith("X"):
        if length == 18:
            return [SearchTerm(QueryKind.ID_FULL, number)]
        if 4 <= length <= 17:
            return [SearchTerm(QueryKind.ID_TAIL, number)]
        return []
    if length in (19, 20) and number.startswith("89"):
        return [SearchTerm(QueryKind.ICCID, number)]
    if length == 18:
        return [SearchTerm(QueryKind.ID_FULL, number)]
    terms: list[SearchTerm] = []
    if 6 <= length <= 10 and number.startswith("7"):
        terms.append(SearchTerm(QueryKind.ACCOUNT_NO, number))
    if _PHONE_PREFIX.fullmatch(number):
        terms.append(SearchTerm(QueryKind.PHONE_PREFIX, number))
    if 4 <= length <= 17:
        terms.append(SearchTerm(QueryKind.ID_TAIL, number))
    return terms
