"""The core runs without Qt, and imports only go ui -> counter_app -> local_cache."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

NO_QT = """
import importlib, pkgutil, sys
sys.modules['PySide6'] = None  # any import of PySide6 now fails
sys.modules['shiboken6'] = None
for package in ('counter_app', 'local_cache'):
    module = importlib.import_module(package)
    for info in pkgutil.walk_packages(module.__path__, package + '.'):
        importlib.import_module(info.name)
print('ok')
"""


def test_core_imports_without_pyside6() -> None:
    done = subprocess.run(
        [sys.executable, "-c", NO_QT], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "ok"


def imports_of(package: str, root: Path = ROOT) -> set[tuple[str, str]]:
    """(file, top-level package imported) for every import in `package`, relative ones too."""
    found = set()
    for path in (root / package).rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            elif isinstance(node, ast.ImportFrom):  # relative: resolved from the file's place
                parts = list(path.relative_to(root).parent.parts)
                base = parts[: len(parts) - (node.level - 1)] if node.level > 1 else parts
                names = [".".join([*base, node.module] if node.module else base)]
            found |= {(str(path.relative_to(root)), n.split(".")[0]) for n in names}
    return found


def sql_calls(package: str, root: Path = ROOT) -> list[str]:
    """Where `package` runs SQL itself (a statement method called on anything)."""
    found = []
    for path in (root / package).rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr in {"exec_driver_sql", "execute", "executemany", "scalar"}
            ):
                found.append(f"{path.relative_to(root)}:{node.lineno}")
    return found


def test_all_sql_lives_in_local_cache(tmp_path: Path) -> None:
    assert sql_calls("counter_app") == []
    assert sql_calls("ui") == []
    (tmp_path / "ui").mkdir()
    (tmp_path / "ui" / "w.py").write_text("def f(c):\n    c.exec_driver_sql('SELECT 1')\n")
    assert sql_calls("ui", tmp_path) == ["ui/w.py:2"]


def test_relative_imports_count_as_what_they_name(tmp_path: Path) -> None:
    """`from ..ui import x` inside counter_app is an import of ui, and is caught."""
    (tmp_path / "counter_app" / "sub").mkdir(parents=True)
    (tmp_path / "counter_app" / "sub" / "m.py").write_text("from ...ui import window\n")
    (tmp_path / "counter_app" / "n.py").write_text("from . import payments\n")
    assert imports_of("counter_app", tmp_path) == {
        ("counter_app/sub/m.py", "ui"),
        ("counter_app/n.py", "counter_app"),
    }


def test_imports_run_one_way() -> None:
    forbidden = {
        "local_cache": {"counter_app", "ui", "province_api", "PySide6", "requests"},
        "counter_app": {"ui", "province_api", "PySide6"},
        "ui": {"local_cache", "province_api", "sqlalchemy"},  # ui/demo.py: see below
        "province_api": {"ui", "local_cache", "PySide6"},
    }
    for package, banned in forbidden.items():
        bad = {(f, m) for f, m in imports_of(package) if m in banned}
        if package == "ui":  # the demo starts the reference province inside the app
            bad -= {("ui/demo.py", "province_api")}
        assert not bad, bad
    domain = {(f, m) for f, m in imports_of("counter_app/domain".replace("/", "/"))}
    assert not {(f, m) for f, m in domain if m in {"sqlalchemy", "requests", "local_cache"}}
    shared = {m for f, m in imports_of("province_api") if m == "counter_app"}
    assert shared <= {"counter_app"}
    for f, m in imports_of("province_api"):
        if m == "counter_app":
            text = (ROOT / f).read_text(encoding="utf-8")
            assert "counter_app.domain" in text, f


SERVER_ONLY = ("fastapi", "uvicorn", "psycopg", "faker", "alembic", "pydantic", "pypinyin")
CLIENT_ONLY = f"""
import importlib, pkgutil, sys
for name in {(*SERVER_ONLY, "province_api")!r}:
    sys.modules[name] = None  # not installed on a counter
for package in ('counter_app', 'local_cache', 'ui'):
    module = importlib.import_module(package)
    for info in pkgutil.walk_packages(module.__path__, package + '.'):
        if not info.name.endswith('__main__'):
            importlib.import_module(info.name)
from ui.demo import start_demo
try:
    start_demo(None, None, None)
except SystemExit as exc:
    print(exc)
"""


def test_the_counter_installs_and_runs_without_the_province() -> None:
    """The province's libraries are an extra (`counter[province]`); a counter without them
    imports every module, and `--demo` says what to install."""
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    base = " ".join(project["dependencies"]).lower()
    extra = " ".join(project["optional-dependencies"]["province"]).lower()
    for name in SERVER_ONLY:
        assert name not in base, name
        assert name in extra, name
    done = subprocess.run(
        [sys.executable, "-c", CLIENT_ONLY],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        env={**__import__("os").environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert done.returncode == 0, done.stderr
    assert "pip install 'counter[province]'" in done.stdout
