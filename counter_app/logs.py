"""The counter's log: a rotating file only the user can read, with no personal number in it
(every record goes through counter_app.domain.masking first, whoever logged it)."""

from __future__ import annotations

import logging
import logging.handlers
from io import TextIOWrapper
from pathlib import Path

from counter_app.domain.masking import PersonalDataFilter
from local_cache.private_files import make_dir, private_file

FORMAT = "%(asctime)s %(levelname)s %(name)s %(message)s"


class PrivateRotatingFileHandler(logging.handlers.RotatingFileHandler):
    """Each file it opens (the first, and the new one after every rotation) is made 0600
    before it is written, whatever the umask; the older ones are renamed, keeping theirs."""

    def _open(self) -> TextIOWrapper:
        private_file(Path(self.baseFilename))
        return super()._open()


def handlers(log_file: Path) -> list[logging.Handler]:
    """The log file and the terminal, both masking every record."""
    make_dir(log_file.parent)
    file = PrivateRotatingFileHandler(log_file, maxBytes=2_000_000, backupCount=3, encoding="utf-8")
    out: list[logging.Handler] = [file, logging.StreamHandler()]
    for handler in out:
        handler.setFormatter(logging.Formatter(FORMAT))
        handler.addFilter(PersonalDataFilter())
    return out
