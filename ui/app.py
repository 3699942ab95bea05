"""Putting the counter together: sign-in, then the main window with its sync thread."""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from functools import partial

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from counter_app import auth, payments, storage
from counter_app.api_client import ApiClient
from counter_app.auth import SignedIn
from counter_app.credentials import Credentials
from counter_app.link import LinkState
from counter_app.session import CounterSession
from counter_app.settings import AppPaths, Settings
from counter_app.storage import Cache
from counter_app.sync.engine import SyncEngine
from ui.gui_gc import GuiThreadCollector
from ui.login_dialog import LoginDialog
from ui.main_window import MainWindow
from ui.messages import describe, money, outbox_kind
from ui.sync_controller import SyncController
from ui.tasks import TaskRunner

log = logging.getLogger(__name__)


class CounterApp(QObject):
    """Owns the long-lived parts; tests build one and drive it without `exec()`."""

    window_ready = Signal(object)  # MainWindow
    login_shown = Signal(object)  # LoginDialog

    def __init__(
        self,
        paths: AppPaths,
        settings: Settings,
        creds: Credentials,
        cache: Cache,
        recovery: storage.Recovery | None = None,
    ) -> None:
        super().__init__()
        self.recovery = recovery  # what opening the cache found: told once, at the first screen
        # a large cache's whole check, deferred from the start (local_cache.cache_check)
        self._check_in_use = recovery is not None and recovery.check_in_use
        self.paths = paths
        self.settings = settings
        self.creds = creds
        self.cache = cache
        self.collector = GuiThreadCollector(self)  # no Qt object freed by a worker thread
        self.runner = TaskRunner(self)
        self.login: LoginDialog | None = None
        self.window: MainWindow | None = None
        self.sync: SyncController | None = None
        self.signed: SignedIn | None = None
        self._retiring: list[SyncController] = []

    def show_login(self) -> LoginDialog:
        self.login = LoginDialog(self.settings, self.paths, self.creds, self.runner)
        self.login.signed_in.connect(self.start_session)
        self.login.show()
        self._tell_recovery(self.login)
        self.login_shown.emit(self.login)
        return self.login

    def _start_check_in_use(self) -> None:
        if self._check_in_use:
            self._check_in_use = False
            self.runner.run(partial(storage.check_in_use, self.cache), self._checked_in_use)

    def _checked_in_use(self, problem: str | None) -> None:
        if problem is None:
            return
        log.error("the cache is damaged (found in use): %s", problem)
        over = self.window if self.window is not None else self.login
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            self.tr("Counter"),
            self.tr(
                "The local copy of the province's data on this computer is damaged. Counter "
                "goes on working, but may show or miss customers wrongly. Restart Counter "
                "when the queue allows: the copy is then pulled again from the province. "
                "Nothing waiting to be sent is lost."
            ),
            parent=over,
        )
        box.setObjectName("cacheDamagedInUse")
        box.setDetailedText(problem)
        box.open()

    def _tell_recovery(self, over: QWidget) -> None:
        self._start_check_in_use()
        found, self.recovery = self.recovery, None
        if found is None or not found.worth_telling:
            return
        lines = []
        if found.key_lost:
            lines.append(
                self.tr(
                    "The key in this computer's keyring no longer opens the cache and the "
                    "journal (the keyring was reset or replaced). Both were set aside, not "
                    "deleted, and new ones started; the province's data is being pulled again. "
                    "The actions that were waiting to be sent (payments, orders) are in the "
                    "set-aside journal and cannot be read without the old key: tell the hall "
                    "manager now. The receipts handed out are kept under {receipts}."
                ).format(receipts=self.paths.data_dir / "receipts")
            )
        if not found.encrypted:
            lines.append(
                self.tr(
                    "The cache of customers' personal data on this computer is not encrypted: "
                    'an administrator chose so ("cache_encryption": "off" in {file}), as no '
                    "keyring works here. Anyone who can read its files can read it."
                ).format(file=self.paths.settings_file)
            )
        if found.journal_missing:
            lines.append(
                self.tr(
                    "The journal of this counter's actions was missing. {n} payments recorded "
                    "here are being sent again from their records; tell the hall manager now."
                ).format(n=found.requeued)
            )
        if found.unsaved:
            lines.append(
                self.tr(
                    "These payments have no entry to send them and need a supervisor: {receipts}."
                ).format(receipts=", ".join(found.unsaved))
            )
        if found.rebuilt:
            lines.append(
                self.tr(
                    "The local copy of the province's data was damaged or missing; it is being "
                    "pulled again. Nothing waiting to be sent was lost ({n} actions kept)."
                ).format(n=found.records_restored)
            )
        if found.journal_problem:
            held = found.salvaged
            lines.append(
                self.tr(
                    "The journal of this counter's actions was damaged. It was set aside at "
                    "{path}. Read back from it: {waiting} actions waiting, {refused} refused, "
                    "{charges} unfinished card charges. Actions it held that could not be read "
                    "may be missing: tell the hall manager now."
                ).format(
                    path=held.get("set_aside", ""),
                    waiting=len(held.get("waiting", [])),
                    refused=len(held.get("refused", [])),
                    charges=len(held.get("charges_open", [])),
                )
            )
        box = QMessageBox(
            QMessageBox.Icon.Warning, self.tr("Counter"), "\n\n".join(lines), parent=over
        )
        box.setObjectName("recoveryNotice")
        if found.key_lost:  # where the old files are, for whoever has the old key
            box.setDetailedText(
                self.tr("Set aside at: {path}").format(
                    path=", ".join(str(p) for p in found.locked_aside)
                )
            )
        if found.journal_problem:  # exactly what it held, for the hall manager
            held = found.salvaged
            box.setDetailedText(
                "\n".join(
                    f"{e.get('created_at') or ''} {outbox_kind(e.get('kind') or '')} "
                    f"{e.get('receipt_no') or ''} "
                    f"{money(e['amount_fen']) if isinstance(e.get('amount_fen'), int) else ''}"
                    for e in held.get("waiting", []) + held.get("refused", [])
                )
                + "\n\n"
                + self.tr("Set aside at: {path}").format(path=held.get("set_aside", ""))
            )
        box.open()

    def start_session(self, signed: SignedIn) -> MainWindow:
        self.signed = signed
        self.sync = SyncController(
            partial(self._make_engine, signed),
            self.settings.sync_interval_s,
            self,
            staff_id=signed.staff_id,
        )
        self.window = MainWindow(
            self.cache,
            self.runner,
            self.sync,
            signed,
            keyring_warning=self.creds.warning,
            session=self._session(signed),
            creds=self.creds,
        )
        self.window.sign_out_requested.connect(self.sign_out)
        if self.window.screen_lock is not None:
            self.window.screen_lock.signed_out.connect(self._locked_out)
        if signed.offline:  # the province checks the person again when the link is back
            self.sync.online_changed.connect(self._link_back)
        if self.window.session is not None:
            self.runner.run(partial(payments.note_receipt_floor, self.window.session), pool="write")
            self.runner.run(partial(self.window.session.policy.refresh, self.cache))
        self.runner.run(partial(storage.last_sync, self.cache), self._last_sync_known)
        today = datetime.now(UTC).strftime("%Y%m%d")
        self.runner.run(partial(storage.daily_copy, self.cache, today), pool="write")
        self.window.show()
        self._tell_recovery(self.window)
        self.window.counter.settle_charges()  # a charge a crash left open, put to the clerk
        self.sync.start()
        self.window_ready.emit(self.window)
        return self.window

    def _link_back(self, online: bool) -> None:
        if online and self.signed is not None and self.signed.offline:
            self.runner.run(
                partial(auth.revalidate, self.creds, self.signed),
                self._revalidated,
                self._not_revalidated,
                pool="net",
            )

    def _revalidated(self, signed: SignedIn) -> None:
        self.signed = signed
        if self.window is not None:
            self.window.set_signed(signed)
            self.window.notify(self.tr("The province has confirmed your sign-in."))
            self.window.sync.sync_now()  # with the new token: what waited goes now

    def _not_revalidated(self, exc: BaseException) -> None:
        if not isinstance(exc, auth.SignInRefused) or self.window is None:
            return  # not reachable after all: asked again at the next return of the link
        self.confirm_sign_out()  # the entries stay, for this person's next sign-in
        if self.login is not None:
            self.login.error.setText(describe(exc))
            self.login.error.show()

    def _locked_out(self, why: str) -> None:
        """Too many wrong passwords on the locked screen: signed out, entries kept."""
        self.confirm_sign_out()
        if self.login is not None:
            self.login.error.setText(why)
            self.login.error.show()

    def _session(self, signed: SignedIn) -> CounterSession:
        def make_api() -> ApiClient:  # called in workers: the keyring is read there
            return ApiClient(signed.server_url, self.creds.get(signed.token_key))

        # Signed in offline: offline until the sync thread finds the province (no card).
        link = LinkState(online=not signed.offline)
        return CounterSession(
            self.cache, signed, self.settings, make_api, paths=self.paths, link=link
        )

    def _make_engine(self, signed: SignedIn) -> SyncEngine:
        """Runs in the sync thread: the keyring is read there, off the GUI thread."""
        api = ApiClient(signed.server_url, self.creds.get(signed.token_key))
        least = self.settings.snapshot_min_rows
        return SyncEngine(
            api,
            self.cache,
            page_size=self.settings.page_size,
            snapshot_min_rows=None if least < 0 else least,
        )

    def _last_sync_known(self, when: str | None) -> None:
        from datetime import datetime

        if when and self.window is not None and self.window.last_sync_at is None:
            self.window.last_sync_at = datetime.fromisoformat(when)

    def sign_out(self) -> None:
        """Asks first when this clerk's payments have not all reached the province: they
        can only go under this clerk's own sign-in."""
        if self.signed is None:
            return
        staff_id = self.signed.staff_id
        self.runner.run(partial(storage.waiting_for, self.cache, staff_id), self._confirm_sign_out)

    def _confirm_sign_out(self, waiting: int) -> None:
        if waiting and self.window is not None:
            answer = QMessageBox.question(
                self.window,
                self.tr("Sign out"),
                self.tr(
                    "{n} of your actions have not reached the province yet. They will be sent "
                    "when you sign in again. Sign out anyway?"
                ).format(n=waiting),
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        self.confirm_sign_out()

    def confirm_sign_out(self) -> None:
        signed = self.signed
        self._end_session()
        if signed is not None:
            self.runner.run(partial(auth.sign_out, self.creds, signed), pool="net")
        self.show_login()

    def _end_session(self, wait_ms: int = 0) -> None:
        if self.sync is not None:
            sync = self.sync
            self.sync = None
            if sync.stop(wait_ms):
                sync.deleteLater()
            else:  # still in a request: it goes when its thread has ended
                self._retiring.append(sync)
                sync.finished_thread.connect(partial(self._retired, sync))
        if self.window is not None:
            self.window.ask_before_closing = False
            self.window.close()
            self.window.deleteLater()
            self.window = None
        self.signed = None

    def _retired(self, sync: SyncController) -> None:
        if sync in self._retiring:
            self._retiring.remove(sync)
        sync.deleteLater()

    def shutdown(self) -> None:
        if self.login is not None:
            self.login.ask_before_closing = False
            self.login.close()
        self._end_session(wait_ms=15_000)
        for sync in list(self._retiring):  # sync threads of earlier sign-ins, still ending
            sync.stop(wait_ms=15_000)
        storage.stop_checks()
        self.runner.shutdown()
        self.cache.close()
        self.collector.stop()
