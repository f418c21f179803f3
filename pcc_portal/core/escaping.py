"""Escaping for the markup that long lists' template tags write in Python instead of a template loop."""

from html import escape


def escaped(value) -> str:
    """Return what django.utils.html.conditional_escape returns, without its check for lazy strings on every call.

    A lazy string has no __html__, so it is escaped as its text, as Django does.
    """
    return value.__html__() if hasattr(value, "__html__") else escape(str(value))
