from fastapi import APIRouter, Request

from counter_app.domain.api_versions import API_VERSION, OLDEST_API_VERSION
from province_api import __version__
from province_api import openapi_docs as docs

router = APIRouter()


# Never throttled by admission (a load balancer tells busy from down) and reads no database.
@router.get("/health", responses=docs.answers(signed_in=False, admitted=False))
def health(request: Request) -> dict[str, str | int]:
    """Up, and which counters and API versions this province takes (before signing in)."""
    return {
        "status": "ok",
        "version": __version__,
        "api_version": API_VERSION,
        "oldest_api_version": OLDEST_API_VERSION,
        "min_client_version": request.app.state.min_client_version,
    }
