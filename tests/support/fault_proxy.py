"""A fault-injecting HTTP/TCP proxy between the counter and the province (asyncio, in a
thread): it passes requests through, cuts the link (before a request, or after the province
answered and before the answer is passed on), cuts an answer half-way, or answers 500 for
requests whose body carries a marker (an entry the province fails on every time)."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable

from province_api.embedded import free_port


class FaultProxy:
    def __init__(self, upstream_host: str, upstream_port: int) -> None:
        self.upstream = (upstream_host, upstream_port)
        self.port = free_port()
        self.cut = False  # every new connection closed at once: the link is down
        self.poison: Callable[[bytes], bool] = lambda _body: False  # answered 500
        self.poisoned = 0
        self.truncate = False  # the province's answer cut off half-way through
        self.truncate_path: bytes | None = None  # ... only for requests of this path
        self.hold = False  # the province answered; the answer is held back, never passed on
        self._loop = asyncio.new_event_loop()
        self._ready = threading.Event()
        self._thread = threading.Thread(target=self._run, name="fault-proxy", daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def __enter__(self) -> FaultProxy:
        self._thread.start()
        self._ready.wait(10)
        return self

    def __exit__(self, *_exc: object) -> None:
        asyncio.run_coroutine_threadsafe(self._shutdown(), self._loop).result(10)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(10)

    async def _shutdown(self) -> None:
        """Every connection ended before the loop stops (none is left half-run)."""
        self._server.close()
        tasks = asyncio.all_tasks() - {asyncio.current_task()}
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)

    def _run(self) -> None:
        asyncio.set_event_loop(self._loop)
        self._server = self._loop.run_until_complete(
            asyncio.start_server(self._serve, "127.0.0.1", self.port)
        )
        self._ready.set()
        self._loop.run_forever()

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while not self.cut:
                request = await _read_request(reader)
                if request is None:
                    break
                head, body = request
                if self.poison(body):
                    self.poisoned += 1
                    writer.write(
                        b"HTTP/1.1 500 Internal Server Error\r\ncontent-length: 0\r\n"
                        b"connection: close\r\n\r\n"
                    )
                    await writer.drain()
                    break
                answer = await self._forward(head, body)
                if self.cut:  # cut while the province was answering: the answer is lost
                    break
                while self.hold:
                    await asyncio.sleep(0.05)
                cut_here = self.truncate_path is not None and self.truncate_path in head
                if self.truncate or cut_here:  # the link drops in the middle of the answer
                    writer.write(answer[: len(answer) // 2])
                    await writer.drain()
                    break
                writer.write(answer)
                await writer.drain()
        except (ConnectionError, asyncio.IncompleteReadError):
            pass
        finally:
            writer.close()

    async def _forward(self, head: bytes, body: bytes) -> bytes:
        up_reader, up_writer = await asyncio.open_connection(*self.upstream)
        try:
            lines = head.split(b"\r\n")
            kept = [x for x in lines if not x.lower().startswith(b"connection:")]
            up_writer.write(b"\r\n".join([*kept[:-2], b"connection: close", b"", b""]) + body)
            await up_writer.drain()
            return await up_reader.read()
        finally:
            up_writer.close()


async def _read_request(reader: asyncio.StreamReader) -> tuple[bytes, bytes] | None:
    try:
        head = await reader.readuntil(b"\r\n\r\n")
    except asyncio.IncompleteReadError:
        return None
    length = 0
    for line in head.split(b"\r\n"):
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value.strip())
    body = await reader.readexactly(length) if length else b""
    return head, body
