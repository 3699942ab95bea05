"""No resident ID or mobile number in the province's logs.

uvicorn's access log prints each request line with its query string, so a search by ID
number or phone (`GET /api/v1/customers?q=110101199003071234`) would be written whole.
Every record of the server's loggers, and every handler uvicorn makes, goes through the
counter's masking (counter_app.domain.masking: the values of search parameters, anything
that looks like an ID or a mobile number), keeping the path and the rest of the line.
"""

from __future__ import annotations

import copy
import logging
from typing import Any

from counter_app.domain.masking import PersonalDataFilter, redact, redact_record

__all__ = ["PersonalDataFilter", "install", "log_config", "redact", "redact_record"]

FILTER = "personal_data"
# uvicorn's loggers and the server's own (their records reach whatever handler a host adds).
LOGGERS = ("uvicorn", "uvicorn.error", "uvicorn.access", "uvicorn.asgi", "province_api")
FORMAT = "%(asctime)s %(levelname)s %(name)s %(message)s"


def log_config(*, root: bool = False, level: str = "INFO") -> dict[str, Any]:
    """uvicorn's logging config with the filter on each of its handlers. `root`: also a
    masked handler for the root logger, where the server's own loggers end up (the server's
    own process, each worker's too; not when embedded in another program, whose it is)."""
    from uvicorn.config import LOGGING_CONFIG

    config = copy.deepcopy(LOGGING_CONFIG)
    config["filters"] = {FILTER: {"()": PersonalDataFilter}}
    if root:
        config["formatters"]["plain"] = {"format": FORMAT}
        config["handlers"]["plain"] = {
            "class": "logging.StreamHandler",
            "formatter": "plain",
            "stream": "ext://sys.stderr",
        }
        config["root"] = {"handlers": ["plain"], "level": level.upper()}
    for handler in config["handlers"].values():
        handler["filters"] = [FILTER]
    return config


def install() -> None:
    """The filter on the server's loggers, once each: on uvicorn's, and on the server's own
    loggers made so far (the app made, all its modules are)."""
    own = [n for n in logging.root.manager.loggerDict if n.startswith("province_api.")]
    for name in (*LOGGERS, *own):
        logger = logging.getLogger(name)
        if not any(isinstance(f, PersonalDataFilter) for f in logger.filters):
            logger.addFilter(PersonalDataFilter())
