import pytest

from counter_app.domain.search_query import QueryKind, SearchTerm, classify

K = QueryKind


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("138", [(K.PHONE_PREFIX, "138")]),
        ("1380013", [(K.PHONE_PREFIX, "1380013"), (K.ID_TAIL, "1380013")]),
        ("13800138000", [(K.PHONE_PREFIX, "13800138000"), (K.ID_TAIL, "13800138000")]),
        ("138 0013 8000", [(K.PHONE_PREFIX, "13800138000"), (K.ID_TAIL, "13800138000")]),
        ("1234", [(K.ID_TAIL, "1234")]),
        ("123X", [(K.ID_TAIL, "123X")]),
        ("002x", [(K.ID_TAIL, "002X")]),
        ("71234567", [(K.ACCOUNT_NO, "71234567"), (K.ID_TAIL, "71234567")]),
        ("7123456789", [(K.ACCOUNT_NO, "7123456789"), (K.ID_TAIL, "7123456789")]),
        ("71234", [(K.ID_TAIL, "71234")]),
        ("张伟", [(K.NAME, "张伟")]),
        ("张", [(K.NAME, "张")]),
        (" 张 伟 ", [(K.NAME, "张伟")]),
        ("阿卜杜拉·艾买提", [(K.NAME, "阿卜杜拉·艾买提")]),
        ("zw", [(K.PINYIN_INITIALS, "zw")]),
        ("ZW", [(K.PINYIN_INITIALS, "zw")]),
        ("ＺＷ", [(K.PINYIN_INITIALS, "zw")]),
        ("zhangwei", [(K.NAME, "zhangwei")]),
        ("John  Smith", [(K.NAME, "John Smith")]),
        ("11010519491231002X", [(K.ID_FULL, "11010519491231002X")]),
        ("11010519491231002x", [(K.ID_FULL, "11010519491231002X")]),
        ("110105194912310021", [(K.ID_FULL, "110105194912310021")]),
        ("110105 19491231 002X", [(K.ID_FULL, "11010519491231002X")]),
        ("89860012345678901234", [(K.ICCID, "89860012345678901234")]),
        ("8986001234567890123", [(K.ICCID, "8986001234567890123")]),
        ("１３８", [(K.PHONE_PREFIX, "138")]),
    ],
)
def test_classify(text: str, expected: list[tuple[QueryKind, str]]) -> None:
    assert classify(text) == [SearchTerm(kind, value) for kind, value in expected]


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "13",
        "1",
        "12X",
        "12345678901234567890",  # 20 digits but not an ICCID
        "123456789012345678901",
        "张伟1",
        "张wei",
        "zw1",
        "138-0013",
        "@#",
        "·",
        "张" * 21,
    ],
)
def test_classify_unusable(text: str) -> None:
    assert classify(text) == []


def test_search_term_is_frozen_and_kind_is_str() -> None:
    term = classify("138")[0]
    with pytest.raises(AttributeError):
        term.value = "139"  # type: ignore[misc]
    assert isinstance(term.kind, str)
