"""Probe a newsdrift configured entirely from the environment, from a process of its own.

Settings are read once, at start-up, from the environment; the production settings
tests therefore run the app in a subprocess with the environment a deployment would
have, and this script reports what a client sees there, as one JSON line:

    python -m tests.reliability.probe GET /healthz [HEADER=VALUE ...]
"""

from __future__ import annotations

import json
import os
import sys

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsdrift.settings")

import django  # noqa: E402

django.setup()

from django.test import Client  # noqa: E402


def probe(method: str, path: str, *headers: str) -> dict:
    extra = dict(header.split("=", 1) for header in headers)
    client = Client(raise_request_exception=False, **extra)
    response = client.generic(method, path)
    return {
        "status": response.status_code,
        "location": response.get("Location", ""),
        "content_type": response.get("Content-Type", ""),
        "csp": response.get("Content-Security-Policy", ""),
        "body": response.content.decode("utf-8", "replace")[:2000],
    }


if __name__ == "__main__":
    print(json.dumps(probe(*sys.argv[1:])))
