"""Qt translators: zh_CN first, English as the source language."""

from __future__ import annotations

import logging
from importlib import resources

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

log = logging.getLogger(__name__)
_keep: list[QTranslator] = []  # translators must live as long as the app


def install_translators(app: QCoreApplication, language: str) -> bool:
    """Load our .qm and Qt's own for `language`; English needs none. True if loaded."""
    for old in _keep:
        app.removeTranslator(old)
    _keep.clear()
    if language.startswith("en"):
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
        return True
    QLocale.setDefault(QLocale(language))
    ours = QTranslator()
    qm = resources.files("resources") / "i18n" / f"counter_{language}.qm"
    loaded = False
    with resources.as_file(qm) as real:
        if real.exists() and ours.load(str(real)):
            app.installTranslator(ours)
            _keep.append(ours)
            loaded = True
        else:
            log.warning("no translation for %s", language)
    qt = QTranslator()
    if qt.load(
        QLocale(language),
        "qtbase",
        "_",
        QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath),
    ):
        app.installTranslator(qt)
        _keep.append(qt)
    return loaded
