"""`counter-app`: the entry point (and `counter-app --demo`)."""

from __future__ import annotations

import argparse
import logging
import os
import signal
import sys
import traceback
from collections.abc import Sequence
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from counter_app import __version__, api_client, logs
from counter_app.cache_key import OFF
from counter_app.credentials import Credentials
from counter_app.domain.validators import ValidationError
from counter_app.settings import AppPaths, Settings, load
from counter_app.storage import CacheEncryptedButOff, NoKeyringForCache, open_cache

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

log = logging.getLogger("counter")


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="counter-app", description="Counter, the hall client")
    parser.add_argument(
        "--home", type=Path, help="keep settings and cache in this folder (default: the user's)"
    )
    parser.add_argument(
        "--demo",
        action="store_true",
        help="start an embedded province server with demo data and sign in",
    )
    parser.add_argument("--demo-customers", type=int, default=10_000)
    parser.add_argument(
        "--screenshot",
        type=Path,
        help="after the first sync, save a picture of the window and quit",
    )
    parser.add_argument("--language", help="zh_CN (default) or en")
    parser.add_argument("--version", action="version", version=__version__)
    return parser.parse_args(list(argv))


def settings_and_language(args: argparse.Namespace, paths: AppPaths) -> tuple[Settings, str]:
    """The counter's settings, and the language of this run: `--language` applies to this
    run only, so it is kept out of the settings (which a sign-in saves)."""
    settings = load(paths)
    try:
        api_client.trust(settings.ca_bundle)  # the province's certificate is checked by it
    except ValidationError:
        log.warning("the CA file in the settings cannot be read; the system's CAs apply")
    return settings, args.language or settings.language


def setup_logging(paths: AppPaths) -> list[logging.Handler]:
    """The log file (0600) and the terminal; no resident ID or mobile number reaches either
    (counter_app.logs). Returns the handlers put on the root logger."""
    added = logs.handlers(paths.log_file)
    root = logging.getLogger()
    for handler in added:
        root.addHandler(handler)
    root.setLevel(logging.INFO)
    return added


def install_excepthook() -> None:
    def hook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        log.critical("unhandled error", exc_info=(kind, exc, tb))
        from PySide6.QtWidgets import QApplication, QMessageBox

        if QApplication.instance() is not None:
            box = QMessageBox(
                QMessageBox.Icon.Critical,
                "Counter",
                QApplication.translate(
                    "main", "An unexpected error occurred. It has been logged; please tell support."
                ),
            )
            box.setDetailedText("".join(traceback.format_exception(kind, exc, tb)))
            box.exec()

    sys.excepthook = hook


def counter_qapp(language: str) -> QApplication:
    """The QApplication, with the shipped Chinese font and the language's translators."""
    from PySide6.QtWidgets import QApplication

    from ui.fonts import register_fonts
    from ui.i18n import install_translators

    qapp = QApplication.instance() or QApplication(sys.argv[:1])
    qapp.setApplicationName("Counter")
    qapp.setOrganizationName("Counter")
    register_fonts(qapp)  # type: ignore[arg-type]
    install_translators(qapp, language)
    return qapp  # type: ignore[return-value]


def cache_refusal(exc: Exception, paths: AppPaths) -> str:
    """Why Counter does not open its cache, for the administrator, in the app's language."""
    from PySide6.QtWidgets import QApplication

    if isinstance(exc, NoKeyringForCache):
        return QApplication.translate(
            "main",
            "No keyring works on this computer ({why}), so the key that encrypts the cache of "
            "customers' personal data cannot be kept: a key made now would be lost at the next "
            "start, and with it the actions waiting to be sent. Counter does not start.\n\n"
            "An administrator can set up the keyring, or accept an unencrypted cache on this "
            'computer by setting "cache_encryption": "off" in {file}.',
        ).format(why=exc.why, file=paths.settings_file)
    return QApplication.translate(
        "main",
        "The cache in {folder} is encrypted (or is not a database), but the setting "
        '"cache_encryption" is "off" in {file}. Counter does not start: an administrator sets '
        'it back to "keyring" where the keyring holds the cache\'s key.',
    ).format(folder=paths.data_dir, file=paths.settings_file)


def refuse_to_start(exc: Exception, paths: AppPaths, language: str) -> None:
    """Before any window: the reason the cache is not opened, in a dialog."""
    from PySide6.QtWidgets import QMessageBox

    counter_qapp(language)
    box = QMessageBox(QMessageBox.Icon.Critical, "Counter", cache_refusal(exc, paths))
    box.setObjectName("cacheRefused")
    box.exec()


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    paths = AppPaths.under(args.home) if args.home else AppPaths.default()
    # Personal data: whatever this process makes is the user's alone, Qt's files too (the
    # lock, a PDF printed to a file); the counter's own files set their modes anyway.
    os.umask(0o077)
    paths.make_private()  # and what an older Counter left open
    setup_logging(paths)
    install_excepthook()
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    settings, language = settings_and_language(args, paths)
    from PySide6.QtCore import QLockFile

    lock = QLockFile(str(paths.data_dir / "counter.lock"))  # one Counter per folder
    if not lock.tryLock(100):
        from PySide6.QtWidgets import QApplication, QMessageBox

        _app = QApplication.instance() or QApplication(sys.argv[:1])
        QMessageBox.warning(
            None,
            "Counter",
            QApplication.translate("main", "Counter is already running on this computer."),
        )
        return 1
    creds = Credentials()
    demo_server = None
    signed = None
    if args.demo:
        from ui.demo import start_demo

        demo_server, signed = start_demo(paths, settings, creds, args.demo_customers)

    encryption = settings.cache_encryption
    if args.demo and creds.warning is not None:  # demo data: nobody's personal data
        log.warning("no keyring: the demo's cache is not encrypted")
        encryption = OFF
    try:  # checked and migrated before any window
        cache, found = open_cache(paths.cache_file, creds, encryption)
    except (NoKeyringForCache, CacheEncryptedButOff) as exc:
        log.error("the cache is not opened: %s", exc)
        refuse_to_start(exc, paths, language)
        if demo_server is not None:
            demo_server.stop()
        lock.unlock()
        return 1
    from ui.app import CounterApp

    qapp = counter_qapp(language)
    app = CounterApp(paths, settings, creds, cache, recovery=found)
    if signed is not None:
        window = app.start_session(signed)
        if args.screenshot:
            from ui.screenshot import shoot_after_sync

            shoot_after_sync(window, app, args.screenshot)
    else:
        app.show_login()
    try:
        return int(qapp.exec())
    finally:
        app.shutdown()
        if demo_server is not None:
            demo_server.stop()
        lock.unlock()


if __name__ == "__main__":
    raise SystemExit(main())
