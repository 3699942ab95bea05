"""Run the province server inside another process (the demo, the tests): uvicorn in a thread."""

from __future__ import annotations

import socket
import threading
import time

import uvicorn
from sqlalchemy import Engine

from province_api import log_redaction
from province_api.app import SERVER_OPTIONS, create_app
from province_api.db import MAX_IN_FLIGHT


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket() as s:
        s.bind((host, 0))
        return int(s.getsockname()[1])


class EmbeddedServer:
    """A real uvicorn server on a loopback port; `stop()` makes an outage, `start()` ends it."""

    def __init__(
        self,
        db: str | Engine,
        host: str = "127.0.0.1",
        port: int | None = None,
        max_in_flight: int = MAX_IN_FLIGHT,
        min_client_version: str = "",
        ssl_certfile: str | None = None,
        ssl_keyfile: str | None = None,
    ):
        """With `ssl_certfile` (and its key) it answers https only."""
        self.app = create_app(
            db, max_in_flight=max_in_flight, min_client_version=min_client_version
        )
        self.host = host
        self.port = port or free_port(host)
        self.tls = {"ssl_certfile": ssl_certfile, "ssl_keyfile": ssl_keyfile}
        self._server: uvicorn.Server | None = None
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        scheme = "https" if self.tls["ssl_certfile"] else "http"
        return f"{scheme}://{self.host}:{self.port}"

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def start(self, timeout: float = 15.0) -> None:
        config = uvicorn.Config(
            self.app,
            host=self.host,
            port=self.port,
            log_level="warning",
            log_config=log_redaction.log_config(),  # (not the root logger: the host's)
            lifespan="off",
            **self.tls,  # type: ignore[arg-type]
            **SERVER_OPTIONS,  # type: ignore[arg-type]
        )
        log_redaction.install()  # no ID or phone number in any of the server's records
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(target=self._server.run, name="province-api", daemon=True)
        self._thread.start()
        deadline = time.monotonic() + timeout
        while not self._server.started:
            if not self._thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError(f"province server did not start on {self.url}")
            time.sleep(0.01)

    def stop(self, timeout: float = 10.0) -> None:
        if self._server is None or self._thread is None:
            return
        self._server.should_exit = True
        self._thread.join(timeout)
        self._server = None
        self._thread = None
