"""The province API as the counter sees it: requests with retries, problem+json as errors."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import orjson
import requests
from requests.adapters import HTTPAdapter
from urllib3.exceptions import ConnectTimeoutError, NewConnectionError
from urllib3.util.retry import Retry

from counter_app import __version__, training
from counter_app.domain.api_versions import API_VERSION, API_VERSION_HEADER, CLIENT_VERSION_HEADER
from counter_app.domain.problems import ProblemType
from counter_app.domain.validators import ValidationError

API_PREFIX = "/api/v1"
CONNECT_TIMEOUT = 3.0
READ_TIMEOUT = 60.0


class OfflineError(Exception):
    """The province could not be reached (network down, server stopped, 5xx).

    `maybe_delivered` is False only when no connection was ever made, so the request
    certainly did nothing; otherwise the province may have acted and the answer was lost.
    """

    def __init__(
        self, message: str, maybe_delivered: bool = True, status: int | None = None
    ) -> None:
        super().__init__(message)
        self.maybe_delivered = maybe_delivered
        self.status = status  # a 5xx: the province is there, and failed on this request


class UntrustedProvince(OfflineError):
    """The server at the province's address did not prove it is the province (its TLS
    certificate is not signed by a CA this counter trusts): nothing was sent."""

    def __init__(self, message: str) -> None:
        super().__init__(message, maybe_delivered=False)


# What every client verifies the province's certificate against: the system's CAs, or the
# PEM bundle the counter's settings name (`trust`).
_verify: bool | str = True


def trust(ca_bundle: str) -> None:
    """Verify the province's TLS certificate against `ca_bundle` (a PEM file of CA
    certificates), or the system's CAs when empty. Raises ValidationError (field
    `ca_bundle`) if the file cannot be read as one."""
    global _verify
    path = ca_bundle.strip()
    if path:
        try:
            with open(path, encoding="ascii", errors="replace") as pem:
                if "BEGIN CERTIFICATE" not in pem.read(1_000_000):
                    raise ValidationError(
                        "ca_bundle", "format", "The CA file holds no PEM certificate."
                    )
        except OSError as exc:
            raise ValidationError("ca_bundle", "missing", "The CA file cannot be read.") from exc
    _verify = path or True


@dataclass
class ApiError(Exception):
    """The province refused the request (4xx): final, with its problem+json."""

    status: int
    detail: str
    type: str = ""
    errors: list[dict[str, str]] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)  # the problem's own members

    def __str__(self) -> str:
        return self.detail

    @property
    def problem(self) -> str:
        """The last part of the problem `type`, e.g. "bad-credentials"."""
        return self.type.rsplit("/", 1)[-1]

    @property
    def problem_type(self) -> ProblemType | None:
        """The problem as one this counter knows, or None (a newer province's)."""
        return ProblemType.of_uri(self.type) if self.type else None


class AuthExpired(ApiError):
    """401: the token is missing or expired; sign in again."""


class ApiClient:
    def __init__(self, base_url: str, token: str | None = None, *, retries: int = 2) -> None:
        self.base_url = base_url.rstrip("/")
        self.token = token
        self.session = requests.Session()
        retry = Retry(
            total=retries,
            connect=retries,
            read=0,
            status=retries,
            backoff_factor=0.3,
            status_forcelist=(502, 503, 504),
            allowed_methods=frozenset({"GET", "HEAD"}),
            raise_on_status=False,
        )
        adapter = HTTPAdapter(max_retries=retry)
        self.session.mount("http://", adapter)
        self.session.mount("https://", adapter)
        # Passed with each request: requests lets REQUESTS_CA_BUNDLE override a session's.
        self.verify = _verify

    def close(self) -> None:
        self.session.close()

    def request(
        self,
        method: str,
        path: str,
        *,
        params: dict[str, Any] | None = None,
        json: Any = None,
        headers: dict[str, str] | None = None,
        timeout: float = READ_TIMEOUT,
        stream: bool = False,
    ) -> requests.Response:
        all_headers = {
            "Accept": "application/json",
            CLIENT_VERSION_HEADER: __version__,
            API_VERSION_HEADER: str(API_VERSION),
            **(headers or {}),
        }
        if self.token:
            all_headers["Authorization"] = f"Bearer {self.token}"
        url = self.base_url + (path if path.startswith("/health") else API_PREFIX + path)
        if training.link_cut():
            raise OfflineError("training: the link to the province is cut", maybe_delivered=False)
        try:
            response = self.session.request(
                method,
                url,
                params=params,
                json=json,
                headers=all_headers,
                timeout=(CONNECT_TIMEOUT, timeout),
                verify=self.verify,
                stream=stream,
            )
        except requests.exceptions.SSLError as exc:
            raise UntrustedProvince(str(exc)) from exc
        except (requests.ConnectTimeout, requests.ConnectionError) as exc:
            reason = getattr(exc.args[0], "reason", None) if exc.args else None
            never_connected = isinstance(exc, requests.ConnectTimeout) or isinstance(
                reason, NewConnectionError | ConnectTimeoutError
            )
            raise OfflineError(str(exc), maybe_delivered=not never_connected) from exc
        except requests.RequestException as exc:
            raise OfflineError(str(exc)) from exc
        if response.status_code >= 500:
            raise OfflineError(f"{response.status_code} from {url}", status=response.status_code)
        if response.status_code >= 400:
            raise _api_error(response)
        return response

    def get_json(self, path: str, **params: Any) -> Any:
        clean = {k: v for k, v in params.items() if v is not None}
        return self.request("GET", path, params=clean).json()

    def post_json(
        self,
        path: str,
        body: Any,
        idempotency_key: str | None = None,
        api_version: int = API_VERSION,
    ) -> Any:
        """`api_version`: what the body was written for (a queued entry's own)."""
        headers = {API_VERSION_HEADER: str(api_version)}
        if idempotency_key:
            headers["Idempotency-Key"] = idempotency_key
        return self.request("POST", path, json=body, headers=headers).json()

    # -- endpoints ---------------------------------------------------------------------
    def health(self) -> dict[str, Any]:
        return self.request("GET", "/health", timeout=CONNECT_TIMEOUT).json()  # type: ignore[no-any-return]

    def login(
        self, staff_no: str, password: str, hall_code: str, counter_id: str
    ) -> dict[str, Any]:
        body = {
            "staff_no": staff_no,
            "password": password,
            "hall_code": hall_code,
            "counter_id": counter_id,
        }
        return self.request("POST", "/auth/login", json=body).json()  # type: ignore[no-any-return]

    def changes(self, since: int, limit: int, entity: str | None = None) -> dict[str, Any]:
        params: dict[str, Any] = {"since": since, "limit": limit}
        if entity is not None:
            params["entity"] = entity
        response = self.request("GET", "/sync/changes", params=params)
        return orjson.loads(response.content)  # type: ignore[no-any-return]  # (a page: MBs)

    def counts(self) -> dict[str, Any]:
        return self.get_json("/sync/counts")  # type: ignore[no-any-return]

    def head(self) -> int:
        """The feed head alone; from `/sync/counts` where the province has no `/sync/head`."""
        try:
            return int(self.get_json("/sync/head")["as_of"])
        except ApiError as exc:
            if exc.status != 404:
                raise
            return int(self.counts()["as_of"])


def _api_error(response: requests.Response) -> ApiError:
    try:
        body = response.json()
    except ValueError:
        body = {}
    if not isinstance(body, dict):
        body = {}
    cls = AuthExpired if response.status_code == 401 else ApiError
    return cls(
        status=response.status_code,
        detail=str(body.get("detail") or response.reason or response.status_code),
        type=str(body.get("type") or ""),
        errors=list(body.get("errors") or []),
        extra={k: v for k, v in body.items() if k not in _PROBLEM_MEMBERS},
    )


_PROBLEM_MEMBERS = frozenset({"type", "title", "status", "detail", "errors", "instance"})
