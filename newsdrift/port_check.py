"""Is HOST:PORT free to serve on? `make run` asks before it starts the server.

    python -m newsdrift.port_check HOST PORT

Exits 0 when a server could listen there. Otherwise prints one line saying the port
is taken and how to choose another (`make run PORT=…`, with a free one suggested), and
exits 1, before anything prints an address that would not answer. It binds the way
Django's development server does (SO_REUSEADDR), so a port left in TIME_WAIT by a
server that just stopped counts as free, and one another program listens on does not.
"""

from __future__ import annotations

import errno
import socket
import sys

SEARCH = 50  # ports tried after PORT when suggesting a free one


def can_listen(host: str, port: int) -> bool:
    family = socket.AF_INET6 if ":" in host.strip("[]") else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((host.strip("[]"), port))
        except OSError as error:
            if error.errno in (errno.EADDRINUSE, errno.EACCES):
                return False
            raise
    return True


def free_port_after(host: str, port: int) -> int | None:
    for candidate in range(port + 1, min(port + 1 + SEARCH, 65536)):
        if can_listen(host, candidate):
            return candidate
    return None


def message(host: str, port: int) -> str | None:
    """None when `host:port` is free; otherwise the one-line explanation."""
    if can_listen(host, port):
        return None
    suggestion = free_port_after(host, port)
    choose = (
        f"make run PORT={suggestion} (free now)" if suggestion else "make run PORT=<a free port>"
    )
    return (
        f"make run: {host}:{port} is already in use (another newsdrift, or another program); "
        f"stop it, or choose another port: {choose}"
    )


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print("usage: python -m newsdrift.port_check HOST PORT", file=sys.stderr)
        return 2
    if not argv[1].isdigit() or not 0 < int(argv[1]) < 65536:
        print(f"make run: PORT={argv[1]}: not a port number (1-65535)", file=sys.stderr)
        return 2
    try:
        problem = message(argv[0], int(argv[1]))
    except OSError as error:
        print(f"make run: cannot listen on {argv[0]}:{argv[1]}: {error.strerror}", file=sys.stderr)
        return 1
    if problem:
        print(problem, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
