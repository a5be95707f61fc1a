#!/usr/bin/env python
"""Django's command-line utility for newsdrift."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsdrift.settings")
    # manage.py is the developer's tool: it runs in development mode unless told
    # otherwise. The WSGI entry point (production) has no such default, so a server
    # without DJANGO_DEBUG=1 runs in production mode and needs its SECRET_KEY.
    os.environ.setdefault("DJANGO_DEBUG", "1")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
