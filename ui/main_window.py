"""The counter's main window: search on the left, the customer on the right, sync below."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from functools import partial

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QProgressBar,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from counter_app import training
from counter_app.auth import SignedIn
from counter_app.changes import Changes
from counter_app.credentials import Credentials
from counter_app.customers import CustomerView, open_view
from counter_app.screen_lock import ScreenLock
from counter_app.session import CounterSession
from counter_app.storage import Cache
from counter_app.sync.engine import Progress, SyncResult
from ui.counter_actions import CounterActions
from ui.customer_view import CustomerViewWidget
from ui.link_banner import LinkBanner
from ui.messages import describe, set_hall_zone
from ui.orders.actions import OrderActions
from ui.screen_lock import ScreenLocker
from ui.search_panel import SearchPanel
from ui.sync_controller import SyncController
from ui.tasks import TaskRunner


class MainWindow(QMainWindow):
    customer_shown = Signal(object)  # CustomerView
    sign_out_requested = Signal()

    def __init__(
        self,
        cache: Cache,
        runner: TaskRunner,
        sync: SyncController,
        signed: SignedIn,
        keyring_warning: str | None = None,
        parent: QWidget | None = None,
        session: CounterSession | None = None,
        creds: Credentials | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.cache = cache
        self.runner = runner
        self.sync = sync
        self.signed = signed
        self.session = session
        self.last_sync_at: datetime | None = None
        self._opening = 0  # the newest open_customer request
        set_hall_zone(signed.time_zone)
        self.ask_before_closing = True  # off when the app, not the clerk, closes the window
        self.setWindowTitle(
            self.tr("Counter — {hall} / {counter}").format(
                hall=signed.hall_code, counter=signed.counter_id
            )
        )

        self.search = SearchPanel(cache, runner)
        self.search.open_customer.connect(self.open_customer)
        self.customer = CustomerViewWidget(cache, runner, signed.staff_id)
        placeholder = QLabel(
            self.tr(
                "Find a customer: type a phone number, an ID number, "
                "a name…\n\nCtrl+F search · Enter open · F5 sync now"
            )
        )
        placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        placeholder.setObjectName("customerPlaceholder")
        self.right = QStackedWidget()
        self.right.addWidget(placeholder)
        self.right.addWidget(self.customer)
        splitter = QSplitter()
        splitter.addWidget(self.search)
        splitter.addWidget(self.right)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([470, 810])
        self.banner = LinkBanner(cache, runner)
        central = QWidget()
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.banner)
        column.addWidget(splitter, 1)
        self.setCentralWidget(central)

        self.counter = CounterActions(self, session)
        self.orders = OrderActions(self.counter)
        self.customer.reprint_requested.connect(self.counter.reprint)
        self.search.searched.connect(self.counter.after_search)
        # Locks after the policy's idle minutes (or Ctrl+L); needs the clerk's verifier.
        self.screen_lock: ScreenLocker | None = None
        if session is not None and creds is not None:
            self.screen_lock = ScreenLocker(
                self,
                runner,
                ScreenLock(session, creds),
                lambda: session.policy.current.idle_lock_minutes,
            )
        self._build_actions()
        self._build_status_bar(keyring_warning)
        sync.started.connect(self._sync_started)
        sync.progress.connect(self._sync_progress)
        sync.synced.connect(self._synced)
        sync.failed.connect(self._sync_failed)
        sync.online_changed.connect(self._online_changed)
        sync.failed.connect(self.banner.sync_failed)
        sync.online_changed.connect(self.banner.set_online)
        sync.outbox_changed.connect(self.banner.outbox_counts)
        # What changed reaches every view by announcement (counter_app.changes): a write of
        # ours announces its own; the province's answers and a pull are announced here.
        sync.outbox_changed.connect(self.counter.outbox_label.show_counts)
        sync.entries_settled.connect(runner.announce)
        runner.changed.connect(self._announced)
        runner.unhandled.connect(self._show_unhandled)  # a bound method: dropped with us
        self._age_timer = QTimer(self)
        self._age_timer.setInterval(1000)
        self._age_timer.timeout.connect(self._refresh_age)
        self._age_timer.start()
        self.resize(1280, 800)
        self.search.focus_search()

    # -- building --------------------------------------------------------------------
    def _build_actions(self) -> None:
        menu = self.menuBar().addMenu(self.tr("&Counter"))
        self.find_action = QAction(self.tr("&Find customer"), self)
        self.find_action.setObjectName("findAction")
        self.find_action.setShortcut(QKeySequence.StandardKey.Find)
        self.find_action.triggered.connect(self.search.focus_search)
        self.sync_action = QAction(self.tr("&Sync now"), self)
        self.sync_action.setObjectName("syncAction")
        self.sync_action.setShortcut(QKeySequence(Qt.Key.Key_F5))
        self.sync_action.triggered.connect(self.sync.sync_now)
        sign_out = QAction(self.tr("Sign o&ut"), self)
        sign_out.triggered.connect(self.sign_out_requested)
        quit_action = QAction(self.tr("&Quit"), self)
        quit_action.setShortcut(QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_Q))
        quit_action.triggered.connect(self.close)
        for action in (self.find_action, self.sync_action):
            menu.addAction(action)
            self.addAction(action)
        menu.addSeparator()
        self.counter.build(menu)
        menu.addSeparator()
        self._build_training(menu)
        if self.screen_lock is not None:
            menu.addAction(self.screen_lock.lock_action)
        menu.addAction(sign_out)
        menu.addAction(quit_action)
        self.addAction(quit_action)
        self.orders.build(self.menuBar())

    def _build_training(self, menu: QMenu) -> None:
        """Counter → Training: rehearse an outage by cutting this counter's link."""
        training_menu = menu.addMenu(self.tr("T&raining"))
        training_menu.setObjectName("trainingMenu")
        self.work_offline_action = QAction(self.tr("&Work offline"), self)
        self.work_offline_action.setObjectName("workOfflineAction")
        self.work_offline_action.triggered.connect(partial(self._set_link, False))
        self.reconnect_action = QAction(self.tr("Reco&nnect"), self)
        self.reconnect_action.setObjectName("reconnectAction")
        self.reconnect_action.triggered.connect(partial(self._set_link, True))
        training_menu.addAction(self.work_offline_action)
        training_menu.addAction(self.reconnect_action)
        # Qt sizes a submenu with the font it had before the app's CJK font was known, and
        # elides its items: make it as wide as its longest item.
        metrics = training_menu.fontMetrics()
        training_menu.setMinimumWidth(
            max(metrics.horizontalAdvance(a.text()) for a in training_menu.actions()) + 80
        )
        self._show_link_state()

    def _set_link(self, up: bool) -> None:
        if up:
            training.restore_link()
            self.statusBar().showMessage(self.tr("Training: reconnecting to the province…"), 5000)
            self.sync.push_now()  # what waited goes now, not at its next backoff
            self.sync.sync_now()
        else:
            training.cut_link()
            self.statusBar().showMessage(
                self.tr("Training: link cut (Counter → Training → Reconnect ends it)"),
                15_000,
            )
            self.sync.check_link()
        self._show_link_state()

    def _show_link_state(self) -> None:
        cut = training.link_cut()
        self.work_offline_action.setEnabled(not cut)
        self.reconnect_action.setEnabled(cut)

    def set_signed(self, signed: SignedIn) -> None:
        """Who is signed in, and whether the province has confirmed it yet."""
        self.signed = signed
        text = self.tr("{name} ({staff_no}) · {hall} / {counter}").format(
            name=signed.name,
            staff_no=signed.staff_no,
            hall=signed.hall_code,
            counter=signed.counter_id,
        )
        if signed.offline:
            text += self.tr(" · signed in offline")
        self.who_label.setText(text)

    def _build_status_bar(self, keyring_warning: str | None) -> None:
        bar = self.statusBar()
        self.online_label = QLabel(self.tr("Connecting…"))
        self.online_label.setObjectName("connectionStatus")
        self.age_label = QLabel(self.tr("Not synced yet"))
        self.age_label.setObjectName("syncAge")
        self.progress = QProgressBar()
        self.progress.setObjectName("syncProgress")
        self.progress.setMaximumWidth(260)
        self.progress.setRange(0, 100)
        self.progress.hide()
        who = self.who_label = QLabel()
        who.setObjectName("whoLabel")
        self.set_signed(self.signed)
        # Who is signed in stays visible: a temporary message would cover a normal widget.
        for label in (who, self.counter.shift_label, self.age_label):
            label.setContentsMargins(10, 0, 10, 0)
        bar.addPermanentWidget(who)
        bar.addPermanentWidget(self.counter.shift_label)
        bar.addPermanentWidget(self.counter.outbox_label)
        bar.addPermanentWidget(self.orders.queue_label)
        bar.addPermanentWidget(self.progress)
        bar.addPermanentWidget(self.age_label)
        bar.addPermanentWidget(self.online_label)
        if keyring_warning:  # said once, in words that tell the clerk what it means
            bar.showMessage(
                self.tr(
                    "This computer has no keyring: your sign-in is kept only while Counter "
                    "runs, so you will sign in again after a restart."
                ),
                30_000,
            )

    # -- customers ---------------------------------------------------------------------
    @property
    def dialog(self) -> QDialog | None:
        return self.counter.dialog

    def open_customer(self, customer_id: str, then: Callable[[], None] | None = None) -> None:
        """Show this customer (then carry on). Only the newest request is shown: an older
        load that answers late never replaces the customer asked for since."""
        self._opening += 1
        self.runner.run(
            partial(open_view, self.cache, customer_id, self.signed.staff_id),
            partial(self._show_customer, self._opening, then),
        )

    def notify(self, message: str, ms: int = 10_000) -> None:
        """A message in the status bar for the clerk (0 ms: until the next one)."""
        self.statusBar().showMessage(message, ms)

    def shown_customer(self) -> CustomerView | None:
        """The customer on the right, if one is shown there now."""
        return self.customer.view if self.right.currentWidget() is self.customer else None

    def push_now(self) -> None:
        self.sync.push_now()

    def _announced(self, changes: Changes) -> None:
        if changes.outbox:  # something to send: now, not at the next sync
            self.sync.push_now()

    def _show_customer(
        self, opening: int, then: Callable[[], None] | None, view: CustomerView | None
    ) -> None:
        if opening != self._opening:
            return  # the clerk asked for another customer meanwhile
        if view is None:
            self.statusBar().showMessage(self.tr("That customer is no longer in the cache."), 5000)
            return
        self.customer.set_view(view)
        self.right.setCurrentWidget(self.customer)
        self.search.customer_shown(view.customer_id)
        self.customer_shown.emit(view)
        if then is not None:
            then()

    def _show_unhandled(self, exc: BaseException) -> None:
        self.statusBar().showMessage(describe(exc), 10_000)

    # -- sync ------------------------------------------------------------------------------
    def _sync_started(self) -> None:
        self.sync_action.setEnabled(False)

    def _sync_progress(self, progress: Progress) -> None:
        if progress.phase == "delta" and progress.rows < 500 and not self.progress.isVisible():
            return  # a small delta is done before a bar would help
        self.progress.show()
        self.progress.setValue(progress.percent)
        rows = f"{progress.rows:,}"
        if progress.phase == "snapshot-wait":
            text = self.tr("The province is preparing the hall's copy…")
        elif progress.phase == "snapshot":
            text = self.tr("Downloading the hall's copy ({rows} rows) · %p%").format(rows=rows)
        elif progress.phase == "snapshot-import":
            text = self.tr("Putting the copy in place ({rows} rows) · %p%").format(rows=rows)
        else:
            text = self.tr("{rows} rows · %p%").format(rows=rows)
        self.progress.setFormat(text)

    def _synced(self, result: SyncResult) -> None:
        self.sync_action.setEnabled(True)
        self.progress.hide()
        self.last_sync_at = datetime.fromisoformat(result.finished_at)
        self._refresh_age()
        if result.rows:  # the cache changed under every view
            if self.session is not None:  # the province's policy may have come with it
                self.runner.run(partial(self.session.policy.refresh, self.session.cache))
            self.runner.announce(Changes(everything=True))

    def _sync_failed(self, kind: str, exc: Exception) -> None:
        self.sync_action.setEnabled(True)
        self.progress.hide()
        if kind == "auth":
            self.statusBar().showMessage(self.tr("Your sign-in has expired. Sign in again."))
        elif kind == "error":
            self.statusBar().showMessage(
                self.tr("Sync failed: {message}").format(message=describe(exc)), 15_000
            )

    def _online_changed(self, online: bool) -> None:
        if self.session is not None:  # what the use cases go by (card, large top-ups)
            self.session.link.set(online)
        if online:
            self.online_label.setText(self.tr("● Online"))
            self.online_label.setStyleSheet("color: #1b7f3b; font-weight: bold;")
        else:
            self.online_label.setText(self.tr("● Offline"))
            self.online_label.setStyleSheet("color: #b00020; font-weight: bold;")

    def _refresh_age(self) -> None:
        if self.last_sync_at is None:
            return
        seconds = int((datetime.now(UTC) - self.last_sync_at).total_seconds())
        if seconds < 120:
            text = self.tr("Synced {n} s ago").format(n=max(seconds, 0))
        elif seconds < 7200:
            text = self.tr("Synced {n} min ago").format(n=seconds // 60)
        else:
            text = self.tr("Synced {n} h ago").format(n=seconds // 3600)
        self.age_label.setText(text)

    def closeEvent(self, event: QCloseEvent) -> None:
        reasons = self.counter.reasons_to_stay() if self.ask_before_closing else []
        if reasons:
            answer = QMessageBox.question(
                self,
                self.tr("Quit Counter"),
                "\n".join(reasons)
                + "\n\n"
                + self.tr("Quit anyway? Nothing is lost: it is all kept for your next sign-in."),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No,
            )
            if answer != QMessageBox.StandardButton.Yes:
                event.ignore()
                return
        if self.ask_before_closing and self.sync.busy and self.sync.last_result is None:
            answer = QMessageBox.question(
                self,
                self.tr("Sync in progress"),
                self.tr(
                    "The first download is still running. Quit anyway? "
                    "It will go on from where it stopped next time."
                ),
            )
            if answer != QMessageBox.StandardButton.Yes:
                event.ignore()
                return
        event.accept()
