"""Name helpers the server computes once so that no counter has to."""

from __future__ import annotations

from pypinyin import Style, lazy_pinyin


def pinyin_initials(name: str) -> str:
    """张伟 -> "zw"; Latin letters are kept; anything else is dropped."""
    letters = lazy_pinyin(name, style=Style.FIRST_LETTER, errors="ignore")
    return "".join(p[:1] for p in letters if p).lower()[:20]
