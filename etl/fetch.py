"""The crawler's network side: one polite HTTP fetcher, and nothing that writes to disk.

Kept apart from `etl.crawl` (which decides what to fetch and saves it) so the politeness rules
live in one place and can be tested alone: an identifying User-Agent, one request per `delay`
seconds (the whole crawl shares one clock, retries included), robots.txt checked before every
request (redirect targets too), timeouts, retries with exponential backoff on 429, 5xx and
network errors (a `Retry-After` header is honoured, capped), and conditional requests
(`If-None-Match` / `If-Modified-Since`) so that an unchanged page costs a 304 and no storage.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import urljoin, urlsplit

import httpx
from protego import Protego
from tenacity import RetryCallState, Retrying, retry_if_exception_type, stop_after_attempt

MAX_REDIRECTS = 5
MAX_RETRY_AFTER_S = 60.0  # a server asking for longer than this is not waited for
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
ALLOW_ALL = "User-agent: *\nAllow: /\n"
DISALLOW_ALL = "User-agent: *\nDisallow: /\n"


@dataclass(frozen=True)
class Fetched:
    """One answered request: the bytes and what the archive manifest keeps about them."""

    url: str  # the address that finally answered (after redirects)
    requested_url: str
    status: int  # 200, or 304 when the conditional request found the page unchanged
    content: bytes
    etag: str | None
    last_modified: str | None
    fetched_at: datetime  # UTC, when the answer arrived


class FetchFailed(Exception):
    """A page that could not be fetched: a 4xx, retries exhausted, or a bad redirect."""

    def __init__(self, url: str, reason: str, status: int | None = None) -> None:
        super().__init__(f"{url}: {reason}")
        self.url = url
        self.reason = reason
        self.status = status


class RobotsDisallowed(FetchFailed):
    """robots.txt forbids the address (or a redirect pointed at a forbidden one)."""


class _Retryable(Exception):
    def __init__(self, url: str, reason: str, retry_after: float | None = None) -> None:
        super().__init__(f"{url}: {reason}")
        self.url = url
        self.reason = reason
        self.retry_after = retry_after


def _retry_after(response: httpx.Response) -> float | None:
    value = response.headers.get("Retry-After")
    if value is None:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        return None  # an HTTP date; rare, and the backoff covers it


class Fetcher:
    """A polite GET with throttling, robots, retries and manual redirects."""

    def __init__(
        self,
        client: httpx.Client,
        *,
        user_agent: str,
        delay: float,
        timeout: float,
        retries: int = 3,
        backoff: float | None = None,
    ) -> None:
        self.client = client
        self.user_agent = user_agent
        self.delay = max(0.0, delay)
        self.timeout = timeout
        self.retries = max(0, retries)
        # The first retry waits `backoff`, then twice as long each time.
        self.backoff = backoff if backoff is not None else max(self.delay, 0.05)
        self.robots: Protego = Protego.parse(ALLOW_ALL)
        self.requests = 0
        self._last_request = 0.0

    # -- robots ---------------------------------------------------------------------------
    def load_robots(self, base_url: str) -> str:
        """Fetch /robots.txt. Missing (4xx) allows all; unreachable (5xx, network) allows none.

        Returns a word for the summary: "found", "missing" or "unreachable".
        """
        url = urljoin(base_url, "/robots.txt")
        try:
            answer = self._get_with_retries(url, {})
        except _Retryable:
            self.robots = Protego.parse(DISALLOW_ALL)
            return "unreachable"
        if 200 <= answer.status_code < 300:
            self.robots = Protego.parse(answer.text)
            crawl_delay = self.robots.crawl_delay(self.user_agent)
            if crawl_delay:
                self.delay = max(self.delay, float(crawl_delay))
            return "found"
        self.robots = Protego.parse(ALLOW_ALL)
        return "missing"

    def allowed(self, url: str) -> bool:
        return bool(self.robots.can_fetch(url, self.user_agent))

    # -- requests -------------------------------------------------------------------------
    def _throttle(self) -> None:
        wait = self._last_request + self.delay - time.monotonic()
        if wait > 0:
            time.sleep(wait)
        self._last_request = time.monotonic()

    def _once(self, url: str, headers: dict[str, str]) -> httpx.Response:
        self._throttle()
        self.requests += 1
        try:
            response = self.client.get(
                url,
                headers={"User-Agent": self.user_agent, **headers},
                timeout=self.timeout,
                follow_redirects=False,
            )
        except httpx.TimeoutException as exc:
            raise _Retryable(url, f"timed out after {self.timeout:g} s") from exc
        except httpx.TransportError as exc:
            raise _Retryable(url, f"network error: {exc.__class__.__name__}") from exc
        if response.status_code in RETRY_STATUSES:
            raise _Retryable(url, f"HTTP {response.status_code}", _retry_after(response))
        return response

    def _wait(self, state: RetryCallState) -> float:
        backoff = self.backoff * 2 ** (state.attempt_number - 1)
        exc = state.outcome.exception() if state.outcome else None
        if isinstance(exc, _Retryable) and exc.retry_after is not None:
            return min(max(backoff, exc.retry_after), MAX_RETRY_AFTER_S)
        return backoff

    def _get_with_retries(self, url: str, headers: dict[str, str]) -> httpx.Response:
        retrying = Retrying(
            stop=stop_after_attempt(self.retries + 1),
            wait=self._wait,
            retry=retry_if_exception_type(_Retryable),
            reraise=True,
        )
        response: httpx.Response = retrying(self._once, url, headers)
        return response

    def get(
        self, url: str, *, etag: str | None = None, last_modified: str | None = None
    ) -> Fetched:
        """GET one page, following redirects on the same host; raises FetchFailed."""
        headers: dict[str, str] = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        current = url
        for _ in range(MAX_REDIRECTS + 1):
            if not self.allowed(current):
                raise RobotsDisallowed(current, "forbidden by robots.txt")
            try:
                response = self._get_with_retries(current, headers)
            except _Retryable as exc:
                raise FetchFailed(
                    current, f"gave up after {self.retries + 1} tries: {exc.reason}"
                ) from exc
            if response.has_redirect_location:
                target = urljoin(current, response.headers.get("Location", ""))
                if urlsplit(target).netloc != urlsplit(url).netloc:
                    raise FetchFailed(
                        url, f"redirected off the site to {target}", response.status_code
                    )
                current = target
                headers = {}  # validators belong to the first address only
                continue
            if response.status_code == 304:
                return self._fetched(url, current, response, b"")
            if response.status_code != 200:
                raise FetchFailed(current, f"HTTP {response.status_code}", response.status_code)
            return self._fetched(url, current, response, response.content)
        raise FetchFailed(url, f"more than {MAX_REDIRECTS} redirects")

    @staticmethod
    def _fetched(requested: str, final: str, response: httpx.Response, content: bytes) -> Fetched:
        return Fetched(
            url=final,
            requested_url=requested,
            status=response.status_code,
            content=content,
            etag=response.headers.get("ETag"),
            last_modified=response.headers.get("Last-Modified"),
            fetched_at=datetime.now(UTC),
        )
