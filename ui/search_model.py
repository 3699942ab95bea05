"""The customer search results as a Qt table model."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from counter_app.customers import CustomerHit
from counter_app.domain.search_query import QueryKind

HitRole = Qt.ItemDataRole.UserRole + 1
Index = QModelIndex | QPersistentModelIndex


class CustomerResultsModel(QAbstractTableModel):
    NAME, ID, PHONE, VIP, MATCHED = range(5)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._hits: list[CustomerHit] = []
        self._headers = [
            self.tr("Name"),
            self.tr("ID number"),
            self.tr("Phone"),
            self.tr("VIP"),
            self.tr("Matched by"),
        ]
        self._kinds = {
            QueryKind.PHONE_PREFIX: self.tr("phone"),
            QueryKind.ID_FULL: self.tr("ID number"),
            QueryKind.ID_TAIL: self.tr("ID tail"),
            QueryKind.ICCID: self.tr("SIM (ICCID)"),
            QueryKind.ACCOUNT_NO: self.tr("account"),
            QueryKind.NAME: self.tr("name"),
            QueryKind.PINYIN_INITIALS: self.tr("pinyin initials"),
        }

    def set_hits(self, hits: list[CustomerHit] | tuple[CustomerHit, ...]) -> None:
        self.beginResetModel()
        self._hits = list(hits)
        self.endResetModel()

    def hit(self, row: int) -> CustomerHit | None:
        return self._hits[row] if 0 <= row < len(self._hits) else None

    def row_of(self, customer_id: str | None) -> int | None:
        for row, hit in enumerate(self._hits):
            if hit.customer_id == customer_id:
                return row
        return None

    def kind_label(self, kind: QueryKind) -> str:
        return self._kinds.get(kind, str(kind))

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._hits)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        hit = self._hits[index.row()]
        if role == HitRole:
            return hit
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        return (
            hit.name,
            hit.id_masked,
            hit.phone_masked,
            vip_label(hit.vip_level),
            self.kind_label(hit.matched_by),
        )[index.column()]

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self._headers[section]
        return None


def vip_label(level: str) -> str:
    from PySide6.QtCore import QCoreApplication

    labels = {"none": "", "silver": "Silver", "gold": "Gold", "platinum": "Platinum"}
    text = labels.get(level, level)
    return QCoreApplication.translate("vip", text) if text else ""
