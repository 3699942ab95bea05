"""Register the shipped Chinese font so Chinese renders on machines without one."""

from __future__ import annotations

import logging
from importlib import resources

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

log = logging.getLogger(__name__)
FONT_FILE = "wqy-microhei.ttc"


def register_fonts(app: QApplication) -> list[str]:
    path = resources.files("resources") / "fonts" / FONT_FILE
    with resources.as_file(path) as real:
        font_id = QFontDatabase.addApplicationFont(str(real))
    if font_id < 0:
        log.warning("could not load %s; Chinese may show as boxes", FONT_FILE)
        return []
    families = QFontDatabase.applicationFontFamilies(font_id)
    font = QFont(app.font())
    font.setFamilies([*families, *font.families()])
    font.setPointSize(max(font.pointSize(), 11))
    app.setFont(font)
    return list(families)
