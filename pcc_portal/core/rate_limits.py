"""Counting attempts in Django's cache, for the forms anyone may send (registrations, responses, resets)."""

from django.core.cache import cache


def count_attempt(key: str, *, window: int) -> int:
    """Count one attempt under key and return how many the window now holds."""
    cache.add(key, 0, timeout=window)
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window)
        return 1


def over_limit(key: str, *, limit: int, window: int) -> bool:
    """Count this attempt; answer whether it goes past limit attempts in window seconds."""
    return count_attempt(key, window=window) > limit
