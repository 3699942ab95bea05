"""The one search box and its results: typed queries run in a worker as the clerk types."""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from counter_app.customers import COUNT_CAP, SearchResult, count_matches, search_customers
from counter_app.storage import Cache
from ui.messages import describe
from ui.search_model import CustomerResultsModel
from ui.tasks import TaskRunner
from ui.widgets import table_view

DEBOUNCE_MS = 150


FOLLOW_MS = 120  # the customer on the right follows the row chosen with the arrow keys


class SearchPanel(QWidget):
    open_customer = Signal(str)
    searched = Signal(object)  # SearchResult, once shown

    def __init__(self, cache: Cache, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.cache = cache
        self.runner = runner
        self._generation = 0
        self.shown_customer_id: str | None = None  # the customer on the right
        # Typed since the customer on the right was opened: the box, not the view, is
        # then what the clerk means (F2/F3 act on what was typed last).
        self.edited_since_open = False
        self.page_size = 50  # hits shown; past that the hint says how many more there are

        self.box = QLineEdit()
        self.box.setObjectName("searchBox")
        self.box.setClearButtonEnabled(True)
        self.box.setPlaceholderText(self.tr("Phone, ID or its tail, ICCID, account, name, pinyin"))
        self.box.setStyleSheet("font-size: 14pt; padding: 6px;")
        self.hint = QLabel()
        self.hint.setObjectName("searchHint")
        self.model = CustomerResultsModel(self)
        self.table = table_view("searchResults", self.model)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table instead of walking cells
        self.table.doubleClicked.connect(lambda index: self._open_row(index.row()))
        self.table.selectionModel().currentRowChanged.connect(self._row_chosen)
        self._follow = QTimer(self)
        self._follow.setSingleShot(True)
        self._follow.setInterval(FOLLOW_MS)
        self._follow.timeout.connect(self._follow_selection)
        self.table.installEventFilter(self)
        self.box.installEventFilter(self)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.box)
        layout.addWidget(self.hint)
        layout.addWidget(self.table, 1)

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(DEBOUNCE_MS)
        self._debounce.timeout.connect(self.search_now)
        self.box.textChanged.connect(self._typed)
        self.box.returnPressed.connect(self._enter)

    def _typed(self, _text: str) -> None:
        self.edited_since_open = True
        self._debounce.start()

    @property
    def pending(self) -> bool:
        """Typed but not searched yet (the debounce is still running)."""
        return self._debounce.isActive()

    def customer_shown(self, customer_id: str) -> None:
        """The right side now shows this customer: the selected row says the same."""
        self.shown_customer_id = customer_id
        self.edited_since_open = False
        self._select_shown()

    def _select_shown(self) -> None:
        """Select the shown customer's row if it is among the results, else no row: the
        selection and the customer on the right never disagree."""
        row = self.model.row_of(self.shown_customer_id)
        blocker = self.table.selectionModel().blockSignals(True)
        try:
            if row is None:
                self.table.clearSelection()
                self.table.setCurrentIndex(self.model.index(-1, -1))
            else:
                self.table.selectRow(row)
        finally:
            self.table.selectionModel().blockSignals(blocker)

    def _row_chosen(self, current: object, _previous: object) -> None:
        if self.table.hasFocus():
            self._follow.start()

    def _follow_selection(self) -> None:
        hit = self.model.hit(self.table.currentIndex().row())
        if hit is not None and hit.customer_id != self.shown_customer_id:
            self.open_customer.emit(hit.customer_id)

    def typed_text(self) -> str:
        return self.box.text()

    def lists(self, customer_id: str) -> bool:
        """Whether this customer is among the results shown."""
        return self.model.row_of(customer_id) is not None

    def only_result(self) -> str | None:
        """The customer of the one result there is, else None."""
        hit = self.model.hit(0) if self.model.rowCount() == 1 else None
        return hit.customer_id if hit is not None else None

    def focus_search(self) -> None:
        self.box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.box.selectAll()

    def search_now(self) -> None:
        self._debounce.stop()
        text = self.box.text()
        self._generation += 1
        if not text.strip():
            self.model.set_hits([])
            self.hint.clear()
            self._select_shown()
            return
        self.runner.run(
            partial(search_customers, self.cache, text, self.page_size),
            partial(self._show, self._generation),
            self._failed,
        )

    def _show(self, generation: int, result: SearchResult) -> None:
        if generation != self._generation:
            return  # the clerk typed on; a newer search is coming
        self.model.set_hits(result.hits)
        if not result.terms:
            self.hint.setText(self.tr("Type at least 3 digits, 4 ID characters or a name."))
        elif not result.hits:
            self.hint.setText(self.tr("No customer found in this hall's cache."))
        else:
            self.hint.setText(self._found_text(result, None))
            if result.more:  # how many there are is counted apart, not to hold the list up
                self.runner.run(
                    partial(count_matches, self.cache, result.text),
                    partial(self._counted, generation, result),
                )
        self._select_shown()
        self.searched.emit(result)

    def _found_text(self, result: SearchResult, total: int | None) -> str:
        kinds = self.tr(", ").join(
            dict.fromkeys(self.model.kind_label(t.kind) for t in result.terms)
        )
        shown = len(result.hits)
        if result.more and (total is None or total > shown):
            of = (
                self.tr("more")
                if total is None
                else (f"{COUNT_CAP:,}+" if total > COUNT_CAP else f"{total:,}")
            )
            return self.tr("{shown} of {total} — type more to narrow it down").format(
                shown=shown, total=of
            )
        return self.tr("{count} found, searching by {kinds}").format(count=shown, kinds=kinds)

    def _counted(self, generation: int, result: SearchResult, total: int) -> None:
        if generation == self._generation:
            self.hint.setText(self._found_text(result, total))

    def _failed(self, exc: BaseException) -> None:
        self.hint.setText(describe(exc))

    def _enter(self) -> None:
        if self._debounce.isActive() or self.model.rowCount() == 0:
            # Enter straight after typing: search first, then open the single best hit.
            self.searched.connect(self._open_after_search, Qt.ConnectionType.SingleShotConnection)
            self.search_now()
            return
        rows = self.table.selectionModel().selectedRows()
        self._open_row(rows[0].row() if rows else 0)

    def _open_after_search(self, result: SearchResult) -> None:
        if result.hits:
            self._open_row(0)

    def _open_row(self, row: int) -> None:
        hit = self.model.hit(row)
        if hit is not None:
            self.open_customer.emit(hit.customer_id)
            self.box.selectAll()  # the next customer's number replaces this one

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            key = event.key()
            if watched is self.box and key in (Qt.Key.Key_Down, Qt.Key.Key_PageDown):
                self.table.setFocus()
                if self.table.currentIndex().row() < 0 and self.model.rowCount():
                    self.table.selectRow(0)
                return True
            if watched is self.table and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self._open_row(self.table.currentIndex().row())
                return True
            if watched is self.table and key == Qt.Key.Key_Escape:
                self.focus_search()
                return True
        return super().eventFilter(watched, event)
