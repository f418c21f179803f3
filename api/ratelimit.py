"""Fixed-window rate limits per token and per client address, kept in the cache."""

import time

from django.conf import settings

from pcc_portal.core.client_ip import client_ip
from pcc_portal.core.rate_limits import count_attempt

# (requests, seconds); settings.API_RATE_LIMITS overrides either.
DEFAULT_LIMITS = {"anonymous": (60, 60), "token": (600, 60)}


class RateLimited(Exception):
    def __init__(self, retry_after: int):
        super().__init__(f"Rate limit reached; try again in {retry_after} seconds.")
        self.retry_after = retry_after


def limits() -> dict[str, tuple[int, int]]:
    return {**DEFAULT_LIMITS, **getattr(settings, "API_RATE_LIMITS", {})}


def check(request, token=None) -> None:
    """Count the request against its token, or its address when anonymous; raise RateLimited past the limit."""
    kind = "token" if token is not None else "anonymous"
    limit, window = limits()[kind]
    who = f"t{token.pk}" if token is not None else f"ip{client_ip(request) or 'unknown'}"
    now = int(time.time())
    key = f"api-rate:{who}:{window}:{now // window}"
    if count_attempt(key, window=window + 1) > limit:
        raise RateLimited(retry_after=max(1, window - now % window))
