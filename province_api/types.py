"""Input types the server trusts no client with: UUID ids, whole fen, bounded seqs."""

from __future__ import annotations

from typing import Annotated

from fastapi import Path, Request
from pydantic import Field, StrictInt

from counter_app.domain.problems import ProblemType
from province_api.errors import Problem

UUID_PATTERN = r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"
MAX_FEN = 999_999_999_999_999  # what `counter_app.domain.money` can write in capitals
MAX_SEQ = 2**63 - 1

Id = Annotated[str, Field(pattern=UUID_PATTERN)]
Fen = Annotated[StrictInt, Field(ge=-MAX_FEN, le=MAX_FEN)]
PathId = Annotated[str, Path(pattern=UUID_PATTERN)]


async def refuse_nul(request: Request) -> None:
    """A NUL anywhere in a request is refused before it reaches a database (PostgreSQL
    cannot store one, and no field of ours has a use for it)."""
    body = await request.body()
    if (
        b"\\u0000" in body
        or b"\x00" in body
        or "\x00" in request.url.path
        or ("%00" in str(request.url.query) or "\x00" in str(request.url.query))
    ):
        raise Problem(
            422,
            "The request contains a NUL character.",
            type_=ProblemType.INVALID_INPUT,
            errors=[{"field": "body", "message": "NUL character."}],
        )
