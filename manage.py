#!/usr/bin/env python
"""Django's command-line utility for administrative tasks."""

import os
import sys
from pathlib import Path


def use_development_defaults() -> None:
    """On a fresh checkout (no .env, nothing set), run commands with the defaults `make run` would copy.

    Production always sets SECRET_KEY (docker-compose refuses to start without
    it) and DEBUG, so it never takes this path; servers start from wsgi.py,
    which never does.
    """
    here = Path(__file__).resolve().parent
    if (here / ".env").exists() or "SECRET_KEY" in os.environ or "DEBUG" in os.environ:
        return
    example = here / ".env.example"
    if example.exists():
        for line in example.read_text().splitlines():
            name, sep, value = line.partition("=")
            if sep and not name.lstrip().startswith("#"):
                os.environ.setdefault(name.strip(), value.strip())


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pcc_portal.settings")
    use_development_defaults()
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
