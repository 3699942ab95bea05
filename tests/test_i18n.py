"""The zh_CN translation: complete, loaded at run time, and undone when switching to English."""

from __future__ import annotations

import ast
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from importlib import resources
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, Qt, QTranslator
from PySide6.QtWidgets import QApplication

from counter_app import auth
from counter_app.api_client import ApiError, OfflineError
from counter_app.credentials import Credentials
from counter_app.domain import validators
from counter_app.domain.validators import ValidationError, validate_mobile
from ui import messages
from ui.i18n import install_translators
from ui.messages import describe
from ui.search_model import CustomerResultsModel, vip_label

ROOT = Path(__file__).resolve().parent.parent
I18N = ROOT / "resources" / "i18n"
TS = I18N / "counter_zh_CN.ts"
QM = I18N / "counter_zh_CN.qm"
EXTRA = I18N / "extra_strings.py"
PLACEHOLDER = re.compile(r"\{[^{}]*\}|%p%")
ACCELERATOR = re.compile(r"&([^&\s])")
CJK = re.compile(r"[\u4e00-\u9fff]")

Entry = tuple[str, str]  # (context, source)


def ts_messages(path: Path = TS) -> dict[Entry, ET.Element]:
    root = ET.parse(path).getroot()
    found: dict[Entry, ET.Element] = {}
    for context in root.iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            found[(name, message.findtext("source") or "")] = message
    return found


def translation(message: ET.Element) -> ET.Element:
    element = message.find("translation")
    assert element is not None
    return element


def literal_arguments(path: Path, functions: set[str], position: int) -> list[str]:
    """String literals passed as argument `position` to the named functions, in file order."""
    calls = [
        node
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id in functions
        and len(node.args) > position
    ]
    calls.sort(key=lambda node: (node.lineno, node.col_offset))
    return [
        node.args[position].value
        for node in calls
        if isinstance(node.args[position], ast.Constant)
        and isinstance(node.args[position].value, str)
    ]


def validation_messages() -> list[str]:
    fixed = [
        text
        for name, table in vars(validators).items()
        if name.startswith("_") and name.endswith("_MESSAGES")
        for text in table.values()
    ]
    raised = literal_arguments(
        ROOT / "counter_app" / "auth.py", {"_required", "ValidationError"}, 2
    )
    return list(dict.fromkeys(fixed + raised))


def dynamic_entries() -> list[Entry]:
    """Strings translated through a variable: lupdate finds them only in extra_strings.py."""
    problems = list(messages.PROBLEMS.values())
    own = literal_arguments(ROOT / "ui" / "messages.py", {"tr"}, 0)
    return (
        [("ValidationError", text) for text in validation_messages()]
        + [("messages", text) for text in dict.fromkeys(problems + own)]
        + [("vip", text) for text in ("Silver", "Gold", "Platinum")]
    )


CLERK_FACING_RAISES = {
    "PaymentRefused",
    "QrDeclined",
    "ShiftNotSettled",
    "ApprovalNeeded",
    "ApprovalRefused",
}


def _called_name(node: ast.Call) -> str | None:
    if isinstance(node.func, ast.Name):
        return node.func.id
    if isinstance(node.func, ast.Attribute):
        return node.func.attr
    return None


def _literal(node: ast.expr) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def core_messages() -> list[Entry]:
    """Every fixed sentence counter_app/ raises for the clerk, under the context the UI uses.

    - "messages": the first argument of PaymentRefused and its subclasses, and of
      ApprovalRefused (ui/messages.py and ui/payment_dialog.py translate `str(exc)`);
    - "ValidationError": the message (third argument) of `ValidationError(field, code,
      message)` and of auth's `_required(value, field, message)`;
    - "money": the ValueError sentences of `money.parse_yuan` (ui/payment_dialog.py).
    """
    found: list[Entry] = []
    for path in sorted((ROOT / "counter_app").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        calls = sorted(
            (node for node in ast.walk(tree) if isinstance(node, ast.Call)),
            key=lambda node: (node.lineno, node.col_offset),
        )
        for call in calls:
            name = _called_name(call)
            if name in CLERK_FACING_RAISES and call.args:
                text = _literal(call.args[0])
                if text is not None:
                    found.append(("messages", text))
            elif name in {"ValidationError", "_required"} and len(call.args) > 2:
                text = _literal(call.args[2])
                if text is not None:
                    found.append(("ValidationError", text))
    money_tree = ast.parse((ROOT / "counter_app" / "domain" / "money.py").read_text("utf-8"))
    parse_yuan = next(
        node
        for node in money_tree.body
        if isinstance(node, ast.FunctionDef) and node.name == "parse_yuan"
    )
    for node in ast.walk(parse_yuan):
        if (
            isinstance(node, ast.Raise)
            and isinstance(node.exc, ast.Call)
            and _called_name(node.exc) == "ValueError"
            and node.exc.args
        ):
            text = _literal(node.exc.args[0])
            if text is not None:
                found.append(("money", text))
    return list(dict.fromkeys(found))


@pytest.fixture
def zh_cn(qapp: QApplication) -> Iterator[QApplication]:
    """The app in Chinese for one test; English again afterwards, whatever happens."""
    before = QLocale()
    try:
        assert install_translators(qapp, "zh_CN") is True
        yield qapp
    finally:
        install_translators(qapp, "en")
        QLocale.setDefault(before)


def test_zh_cn_translates_the_ui(zh_cn: QApplication) -> None:
    assert QCoreApplication.translate("LoginDialog", "Sign in") == "登录"
    assert QCoreApplication.translate("MainWindow", "&Sync now") == "立即同步(&S)"
    assert QCoreApplication.translate("MainWindow", "● Offline") == "● 离线"
    # self.tr() of a real object looks in its class's context.
    model = CustomerResultsModel()
    assert model.headerData(0, Qt.Orientation.Horizontal) == "客户名称"
    assert vip_label("gold") == "金卡"
    assert vip_label("platinum") == "白金卡"
    assert vip_label("none") == ""
    # Qt's own strings (standard buttons) come from Qt's translator.
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "取消"


def test_validation_errors_reach_the_clerk_in_chinese(zh_cn: QApplication) -> None:
    with pytest.raises(ValidationError) as bad_mobile:
        validate_mobile("123")
    assert describe(bad_mobile.value) == "手机号码应为 11 位数字。"
    with pytest.raises(ValidationError) as no_server:
        auth.sign_in(Credentials(), "", "H001", "C01", "H001-C01", "demo")
    assert describe(no_server.value) == "请输入省中心服务器地址。"
    with pytest.raises(ValidationError) as bad_scheme:
        auth.sign_in(Credentials(), "cms.example", "H001", "C01", "H001-C01", "demo")
    assert describe(bad_scheme.value) == "服务器地址必须以 http:// 或 https:// 开头。"


def test_messages_reach_the_clerk_in_chinese(zh_cn: QApplication) -> None:
    refused = ApiError(401, "bad credentials", type="https://cms.example/problems/bad-credentials")
    assert describe(refused) == "工号或密码错误。"
    assert describe(OfflineError("down")) == "无法连接省中心服务器，请检查服务器地址和网络。"
    assert describe(KeyError("x")) == "出现错误：KeyError"


def test_english_removes_our_translator(zh_cn: QApplication) -> None:
    assert QCoreApplication.translate("LoginDialog", "Sign in") == "登录"
    assert install_translators(zh_cn, "en") is True
    assert QCoreApplication.translate("LoginDialog", "Sign in") == "Sign in"
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Cancel"
    assert vip_label("gold") == "Gold"
    assert describe(OfflineError("down")).startswith("Cannot reach the province server")
    assert QLocale().language() == QLocale.Language.English


def test_ts_is_complete() -> None:
    entries = ts_messages()
    assert entries
    for (context, source), message in entries.items():
        element = translation(message)
        where = f"{context}: {source!r}"
        assert element.get("type") is None, f"{element.get('type')} {where}"
        assert element.text and element.text.strip(), f"empty translation {where}"
        if re.search("[A-Za-z]", PLACEHOLDER.sub("", source)):
            assert CJK.search(element.text), f"not Chinese {where}"


def test_translations_keep_placeholders_accelerators_and_lines() -> None:
    for (context, source), message in ts_messages().items():
        text = translation(message).text or ""
        where = f"{context}: {source!r} -> {text!r}"
        assert sorted(PLACEHOLDER.findall(text)) == sorted(PLACEHOLDER.findall(source)), where
        assert text.count("\n") == source.count("\n"), where
        keys = ACCELERATOR.findall(source)
        assert [key.upper() for key in ACCELERATOR.findall(text)] == [
            key.upper() for key in keys
        ], where


def test_strings_passed_through_variables_are_translated() -> None:
    entries = ts_messages()
    for context, source in dynamic_entries():
        assert (context, source) in entries, f"missing from the .ts: {context}: {source!r}"
        assert translation(entries[(context, source)]).get("type") is None


def test_every_message_raised_in_the_core_is_translated() -> None:
    """A new refusal or validation sentence in counter_app/ fails here until it is in
    extra_strings.py and translated (run make i18n)."""
    found = core_messages()
    contexts = {context for context, _ in found}
    assert {"messages", "ValidationError", "money"} <= contexts
    assert ("money", "The amount is empty.") in found
    entries = ts_messages()
    missing = [entry for entry in found if entry not in entries]
    assert not missing, "add to resources/i18n/extra_strings.py, then make i18n: " + repr(missing)
    unfinished = [entry for entry in found if translation(entries[entry]).get("type")]
    assert not unfinished, "translate in counter_zh_CN.ts: " + repr(unfinished)


def test_core_messages_reach_the_clerk_in_chinese(zh_cn: QApplication) -> None:
    from counter_app.approvals import ApprovalRefused
    from counter_app.domain import money
    from counter_app.payments import PaymentRefused

    assert describe(PaymentRefused("Open a shift before taking payments.")) == ("请先开班再收款。")
    assert describe(ApprovalRefused("A supervisor cannot approve their own action.")) == (
        "值班经理不能审批自己的操作。"
    )
    with pytest.raises(ValueError) as empty:
        money.parse_yuan(" ")
    assert QCoreApplication.translate("money", str(empty.value)) == "请输入金额。"


def test_qm_matches_the_ts() -> None:
    """lrelease has been run since the .ts changed: every entry is in the .qm as written."""
    translator = QTranslator()
    assert translator.load(str(QM))
    for (context, source), message in ts_messages().items():
        assert translator.translate(context, source) == translation(message).text, (
            f"{context}: {source!r} — run make i18n"
        )


def test_qm_is_a_package_resource() -> None:
    qm = resources.files("resources") / "i18n" / "counter_zh_CN.qm"
    assert qm.is_file()


LUPDATE = Path(sys.executable).with_name("pyside6-lupdate")


@pytest.mark.skipif(not LUPDATE.exists(), reason="pyside6-lupdate is not installed")
def test_lupdate_finds_nothing_new_and_nothing_vanished(tmp_path: Path) -> None:
    """Running `make i18n` now would change no translation: the .ts covers the code."""
    copy = tmp_path / TS.name
    shutil.copy(TS, copy)
    sources = sorted(str(path) for path in (ROOT / "ui").rglob("*.py"))
    subprocess.run(
        [str(LUPDATE), *sources, str(EXTRA), "-ts", str(copy)],
        check=True,
        capture_output=True,
        timeout=120,
    )
    stale = [
        (context, source, translation(message).get("type"))
        for (context, source), message in ts_messages(copy).items()
        if translation(message).get("type")
    ]
    assert not stale, "run make i18n and translate: " + repr(stale)


def test_the_counter_menu_has_one_key_per_item() -> None:
    """Every item of the Counter menu has its own Alt-key, in both languages."""
    keys: dict[str, list[str]] = {"source": [], "translation": []}
    for context in ET.parse(TS).getroot().iter("context"):
        if context.findtext("name") not in ("MainWindow", "CounterActions"):
            continue
        for message in context.iter("message"):
            source = message.findtext("source") or ""
            # {n}: the same item with a count; &Counter: the menu's own title, on the menubar
            if "&" not in source or "{n}" in source or source == "&Counter":
                continue
            keys["source"] += [k.lower() for k in ACCELERATOR.findall(source)]
            translation = message.findtext("translation") or ""
            keys["translation"] += [k.lower() for k in ACCELERATOR.findall(translation)]
    for kind, found in keys.items():
        assert len(found) > 8, kind
        assert not {k for k in found if found.count(k) > 1}, (kind, sorted(found))
